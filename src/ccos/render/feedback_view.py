"""The feedback of an add (planning/feedback.py): the week's load line, and the say-no
question asked on a terminal when a change would take a week over budget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccos.i18n import tr
from ccos.render.console import make_console, user_text
from ccos.words import number

if TYPE_CHECKING:
    from ccos.context import AppContext
    from ccos.planning.feedback import Ask, LoadFeedback, WeekLoad


def say_no(context: AppContext) -> Ask | None:
    """The question, when a person is at the terminal to answer it (else the change is refused)."""
    if not context.interactive():
        return None

    def ask(load: WeekLoad) -> bool:
        from rich.prompt import Confirm

        console = make_console(stderr=True)
        added = tr("{hours} h").format(hours=number(load.added_hours))
        console.print(user_text(tr("{line} (this adds {added}).").format(line=load.line(), added=added), "over"))
        try:
            return Confirm.ask(tr("Say no first. Take it on anyway?"), default=False, console=console)
        except EOFError:  # no answer is no
            return False

    return ask


def print_load(feedback: LoadFeedback | None) -> None:
    """The load line under the command's own confirmation (nothing when it could not be measured);
    taken on over budget, it ends in "— over budget" and the plan's own warning says the rest."""
    if feedback is None:
        return
    style = {"over": "over", "near": "near"}.get(feedback.worst.state, "muted")
    make_console().print(user_text(f"  {feedback.line()}", style))
