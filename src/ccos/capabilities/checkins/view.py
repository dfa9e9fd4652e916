"""Interactive questions on a terminal (Rich prompts): used by `ccos checkin`."""

from __future__ import annotations

from rich.prompt import IntPrompt, Prompt

from ccos.render.console import make_console

QUESTIONS = {
    "energy": "Energy this week (1 exhausted .. 5 full of energy)",
    "duty": "Does community work feel like duty rather than passion? (1 not at all .. 5 only duty)",
    "main_job": "Is it hurting your main job? (1 not at all .. 5 a lot)",
    "avoid": "Are you avoiding community activities? (1 not at all .. 5 a lot)",
}


def ask_checkin(known: dict[str, int | None]) -> tuple[dict[str, int], str]:
    console = make_console()
    console.print("Weekly check-in: four signals of burnout from the guide (§7.1).", style="heading")
    answers: dict[str, int] = {}
    for name, question in QUESTIONS.items():
        value = known.get(name)
        while value is None or not 1 <= value <= 5:
            value = IntPrompt.ask(question, console=console)
        answers[name] = value
    note = Prompt.ask("A note for yourself (optional)", default="", console=console)
    return answers, note
