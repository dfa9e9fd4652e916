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

Comments and key order of "our" version (the one already on the remote) are kept.
"""

from __future__ import annotations

import tomllib
from typing import Any

from ccos.models.naming import name_key

_MISSING: Any = object()


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
    except (tomllib.TOMLDecodeError, ValidationError, ValueError, CcosError) as exc:
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


def _apply(table: Any, merged: dict[str, Any]) -> None:
    """Change a tomlkit table in place to hold `merged`, touching only what differs."""
    current = {key: table[key] for key in list(table.keys())}
    for key in list(current):
        if key not in merged:
            del table[key]
    for key, value in merged.items():
        old = current.get(key, _MISSING)
        plain = old.unwrap() if hasattr(old, "unwrap") else old
        if plain != value:
            table[key] = value


def merge_checklist(base: str | None, ours: str, theirs: str) -> str:
    """The merged text of a checklist file, or NotMergeable."""
    import tomlkit

    from ccos.models.checklist import Checklist

    ours_data = _parse(ours, "ours")
    theirs_data = _parse(theirs, "theirs")
    try:
        base_data: dict[str, Any] | None = _parse(base, "base") if base is not None else None
    except NotMergeable:
        base_data = None

    doc = tomlkit.parse(ours)
    theirs_doc = tomlkit.parse(theirs)
    base_top = base_data or {}
    for key in [*ours_data, *(k for k in theirs_data if k not in ours_data)]:
        if key == "items":
            continue
        value = _pick(key, base_top.get(key, _MISSING), ours_data.get(key, _MISSING),
                      theirs_data.get(key, _MISSING), "the checklist")  # fmt: skip
        if value is _MISSING:
            del doc[key]
        elif ours_data.get(key, _MISSING) != value:
            doc[key] = value

    ours_items: list[dict[str, Any]] = ours_data.get("items", [])
    theirs_items: list[dict[str, Any]] = theirs_data.get("items", [])
    base_items: list[dict[str, Any]] = (base_data or {}).get("items", [])
    base_by_key = {key: base_items[index] for key, index in _keyed(base_items)}
    theirs_by_key = {key: index for key, index in _keyed(theirs_items)}
    ours_keys = {key for key, _ in _keyed(ours_items)}

    if "items" not in doc:
        doc.add("items", tomlkit.aot())
    array = doc["items"]
    drop = []
    for item_key, index in _keyed(ours_items):
        item, base_item = ours_items[index], base_by_key.get(item_key)
        if item_key not in theirs_by_key:
            if base_item is not None and item == base_item:
                drop.append(index)  # removed on their side, untouched on ours
            continue
        merged = _merge_item(base_item, item, theirs_items[theirs_by_key[item_key]])
        if merged != item:
            _apply(array[index], merged)
    for index in reversed(drop):
        del array[index]
    for item_key, index in _keyed(theirs_items):
        if item_key in ours_keys:
            continue
        base_item = base_by_key.get(item_key)
        if base_item is not None and theirs_items[index] == base_item:
            continue  # removed on our side, untouched on theirs
        if len(array) and not array[len(array) - 1].as_string().endswith("\n\n"):
            array[len(array) - 1].add(tomlkit.nl())  # a blank line between tables, as ccos writes them
        array.append(theirs_doc["items"][index])

    text = tomlkit.dumps(doc)
    try:
        Checklist.model_validate(tomllib.loads(text))
    except Exception as exc:  # the merge must never produce a file that does not validate
        raise NotMergeable(f"the merged checklist does not validate ({exc})") from None
    return text
