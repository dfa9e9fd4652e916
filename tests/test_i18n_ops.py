"""The operations speak the workspace's language: errors (one line, the file, line or option
named, the exit code of English), doctor, sync and `config set` in zh and ru workspaces,
with no English words on screen beyond codes, paths, commands and a short allow-list."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccos import i18n
from ccos.cli import app
from tests.conftest import TODAY, Ccos, git_run

GOLDEN = Path(__file__).parent / "golden"
ERROR_PREFIX = {"en": "error: ", "zh": "错误：", "ru": "ошибка: "}
# Words that stay as they are in every language: program and format names, units, values.
ALLOWED = {
    "ccos",
    "git",
    "toml",
    "utf",
    "bom",
    "nul",
    "head",
    "url",
    "pid",
    "mb",
    "main",
    "true",
    "false",
    "key",
    "value",
}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The CLI runs in this process: the next test starts in English whatever this one spoke."""
    yield
    i18n.use("en")


def english_words(text: str) -> list[str]:
    """The English words a person would meet in `text`, once commands, paths, keys and codes
    (anything in backticks, or holding `/ . _ - = :` or a digit) are set aside."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\b(ccos|git) [a-z]+", " ", text)  # a command named in a hint: `ccos restore FILE`
    text = re.sub(r"'[^']*'", " ", text)  # values the person wrote, quoted
    words = []
    for token in re.split(r"[\s,;，；：（）()]+", text):
        if not token or re.search(r"[/._\-=:\d@]", token):
            continue
        for word in LATIN_WORD.findall(token):
            if word.lower() not in ALLOWED and word != word.upper():
                words.append(word)
    return words


def _workspace(tmp_path: Path, language: str, *, git: bool = False) -> Ccos:
    root = tmp_path / f"ws-{language}"
    args = ["init", str(root), "--lang", language, "--name", "Ann"]
    if not git:
        args.append("--no-git")
    result = CliRunner().invoke(app, args, env={"CCOS_TODAY": TODAY})
    assert result.exit_code == 0, result.stderr
    return Ccos(root)


def _one_line_error(result: object, language: str) -> str:
    stderr = str(getattr(result, "stderr", ""))
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(ERROR_PREFIX[language]), stderr
    return lines[0]


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_a_bad_option_value_is_one_line_in_the_language(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    result = ccos("config", "set", "budget.weekly_hours", "abc")
    assert result.exit_code == 2
    line = _one_line_error(result, language)
    assert "budget.weekly_hours" in line and "'abc'" in line
    assert english_words(line) == [], line
    unknown = ccos("config", "set", "budget.weekly_hour", "3")
    assert unknown.exit_code == 2
    line = _one_line_error(unknown, language)
    assert "budget.weekly_hours" in line  # the closest key, named
    assert english_words(line) == [], line


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_a_missing_workspace_is_named_in_the_locales_language(tmp_path: Path, language: str) -> None:
    locale = {"zh": "zh_CN.UTF-8", "ru": "ru_RU.UTF-8"}[language]
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(app, ["-w", str(missing), "status"], env={"CCOS_TODAY": TODAY, "LANG": locale})
    english = CliRunner().invoke(app, ["-w", str(missing), "status"], env={"CCOS_TODAY": TODAY})
    assert result.exit_code == english.exit_code == 2
    line = _one_line_error(result, language)
    assert str(missing) in line and f"ccos init {missing}" in line
    assert english_words(line) == [], line


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_a_broken_file_is_one_line_with_its_line_in_the_language(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    config = ccos.root / "ccos.toml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + "x = [", encoding="utf-8")
    result = ccos("status")
    assert result.exit_code == 2
    line = _one_line_error(result, language)
    assert f"ccos.toml:{lines + 1}" in line, line
    assert english_words(line) == [], line


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_an_invalid_value_in_a_file_names_its_key_and_line(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"weekly_hours = \S+", 'weekly_hours = "many"', text, count=1), encoding="utf-8")
    result = ccos("status")
    assert result.exit_code == 2
    line = _one_line_error(result, language)
    assert "ccos.toml:" in line and "budget.weekly_hours" in line and "'many'" in line
    assert english_words(line) == [], line


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_an_unknown_language_exits_2_naming_the_languages(tmp_path: Path, language: str) -> None:
    refused = CliRunner().invoke(app, ["init", str(tmp_path / "xx"), "--lang", "xx", "--no-git"])
    assert refused.exit_code == 2 and all(code in refused.stderr for code in ("en", "zh", "ru"))
    assert not (tmp_path / "xx").exists()
    ccos = _workspace(tmp_path, language)
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^language = "\w+"', 'language = "xx"', text, count=1), encoding="utf-8")
    result = ccos("status")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "profile.language" in line and all(f"'{code}'" in line for code in ("en", "zh", "ru")), line
    assert "\n" not in line


def _troubled(ccos: Ccos) -> None:
    """A workspace with problems doctor finds: a stale temporary file, orphan notes, a wrong period."""
    root = ccos.root
    (root / "sharing" / "lonely.md").write_text("notes\n", encoding="utf-8")
    (root / "sharing" / ".lonely.toml.999999999.ccos-tmp").write_text("x", encoding="utf-8")
    (root / "mentees" / "ghost" / "sessions").mkdir(parents=True)
    (root / "mentees" / "ghost" / "sessions" / "a.md").write_text("+++\n+++\n", encoding="utf-8")
    (root / "events").mkdir(exist_ok=True)
    (root / "events" / "bad.toml").write_bytes(b"")


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_doctor_speaks_the_workspace_language(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    healthy = ccos.ok("doctor")
    assert english_words(healthy.stdout) == [], healthy.stdout
    _troubled(ccos)
    result = ccos("doctor", env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "sharing/lonely.md" in result.stdout and "events/bad.toml" in result.stdout
    assert english_words(result.stdout) == [], result.stdout
    fixed = ccos("doctor", "--fix", env={"COLUMNS": "200"})
    assert fixed.exit_code == 2  # the orphans remain; the temporary file is gone
    assert english_words(fixed.stdout) == [], fixed.stdout
    shown = ccos("doctor", "--json")
    assert '"orphan_file"' in shown.stdout  # codes stay English


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_doctor_at_80_columns_matches_its_reviewed_rendering(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    _troubled(ccos)
    text = ccos("doctor", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    path = GOLDEN / f"doctor_{language}_80.txt"
    if os.environ.get("CCOS_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed; review it, rerun with CCOS_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_sync_speaks_the_workspace_language(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language, git=True)
    ccos.ok("checklist", "add", "Пункт" if language == "ru" else "事项", "--over-budget")
    result = ccos.ok("sync", env={"COLUMNS": "200"})
    said = result.stdout + result.stderr
    assert english_words(said) == [], said
    subject = git_run(ccos.root, "log", "-1", "--format=%s").stdout
    assert english_words(subject) == [], subject  # the commit message in the workspace language
    again = ccos.ok("sync", env={"COLUMNS": "200"})
    assert english_words(again.stdout + again.stderr) == [], again.stdout
    status = ccos.ok("sync", "--status", env={"COLUMNS": "200"})
    assert english_words(status.stdout + status.stderr) == [], status.stdout


@pytest.mark.parametrize(("language", "was"), [("zh", "（原为 6）"), ("ru", "(было 6)")])
def test_config_set_reports_in_the_language(tmp_path: Path, language: str, was: str) -> None:
    ccos = _workspace(tmp_path, language)
    changed = ccos.ok("config", "set", "budget.weekly_hours", "7")
    assert "budget.weekly_hours = 7" in changed.stdout and was in changed.stdout
    same = ccos.ok("config", "set", "budget.weekly_hours", "7")
    assert "budget.weekly_hours" in same.stdout
    assert english_words(changed.stdout + same.stdout) == [], changed.stdout + same.stdout


def test_english_stays_english(ccos: Ccos) -> None:
    result = ccos("config", "set", "budget.weekly_hours", "abc")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid value for budget.weekly_hours: 'abc'")
    assert "workspace healthy" in ccos.ok("doctor").stdout


@pytest.mark.parametrize("language", ["zh", "ru"])
def test_an_unknown_key_is_a_warning_in_the_language(tmp_path: Path, language: str) -> None:
    ccos = _workspace(tmp_path, language)
    config = ccos.root / "ccos.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[budget]\n", "[budget]\nweekly_hour = 3\n", 1), encoding="utf-8")
    result = ccos.ok("doctor", env={"COLUMNS": "200"})
    assert "budget.weekly_hour" in result.stdout and "weekly_hours" in result.stdout
    assert english_words(result.stderr) == [], result.stderr  # a note, if any, in the language too
    assert english_words(result.stdout) == [], result.stdout
    noted = ccos.ok("status")
    assert "budget.weekly_hour" in noted.stderr and english_words(noted.stderr) == [], noted.stderr
