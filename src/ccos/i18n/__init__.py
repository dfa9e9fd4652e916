"""The interface's language: gettext catalogs for en, zh and ru.

Every text a person reads goes through `tr` (a sentence), `ntr` (a sentence that counts)
or `ccos.words.count` (a number and its noun). The catalogs live in
`src/ccos/locale/<lang>/LC_MESSAGES/ccos.po` and are compiled to `.mo` files shipped in
the wheel (docs/i18n.md: `python -m ccos.i18n.catalogs` extracts, updates and compiles
them with Babel). English is the source language: its catalog is the messages themselves.

Which language: `CCOS_LANG` when set (scripts); else the workspace's `profile.language`
once the workspace is known (`AppContext.workspace`); before that (`init`, help outside a
workspace) `--lang`, then `LC_ALL`, `LC_MESSAGES`, `LANG`, then English. Placeholders are
named (`{week}`), filled with `str.format` after translation, so a translator may move them.

Only the standard library's gettext is imported at run time (Babel is a tool for the
catalogs, never imported by a command): loading a catalog costs well under a millisecond.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("en", "zh", "ru")
DOMAIN: Final = "ccos"
LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
ENVIRONMENT: Final = ("LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, object] = {"language": "en", "catalog": gettext.NullTranslations()}
_loaded: dict[str, gettext.NullTranslations] = {}
_notes: list[str] = []


def _catalog(language: str) -> gettext.NullTranslations:
    if language not in _loaded:
        if language == "en":
            _loaded[language] = gettext.NullTranslations()
        else:
            try:
                with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as file:
                    _loaded[language] = gettext.GNUTranslations(file)
            except OSError:
                # A missing catalog never stops a command: English, and a note saying so.
                _notes.append(f"no {language} catalog installed; ccos speaks English until it is reinstalled")
                _loaded[language] = gettext.NullTranslations()
    return _loaded[language]


def use(language: str) -> None:
    """Speak `language` ("en", "zh" or "ru") from now on; anything else is English."""
    chosen = language if language in LANGUAGES else "en"
    _state["language"] = chosen
    _state["catalog"] = _catalog(chosen)


def language() -> str:
    """The language ccos speaks now."""
    return str(_state["language"])


def notes() -> list[str]:
    """What the person should be told about the catalogs (a missing one), once."""
    told = list(_notes)
    _notes.clear()
    return told


def from_locale(value: str | None) -> str | None:
    """The language of a locale setting: "zh_CN.UTF-8" -> "zh", "ru_RU" -> "ru", "C" -> None."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def override(environ: Mapping[str, str]) -> str | None:
    """`CCOS_LANG`, when it names a language: it wins over the workspace and the locale."""
    return from_locale(environ.get("CCOS_LANG"))


def from_environment(environ: Mapping[str, str]) -> str:
    """The language before a workspace is known: CCOS_LANG, then the locale, then English."""
    chosen = override(environ)
    if chosen is not None:
        return chosen
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:  # the first one set decides, as in POSIX (LC_ALL=C means the C locale)
            return from_locale(value) or "en"
    return "en"


def tr(message: str) -> str:
    """`message` in the current language (extraction keyword `tr`)."""
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog.gettext(message)


def ntr(singular: str, plural: str, n: float) -> str:
    """The form of a counted message for `n` (Russian has three: 1 пункт, 2 пункта, 5 пунктов).

    A number that is not whole (2.5 h) takes the form of 2, which is what Russian uses for
    fractions and English for anything but exactly 1.
    """
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    whole = int(n) if float(n).is_integer() else 2
    return catalog.ngettext(singular, plural, whole)
