"""`ccos doctor` and `ccos restore` for a person: one line per problem, then what to do."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.operations.doctor import DoctorReport
from ccos.operations.restore import Versions
from ccos.render.console import name_column, user_text
from ccos.words import count


def render_doctor(console: Console, report: DoctorReport) -> None:
    for line in report.fixed:
        console.print(user_text(f"fixed: {line}", "ok"))
    for problem in report.problems:
        where = problem.file or "workspace"
        if problem.line is not None:
            where += f":{problem.line}"
        message = problem.message
        shown = user_text(where, "code")
        shown.append(": ")
        style = "over" if problem.severity == "error" and not problem.fixable else "near"
        shown.append_text(user_text(message, style))
        console.print(shown)
        console.print(user_text(f"  → {problem.hint}", "muted"))
    errors = report.errors
    problems = len(errors)
    warned = len(report.warnings)
    warnings = f"; {count(warned, 'warning', 'warnings')}" if warned else ""
    backups = f"backups: {count(report.backups.versions, 'version', 'versions')}, {report.backups.bytes / 2**20:.1f} MB"
    if problems:
        fixable = sum(1 for p in errors if p.fixable)
        summary = Text(f"{count(problems, 'problem', 'problems')} in {report.files_checked} files checked", "over")
        if warnings:
            summary.append(warnings, style="near")
        if fixable:
            summary.append(f"; {fixable} fixable with `ccos doctor --fix`", style="near")
        console.print(summary)
    else:
        summary = Text(f"workspace healthy: {report.files_checked} files checked", "ok")
        if warnings:
            summary.append(warnings + " (see above)", style="near")
        console.print(summary)
    console.print(Text(backups, "muted"))


def render_versions(console: Console, versions: Versions) -> None:
    if not versions.versions:
        console.print(user_text(f"no earlier versions of {versions.file}", "muted"))
        return
    # A version's name and its date are never folded (a path broken as `…cc3c.m / d`); the
    # description takes what is left and ends in an ellipsis.
    table = Table(title=None, show_edge=False, box=None, pad_edge=False, expand=True)
    for column in ("version", "when", "size"):
        table.add_column(column, no_wrap=True)
    name_column(table, "what")
    for version in versions.versions:
        table.add_row(
            user_text(version.version, "code"),
            user_text(version.taken),
            user_text("" if version.size is None else f"{version.size} B"),
            user_text(version.detail, "muted"),
        )
    console.print(user_text(f"{versions.file}{'' if versions.exists else ' (deleted)'}", "heading"))
    console.print(table)
    console.print(user_text(f"restore one with: ccos restore {versions.file} --version N", "muted"))
