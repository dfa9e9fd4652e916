"""`ccos doctor` and `ccos restore` for a person: one line per problem, then what to do."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.operations.doctor import DoctorReport
from ccos.operations.restore import Versions
from ccos.render.console import user_text


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
    count = len(errors)
    warned = len(report.warnings)
    warnings = f"; {warned} warning{'s' if warned != 1 else ''}" if warned else ""
    backups = f"backups: {report.backups.versions} versions, {report.backups.bytes / 2**20:.1f} MB"
    if count:
        fixable = sum(1 for p in errors if p.fixable)
        summary = Text(f"{count} problem{'s' if count != 1 else ''} in {report.files_checked} files checked", "over")
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
    table = Table(title=None, show_edge=False, box=None, pad_edge=False)
    for column in ("version", "when", "size", "what"):
        table.add_column(column)
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
