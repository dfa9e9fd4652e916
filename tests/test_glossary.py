"""docs/glossary.md agrees with the catalogs: a row whose source is a catalog msgid shows that
msgid's zh and ru text exactly (a counted noun: its singular), so the reference for anyone
adding a language is the screen's own words."""

from __future__ import annotations

import re
from pathlib import Path

from ccos.i18n import catalogs

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"
MSGID = re.compile(r"^`([^`]+)`$")


def _rows() -> list[list[str]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip("|"))]
            rows.append(cells)
    return rows


def test_the_glossary_says_what_the_catalogs_say() -> None:
    read = {language: catalogs.read(language) for language in ("zh", "ru")}
    checked, problems = 0, []
    for cells in _rows():
        assert len(cells) == 4, cells  # en | zh | ru | from
        match = MSGID.match(cells[3])
        if not match:
            continue
        for language, shown in (("zh", cells[1]), ("ru", cells[2])):
            message = read[language].get(match.group(1))
            if message is None:
                problems.append(f"{match.group(1)!r}: no such msgid")
                continue
            text = message.string[0] if isinstance(message.string, tuple) else message.string
            if text != shown:
                problems.append(f"{match.group(1)!r} {language}: glossary {shown!r}, catalog {text!r}")
        checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 80  # most of the page is checked, not a handful of rows
