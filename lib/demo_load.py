"""Build the demo store: generate the deterministic demo files, then load them through the same
ingest path as any upload, marked as demo data (the app labels it wherever it shows)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lib import store

DEMO_SEED = 2020


def store_is_empty(db=None) -> bool:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*) FROM batches").fetchone()[0] == 0
    finally:
        cur.close()


def build_demo(db=None, progress=None) -> dict:
    """Generate and load the demo spend files; return a summary (files, lines, amount)."""
    from lib.demo import generate
    from lib.ingest import load_file

    say = progress or (lambda f, t: None)
    say(0.0, "Generating demo data")
    with tempfile.TemporaryDirectory(prefix="spend-demo-") as tmp:
        files = generate(Path(tmp), seed=DEMO_SEED)
        spend = sorted(files["spend"])
        lines, amount, loaded = 0, 0, 0
        for i, path in enumerate(spend):
            res = load_file(path, db=db, is_demo=True)
            if not res.duplicate:
                loaded += 1
                lines += res.rows_loaded
                amount += res.amount_loaded
            say(0.05 + 0.95 * (i + 1) / len(spend), f"Loaded {Path(path).name}")
    return {"files": len(spend), "files_loaded": loaded, "lines": lines, "amount": f"{amount:.2f}"}


def ensure_demo_loaded(db=None, progress=None) -> bool:
    """Load the demo data when the store holds no batches at all; True when it did.

    Set SPEND_NO_DEMO=1 to start with an empty store (tests, or a force's own deployment)."""
    if os.environ.get("SPEND_NO_DEMO") == "1" or not store_is_empty(db):
        return False
    build_demo(db, progress)
    return True
