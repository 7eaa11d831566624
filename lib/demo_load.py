"""Build the demo store: the postcode reference, then the deterministic demo files loaded through
the same ingest path as any upload, marked as demo data (the app labels it wherever it shows)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lib import store

DEMO_SEED = 2020


def store_is_empty(db=None) -> bool:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*) FROM batches").fetchall()[0][0] == 0
    finally:
        cur.close()


def build_demo(db=None, progress=None) -> dict:
    """Generate and load the demo registers and spend files; return a summary."""
    from lib.demo import generate
    from lib.geo.postcodes import build_reference
    from lib.ingest import load_file
    from lib.suppliers import refresh_store

    say = progress or (lambda f, t: None)
    build_reference(db, progress=lambda f, t: say(0.35 * f, t))
    say(0.36, "Generating demo data")
    with tempfile.TemporaryDirectory(prefix="spend-demo-") as tmp:
        files = generate(Path(tmp), seed=DEMO_SEED)
        load_file(files["suppliers"], db=db, kind="suppliers", is_demo=True, refresh_suppliers=False)
        load_file(files["savings"], db=db, kind="savings", is_demo=True)
        spend = sorted(files["spend"])
        lines, amount, loaded = 0, 0, 0
        for i, path in enumerate(spend):
            res = load_file(path, db=db, is_demo=True, refresh_suppliers=False)
            if not res.duplicate:
                loaded += 1
                lines += res.rows_loaded
                amount += res.amount_loaded
            say(0.4 + 0.58 * (i + 1) / len(spend), f"Loaded {Path(path).name}")
        say(0.98, "Linking spend to suppliers and places")
        refresh_store(db)
        # The contracts last, once spend and its links are in: which contract covers each line is
        # then worked out once, not again with every spend file.
        say(0.99, "Loading the contracts register")
        load_file(files["contracts"], db=db, kind="contracts", is_demo=True)
    say(1.0, "Demo data ready")
    return {"files": len(spend), "files_loaded": loaded, "lines": lines, "amount": f"{amount:.2f}"}


def ensure_demo_loaded(db=None, progress=None) -> bool:
    """Load the demo data when the store holds no batches at all; True when it did.

    Set SPEND_NO_DEMO=1 to start with an empty store (tests, or a force's own deployment)."""
    if os.environ.get("SPEND_NO_DEMO") == "1" or not store_is_empty(db):
        return False
    build_demo(db, progress)
    return True
