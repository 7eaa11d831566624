"""Command line: the same functions the pages call, for the monthly job a finance team schedules.

    python -m lib.cli ingest FILE... [--db PATH]   one JSON object per file on stdout
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
            res = load_file(path, db=args.db, period=_period(args.period))
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
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("demo", help="build the demo store (deterministic)")
    p.add_argument("--db")
    p.set_defaults(func=cmd_demo)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
