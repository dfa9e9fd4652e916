"""A three-way merge of tomlkit documents that keeps both sides' comments and layout.

The result is "ours" as written, changed to the merged values the caller decided, with
what "theirs" added relative to the common ancestor placed after the entry it follows
there. Comments are identified by their text and rank, keys by name; a comment or key
removed on one side and untouched on the other goes; an inline comment changed on both
sides keeps both texts. The caller (merge.py) decides the values; this module only
places them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Ident = tuple[str, ...]


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


class DocumentMerge:
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
