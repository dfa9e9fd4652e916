"""Exports: the schema-versioned JSON document of a whole workspace, and what each export did.

The JSON document holds every file of the workspace as its exact text (so that an import
restores it byte for byte), with the parsed TOML beside it for other tools to read.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DOCUMENT_FORMAT: Literal["ccos-workspace"] = "ccos-workspace"
DOCUMENT_SCHEMA_VERSION = 1
ICS_PARTS = ("events", "sessions", "sharing", "communities")

IcsPart = Literal["events", "sessions", "sharing", "communities"]


class ExportedFile(BaseModel):
    """One workspace file. `text` is the truth; `data`/`body` are derived views, checked on import."""

    model_config = ConfigDict(extra="forbid", strict=True)

    path: str = Field(min_length=1)  # relative, `/`-separated
    kind: str = Field(min_length=1)  # settings, session, event, ... (see docs/export.md)
    text: str
    data: dict[str, Any] | None = None  # the TOML (or TOML front matter) as JSON
    body: str | None = None  # the markdown after the front matter


class WorkspaceDocument(BaseModel):
    """`ccos export json`: the whole workspace as one document."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal["ccos-workspace"]
    schema_version: int
    ccos_version: str
    files: list[ExportedFile]


class ExportResult(BaseModel):
    """What an export wrote (for the message on stderr when it went to a file)."""

    model_config = ConfigDict(frozen=True)

    what: str  # "ics", "json", "markdown"
    path: str | None  # the file written, None for stdout
    count: int  # calendar items, files or lines
    skipped: list[str] = Field(default_factory=list)  # files left out (not UTF-8 text)


class ImportResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    root: str
    files: int
    resumed: bool  # an interrupted import of the same document was finished
