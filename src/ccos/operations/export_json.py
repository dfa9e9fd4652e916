"""`ccos export json` and `ccos import json`: the whole workspace as one document, and back.

Export: every file of the workspace (but `.git/`, `.ccos/`, temporary files, `.gitkeep`
placeholders and files that are not UTF-8 text) as its exact text, sorted by path. Each
file is checked the way `ccos sync` checks it (strict read, parse, its model), so an
export never carries a broken file. TOML (and TOML front matter) is also given parsed,
as `data`, for other tools; an import checks that `data` still says what `text` says.

Import, all or nothing, into a workspace that `ccos init` made and that holds no entries:
1. the whole document is checked in memory (schema, every path, kinds, `data`);
2. under the workspace lock, every file is written to `.ccos/import/` and checked there
   the way `ccos sync` would check it; then `.ccos/import/manifest.json` marks the staging
   as complete;
3. the fresh `ccos.toml` is moved aside (from here on the folder is not a workspace, so a
   crash cannot leave something that looks complete), every file is moved into place with
   `os.replace`, and the imported `ccos.toml` comes last.
A crash in step 3 is finished by running the same `ccos import json FILE` again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from ccos import __version__
from ccos.errors import CcosError, InvalidFile, InvalidInput, WorkspaceMissing, from_os_error
from ccos.i18n import tr
from ccos.models.export import DOCUMENT_FORMAT, DOCUMENT_SCHEMA_VERSION, ExportedFile, ImportResult, WorkspaceDocument
from ccos.storage.atomic_write import TEMP_SUFFIX, failpoint
from ccos.storage.file_kinds import kind_of, validate_file
from ccos.storage.lock import hold_lock
from ccos.storage.markdown import FENCE, split_front_matter
from ccos.storage.safe_paths import (
    check_folders,
    check_kind,
    create_exclusive,
    read_regular,
    reserved_folder,
    write_fd,
)
from ccos.storage.strict_read import parse_json, parse_toml
from ccos.storage.workspace import CONFIG_FILE, STATE_DIR, Workspace

Progress = Callable[[str, int, int], None]

# A readable name for each file kind of `storage/file_kinds.py` (a test checks that none is missing).
PLACEHOLDER = ".gitkeep"
STAGING = "import"
MANIFEST_LIMIT = 64 * 1024 * 1024  # a manifest lists paths only; the largest document is far below this
MANIFEST = "manifest.json"
ASIDE = ".fresh-ccos.toml"  # where the fresh ccos.toml waits during step 3
# What `ccos init` writes (the kick-off list too: an imported one replaces it).
FRESH_FILES = (CONFIG_FILE, ".gitignore", "checklists/kickoff.toml")


def kind_name(relative: str) -> str:
    kind = kind_of(relative)
    if kind is not None:
        return kind.export
    return "template" if relative.startswith("templates/") else "other"


# --- the parsed view -----------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """TOML values as JSON: dates and times in ISO form, non-finite floats as strings."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def parsed_view(relative: str, text: str) -> tuple[dict[str, Any] | None, str | None]:
    """(data, body) of a file whose text is known to be sound: TOML, or markdown with front matter."""
    suffix = PurePosixPath(relative).suffix
    shown = Path(relative)
    if suffix == ".toml":
        return _jsonable(parse_toml(shown, text)), None
    kind = kind_of(relative)
    if suffix == ".md" and (text.startswith(FENCE) or (kind is not None and kind.front_matter)):
        front, body, first_line = split_front_matter(shown, text)
        return _jsonable(parse_toml(shown, front, first_line=first_line)), body
    return None, None


# --- export --------------------------------------------------------------------------------


def workspace_files(workspace: Workspace) -> list[str]:
    """Every regular file's relative path, sorted; machine-local state and placeholders left out."""
    root = workspace.root
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        relative_folder = Path(folder).relative_to(root)
        top = relative_folder == Path(".")
        # `.git` and `.ccos` in every spelling a disk reads as them (import refuses them too)
        dirs[:] = [d for d in dirs if reserved_folder(d, top=top) is None]
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if name == PLACEHOLDER or name.endswith(TEMP_SUFFIX) or path.is_symlink() or not path.is_file():
                continue
            found.append((relative_folder / name).as_posix())
    return sorted(found)


