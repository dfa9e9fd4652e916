"""What every command shares: the app class with the one error boundary, the context.

`CcosTyper` wraps each command callback once, here, so a `CcosError` anywhere below
becomes a one-line message on stderr with its documented exit code, and an unexpected
exception becomes exit 1 without a traceback (unless `CCOS_DEBUG=1`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from ccos.context import AppContext, current_context, make_current

F = TypeVar("F", bound=Callable[..., Any])

JSON_HELP = "Print one JSON document on stdout (stable keys, ISO dates) instead of tables."


def report_error(message: str, hint: str | None) -> None:
    """The one-line error on stderr; never raises (a closed or ASCII stderr included)."""
    from ccos.i18n import tr
    from ccos.render.streams import write_quietly
    from ccos.render.text import printable

    # i18n: the one-line error on stderr; {hint} is what to do, after a dash
    line = tr("error: {message}").format(message=printable(message))
    if hint:
        line = tr("error: {message} — {hint}").format(message=printable(message), hint=printable(hint))
    write_quietly("stderr", line + "\n")


def with_error_boundary(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ccos.errors import CcosError

        context = current_context()  # None in the root callback, which makes it
        _watch_saved(context)
        try:
            try:
                return func(*args, **kwargs)
            finally:
                _flush_notes(context)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except CcosError as exc:
            report_error(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from ccos.i18n import tr
            from ccos.render.streams import write_quietly

            write_quietly("stderr", tr("interrupted") + "\n")
            raise typer.Exit(130) from None
        except Exception as exc:
            _output_boundary(exc)
            if isinstance(exc, OSError):
                from ccos.errors import from_os_error

                error = from_os_error(exc)
                report_error(error.message, error.hint)
                raise typer.Exit(error.exit_code) from None
            if os.environ.get("CCOS_DEBUG", "") not in ("", "0"):
                import traceback

                traceback.print_exc()
            from ccos.i18n import tr

            report_error(
                tr("internal error ({error})").format(error=f"{type(exc).__name__}: {exc}"),
                tr("this is a bug in ccos; run with CCOS_DEBUG=1 for the traceback and report it"),
            )
            _note_saved(context)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _output_boundary(exc: Exception) -> None:
    """An exception from writing stdout/stderr never undoes or hides a finished write.

    A write command's success is decided when its change is saved; what it prints after is
    a report. So after a saved change a failure to print (a closed pipe, a terminal gone
    away, a disk full under a redirect) exits 0 with a one-line note on stderr, and a retry
    loop around the command does not save it twice. Without a change: a closed pipe is
    exit 0 (as `head` expects), other output failures exit 5 (the environment).
    Returns only when `exc` did not come from output.
    """
    from ccos.i18n import tr
    from ccos.render.streams import output_failure, silence, write_quietly

    failure = output_failure(exc)
    if failure is None:
        return
    silence(failure.stream)
    if failure.saved:
        if failure.stream == "stdout":
            write_quietly(
                "stderr",
                tr("note: {note}").format(
                    note=tr("the change is saved; its report was not shown ({why})").format(why=failure.describe())
                )
                + "\n",
            )
        raise typer.Exit(0) from None
    if isinstance(failure.error, BrokenPipeError):
        raise typer.Exit(0) from None
    if isinstance(failure.error, UnicodeError):
        hint = tr("set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8; nothing was changed")
    else:
        hint = tr("nothing was changed")
    report_error(failure.describe(), hint)
    raise typer.Exit(5) from None


def _watch_saved(context: AppContext | None) -> None:
    if context is not None:
        from ccos.render.streams import watch_saved

        watch_saved(context.saved)


def _note_saved(context: AppContext | None) -> None:
    """After a bug that struck once the change was saved: say so, so no one runs it twice."""
    if context is not None and context.saved():
        from ccos.i18n import tr
        from ccos.render.streams import write_quietly

        note = tr("the change itself was saved; do not run the command again")
        write_quietly("stderr", tr("note: {note}").format(note=note) + "\n")


def _flush_notes(context: AppContext | None) -> None:
    """Print what the command has to tell the person (an autocommit that failed, an index
    rebuilt, a hand-edited key ccos does not know): the context hands it over on close."""
    from ccos import i18n

    notes = (context.close() if context is not None else []) + i18n.notes()
    if notes:
        from ccos.render.streams import write_quietly
        from ccos.render.text import printable

        write_quietly("stderr", "".join(i18n.tr("note: {note}").format(note=printable(note)) + "\n" for note in notes))


class CcosTyper(typer.Typer):
    """A Typer whose commands and callbacks all pass through `with_error_boundary`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("no_args_is_help", False)
        kwargs.setdefault("pretty_exceptions_enable", False)
        kwargs.setdefault("rich_markup_mode", "rich")
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        register = super().command(*args, **kwargs)

        def decorator(func: F) -> F:
            register(with_error_boundary(func))
            return func

        return decorator

    def callback(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        register = super().callback(*args, **kwargs)

        def decorator(func: F) -> F:
            register(with_error_boundary(func))
            return func

        return decorator


def app_context(ctx: typer.Context) -> AppContext:
    """The invocation's context, made by the root callback (or fresh in a bare call)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppContext):
        root.obj = make_current(AppContext())
    return root.obj
