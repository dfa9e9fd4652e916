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

The text is merged three-way on the tomlkit documents, not re-rendered: the result is
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
from collections import Counter
from typing import Any

from ccos.models.naming import name_key

_MISSING: Any = object()
Ident = tuple[str, ...]


class NotMergeable(Exception):
    """The two versions cannot be merged without choosing a side."""


def _parse(text: str | None, which: str) -> dict[str, Any]:
    from pydantic import ValidationError

    from ccos.errors import CcosError
    from ccos.models.checklist import Checklist
    from ccos.storage.strict_read import decode_strict

    if text is None:
        raise NotMergeable(f"the {which} version is missing (deleted on one side)")
    try:
        from pathlib import Path

        decode_strict(Path(which), text.encode("utf-8"))
        data = tomllib.loads(text)
        Checklist.model_validate(data)
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


# --- the documents, three-way ----------------------------------------------------------


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _same(left: Any, right: Any) -> bool:
    return type(left) is type(right) and bool(left == right)


def _inline(item: Any) -> str:
    """An item's comment on its own line (`key = 1  # this`), '' when none or not applicable."""
    from tomlkit.items import AoT, Whitespace

    if item is None or isinstance(item, (AoT, Whitespace)):
        return ""
    comment: str = item.trivia.comment
    return comment


def _merge_comment(base: Any, ours: Any, theirs: Any, has_base: bool) -> str:
    mine, other = _inline(ours), _inline(theirs)
    if mine == other:
        return mine
    if has_base and base is not None:
        if mine == _inline(base):
            return other
        if other == _inline(base):
            return mine
    if not mine or not other:
        return mine or other
    return f"{mine} {other}"  # changed on both sides: keep both


def _set_comment(item: Any, comment: str) -> None:
    from tomlkit.items import AoT, Whitespace

    if isinstance(item, (AoT, Whitespace)) or item.trivia.comment == comment:
        return
    item.trivia.comment = comment
    if comment and not item.trivia.comment_ws:
        item.trivia.comment_ws = "  "


def _entries(container: Any) -> list[tuple[Ident | None, Any, Any]]:
    """(identity, key, item) of a container's body: keys by name, comments by text and rank."""
    from tomlkit.items import Comment

    seen: Counter[str] = Counter()
    found: list[tuple[Ident | None, Any, Any]] = []
    for key, item in container.body:
        ident: Ident | None = None
        if key is not None:
            ident = ("key", key.key)
        elif isinstance(item, Comment):
            text = item.trivia.comment.strip()
            seen[text] += 1
            ident = ("comment", text, str(seen[text]))
        found.append((ident, key, item))
    return found


def _end(entries: list[tuple[Ident | None, Any, Any]]) -> int:
    """Where the end of a body is, before its trailing blank lines."""
    end = len(entries)
    while end and entries[end - 1][0] is None:  # only whitespace has no identity
        end -= 1
    return end


def _valued(chosen: Any, value: Any) -> Any:
    """CHOSEN (an item of ours or theirs) holding VALUE, keeping its layout and comment."""
    import tomlkit
    from tomlkit.items import InlineTable

    if _same(_plain(chosen), value):
        return chosen
    if isinstance(chosen, InlineTable) and isinstance(value, dict):
        fresh: Any = tomlkit.inline_table()
        fresh.update(value)
    else:
        fresh = tomlkit.item(value)
    for name in ("indent", "comment_ws", "comment", "trail"):
        setattr(fresh.trivia, name, getattr(chosen.trivia, name))
    return fresh


