"""Plotly figures to PNG through kaleido's headless Chromium, for the briefing. No Streamlit here.

One browser draws a batch of charts; a chart that fails is drawn again once in a new browser, and
one that still fails comes back as the reason, in one line, for the PDF to print in its place.
Nothing reaches the console: kaleido and choreographer log to their own loggers (kept off
stderr), and an error they raise in a background task or thread while Chromium starts or closes
(choreographer's ``JSONDecodeError`` on a pipe cut short) is dropped, since what matters, whether
each image was drawn, is already known.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import sys
import threading
from dataclasses import dataclass

_LIBRARIES = ("kaleido", "choreographer", "logistro")
# their loggers, and the one choreographer writes Chromium's own stderr to, line by line
_LOGGERS = (*_LIBRARIES, "browser_proc")
_FRAMES = tuple(f"/{name}/" for name in _LIBRARIES)
RENDER_SECONDS = 60  # one chart, or starting Chromium
TRIES = 2  # a failed chart is drawn once more, in a new browser


@dataclass(frozen=True)
class Chart:
    """A figure and the size of its image in CSS pixels (``scale`` times more pixels are drawn)."""
    figure: object
    width: int
    height: int
    scale: float = 2.0


def _from_libraries(exc: BaseException | None, text: str = "") -> bool:
    """Whether an error (or a log message) comes from kaleido or choreographer."""
    if any(name in text for name in _LIBRARIES):
        return True
    while exc is not None:
        tb = exc.__traceback__
        while tb is not None:
            if any(part in tb.tb_frame.f_code.co_filename for part in _FRAMES):
                return True
            tb = tb.tb_next
        exc = exc.__cause__ or exc.__context__
    return False


class _DropLibraryErrors(logging.Filter):
    """asyncio reports an exception left in a callback or a task it never saw retrieved; those
    raised inside kaleido or choreographer are theirs to handle, not a reader's."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not _from_libraries(exc, record.getMessage() if exc is None else "")


def _keep_quiet() -> None:
    """Keep the libraries' logging off stderr, for good (the process's own logging is untouched)."""
    for name in _LOGGERS:
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False
    aio = logging.getLogger("asyncio")
    if not any(isinstance(f, _DropLibraryErrors) for f in aio.filters):
        aio.addFilter(_DropLibraryErrors())

    previous = threading.excepthook
    if getattr(previous, "_drops_library_errors", False):
        return

    def hook(args):
        if not _from_libraries(args.exc_value):
            previous(args)

    hook._drops_library_errors = True
    threading.excepthook = hook
    previous_unraisable = sys.unraisablehook

    def unraisable(args):
        if not _from_libraries(args.exc_value, repr(args.object)):
            previous_unraisable(args)

    sys.unraisablehook = unraisable


def one_line(exc: BaseException) -> str:
    """An error as one short line: its type when it says nothing else."""
    text = " ".join(str(exc).split())
    if not text:
        return type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def _kaleido_options() -> dict:
    from plotly.io import defaults

    kopts = {"n": 1, "timeout": RENDER_SECONDS}
    if defaults.plotlyjs:
        kopts["plotlyjs"] = defaults.plotlyjs
    return kopts


class Browser:
    """One headless Chromium (kaleido), started at once in a thread of its own with its own event
    loop, so it starts while the figures are queried and runs beside any other loop (Streamlit's).
    ``pngs`` draws a batch in it; ``close`` ends it. Its failures come back to the caller of
    ``pngs`` as exceptions, never on the console."""

    def __init__(self):
        _keep_quiet()
        self._jobs: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="briefing-charts", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # noqa: BLE001  (handed to the caller of pngs)
            self._error = exc

    async def _serve(self) -> None:
        import kaleido

        async with kaleido.Kaleido(**_kaleido_options()) as k:
            while True:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    await asyncio.sleep(0.05)
                    continue
                if job is None:
                    return
                charts, done = job
                out: dict[str, bytes | str] = {}
                for name, c in charts.items():
                    fig = c.figure.to_dict() if hasattr(c.figure, "to_dict") else c.figure
                    opts = {"format": "png", "width": c.width, "height": c.height, "scale": c.scale}
                    try:
                        # A page whose scripts have not loaded yet answers with the script's error
                        # ("kaleido_scopes is not defined": a busy machine, a browser just started)
                        # rather than an image: asked again, once it has had a moment.
                        for wait in (0.5, 2.0, None):
                            got = await asyncio.wait_for(k.calc_fig(fig, opts=opts), RENDER_SECONDS)
                            if isinstance(got, bytes) or wait is None:
                                break
                            await asyncio.sleep(wait)
                        out[name] = got if isinstance(got, bytes) else "the browser did not draw it: " + one_line(
                            RuntimeError(str(got)))
                    except Exception as exc:  # noqa: BLE001  (the chart says so in the PDF)
                        out[name] = one_line(exc)
                done.set_result(out)

    def pngs(self, charts: dict[str, Chart]) -> dict[str, bytes | str]:
        """Each chart as PNG bytes or why it could not be drawn (one line). Raises when the browser
        could not be started, stopped, or did not answer in time."""
        done: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((charts, done))
        waited, limit = 0.0, RENDER_SECONDS * (len(charts) + 1)
        while waited < limit:
            try:
                return done.result(timeout=0.25)
            except concurrent.futures.TimeoutError:
                waited += 0.25
                if not self._thread.is_alive():
                    if done.done():
                        return done.result()
                    raise RuntimeError("Chromium stopped: " + (one_line(self._error) if self._error else "no reason given"))
        raise TimeoutError(f"Chromium did not draw the charts within {limit} seconds")

    def close(self) -> None:
        """End the browser (an error while it closes is not the reader's concern)."""
        self._jobs.put(None)
        self._thread.join(RENDER_SECONDS)


def pngs(charts: dict[str, Chart], browser: Browser | None = None) -> dict[str, bytes | str]:
    """Each chart as PNG bytes or why it could not be drawn, in ``browser`` (one already starting)
    or in a new browser closed afterwards. Raises when the browser cannot be used at all."""
    own = browser is None
    browser = browser or Browser()
    try:
        return browser.pngs(charts)
    finally:
        if own:
            browser.close()


def draw(charts: dict[str, Chart], browser: Browser | None = None) -> dict[str, bytes | str]:
    """Every chart as PNG bytes or the reason it could not be drawn (one line): tried first in
    ``browser`` (else a new one), the failures once more in a new browser. Never raises for a
    chart; prints nothing."""
    _keep_quiet()
    result: dict[str, bytes | str] = {}
    todo = dict(charts)
    for attempt in range(TRIES):
        if not todo:
            break
        try:
            got = pngs(todo, browser if attempt == 0 else None)
        except Exception as exc:  # noqa: BLE001  (Chromium would not start, or went away)
            got = {name: one_line(exc) for name in todo}
        result.update(got)
        todo = {name: charts[name] for name, v in got.items() if not isinstance(v, bytes)}
    return result
