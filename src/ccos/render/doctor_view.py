"""`ccos doctor` and `ccos restore` for a person: one line per problem, then what to do."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccos.i18n import ntr, tr
from ccos.operations.doctor import DoctorReport
from ccos.operations.restore import Versions
from ccos.render.console import name_column, user_text
from ccos.words import count


def render_doctor(console: Console, report: DoctorReport) -> None:
    for line in report.fixed:
        console.print(user_text(tr("fixed: {what}").format(what=line), "ok"))
    for problem in report.problems:
        where = problem.file or tr("workspace")
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
    warnings = tr("; {warnings}").format(warnings=count(warned, "warning", "warnings")) if warned else ""
    backups = tr("backups: {versions}, {mb} MB").format(
        versions=ntr("{n} version", "{n} versions", report.backups.versions).format(n=report.backups.versions),
        mb=f"{report.backups.bytes / 2**20:.1f}",
    )
    files = count(report.files_checked, "file", "files")
    if problems:
        fixable = sum(1 for p in errors if p.fixable)
        summary = Text(
            tr("{problems} in {files} checked").format(problems=count(problems, "problem", "problems"), files=files),
            "over",
        )
        if warnings:
            summary.append(warnings, style="near")
        if fixable:
            summary.append(tr("; {n} fixable with `ccos doctor --fix`").format(n=fixable), style="near")
        console.print(summary)
    else:
        summary = Text(tr("workspace healthy: {files} checked").format(files=files), "ok")
        if warnings:
            summary.append(warnings + tr(" (see above)"), style="near")
        console.print(summary)
    console.print(Text(backups, "muted"))


def render_versions(console: Console, versions: Versions) -> None:
    if not versions.versions:
        console.print(user_text(tr("no earlier versions of {file}").format(file=versions.file), "muted"))
        return
    # A version's name and its date are never folded (a path broken as `…cc3c.m / d`); the
    # description takes what is left and ends in an ellipsis.
    table = Table(title=None, show_edge=False, box=None, pad_edge=False, expand=True)
    for column in (tr("version"), tr("when"), tr("size")):
        table.add_column(column, no_wrap=True)
    name_column(table, tr("what"))
    for version in versions.versions:
        table.add_row(
            user_text(version.version, "code"),
            user_text(version.taken),
            user_text("" if version.size is None else tr("{size} B").format(size=version.size)),
            user_text(version.detail, "muted"),
        )
    heading = versions.file if versions.exists else tr("{file} (deleted)").format(file=versions.file)
    console.print(user_text(heading, "heading"))
    console.print(table)
    console.print(
        user_text(tr("restore one with: ccos restore {file} --version N").format(file=versions.file), "muted")
    )
