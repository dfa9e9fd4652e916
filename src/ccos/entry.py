"""The `ccos` script. `ccos --version` answers before Typer is even imported."""

from __future__ import annotations

import os
import sys

# Set for the process started by `_utf8_mode()`: PYTHONIOENCODING was ccos's, not the person's.
_IOENCODING_MARK = "CCOS_KEPT_IOENCODING"


def main() -> None:
    # ccos uses no pydantic plugins; skipping their entry-point scan saves start-up time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--version"]:
        from ccos import __version__

        sys.stdout.write(f"ccos {__version__}\n")
        return
    _utf8_mode()
    from ccos.render.streams import prepare_streams

    prepare_streams()  # before any output
    from ccos.cli import main as cli_main

    cli_main()


def _utf8_mode() -> None:
    """File names and arguments are UTF-8, whatever the locale; the terminal keeps its encoding.

    ccos names its files after people and titles (`mentees/王小明/`) and writes UTF-8. In a
    locale whose encoding is not UTF-8 (`LC_ALL=C` with `PYTHONUTF8=0 PYTHONCOERCECLOCALE=0`,
    `de_DE.ISO-8859-1`) Python decodes those names and the command line with the locale: a
    mentee's id becomes lone surrogates or mojibake, which cannot be written into a session
    or an export. So ccos runs itself once more in Python's UTF-8 mode (`-X utf8`), with
    stdout and stderr still in the terminal's own encoding (PYTHONIOENCODING, for that
    process only); render/streams.py then replaces what the terminal cannot show.
    """
    if os.environ.pop(_IOENCODING_MARK, None) is not None:
        os.environ.pop("PYTHONIOENCODING", None)  # not passed on to git or an editor
        return
    if os.name != "posix" or sys.flags.utf8_mode or sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return
    environ = dict(os.environ)
    if not environ.get("PYTHONIOENCODING") and sys.stdout is not None:
        environ["PYTHONIOENCODING"] = f"{sys.stdout.encoding}:{sys.stdout.errors}"
        environ[_IOENCODING_MARK] = "1"
    try:
        sys.stdout.flush()
        os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]], environ)
    except (OSError, ValueError, AttributeError):
        return  # carry on as this process is: output is still safe, only names may not be
