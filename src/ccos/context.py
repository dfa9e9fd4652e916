"""One context built once per invocation: the resolved workspace, today and now.

Commands read the environment through this object only (the variables, the clock, the
time zone, the folder they were run from, whether a person is at the terminal), so tests
can build it directly and nothing below the commands looks at them itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccos.storage.workspace import Workspace


@dataclass
class AppContext:
    workspace_option: str | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: Path = field(default_factory=Path.cwd)
    stdin_is_terminal: bool | None = None  # None: asked of sys.stdin when first needed
    _workspace: Workspace | None = None
    _today: date | None = None
    _now: datetime | None = None
    _saved: bool = False

    def workspace_path(self) -> Path:
        """--workspace, CCOS_WORKSPACE, the nearest ccos.toml or ~/ccos; a relative one is
        relative to `cwd`."""
        from ccos.storage.workspace import find_workspace

        found = find_workspace(self.workspace_option, self.environ.get("CCOS_WORKSPACE"), self.cwd, self.home())
        return found if found.is_absolute() else self.cwd / found

    def path(self, given: str | Path) -> Path:
        """A path the person typed (an argument or option), absolute: `~` is their home, and a
        relative path is relative to `cwd`."""
        path = Path(given)
        if path.parts and path.parts[0] == "~":
            path = self.home().joinpath(*path.parts[1:])
        elif path.parts and path.parts[0].startswith("~"):
            path = path.expanduser()
        return path if path.is_absolute() else self.cwd / path

    def home(self) -> Path:
        home = self.environ.get("HOME")
        return Path(home) if home else Path.home()

    def workspace(self) -> Workspace:
        """The workspace this command acts on; exit 2 when there is none."""
        if self._workspace is None:
            from ccos.storage.workspace import Workspace

            self._workspace = Workspace.open(self.workspace_path(), use_index=self.use_index(), cwd=self.cwd)
            self._speak(self._workspace)
        return self._workspace

    def _speak(self, workspace: Workspace) -> None:
        """Speak the workspace's `profile.language` (unless CCOS_LANG says otherwise). A
        ccos.toml that does not read is reported by the command that needs it in the language
        its `language = "..."` line still names, if one does (else the locale's)."""
        from ccos import i18n

        if i18n.override(self.environ) is not None:
            return
        # Its `language = "..."` line, not the validated config: reading the config here would
        # use (and repair) the derived index before `doctor` looks at it, and note unknown
        # keys the command reports itself. A language the line does not name: the locale's.
        named = _named_language(workspace)
        if named is not None:
            i18n.use(named)

    def use_index(self) -> bool:
        """The derived index (storage/index.py); `CCOS_NO_CACHE=1` reads every file strictly."""
        return self.environ.get("CCOS_NO_CACHE", "") in ("", "0")

    def close(self) -> list[str]:
        """The end of the command: the workspace writes what its index learned, and hands
        over what it has to tell the person (printed on stderr as notes)."""
        workspace = self._workspace
        if workspace is None:
            return []
        workspace.close()
        notes = list(workspace.notes)
        workspace.notes.clear()
        return notes

    def saved(self) -> bool:
        """Whether this command has saved a change for good: its success is decided, what it
        prints from then on is a report, and a failure to print must not make a retry save it
        twice. Changes made under the workspace lock count once the lock is released (until
        then a failure rolls them back)."""
        workspace = self._workspace
        if workspace is not None and workspace.changed and not getattr(workspace, "_locked", False):
            return True
        return self._saved

    def mark_saved(self) -> None:
        """For commands that write outside this context's workspace (`init`, `import json`)."""
        self._saved = True

    def today(self) -> date:
        """`CCOS_TODAY`, else the clock in the workspace time zone (or the machine's)."""
        if self._today is None:
            from ccos.dates import now_in, parse_today

            override = self.environ.get("CCOS_TODAY")
            if override:
                self._today = parse_today(override, date.today())
            else:
                self._today = now_in(self._zone()).date()
        return self._today

    def now(self) -> datetime:
        """The wall clock (an aware datetime) in the workspace time zone, or the machine's
        when ccos.toml names none or cannot be read; on `CCOS_TODAY`'s date when it is set
        (the time of day stays the clock's). Read once per invocation."""
        if self._now is None:
            from ccos.dates import now_in, parse_today
            from ccos.errors import InvalidInput

            try:
                zone = self._zone()
            except InvalidInput:  # a broken ccos.toml: commands that work without it still tell the time
                zone = None
            moment = now_in(zone)
            override = self.environ.get("CCOS_TODAY")
            if override:
                day = parse_today(override, moment.date())
                if zone:
                    moment = moment.replace(year=day.year, month=day.month, day=day.day)
                else:  # the machine's zone: the offset of that day (summer time may differ)
                    moment = datetime.combine(day, moment.time()).astimezone()
            self._now = moment
        return self._now

    def _zone(self) -> str | None:
        """The workspace time zone (ccos.toml `profile.timezone`), when there is a workspace."""
        if self._workspace is not None or (self.workspace_path() / "ccos.toml").is_file():
            return self.workspace().config().profile.timezone
        return None

    def machine_zone(self) -> str | None:
        """The machine's IANA time zone name (TZ, /etc/localtime, /etc/timezone), or None."""
        from ccos.capabilities.events.machine import machine_zone

        return machine_zone(self.environ)

    def interactive(self) -> bool:
        """Whether a person can answer questions: standard input is a terminal."""
        import sys

        if self.stdin_is_terminal is None:
            stream = sys.stdin
            self.stdin_is_terminal = stream is not None and stream.isatty()
        return self.stdin_is_terminal

    def locale_language(self) -> str:
        """The language of the person's locale (for `init`), else English."""
        for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
            value = self.environ.get(name, "").lower()
            if value:
                for code in ("zh", "ru", "en"):
                    if value.startswith(code):
                        return code
                return "en"
        return "en"

    def debug(self) -> bool:
        return self.environ.get("CCOS_DEBUG", "") not in ("", "0")


_LANGUAGE_LINE = re.compile(r"""^[ \t]*language[ \t]*=[ \t]*["']([a-z]+)["']""", re.MULTILINE)


def _named_language(workspace: Workspace) -> str | None:
    """The language a broken ccos.toml still names on a `language = "ru"` line (best effort:
    the error about the file is then told in the person's language)."""
    from ccos.errors import CcosError

    try:
        data = workspace.peek_bytes(workspace.config_path)
    except (CcosError, OSError):
        return None
    return language_named_in(data)


def language_named_in(data: bytes) -> str | None:
    """The language a ccos.toml's text names on its `language = "..."` line, if it is one ccos speaks."""
    from ccos import i18n

    found = _LANGUAGE_LINE.search(data[:65536].decode("utf-8", errors="replace"))
    return found.group(1) if found and found.group(1) in i18n.LANGUAGES else None


_CURRENT: ContextVar[AppContext | None] = ContextVar("ccos_context", default=None)


def make_current(context: AppContext) -> AppContext:
    """The root callback's context becomes the one every command and note reaches."""
    _CURRENT.set(context)
    return context


def current_context() -> AppContext | None:
    """The running invocation's context (None before the root callback made it)."""
    return _CURRENT.get()
