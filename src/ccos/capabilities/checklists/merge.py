"""Merge two versions of a period checklist instead of leaving conflict markers.

A week's checklist ticked on the laptop and on the desktop is one file changed on both
machines: git cannot merge the two `done = true` lines. Both people meant "these are
done", so `ccos sync` merges the versions item by item:

- an item is identified by its text (NFKC, case-insensitive: `name_key`), the n-th of
  equal texts pairing with the n-th (when the two spellings differ, ours is kept);
- an item is done when it is done on either side (with the earlier `done_on`), unless the
  common ancestor shows that one side unticked it and the other left it alone;
- items added on either side are kept (ours first, in their order, then theirs);
- an item removed on one side and left unchanged on the other is removed; one removed on
  one side but changed (ticked, re-estimated) on the other is kept, so no tick is lost;
- any other key changed differently on both sides (an item's minutes, the period) cannot
  be decided and is not merged: sync then stops with the conflict as for any file.

The text is merged three-way on the tomlkit documents (document_merge.py), not re-rendered: the result is
"ours" as written, with what "theirs" added or changed relative to the common ancestor
applied to it. Full-line comments, inline comments, trailing comments and keys ccos does
not know survive from both sides (a comment or key added on theirs is placed after the
entry it follows there; an inline comment changed on both sides keeps both texts); one
removed on one side and untouched on the other is removed. Items only theirs has are
appended with their comments. The result must validate and must hold exactly the merged
values, else the file is not merged.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING, Any

from ccos.capabilities.checklists.document_merge import DocumentMerge
from ccos.models.naming import name_key

if TYPE_CHECKING:
    from ccos.capabilities.checklists.model import Checklist, Kickoff

_MISSING: Any = object()


class NotMergeable(Exception):
    """The two versions cannot be merged without choosing a side."""


def _model(data: dict[str, Any]) -> type[Checklist] | type[Kickoff]:
    """What a version validates as: the kick-off list (`started`, no period) merges like a period's."""
    from ccos.capabilities.checklists.model import Checklist, Kickoff

    return Kickoff if "started" in data and "period" not in data else Checklist


def _parse(text: str | None, which: str) -> dict[str, Any]:
    from pydantic import ValidationError

    from ccos.errors import CcosError
    from ccos.storage.strict_read import decode_strict

    if text is None:
        raise NotMergeable(f"the {which} version is missing (deleted on one side)")
    try:
        from pathlib import Path

        decode_strict(Path(which), text.encode("utf-8"))
        data = tomllib.loads(text)
        _model(data).model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError, ValueError, RecursionError, CcosError) as exc:
        raise NotMergeable(f"the {which} version is not a valid checklist ({exc})") from None
    return data


def _keyed(items: list[dict[str, Any]]) -> list[tuple[tuple[str, int], int]]:
    seen: dict[str, int] = {}
    keyed = []
    for index, item in enumerate(items):
        key = name_key(str(item.get("text", "")))
        seen[key] = seen.get(key, 0) + 1
        keyed.append(((key, seen[key]), index))
    return keyed


def _pick(key: str, base: Any, ours: Any, theirs: Any, what: str) -> Any:
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    if key == "done":
        return True
    if key == "text":  # the same item (same name_key) written differently: keep ours
        return ours
    if key == "done_on":
        present = [value for value in (ours, theirs) if value is not _MISSING]
        return min(present)
    raise NotMergeable(f"{what}: {key!r} was changed differently on both machines")


