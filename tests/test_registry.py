"""A capability is one folder and one registration line: everything else reads the registry.

The test writes a small capability package ("quiet periods": a file kind, a command, a seam
source that scales the budget) outside ccos, adds it to `registry.PACKAGES` and checks that
the CLI, `init`, the planner, doctor, sync's validation and export all know it.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ccos import registry
from tests.conftest import TODAY

PACKAGE = {
    "__init__.py": """
        from ccos.registry import Capability, FileKind

        CAPABILITY = Capability(
            name="quiet",
            folder="quiet",
            commands=(("quiet", "demo_quiet.commands"),),
            source="demo_quiet.source:QuietSource",
            files=(FileKind("quiet/*.toml", "demo_quiet.model:Quiet", "quiet period {stem}", "quiet-period"),),
        )
    """,
    "model.py": """
        import datetime as dt

        from ccos.models.base import Model


        class Quiet(Model):
            start: dt.date
            end: dt.date
            factor: float = 0.5
    """,
    "source.py": """
        from demo_quiet.model import Quiet


        class QuietSource:
            name = "quiet"

            def _periods(self, ctx):
                folder = ctx.workspace.folder("quiet")
                return [ctx.workspace.load(path, Quiet) for path in sorted(folder.glob("*.toml"))]

            def commitments(self, ctx, period):
                return []

            def warnings(self, ctx, period):
                return []

            def progress(self, ctx, period):
                return []

            def budget_factor(self, ctx, day):
                factors = [q.factor for q in self._periods(ctx) if q.start <= day <= q.end]
                return min(factors, default=1.0)
    """,
    "commands.py": """
        import typer

        from ccos.commands.base import CcosTyper, app_context


        def register(root):
            app = CcosTyper(help="Quiet periods that scale the budget.")

            @app.command("add")
            def add(ctx: typer.Context, start: str, end: str) -> None:
                workspace = app_context(ctx).workspace()
                with workspace.locked("quiet add"):
                    path = workspace.folder("quiet") / f"{start}.toml"
                    workspace.write_text(path, f"start = {start}\\nend = {end}\\n")
                print(f"quiet from {start} to {end}")

            root.add_typer(app, name="quiet")
    """,
}


@pytest.fixture
def quiet_capability(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    package = tmp_path / "plugins" / "demo_quiet"
    package.mkdir(parents=True)
    for name, text in PACKAGE.items():
        (package / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    monkeypatch.syspath_prepend(str(package.parent))
    monkeypatch.setattr(registry, "PACKAGES", (*registry.PACKAGES, "demo_quiet"))  # the one line
    registry.capabilities.cache_clear()
    yield
    registry.capabilities.cache_clear()
    for name in [name for name in sys.modules if name.startswith("demo_quiet")]:
        del sys.modules[name]


def run(*args: str) -> Result:
    """The CLI as built now, from the registry as it is now."""
    from ccos.cli import build_app

    return CliRunner().invoke(build_app(), list(args), env={"CCOS_TODAY": TODAY})


def test_a_new_capability_is_one_folder_and_one_line(quiet_capability: None, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert run("init", str(root), "--lang", "en", "--name", "Ada", "--no-git").exit_code == 0
    assert (root / "quiet").is_dir()  # init made its folder
    assert "quiet" in run("--help").stdout  # the CLI lists its command
    before = json.loads(run("-w", str(root), "plan", "week", "--json").stdout)
    added = run("-w", str(root), "quiet", "add", "2026-11-16", "2026-11-22")
    assert added.exit_code == 0, added.stderr
    after = json.loads(run("-w", str(root), "plan", "week", "--json").stdout)
    assert after["budget"]["hours"] == pytest.approx(before["budget"]["hours"] / 2)  # the seam's factor

    (root / "quiet" / "broken.toml").write_text("start = 2026-11-16\nend = soon\n", encoding="utf-8")
    doctor = run("-w", str(root), "doctor", "--json")
    assert doctor.exit_code == 2
    assert any(p["file"] == "quiet/broken.toml" for p in json.loads(doctor.stdout)["problems"])
    (root / "quiet" / "broken.toml").unlink()

    from ccos.storage.file_kinds import describe_changes

    assert describe_changes([("A", "quiet/2026-11-16.toml")]) == "add quiet period 2026-11-16"
    export = json.loads(run("-w", str(root), "export", "json").stdout)
    kinds = {entry["path"]: entry["kind"] for entry in export["files"]}
    assert kinds["quiet/2026-11-16.toml"] == "quiet-period"


def test_the_registry_is_the_only_list() -> None:
    """Every capability's strings point at modules and attributes that exist."""
    import importlib

    for capability in registry.capabilities():
        for _name, module in capability.commands:
            assert callable(importlib.import_module(module).register)
        if capability.source:
            assert registry.load(capability.source)().name
        for kind in capability.files:
            assert kind.model is None or kind.model_class() is not None
    assert len(set(registry.warning_codes())) == len(registry.warning_codes())
    assert len({c.name for c in registry.capabilities()}) == len(registry.capabilities())
