"""Uploaded bytes → a file on disk that ingest can read (kept per content hash, so a rerun of the
page never writes or parses the same upload twice)."""
from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

_DIR = Path(tempfile.gettempdir()) / "spend-uploads"


def save_upload(data: bytes, name: str) -> Path:
    """Write the upload under a folder named by its sha256; return the path (the file's own name)."""
    sha = hashlib.sha256(data).hexdigest()
    safe = re.sub(r"[^A-Za-z0-9._ -]", "_", Path(name).name) or "upload"
    folder = _DIR / sha[:32]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe
    if not path.exists() or path.stat().st_size != len(data):
        path.write_bytes(data)
    return path