def _merge_item(base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    base = base or {}
    merged: dict[str, Any] = {}
    what = f"item {ours.get('text', '')!r}"
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        default = False if key == "done" else _MISSING
        value = _pick(key, base.get(key, default), ours.get(key, default), theirs.get(key, default), what)
        if value is not _MISSING:
            merged[key] = value
    if not merged.get("done", False):
        merged.pop("done_on", None)
    return merged


def _tables(doc: Any) -> list[Any] | None:
    """The item tables of a document's `[[items]]` (None when written some other way)."""
    from tomlkit.items import AoT

    if "items" not in doc:
        return []
    items = doc["items"]
    return list(items.body) if isinstance(items, AoT) else None


def _merge_items(
    merge: DocumentMerge, docs: tuple[Any, Any, Any], data: tuple[dict[str, Any] | None, dict[str, Any], dict[str, Any]]
) -> tuple[Any, list[dict[str, Any]]]:
    """The merged `[[items]]` (a tomlkit AoT) and the plain items it must hold."""
    import tomlkit
    from tomlkit.items import AoT

    base_doc, ours_doc, theirs_doc = docs
    base_data, ours_data, theirs_data = data
    ours_items: list[dict[str, Any]] = ours_data.get("items", [])
    theirs_items: list[dict[str, Any]] = theirs_data.get("items", [])
    base_items: list[dict[str, Any]] = (base_data or {}).get("items", [])
    base_by_key = {key: index for key, index in _keyed(base_items)}
    theirs_by_key = {key: index for key, index in _keyed(theirs_items)}
    ours_keys = {key for key, _ in _keyed(ours_items)}
    ours_tables, theirs_tables = _tables(ours_doc), _tables(theirs_doc)
    base_tables = _tables(base_doc) if base_doc is not None else []

    plain: list[dict[str, Any]] = []
    tables: list[Any] = []
    for item_key, index in _keyed(ours_items):
        item, base_index = ours_items[index], base_by_key.get(item_key)
        base_item = base_items[base_index] if base_index is not None else None
        if item_key not in theirs_by_key:
            if base_item is not None and item == base_item:
                continue  # removed on their side, untouched on ours
            plain.append(item)
            tables.append(None if ours_tables is None else ours_tables[index])
            continue
        other = theirs_by_key[item_key]
        merged = _merge_item(base_item, item, theirs_items[other])
        plain.append(merged)
        if ours_tables is None or theirs_tables is None:
            tables.append(None)
        else:
            base_table = base_tables[base_index] if base_tables and base_index is not None else None
            tables.append(merge.table(base_table, ours_tables[index], theirs_tables[other], merged, {}))
    for item_key, index in _keyed(theirs_items):
        if item_key in ours_keys:
            continue
        base_index = base_by_key.get(item_key)
        if base_index is not None and theirs_items[index] == base_items[base_index]:
            continue  # removed on our side, untouched on theirs
        plain.append(theirs_items[index])
        tables.append(None if theirs_tables is None else theirs_tables[index])

    array = AoT([], name="items", parsed=True)
    for table, item in zip(tables, plain, strict=True):
        if array.body and not array.body[-1].as_string().endswith("\n\n"):
            array.body[-1].append(None, tomlkit.nl())  # a blank line between tables, as ccos writes them
        array.append(table if table is not None else tomlkit.item(item))
    return array, plain


def merge_checklist(base: str | None, ours: str, theirs: str) -> str:
    """The merged text of a checklist file, or NotMergeable."""
    import tomlkit
    from tomlkit.toml_document import TOMLDocument

    ours_data = _parse(ours, "ours")
    theirs_data = _parse(theirs, "theirs")
    try:
        base_data: dict[str, Any] | None = _parse(base, "base") if base is not None else None
    except NotMergeable:
        base_data = None

    ours_doc, theirs_doc = tomlkit.parse(ours), tomlkit.parse(theirs)
    base_doc = tomlkit.parse(base) if base is not None and base_data is not None else None
    base_top = base_data or {}
    values: dict[str, Any] = {}
    for key in [*ours_data, *(k for k in theirs_data if k not in ours_data)]:
        if key == "items":
            continue
        value = _pick(key, base_top.get(key, _MISSING), ours_data.get(key, _MISSING),
                      theirs_data.get(key, _MISSING), "the checklist")  # fmt: skip
        if value is not _MISSING:
            values[key] = value

    merge = DocumentMerge(has_base=base_doc is not None)
    expected = dict(values)
    built: dict[str, Any] = {}
    built["items"], expected["items"] = _merge_items(
        merge, (base_doc, ours_doc, theirs_doc), (base_data, ours_data, theirs_data)
    )
    values["items"] = expected["items"]
    doc = TOMLDocument(parsed=True)
    merge.fill(doc, base_doc, ours_doc, theirs_doc, values, built)
    for key, item in built.items():  # `items` written neither as [[items]] nor at all in ours' body
        doc.append(key, item)
    text = tomlkit.dumps(doc)
    try:
        result = tomllib.loads(text)
        _model(result).model_validate(result)
    except Exception as exc:  # the merge must never produce a file that does not validate
        raise NotMergeable(f"the merged checklist does not validate ({exc})") from None
    if result != expected:
        raise NotMergeable("the merged text would not hold the merged values (an unusual layout); not merged")
    return text
