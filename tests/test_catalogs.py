"""The catalogs (src/ccos/locale): up to date with the code, every message translated in
zh and ru with the same placeholders, Russian with its three plural forms, and the
language chosen as the contract says (CCOS_LANG, the workspace, the locale, English)."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccos import i18n
from ccos.cli import app
from ccos.i18n import catalogs
from tests.conftest import TODAY

FIELDS = string.Formatter()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(text) if name is not None}


def test_the_catalogs_are_up_to_date_with_the_code() -> None:
    assert catalogs.main(["--check"]) == 0


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language: str) -> None:
    catalog = catalogs.read(language)
    forms = {"zh": 1, "ru": 3}[language]
    assert catalog.num_plurals == forms
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or (len(ids) > 1 and len(strings) != forms):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = placeholders(ids[0])
        for text in strings:
            if placeholders(text) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_russian_counts_take_their_three_forms() -> None:
    from ccos.words import count

    i18n.use("ru")
    try:
        assert [count(n, "item", "items") for n in (1, 2, 5, 11, 21, 22)] == [
            "1 пункт", "2 пункта", "5 пунктов", "11 пунктов", "21 пункт", "22 пункта",
        ]  # fmt: skip
        assert count(2.5, "item", "items") == "2,5 пункта"  # CLDR's decimal comma
    finally:
        i18n.use("en")
    assert [count(n, "item", "items") for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),  # the first set decides, as in POSIX
        ({"LC_MESSAGES": "ru_RU", "LANG": "zh_CN"}, "ru"),
        ({"CCOS_LANG": "zh", "LC_ALL": "ru_RU.UTF-8"}, "zh"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_before_a_workspace_is_known(environ: dict[str, str], expected: str) -> None:
    assert i18n.from_environment(environ) == expected


def _init(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(
        app,
        ["init", str(tmp_path / "ws"), "--name", "Ann", "--no-git", *args],
        env={"CCOS_TODAY": TODAY, **(env or {})},
    )
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["--lang", "zh"], {}, "已在"),
        (["--lang", "ru"], {}, "Рабочее пространство ccos создано"),
        ([], {"LANG": "ru_RU.UTF-8"}, "Рабочее пространство ccos создано"),
        (["--lang", "ru"], {"CCOS_LANG": "en"}, "Created a ccos workspace"),
        (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "Created a ccos workspace"),
    ],
)
def test_init_speaks_the_new_workspaces_language(
    tmp_path: Path, args: list[str], env: dict[str, str], says: str
) -> None:
    assert says in _init(tmp_path, *args, env=env)


def test_a_workspace_speaks_its_profile_language_whatever_the_locale(
    make_workspace: Callable[..., object], tmp_path: Path
) -> None:
    _init(tmp_path, "--lang", "ru", env={"LANG": "zh_CN.UTF-8"})
    runner = CliRunner()
    root = str(tmp_path / "ws")
    shown = runner.invoke(app, ["-w", root, "checklist", "add", "Пункт", "--over-budget"], env={"CCOS_TODAY": TODAY})
    assert shown.exit_code == 0, shown.stderr
    assert re.search(r"[А-Яа-я]", i18n.tr("Created a ccos workspace in {root}")), "the workspace's language is in use"
    i18n.use("en")


def test_a_missing_catalog_speaks_english_with_a_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_loaded", {})
    i18n.use("ru")
    try:
        assert i18n.tr("Created a ccos workspace in {root}") == "Created a ccos workspace in {root}"
        assert any("no ru catalog" in note for note in i18n.notes())
    finally:
        monkeypatch.undo()
        i18n.use("en")


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
def test_every_warning_has_a_name_on_screen_in_the_language(language: str) -> None:
    from ccos.registry import warning_codes
    from ccos.render.warnings_view import label

    i18n.use(language)
    try:
        names = {code: label(code) for code in warning_codes()}
    finally:
        i18n.use("en")
    assert all(name != code and not re.search(r"[a-z_]{3,}", name) for code, name in names.items()), names
    assert {code: label(code) for code in warning_codes()} == {
        code: code for code in warning_codes()
    }  # English: the code