def _is_text(raw: bytes) -> bool:
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def export_document(
    workspace: Workspace, progress: Progress | None = None, *, identity: str | None = None,
    damaged: list[str] | None = None,
) -> tuple[WorkspaceDocument, list[str]]:  # fmt: skip
    """The document, and the files left out because they are not UTF-8 text.

    Private notes stay ciphertext, unless `identity` is given (`--decrypt`): then a note this
    identity opens is exported in clear; one it cannot open stays as written (a damaged one is
    named in `damaged`)."""
    report: Progress = progress or (lambda _what, _done, _total: None)
    workspace.config()  # a workspace from a newer ccos is refused here
    relatives = workspace_files(workspace)
    files: list[ExportedFile] = []
    skipped: list[str] = []
    for index, relative in enumerate(relatives, start=1):
        report("files", index, len(relatives))
        path = workspace.root / relative
        known = kind_of(relative) is not None
        if not known and not _is_text(workspace.read_bytes(path)):
            skipped.append(relative)
            continue
        validate_file(workspace, relative)  # what `ccos sync` checks before a commit
        raw = workspace.read_bytes(path)
        text = workspace.read_text(path) if known else raw.decode("utf-8")
        data, body = parsed_view(relative, text)
        if identity is not None and body is not None:
            text, body = _opened(relative, text, body, identity, damaged)
        files.append(ExportedFile(path=relative, kind=kind_name(relative), text=text, data=data, body=body))
    document = WorkspaceDocument(
        format=DOCUMENT_FORMAT, schema_version=DOCUMENT_SCHEMA_VERSION, ccos_version=__version__, files=files
    )
    return document, skipped


def _opened(relative: str, text: str, body: str, identity: str, damaged: list[str] | None) -> tuple[str, str]:
    from ccos.storage.sealed import is_sealed, reveal

    if not is_sealed(body):
        return text, body
    revealed = reveal(body, identity)
    if revealed.state != "opened":
        if revealed.state == "corrupt" and damaged is not None:
            damaged.append(relative)
        return text, body
    return text[: len(text) - len(body)] + revealed.text, revealed.text


def dump_document(document: WorkspaceDocument) -> bytes:
    data = document.model_dump(mode="json", exclude_none=True)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- reading a document --------------------------------------------------------------------


def _bad(source: str, problem: str, key: str | None = None) -> InvalidFile:
    return InvalidFile(
        source, problem, key=key, hint=tr("use a document made by `ccos export json`; nothing was written")
    )


# What every common disk holds (a name of 255 bytes; a path far below Linux's 4,096 and inside
# Windows' 260 with the workspace folder in front): a longer one failed only while writing
# (exit 5 "File name too long"), or deep enough to overflow Python's recursion (exit 1).
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 1024
MAX_DEPTH = 32


