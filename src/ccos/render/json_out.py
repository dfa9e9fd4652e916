"""`--json`: one document on stdout, stable keys, ISO dates, no colour codes."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, time
from enum import Enum
from pathlib import PurePath
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Results as JSON values: frozen dataclasses (fields in order), pydantic models, ISO
    dates and times, enums by value, paths `/`-separated. Imports no pydantic: a result
    that is a model brings its own `model_dump`."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return to_jsonable(value.value)
    if isinstance(value, PurePath):
        return value.as_posix()
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    return value


def emit(value: Any) -> None:
    """Every `--json` printer ends here. UTF-8 as written on a UTF-8 stdout; on any other
    (an ASCII or latin-1 terminal) every non-ASCII character as a `\\uXXXX` escape: the same
    JSON document, still exact, where replacing characters would corrupt the data."""
    from ccos.render.streams import is_utf

    text = json.dumps(to_jsonable(value), ensure_ascii=not is_utf(sys.stdout), indent=2, sort_keys=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
