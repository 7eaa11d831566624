"""Command line: the same functions the pages call, for the monthly job a finance team schedules.

    python -m lib.cli ingest FILE... [--kind spend|suppliers|contracts|savings] [--db PATH]
                                                   one JSON object per file on stdout
    python -m lib.cli postcode PC... [--db PATH]   one JSON object per postcode: ring, district, point
    python -m lib.cli demo [--db PATH]             build the demo store

Exit codes: 0 when every file was read (quarantined rows or not); 2 when a file cannot be used at
all (one line on stderr per such file; nothing of it is written); 1 on any other error.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path


def _period(text: str | None):
    if not text:
        return None
    from lib.ingest import period_from_name

    p = period_from_name(text)
    if p is None:
        raise SystemExit(f"--period {text!r}: give a month (2017-03) or a quarter (2014-q2)")
    return p


def cmd_ingest(args) -> int:
    from lib.ingest import UnusableFile, load_file

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            res = load_file(path, db=args.db, kind=args.kind, period=_period(args.period))
        except UnusableFile as e:
            msg = str(e)
            if not msg.startswith(path.name):
                msg = f"{path.name}: {msg}"
            print(msg, file=sys.stderr)
            status = 2
            continue
        except FileNotFoundError:
            print(f"{path.name}: no such file", file=sys.stderr)
            status = 2
            continue
        print(json.dumps(res.as_json()), flush=True)
    return status


def cmd_postcode(args) -> int:
    from lib.geo.postcodes import build_reference, classify, reference_built

    if args.build or not reference_built(args.db):
        build_reference(args.db, progress=lambda f, t: print(f"{f:4.0%} {t}", file=sys.stderr, flush=True),
                        force=args.build)
    out = classify(args.postcodes, db=args.db)
    out = out.astype(object).where(out.notna(), None)  # JSON null, never NaN
    for r in out.to_dict("records"):
        print(json.dumps({
            "input": r["input"], "postcode": r["postcode"], "valid": bool(r["valid"]),
            "district_code": r["district_code"], "district_name": r["district_name"], "ring": r["ring"],
            "lat": None if r["lat"] is None else round(float(r["lat"]), 6),
            "lon": None if r["lon"] is None else round(float(r["lon"]), 6),
            "approximate": bool(r["approximate"]), "reason": r["reason"],
        }))
    return 0


def cmd_demo(args) -> int:
    from lib.demo_load import build_demo

    def progress(fraction, text):
        print(f"{fraction:4.0%} {text}", file=sys.stderr, flush=True)

    summary = build_demo(db=args.db, progress=progress)
    print(json.dumps(summary))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="load spend files into the store")
    p.add_argument("files", nargs="+")
    p.add_argument("--db", help="store path (default: $SPEND_DB or data/spend.duckdb)")
    p.add_argument("--period", help="the period of files whose rows carry no day, e.g. 2014-q2 or 2017-03")
    p.add_argument("--kind", default="spend", choices=["spend", "suppliers", "contracts", "savings"],
                   help="what the files hold (default spend)")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("postcode", help="normalise, validate and place postcodes (offline)")
    p.add_argument("postcodes", nargs="+")
    p.add_argument("--db")
    p.add_argument("--build", action="store_true", help="rebuild the postcode reference first")
    p.set_defaults(func=cmd_postcode)
    p = sub.add_parser("demo", help="build the demo store (deterministic)")
    p.add_argument("--db")
    p.set_defaults(func=cmd_demo)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except Exception as e:  # the store held by another process (the running app) is the usual one
        if "lock" in str(e).lower() and e.__class__.__name__ == "IOException":
            print(f"the store is in use by another process (is the app running on it?): {e}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
