"""stdout and stderr that never raise on text the terminal cannot show.

On an ASCII or latin-1 terminal (`PYTHONIOENCODING=ascii`, `LC_ALL=C` without UTF-8 mode, a
cp1252 console) Python's streams raise `UnicodeEncodeError` on the first bar, dash or CJK
name; a write command that already saved would then end in "internal error", and a retry
loop would save twice. `prepare_streams()` (called once at start-up, before any output)
makes both streams encode with the `ccos` error handler instead:

- the symbols ccos draws become ASCII of the same width (`█`→`#`, `░`→`.`, `—`→`-`, `·`→`|`,
  `…`→`~`, `→`→`>`, `✓`→`+`, ...), so bars, tables and the 80-column status screen keep
  their layout;
- a letter with an accent loses it (`Zoë`→`Zoe`);
- any other character (a Chinese name) becomes one `?` per terminal cell on stdout, so
  columns still line up, and keeps the stream's own policy where Python chose a lossless
  one: stderr's `\\u738b` escapes (an error line should say exactly which name it means) and
  the C locale's `surrogateescape` (undecodable file-name bytes go back out unchanged).

Streams that are UTF-8 get the handler only when their policy is `strict` (a lone
surrogate from a non-UTF-8 argument would otherwise raise there too).

Both streams are also wrapped in `GuardedStream`, which records any exception raised while
writing or flushing them, so the error boundary (commands/base.py) knows that an exception
came from output (a closed pipe, a terminal gone away) and not from the command's work.

Imports only the standard library: this runs before Typer and Rich are imported.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import Any

from ccos.i18n import tr

HANDLER = "ccos"
_REGISTERED: set[str] = set()

# Width-preserving ASCII for the symbols ccos (and Rich) draw: one cell each.
SYMBOLS: dict[str, str] = {
    "█": "#",
    "▓": "*",
    "▒": "+",
    "░": ".",
    "▮": "!",
    "▁": ".",
    "▂": ",",
    "▃": ":",
    "▄": "-",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "·": "|",
    "—": "-",
    "–": "-",
    "―": "-",
    "‐": "-",
    "…": "~",
    "→": ">",
    "←": "<",
    "↔": "-",
    "↻": "@",
    "✓": "+",
    "✔": "+",
    "✗": "x",
    "✘": "x",
    "○": "o",
    "●": "*",
    "•": "*",
    "★": "*",
    "✎": "*",
    "⚠": "!",
    "▶": ">",
    "⏸": "=",
    "§": "S",
    "±": "~",
    "×": "x",
    "≥": ">",
    "≤": "<",
    "≈": "~",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "\u00a0": " ",
    "🎓": "**",
}


def is_utf(stream: Any) -> bool:
    """Whether the stream encodes every character (UTF-8, -16 or -32)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _cells(char: str) -> int:
    import unicodedata

    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _box(char: str) -> str | None:
    """Rich's lines and frames (U+2500..U+257F) as `-`, `|` and `+`."""
    if not "\u2500" <= char <= "\u257f":
        return None
    import unicodedata

    name = unicodedata.name(char, "")
    if "HORIZONTAL" in name and "VERTICAL" not in name and "AND" not in name:
        return "-"
    if "VERTICAL" in name and "HORIZONTAL" not in name and "AND" not in name:
        return "|"
    return "+"


def _plain_letter(char: str) -> str | None:
    """`ë` -> `e`: a letter whose decomposition is one ASCII letter and marks."""
    import unicodedata

    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 and base.isascii() and base.isalpha() else None


def ascii_for(char: str) -> str | None:
    """The ASCII ccos shows for a character it cannot encode, or None (no equivalent)."""
    return SYMBOLS.get(char) or _box(char) or _plain_letter(char)


@functools.lru_cache(maxsize=4096)
def _replacement(char: str, base: str) -> str | bytes:
    """What one character the stream cannot encode is written as (a page of Chinese notes
    repeats the same few hundred characters: each is looked up once)."""
    known = ascii_for(char)
    if known is not None:
        return known
    if base == "surrogateescape" and "\udc80" <= char <= "\udcff":
        return bytes([ord(char) - 0xDC00])
    if base == "backslashreplace":
        return char.encode("ascii", "backslashreplace").decode("ascii")
    return "?" * _cells(char)


