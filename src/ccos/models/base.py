"""The base of every ccos model.

`defer_build`: a model's validation schema is built the first time it is used, not when
its module is imported, so a command pays only for the models it touches (start-up time
is a feature: see the CLI contract and benchmarks/).
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

from pydantic import BaseModel, ConfigDict

_PLUGIN_LOADER = "pydantic.plugin._loader"
_PLUGINS_OFF = ("__all__", "1", "true")  # what pydantic's loader reads as "no plugins"


def _get_plugins() -> Any:
    """pydantic's `get_plugins`, answering "none" while plugins are disabled, as pydantic does."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _PLUGINS_OFF:
        return ()
    sys.modules.pop(_PLUGIN_LOADER, None)  # enabled after all: the real loader from now on
    import importlib

    return importlib.import_module(_PLUGIN_LOADER).get_plugins()


def _skip_plugin_loader() -> None:
    """ccos uses no pydantic plugins (entry.main sets PYDANTIC_DISABLE_PLUGINS=__all__). With
    them disabled pydantic's loader answers "none" without looking, but importing it imports
    importlib.metadata, about 10 ms of every command that validates a file. A stand-in with
    the same answer is used instead; with plugins enabled, it hands over to the real one."""
    if _PLUGIN_LOADER in sys.modules or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _PLUGINS_OFF:
        return
    stand_in = types.ModuleType(_PLUGIN_LOADER)
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = stand_in


_skip_plugin_loader()


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True)