class _Merge:
    """One three-way merge of tomlkit containers (the document, its tables, the item tables)."""

    def __init__(self, has_base: bool) -> None:
        self.has_base = has_base

    def fill(
        self, target: Any, base: Any, ours: Any, theirs: Any, values: dict[str, Any], built: dict[str, Any]
    ) -> None:
        """Append to TARGET the entries of OURS, changed to VALUES, with what THEIRS added since BASE."""
        base_entries = _entries(base) if base is not None else []
        ours_entries, theirs_entries = _entries(ours), _entries(theirs)
        base_ids = {ident for ident, _key, _item in base_entries if ident}
        ours_ids = {ident for ident, _key, _item in ours_entries if ident}
        theirs_ids = {ident for ident, _key, _item in theirs_entries if ident}
        base_items = {ident[1]: item for ident, _key, item in base_entries if ident and ident[0] == "key"}
        theirs_items = {ident[1]: item for ident, _key, item in theirs_entries if ident and ident[0] == "key"}
        removed_by_them = self.has_base and base is not None

        result: list[tuple[Ident | None, Any, Any]] = []
        for ident, key, item in ours_entries:
            if ident is not None and ident[0] == "comment":
                if removed_by_them and ident in base_ids and ident not in theirs_ids:
                    continue
            elif ident is not None:
                name = ident[1]
                item = self.entry(name, base_items.get(name), item, theirs_items.get(name), values, built)
                if item is None:
                    continue
            result.append((ident, key, item))
        at = 0
        last_key = max(
            (i for i, (ident, _k, _v) in enumerate(theirs_entries) if ident and ident[0] == "key"), default=-1
        )
        for position, (ident, key, item) in enumerate(theirs_entries):
            if ident is None:
                continue
            if ident in ours_ids:
                at = next((i + 1 for i, (have, _k, _v) in enumerate(result) if have == ident), at)
                continue
            if ident[0] == "comment":
                if removed_by_them and ident in base_ids:
                    continue  # ours removed it
                if position > last_key >= 0:  # a trailing comment stays at the end (before blank lines)
                    at = max(at, _end(result))
            else:
                item = self.entry(ident[1], base_items.get(ident[1]), None, item, values, built)
                if item is None:
                    continue
            result.insert(at, (ident, key, item))
            at += 1
        for _ident, key, item in result:
            target.append(key, item)

    def entry(self, name: str, base: Any, ours: Any, theirs: Any, values: dict[str, Any], built: dict[str, Any]) -> Any:
        """The merged item for key NAME, or None when it goes."""
        from tomlkit.items import Table

        if name in built:
            return built.pop(name)
        if name not in values:
            return None
        value = values[name]
        if isinstance(ours, Table) and isinstance(theirs, Table) and isinstance(value, dict):
            return self.table(base if isinstance(base, Table) else None, ours, theirs, value, {})
        chosen = _valued(ours if ours is not None else theirs, value)
        _set_comment(chosen, _merge_comment(base, ours, theirs, self.has_base))
        return chosen

    def table(self, base: Any, ours: Any, theirs: Any, values: dict[str, Any], built: dict[str, Any]) -> Any:
        from tomlkit.container import Container
        from tomlkit.items import Table

        merged = Table(
            Container(parsed=True), ours.trivia.copy(), ours.is_aot_element(), ours._is_super_table,
            name=ours.name, display_name=ours.display_name,
        )  # fmt: skip
        self.fill(merged, None if base is None else base.value, ours.value, theirs.value, values, built)
        _set_comment(merged, _merge_comment(base, ours, theirs, self.has_base))
        return merged


def _tables(doc: Any) -> list[Any] | None:
    """The item tables of a document's `[[items]]` (None when written some other way)."""
    from tomlkit.items import AoT

    if "items" not in doc:
        return []
    items = doc["items"]
    return list(items.body) if isinstance(items, AoT) else None


def _merge_items(
    merge: _Merge, docs: tuple[Any, Any, Any], data: tuple[dict[str, Any] | None, dict[str, Any], dict[str, Any]]
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

    from ccos.models.checklist import Checklist

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

    merge = _Merge(has_base=base_doc is not None)
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
        Checklist.model_validate(result)
    except Exception as exc:  # the merge must never produce a file that does not validate
        raise NotMergeable(f"the merged checklist does not validate ({exc})") from None
    if result != expected:
        raise NotMergeable("the merged text would not hold the merged values (an unusual layout); not merged")
    return text
