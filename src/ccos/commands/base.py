"""What every command shares: the app class with the one error boundary, the context.

`CcosTyper` wraps each command callback once, here, so a `CcosError` anywhere below
becomes a one-line message on stderr with its documented exit code, and an unexpected
exception becomes exit 1 without a traceback (unless `CCOS_DEBUG=1`).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from ccos.context import AppContext

F = TypeVar("F", bound=Callable[..., Any])

JSON_HELP = "Print one JSON document on stdout (stable keys, ISO dates) instead of tables."


def report_error(message: str, hint: str | None) -> None:
    from ccos.render.text import printable

    line = f"error: {printable(message)}"
    if hint:
        line += f" — {printable(hint)}"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def with_error_boundary(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ccos.errors import CcosError

        try:
            try:
                return func(*args, **kwargs)
            finally:
                _flush_notes([*args, *kwargs.values()])
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except CcosError as exc:
            report_error(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except OSError as exc:
            from ccos.errors import from_os_error

            error = from_os_error(exc)
            report_error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except Exception as exc:
            if os.environ.get("CCOS_DEBUG", "") not in ("", "0"):
                import traceback

                traceback.print_exc()
            report_error(
                f"internal error ({type(exc).__name__}: {exc})",
                "this is a bug in ccos; run with CCOS_DEBUG=1 for the traceback and report it",
            )
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _flush_notes(arguments: list[Any]) -> None:
    """Print what the workspace asked to tell the person (e.g. an autocommit that failed)."""
    for argument in arguments:
        if callable(getattr(argument, "find_root", None)):  # the command's (click) context
            context = argument.find_root().obj
            workspace = getattr(context, "_workspace", None) if isinstance(context, AppContext) else None
            notes = getattr(workspace, "notes", None)
            if notes:
                from ccos.render.text import printable

                for note in notes:
                    sys.stderr.write(f"note: {printable(note)}\n")
                notes.clear()
                sys.stderr.flush()
            return


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
        root.obj = AppContext()
    return root.obj
