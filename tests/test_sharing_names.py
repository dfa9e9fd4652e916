"""Property tests: a title never makes a path outside `sharing/`, and two different titles
never share a file (ids from any script, hostile names included)."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccos.models.naming import name_key
from tests.conftest import Ccos, snapshot

HOSTILE = [
    "/",
    "..",
    "\\",
    "\n",
    "[red]",
    "[/red]",
    "王小明",
    "Алексей",
    "🙂",
    "Zoë",
    "Zoe\u0308",
    " ",
    "-",
    ".",
    "CON",
]
TITLES = st.one_of(
    st.text(min_size=0, max_size=30),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), min_size=1, max_size=5).map("".join),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def refused(title: str) -> bool:
    """What `clean_name` refuses: empty, a control character or line break, too long."""
    cleaned = unicodedata.normalize("NFC", title).strip()
    return (
        not cleaned
        or len(cleaned) > 200
        or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in cleaned)
    )


def piece_files(root: Path) -> set[Path]:
    return {
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix in (".toml", ".md")
        and p != root / "ccos.toml"  # the settings, not a piece titled "ccos" (sharing/ccos.toml)
        and "templates" not in p.relative_to(root).parts
        and "checklists" not in p.relative_to(root).parts
    }


@SETTINGS
@given(title=TITLES)
def test_a_title_never_writes_outside_sharing(ccos: Ccos, title: str) -> None:
    before_files = piece_files(ccos.root)
    before = snapshot(ccos.root)
    titles_before = {name_key(tomllib.loads(p.read_text("utf-8"))["title"]) for p in before_files}
    result = ccos("share", "add", "--over-budget", "--", title)
    if result.exit_code != 0:
        assert result.exit_code == 2, result.stderr
        assert snapshot(ccos.root) == before
        assert refused(title) or name_key(title) in titles_before
        return
    new = piece_files(ccos.root) - before_files
    assert len(new) == 1
    path = next(iter(new))
    assert path.parent == ccos.root / "sharing"
    assert path.resolve().parent == (ccos.root / "sharing").resolve()
    assert path.suffix == ".toml"
    assert tomllib.loads(path.read_text("utf-8"))["title"] == unicodedata.normalize("NFC", title).strip()
    shown = ccos.json("share", "show", path.stem)
    assert shown["piece"]["id"] == path.stem  # type: ignore[index]


@SETTINGS
@given(first=TITLES, second=TITLES)
def test_two_different_titles_never_share_a_file(ccos: Ccos, first: str, second: str) -> None:
    for path in piece_files(ccos.root):
        path.unlink()
    one = ccos("share", "add", "--over-budget", "--", first)
    two = ccos("share", "add", "--over-budget", "--", second)
    files = piece_files(ccos.root)
    assert len(files) == (one.exit_code == 0) + (two.exit_code == 0)
    assert one.exit_code in (0, 2) and two.exit_code in (0, 2)
    assert (one.exit_code == 2) == refused(first)
    if two.exit_code == 2:
        assert refused(second) or (one.exit_code == 0 and name_key(first) == name_key(second))
    titles = sorted(tomllib.loads(p.read_text("utf-8"))["title"] for p in files)
    assert len(set(titles)) == len(titles)
