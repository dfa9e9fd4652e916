"""The `ccos` script. `ccos --version` answers before Typer is even imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ccos import __version__

        sys.stdout.write(f"ccos {__version__}\n")
        return
    from ccos.cli import main as cli_main

    cli_main()
