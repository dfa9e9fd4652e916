"""The populated workspace, built once per run and copied for each case."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.workspace import build_populated, copy_workspace


@pytest.fixture(scope="session")
def populated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template") / "ws"
    build_populated(root)
    return root


@pytest.fixture
def ws(populated_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the populated workspace (inside tmp_path/box, to see files made outside it)."""
    return copy_workspace(populated_template, tmp_path / "box" / "ws")
