"""A file's SHA-256, worked out in a thread from the moment the file is named.

A load needs the whole file's hash only at its end (is this file a batch already loaded?), but the
hash is a full read of the file: worked out beside DuckDB's reading it took one of the machine's
cores from that reader. Started as soon as the command line names the file (:func:`start`, before
DuckDB is even imported), it runs while Python starts up and the store opens, when the second
core is idle; the load then takes it (:func:`future`). Nothing here imports DuckDB, so the CLI
can start it first.

hashlib lets go of the GIL for each block it hashes, so the thread runs beside Python's own work.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import os
import re
import threading
from pathlib import Path

_BLOCK = 1 << 20
_started: dict[tuple, concurrent.futures.Future] = {}
_lock = threading.Lock()


def sha256_of(path: str | os.PathLike) -> str:
    """The file's SHA-256, as hex."""
    return _digest(path)[0]


# UTF-8 text written in UTF-8 twice over (lib.ingest.read.ENCODED_TWICE, "CafÃ©"), as bytes: a lead
# byte read as Â, Ã, Ä, Å or â (C3 82-85, C3 A2), then a continuation byte read as cp1252 or Latin-1
# (its character's first UTF-8 byte: C2, C5, C6, CB or E2). Text as it was meant never holds it.
_TWICE = re.compile(rb"\xc3[\x82-\x85\xa2][\xc2\xc5\xc6\xcb\xe2]")


def _digest(path: str | os.PathLike) -> tuple[str, int, bool]:
    """(the file's SHA-256 as hex, its rows of text, whether it may hold text written in UTF-8 twice
    over): the rows are the lines a text editor or a spreadsheet shows, blank lines among them, the
    line ends after the last line not counted. Counting costs the read little (a count of one byte
    per block), and so does the look for text encoded twice (a block with no byte C3 is passed over)."""
    h = hashlib.sha256()
    ends, tail, twice = 0, b"", False
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_BLOCK), b""):
            h.update(chunk)
            ends += chunk.count(b"\n")
            if not twice and (b"\xc3" in chunk or b"\xc3" in tail[-2:]):
                twice = _TWICE.search(tail[-2:] + chunk) is not None  # (a pair cut by the block's end too)
            tail = chunk[-4096:] if len(chunk) >= 4096 else (tail + chunk)[-4096:]
    last = tail.rstrip(b"\r\n")
    ends -= tail[len(last):].count(b"\n")  # the last line's own end, and blank lines after it
    return h.hexdigest(), ends + 1 if (last or ends) else 0, twice


def _key(path: str | os.PathLike) -> tuple | None:
    """The file as it is now (path, size, modification time, inode): a hash started for it holds
    only while all four do."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (str(Path(path).resolve()), st.st_size, st.st_mtime_ns, st.st_ino)


def _run(path: str | os.PathLike) -> concurrent.futures.Future:
    fut: concurrent.futures.Future = concurrent.futures.Future()

    def work():
        if not fut.set_running_or_notify_cancel():
            return
        try:
            # the rows of text too, and whether it may hold text encoded twice, for the caller to read once done
            sha, fut.text_rows, fut.encoded_twice = _digest(path)
            fut.set_result(sha)
        except BaseException as e:  # noqa: BLE001 - handed to whoever takes the result
            fut.set_exception(e)

    threading.Thread(target=work, name="sha256", daemon=True).start()
    return fut


def start(path: str | os.PathLike) -> None:
    """Start hashing ``path`` now, for a load that will ask for it (nothing when it is not a file,
    or is already being hashed)."""
    key = _key(path)
    if key is None or not Path(path).is_file():
        return
    with _lock:
        if key not in _started:
            _started[key] = _run(path)


def future(path: str | os.PathLike) -> concurrent.futures.Future:
    """The file's SHA-256 as a future: the one :func:`start` began when the file is unchanged since
    (taken, so the next load of it hashes afresh), else one begun now. Once its result is in, its
    ``text_rows`` is the file's rows of text, counted on the same read, and ``encoded_twice`` whether
    it may hold text written in UTF-8 twice over (:func:`_digest`)."""
    key = _key(path)
    with _lock:
        fut = _started.pop(key, None) if key is not None else None
    return fut if fut is not None else _run(path)