def _handler(base: str) -> Any:
    """An encode error handler: ASCII equivalents first, then the stream's own policy."""

    def handle(exc: UnicodeError) -> tuple[str | bytes, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        parts = [_replacement(char, base) for char in exc.object[exc.start : exc.end]]
        if any(isinstance(part, bytes) for part in parts):
            encoded = [part if isinstance(part, bytes) else part.encode(exc.encoding, "replace") for part in parts]
            return b"".join(encoded), exc.end
        return "".join(part for part in parts if isinstance(part, str)), exc.end

    return handle


def handler_name(base: str) -> str:
    """The registered `ccos` handler that falls back to `base` (registered on first use)."""
    if base.startswith(HANDLER):
        return base
    if base not in ("surrogateescape", "backslashreplace"):
        base = "replace"
    name = f"{HANDLER}-{base}"
    if name not in _REGISTERED:
        codecs.register_error(name, _handler(base))
        _REGISTERED.add(name)
    return name


class GuardedStream:
    """A text stream that notes each exception its writes raise (and raises it unchanged)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self.name_in_sys = name

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except Exception as exc:
            _failed(self.name_in_sys, exc)
            raise

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except Exception as exc:
            _failed(self.name_in_sys, exc)
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class OutputFailure:
    """An exception raised while writing to stdout or stderr, and whether the command had
    saved its change for good at that moment (asked then: a failure under the workspace
    lock is rolled back, one after it is not)."""

    def __init__(self, stream: str, error: BaseException, saved: bool) -> None:
        self.stream = stream
        self.error = error
        self.saved = saved

    def describe(self) -> str:
        error = self.error
        if isinstance(error, BrokenPipeError):
            return tr("{stream} was closed").format(stream=self.stream)
        if isinstance(error, OSError) and error.strerror:
            return tr("cannot write to {stream}: {why}").format(stream=self.stream, why=error.strerror)
        return tr("cannot write to {stream}: {why}").format(stream=self.stream, why=type(error).__name__)


_FAILURES: list[OutputFailure] = []
_SAVED: list[Callable[[], bool]] = []


def watch_saved(probe: Callable[[], bool]) -> None:
    """Tell output failures how to know whether the running command has saved its change."""
    _SAVED[:] = [probe]


def _failed(stream: str, exc: BaseException) -> None:
    try:
        saved = bool(_SAVED and _SAVED[0]())
    except Exception:
        saved = False
    _FAILURES.append(OutputFailure(stream, exc, saved))


def output_failure(exc: BaseException) -> OutputFailure | None:
    """The output failure `exc` is (or was raised while handling), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for failure in _FAILURES:
            if failure.error is current:
                return failure
        current = current.__cause__ or current.__context__
    return None


def any_output_failed() -> bool:
    """Whether a write to stdout or stderr failed in this process (the output is partial)."""
    return bool(_FAILURES)


def _prepare(stream: Any, name: str) -> Any:
    if stream is None or isinstance(stream, GuardedStream):
        return stream
    reconfigure = getattr(stream, "reconfigure", None)
    errors = getattr(stream, "errors", None) or "strict"
    if reconfigure is not None and (not is_utf(stream) or errors == "strict"):
        with contextlib.suppress(ValueError, OSError, LookupError):
            reconfigure(errors=handler_name(errors))
    return GuardedStream(stream, name)


def prepare_streams() -> None:
    """Make stdout and stderr safe for any text, once per process (idempotent)."""
    sys.stdout = _prepare(sys.stdout, "stdout")
    sys.stderr = _prepare(sys.stderr, "stderr")


def write_bytes(data: bytes) -> None:
    """Bytes to stdout as they are (an export: UTF-8 by its format, whatever the terminal),
    failures noted like those of text output."""
    stream = sys.stdout
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except Exception as exc:
        if output_failure(exc) is None:
            _failed("stdout", exc)
        raise


def write_quietly(stream_name: str, text: str) -> bool:
    """Write and flush a line to stdout/stderr; False (never an exception) if it failed."""
    stream = getattr(sys, stream_name)
    try:
        stream.write(text)
        stream.flush()
    except Exception as exc:
        if output_failure(exc) is None:
            _failed(stream_name, exc)
        silence(stream_name)
        return False
    return True


def silence(stream_name: str) -> None:
    """Point a broken stdout/stderr at /dev/null, so the flush at exit cannot fail again."""
    stream = getattr(sys, stream_name)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def flush_quietly() -> bool:
    """Flush both streams at the end of a command; False if one of them could not be written."""
    ok = True
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            stream.flush()
        except Exception as exc:
            if output_failure(exc) is None:
                _failed(name, exc)
            silence(name)
            ok = False
    return ok
