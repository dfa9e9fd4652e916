"""The base of every ccos model.

`defer_build`: a model's validation schema is built the first time it is used, not when
its module is imported, so a command pays only for the models it touches (start-up time
is a feature: see the CLI contract and benchmarks/).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True)
