"""Counted words: the one place a number meets a noun ("1 item", "3 items", "5 пунктов").

Every text that counts something goes through `count` or `plural`: the noun comes from
the catalogs through `ntr` (extraction keyword `count:2,3` and `plural:2,3`), so Russian
gets its three forms and no message says "1 pieces" or "item(s)".
"""

from __future__ import annotations

from ccos.dates import decimal
from ccos.i18n import ntr


def number(n: float, spec: str = "g") -> str:
    """A number as the language writes it: "2.5", ru "2,5" (CLDR's decimal sign); `spec`
    is a format spec (".1f" for the hours of a table column)."""
    if spec == "g" and not isinstance(n, float):
        return str(n)
    return decimal(format(float(n), spec))


def _number(n: float) -> str:
    return number(n)


def plural(n: float, one: str, many: str) -> str:
    """The noun that goes with `n`, in the current language."""
    return ntr(one, many, n)


def count(n: float, one: str, many: str) -> str:
    """`n` and its noun: count(1, "piece", "pieces") == "1 piece" (zh "1 篇", ru "1 материал")."""
    return f"{_number(n)} {plural(n, one, many)}"


def status_words() -> dict[str, str]:
    """A commitment's status as a person reads it, in the current language (plans and
    reviews show it; `--json` keeps the code)."""
    from ccos.i18n import tr

    return {
        "open": tr("open"),
        "planned": tr("planned"),
        "due": tr("due"),
        "overdue": tr("overdue"),
        "done": tr("done"),
        "unrecorded": tr("not recorded"),
    }
