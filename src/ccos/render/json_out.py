"""`--json`: one document on stdout, stable keys, ISO dates, no colour codes."""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    return value


def emit(value: Any) -> None:
    """Every `--json` printer ends here. UTF-8 as written on a UTF-8 stdout; on any other
    (an ASCII or latin-1 terminal) every non-ASCII character as a `\\uXXXX` escape: the same
    JSON document, still exact, where replacing characters would corrupt the data."""
    from ccos.render.streams import is_utf

    text = json.dumps(to_jsonable(value), ensure_ascii=not is_utf(sys.stdout), indent=2, sort_keys=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
