"""The stand-in for pydantic's plugin loader (models/base.py): the same answer, cheaper."""

from __future__ import annotations

import sys
import types

import pytest

from ccos.models import base


def test_disabled_plugins_are_none_without_importing_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    stand_in = types.ModuleType(base._PLUGIN_LOADER)
    monkeypatch.setitem(sys.modules, base._PLUGIN_LOADER, stand_in)
    assert tuple(base._get_plugins()) == ()
    assert sys.modules[base._PLUGIN_LOADER] is stand_in


def test_enabled_plugins_go_to_pydantics_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    monkeypatch.setitem(sys.modules, base._PLUGIN_LOADER, types.ModuleType(base._PLUGIN_LOADER))
    plugins = base._get_plugins()
    real = sys.modules[base._PLUGIN_LOADER]
    assert getattr(real, "get_plugins", None) is not None and real.get_plugins is not base._get_plugins
    assert list(plugins) == list(real.get_plugins())
