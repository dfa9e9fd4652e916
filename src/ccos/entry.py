"""The `ccos` script. `ccos --version` answers before Typer is even imported."""

from __future__ import annotations

import os
import sys


def main() -> None:
    # ccos uses no pydantic plugins; skipping their entry-point scan saves start-up time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--version"]:
        from ccos import __version__

        sys.stdout.write(f"ccos {__version__}\n")
        return
    if not os.environ.get("CCOS_NO_CACHE"):
        from ccos.storage.answer_cache import replay

        if replay(sys.argv[1:]):
            return
    from ccos.cli import main as cli_main

    cli_main()
