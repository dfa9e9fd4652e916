"""Extract, update and compile the catalogs: `python -m ccos.i18n.catalogs [--check]`.

A tool for developers (it needs Babel, from `pip install '.[test]'`); no command imports it.

- extract: every `tr("...")`, `ntr("...", "...", n)`, `count(n, "...", "...")` and
  `plural(n, "...", "...")` with literal text under src/ccos, into a template in memory;
- update: each language's `src/ccos/locale/<lang>/LC_MESSAGES/ccos.po` gets the new
  messages (untranslated), keeps its translations, and drops what the code no longer says;
- compile: each `.po` to the `.mo` shipped in the wheel;
- dates: `src/ccos/i18n/cldr_data.py`, the few names and patterns of Babel's CLDR data
  that ccos prints dates with (Babel itself is never imported at run time).

`--check` changes nothing and exits 1 when a catalog is not up to date with the code (a
message missing or stale, a `.mo` older than its `.po`): the test suite runs the same check.
"""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ccos.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

SOURCE = LOCALE_DIR.parent
KEYWORDS = {"tr": None, "ntr": (1, 2), "count": (2, 3), "plural": (2, 3)}
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")
# Fixed header dates: a catalog changes only when its messages do (git shows real changes).
STAMP = datetime(2026, 12, 1, tzinfo=UTC)
HEADER = "# ccos messages in {name}. Update with `python -m ccos.i18n.catalogs` (docs/i18n.md).\n"
NAMES = {"zh": "Simplified Chinese", "ru": "Russian"}


def extract() -> Catalog:
    """The messages the code says now (the template)."""
    template = Catalog(project="ccos", domain=DOMAIN, creation_date=STAMP)
    found = extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        if filename.startswith("i18n/"):
            continue
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.is_file():
        return Catalog(locale=language, domain=DOMAIN, project="ccos", creation_date=STAMP)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def render_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, no_location=True, ignore_obsolete=True)
    return out.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def updated(language: str, template: Catalog) -> Catalog:
    catalog = read(language)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = catalog.revision_date = STAMP
    catalog.header_comment = HEADER.format(name=NAMES.get(language, language))
    catalog.version = "1"
    catalog.last_translator = catalog.language_team = "ccos developers"
    catalog.msgid_bugs_address = ""
    catalog.fuzzy = False  # a fuzzy header would leave the plural rule out of the .mo
    return catalog


CLDR_FILE = Path(__file__).resolve().parent / "cldr_data.py"
# The CLDR skeletons ccos prints with: a day, a day with its year, a week, a month, a quarter.
SKELETONS = {"day": "MMMd", "day_year": "yMMMd", "week": "yw", "month": "yMMMM", "quarter": "yQQQQ"}


def _pattern(pattern: Any) -> str:
    """A Babel pattern (`%(d)s %(MMM)s`) as a `str.format` template (`{d} {MMM}`); the
    narrow no-break space CLDR puts before `г.` becomes a plain one (terminals and typing)."""
    text = str(pattern.format).replace("{", "{{").replace("}", "}}")
    return re.sub(r"%\((\w+)\)s", r"{\1}", text).replace("\u202f", " ").replace("\xa0", " ")


def cldr_data() -> dict[str, dict[str, object]]:
    """Per language: weekday and month names, quarters and the patterns (CLDR via Babel)."""
    from babel import Locale

    data: dict[str, dict[str, object]] = {}
    for language in LANGUAGES:
        locale = Locale.parse(language)
        skeletons = locale.datetime_skeletons
        days, months = locale.days["format"]["abbreviated"], locale.months
        quarters = locale.quarters["format"]
        data[language] = {
            "weekdays": tuple(days[i] for i in range(7)),  # Monday first, as date.weekday()
            "months": tuple(months["format"]["abbreviated"][i] for i in range(1, 13)),  # MMM
            "months_alone": tuple(months["stand-alone"]["abbreviated"][i] for i in range(1, 13)),  # LLL
            "months_wide": tuple(months["stand-alone"]["wide"][i] for i in range(1, 13)),  # LLLL
            "quarters": tuple(quarters["wide"][i] for i in range(1, 5)),  # QQQQ
            "quarters_short": tuple(quarters["abbreviated"][i] for i in range(1, 5)),  # QQQ
            "decimal": locale.number_symbols["latn"]["decimal"],
            **{name: _pattern(skeletons[skeleton]) for name, skeleton in SKELETONS.items()},
        }
    return data


def _literal(text: str) -> str:
    """A string literal as `ruff format` writes it (double quotes)."""
    return json.dumps(text, ensure_ascii=False)


def render_cldr() -> bytes:
    """The text of `cldr_data.py`: plain literals, so importing it costs next to nothing."""
    import babel

    lines = [
        '"""Dates and numbers as each language writes them: CLDR data, from Babel.',
        "",
        "Generated by `python -m ccos.i18n.catalogs` (docs/i18n.md); do not edit by hand.",
        "Plain literals, so a command imports it without importing Babel.",
        '"""',
        "",
        f"BABEL = {_literal(babel.__version__)}",
        "DATES: dict[str, dict[str, str | tuple[str, ...]]] = {",
    ]
    for language, fields in cldr_data().items():
        lines.append(f"    {_literal(language)}: {{")
        for name, value in fields.items():
            if isinstance(value, tuple):  # one name a line: the layout `ruff format` keeps
                lines.append(f"        {_literal(name)}: (")
                lines.extend(f"            {_literal(item)}," for item in value)
                lines.append("        ),")
            else:
                lines.append(f"        {_literal(name)}: {_literal(str(value))},")
        lines.append("    },")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    template = extract()
    stale = []
    cldr = render_cldr()
    if not CLDR_FILE.is_file() or CLDR_FILE.read_bytes() != cldr:
        stale.append(str(CLDR_FILE.relative_to(SOURCE.parent.parent)))
        if not check:
            CLDR_FILE.write_bytes(cldr)
    for language in TRANSLATED:
        catalog = updated(language, template)
        po, mo = render_po(catalog), render_mo(catalog)
        po_file, mo_file = po_path(language), po_path(language).with_suffix(".mo")
        for path, data in ((po_file, po), (mo_file, mo)):
            if not path.is_file() or path.read_bytes() != data:
                stale.append(str(path.relative_to(SOURCE.parent.parent)))
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
        missing = [m.id for m in catalog if m.id and not m.string]
        if missing:
            print(f"{language}: {len(missing)} messages without a translation", file=sys.stderr)
    if check and stale:
        print("not up to date: " + ", ".join(stale) + " (run python -m ccos.i18n.catalogs)", file=sys.stderr)
        return 1
    for written in stale:
        print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