def check_path(source: str, index: int, relative: str) -> str:
    """A document path must be relative, `/`-separated, and stay inside the workspace."""
    key = f"files[{index}].path"

    def refuse(why: str) -> InvalidFile:
        return _bad(source, f"{relative!r} {why}", key)

    if any(ord(ch) < 32 or ord(ch) == 127 for ch in relative):
        raise refuse("holds control characters")
    if "\\" in relative:
        raise refuse("holds a backslash (paths use /)")
    if relative.startswith("/") or (len(relative) > 1 and relative[1] == ":"):
        raise refuse("is absolute (paths are relative to the workspace)")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise refuse("is not a plain relative path (empty, '.' or '..' parts)")
    if len(parts) > MAX_DEPTH or len(relative.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        raise refuse(f"is too long (at most {MAX_DEPTH} folders deep and {MAX_PATH_BYTES} bytes)")
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        raise refuse(f"has a name longer than {MAX_NAME_BYTES} bytes, which no common disk can hold")
    for position, part in enumerate(parts):
        reserved = reserved_folder(part, top=position == 0)
        if reserved:
            raise refuse(f"is inside {part!r} (read as {reserved}/), which an import never writes")
    if relative.endswith(TEMP_SUFFIX) or parts[-1] == PLACEHOLDER:
        raise refuse("is a temporary file or a placeholder")
    if unicodedata.normalize("NFC", relative) != relative:
        raise refuse("is not in Unicode NFC form")
    return relative


def read_document(source: str, raw: bytes) -> WorkspaceDocument:
    """Parse and check the whole document in memory; the first problem raises (exit 2)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(source, "not UTF-8 text") from None
    loaded = parse_json(source, text, hint=tr("nothing was written"))
    if not isinstance(loaded, dict):
        raise _bad(source, "the document is not a JSON object")
    if loaded.get("format") != DOCUMENT_FORMAT:
        raise _bad(
            source,
            tr("not a ccos workspace document (format must be {format})").format(format=repr(DOCUMENT_FORMAT)),
            "format",
        )
    version = loaded.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > DOCUMENT_SCHEMA_VERSION:
        raise InvalidFile(
            source,
            tr("schema_version {version} is newer than this ccos understands ({DOCUMENT_SCHEMA_VERSION})").format(
                version=version, DOCUMENT_SCHEMA_VERSION=DOCUMENT_SCHEMA_VERSION
            ),
            key="schema_version",
            hint=tr("upgrade ccos (pip install -U ccos); nothing was written"),
        )
    try:
        document = WorkspaceDocument.model_validate(loaded)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
        raise _bad(source, error["msg"].lower(), where or None) from None
    if document.schema_version != DOCUMENT_SCHEMA_VERSION:
        raise _bad(
            source, tr("unknown schema_version {version}").format(version=document.schema_version), "schema_version"
        )
    seen: dict[str, int] = {}
    for index, file in enumerate(document.files):
        relative = check_path(source, index, file.path)
        twin = unicodedata.normalize("NFC", relative).casefold()
        if twin in seen:
            raise _bad(
                source,
                f"{relative!r} clashes with files[{seen[twin]}] (same path, or the same ignoring case)",
                f"files[{index}].path",
            )
        seen[twin] = index
        if file.kind != kind_name(relative):
            raise _bad(source, f"kind {file.kind!r} does not fit {relative!r}", f"files[{index}].kind")
    if CONFIG_FILE not in seen:
        raise _bad(source, tr("the document holds no {file}").format(file=CONFIG_FILE), "files")
    for folder in {str(PurePosixPath(f.path).parent) for f in document.files}:
        if folder != "." and folder.casefold() in seen:
            raise _bad(source, f"{folder!r} is both a file and a folder", "files")
    return document


def _check_views(source: str, index: int, file: ExportedFile) -> None:
    """`data`/`body`, when given, must be what `text` says (a hand edit of one but not the other)."""
    if file.data is None and file.body is None:
        return
    data, body = parsed_view(file.path, file.text)
    if file.data is not None and json.loads(json.dumps(data)) != file.data:
        raise _bad(source, f"data of {file.path!r} does not match its text", f"files[{index}].data")
    if file.body is not None and body != file.body:
        raise _bad(source, f"body of {file.path!r} does not match its text", f"files[{index}].body")


# --- import --------------------------------------------------------------------------------


def _not_fresh(workspace: Workspace) -> list[str]:
    """Files that make a workspace more than `ccos init` left (entries, templates, anything)."""
    extra = []
    for relative in workspace_files(workspace):
        if relative in FRESH_FILES:
            continue
        extra.append(relative)
    return extra


def _staging(root: Path) -> Path:
    return root / STATE_DIR / STAGING


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = create_exclusive(path, 0o666)
    try:
        write_fd(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _stage(workspace: Workspace, source: str, document: WorkspaceDocument, digest: str, report: Progress) -> Path:
    """Step 2: every file into `.ccos/import/`, checked there; then the manifest."""
    stage = _staging(workspace.root)
    shutil.rmtree(stage, ignore_errors=True)
    staged = Workspace(stage, cwd=workspace.cwd)
    total = len(document.files)
    try:
        for index, file in enumerate(document.files, start=1):
            report("checking", index, total)
            _write_new(stage / file.path, file.text.encode("utf-8"))
            try:
                validate_file(staged, file.path)
            except InvalidFile as exc:
                raise InvalidFile(
                    f"{source}: {file.path}",
                    exc.problem,
                    line=exc.line,
                    column=exc.column,
                    key=exc.key,
                    hint=tr("fix the document (or export again); nothing was written"),
                ) from None
        manifest = {"document": digest, "files": [file.path for file in document.files]}
        _write_new(stage / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise from_os_error(exc, stage) from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage


def _staged_file(stage: Path, staged: Path) -> bool:
    """True for a staged regular file reached through real folders; False when it is gone.

    A resumed staging folder may come from a pull by hand: a link on the way would move a
    file from outside into the workspace (and away from where it was).
    """
    check_folders(stage, staged)
    try:
        info = os.lstat(staged)
    except FileNotFoundError:
        return False
    check_kind(info, staged.relative_to(stage).as_posix())
    return True


def _move_into_place(root: Path, stage: Path, files: list[str], report: Progress) -> None:
    """Step 3 (also how an interrupted import is finished): ccos.toml aside, files in, ccos.toml last."""
    if (root / CONFIG_FILE).exists():
        os.replace(root / CONFIG_FILE, stage / ASIDE)
    entries = [relative for relative in files if relative != CONFIG_FILE]
    for index, relative in enumerate(entries, start=1):
        report("writing", index, len(entries))
        staged = stage / relative
        if not _staged_file(stage, staged):
            continue  # moved before an interruption
        target = root / relative
        check_folders(root, target, create=True)  # a pulled folder link never takes a file outside
        os.replace(staged, target)
        failpoint("import-midway")
    _staged_file(stage, stage / CONFIG_FILE)
    os.replace(stage / CONFIG_FILE, root / CONFIG_FILE)
    with contextlib.suppress(OSError):
        fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    shutil.rmtree(stage, ignore_errors=True)


def _check_targets(workspace: Workspace, document: WorkspaceDocument, source: str) -> None:
    """No document path may land on a folder, under a file, or (through a link) outside the workspace."""
    for index, file in enumerate(document.files):
        target = workspace.root / file.path
        key = f"files[{index}].path"
        if target.is_dir():
            raise _bad(source, f"{file.path!r} is a folder in the workspace", key)
        for parent in PurePosixPath(file.path).parents:
            if str(parent) != "." and (workspace.root / parent).is_file():
                raise _bad(source, f"{str(parent)!r} is a file in the workspace, not a folder", key)
        if not workspace.contains(target):
            raise _bad(source, f"{file.path!r} would be written outside the workspace", key)


def pending_import(root: Path) -> bool:
    """An import stopped in step 3: the manifest is there and ccos.toml is not."""
    return not (root / CONFIG_FILE).exists() and (_staging(root) / MANIFEST).is_file()


def import_document(
    root: Path, source: str, raw: bytes, progress: Progress | None = None, *, cwd: Path | None = None
) -> ImportResult:
    report: Progress = progress or (lambda _what, _done, _total: None)
    root = root.absolute()
    document = read_document(source, raw)
    for index, file in enumerate(document.files):
        _check_views(source, index, file)
    digest = _digest(raw)
    if pending_import(root):
        return _resume(root, source, document, digest, report)
    workspace = Workspace.open(root, cwd=cwd)
    with workspace.locked("import", autocommit=False):
        extra = _not_fresh(workspace)
        if extra:
            shown = ", ".join(extra[:3]) + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
            raise InvalidInput(
                tr("{root} already holds entries ({shown})").format(root=workspace.root, shown=shown),
                tr("import into a new workspace: `ccos init NEW` then `ccos -w NEW import json FILE`"),
            )
        _check_targets(workspace, document, source)
        stage = _stage(workspace, source, document, digest, report)
        try:
            _move_into_place(workspace.root, stage, [file.path for file in document.files], report)
        except OSError as exc:
            raise _interrupted(workspace.root, source, from_os_error(exc, workspace.root)) from None
    return ImportResult(root=str(workspace.root), files=len(document.files), resumed=False)


def _interrupted(root: Path, source: str, error: CcosError) -> CcosError:
    error.hint = tr("free the problem and run `{command}` again to finish the import").format(
        command=f"ccos -w {root} import json {source}"
    )
    return error


def _resume(root: Path, source: str, document: WorkspaceDocument, digest: str, report: Progress) -> ImportResult:
    """Finish an interrupted import with the same document.

    The staging folder may have come from anywhere (a pull by hand): it is used only when it
    is a real folder of this user, its manifest names exactly the document's paths (each
    already checked by `check_path`), and those are the paths moved, never the manifest's.
    """
    from ccos.storage.local_state import repair_state_dirs

    with hold_lock(root / STATE_DIR, "import"):
        repair_state_dirs(root)
        stage = _staging(root)
        try:
            raw_manifest = read_regular(stage / MANIFEST, MANIFEST, MANIFEST_LIMIT)[0]
            manifest = parse_json(MANIFEST, raw_manifest.decode("utf-8"))
        except (CcosError, UnicodeDecodeError):
            manifest = {}
        files = [file.path for file in document.files]
        if not isinstance(manifest, dict) or manifest.get("document") != digest or manifest.get("files") != files:
            raise WorkspaceMissing(
                tr("{root}: an earlier import was interrupted, with another document").format(root=root),
                tr("run the import again with that document, or delete {root} and start with `ccos init`").format(
                    root=root
                ),
            )
        try:
            _move_into_place(root, stage, files, report)
        except OSError as exc:
            raise _interrupted(root, source, from_os_error(exc, root)) from None
    return ImportResult(root=str(root), files=len(document.files), resumed=True)
