"""Interactive questions on a terminal (Rich prompts): used by `ccos checkin`."""

from __future__ import annotations

from rich.prompt import IntPrompt, Prompt

from ccos.i18n import tr
from ccos.render.console import make_console


def questions() -> dict[str, str]:
    """The four questions (guide §7.1), in the current language."""
    return {
        "energy": tr("Energy this week (1 exhausted .. 5 full of energy)"),
        "duty": tr("Does community work feel like duty rather than passion? (1 not at all .. 5 only duty)"),
        "main_job": tr("Is it hurting your main job? (1 not at all .. 5 a lot)"),
        "avoid": tr("Are you avoiding community activities? (1 not at all .. 5 a lot)"),
    }


def ask_checkin(known: dict[str, int | None]) -> tuple[dict[str, int], str]:
    console = make_console()
    console.print(tr("Weekly check-in: four signals of burnout from the guide (§7.1)."), style="heading")
    answers: dict[str, int] = {}
    for name, question in questions().items():
        value = known.get(name)
        while value is None or not 1 <= value <= 5:
            value = IntPrompt.ask(question, console=console)  # Rich's own retry text stays English
        answers[name] = value
    note = Prompt.ask(tr("A note for yourself (optional)"), default="", console=console)
    return answers, note
