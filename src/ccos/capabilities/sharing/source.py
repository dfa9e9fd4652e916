"""Sharing through the seam: what pieces cost in a plan (rules.spread), the cadence warnings,
and the dashboard's rows (updates a week, deep pieces a month; standing: the personal mix,
the pipeline, the platforms)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ccos.capabilities.sharing import rules
from ccos.capabilities.sharing.model import OPEN_STAGES, STAGES
from ccos.capabilities.sharing.store import load_pieces
from ccos.capabilities.sharing.words import stage_word
from ccos.dates import Period
from ccos.i18n import ntr, tr
from ccos.models.plan import Commitment, ProgressRow, ProgressState, Warning
from ccos.planning.seam import role_of
from ccos.words import count, plural

if TYPE_CHECKING:
    from ccos.capabilities.sharing.results import Piece
    from ccos.planning.seam import SourceContext

MEMO = "sharing"
MEMO_COMMITMENTS = "sharing-commitments"


def memo_pieces(ctx: SourceContext) -> list[Piece]:
    """The pieces, read once per command however many periods are asked about."""
    pieces: list[Piece] | None = ctx.memo.get(MEMO)
    if pieces is None:
        pieces = load_pieces(ctx.workspace, ctx.today)
        ctx.memo[MEMO] = pieces
    return pieces


def piece_urls(ctx: SourceContext) -> dict[str, str]:
    """Piece id -> the URL it was published at (reviews link what was published)."""
    return {piece.id: piece.url for piece in memo_pieces(ctx) if piece.url}


def _commitment(piece: Piece, spread: rules.Spread, keeps: str | None = None) -> Commitment:
    common: dict[str, Any] = {
        "type": "sharing",
        "id": f"sharing:{piece.id}",
        "title": piece.title,
        "stream": "sharing",
        "priority": 1 if piece.deep else 0,
        "ref": piece.id,
        "hours": spread.hours,
        "status": spread.status,
        "keeps": keeps,
    }
    if spread.on is not None:
        return Commitment(**common, date=spread.on)
    return Commitment(**common, start=spread.start, end=spread.end)


def _commitments(ctx: SourceContext) -> list[Commitment]:
    """Every piece in a plan; one that alone keeps a target met says so (`keeps`), when the
    person takes the role whose targets they are."""
    pieces = memo_pieces(ctx)
    spreads = {piece.id: spread for piece in pieces if (spread := rules.spread(piece, ctx.today)) is not None}
    kept: dict[str, str] = {}
    if role_of(SharingSource()) in ctx.config.profile.roles:
        landing = {pid: day for pid, spread in spreads.items() if (day := rules.landing_day(spread)) is not None}
        targets = ctx.config.targets
        kept = rules.kept_targets(pieces, landing, targets.updates_per_week, targets.deep_pieces_per_month)
    return [_commitment(piece, spreads[piece.id], kept.get(piece.id)) for piece in pieces if piece.id in spreads]


class SharingSource:
    name = "sharing"

    def commitments(self, ctx: SourceContext, period: Period) -> Iterable[Commitment]:
        """A piece's hours do not depend on the period asked about: worked out once per
        command, then only those that touch `period` (status asks about a dozen periods)."""
        every: list[Commitment] | None = ctx.memo.get(MEMO_COMMITMENTS)
        if every is None:
            every = ctx.memo[MEMO_COMMITMENTS] = _commitments(ctx)
        for commitment in every:
            first = commitment.date or commitment.start
            last = commitment.date or commitment.end
            if first is None or last is None or (first <= period.end and last >= period.start):
                yield commitment

    def warnings(self, ctx: SourceContext, period: Period) -> Iterable[Warning]:
        pieces = memo_pieces(ctx)
        targets = ctx.config.targets
        today = ctx.today
        if (
            period.kind == "week"
            and period.start <= today
            and targets.updates_per_week > 0
            and not rules.published_in(pieces, period.start, period.end)
        ):
            updates = count(targets.updates_per_week, "update", "updates")
            if period.contains(today):
                said = tr(
                    "nothing published this week (target: {updates} a week); "
                    "even a short observation or a few answers count"
                )
            else:
                said = tr(
                    "nothing published in {week} (target: {updates} a week); "
                    "even a short observation or a few answers count"
                )
            yield Warning(code="no_update_this_week", message=said.format(updates=updates, week=period.id))
        if period.kind == "month" and targets.deep_pieces_per_month > 0 and rules.lacks_deep(pieces, period, today):
            yield Warning(
                code="no_deep_content_this_month",
                message=tr(
                    "no deep piece published or scheduled in {month} (target: {target}); plan one with `{command}`"
                ).format(
                    month=period.id,
                    target=targets.deep_pieces_per_month,
                    command="ccos share add TITLE --deep --due DATE",
                ),
            )
        if not period.contains(today):
            return
        for piece in pieces:
            if piece.overdue and piece.due is not None:
                days = (today - piece.due).days
                yield Warning(
                    code="sharing_overdue",
                    message=tr(
                        "{title} was due {due} ({days} ago) and is still {stage}: publish it, "
                        "move the date (`{command}`) or drop it"
                    ).format(
                        title=repr(piece.title),
                        due=piece.due,
                        days=count(days, "day", "days"),
                        stage=stage_word(piece.stage),
                        command=f"ccos share edit {piece.id} --due DATE",
                    ),
                    subject=piece.id,
                )
        mix = rules.mix(pieces, today, targets)
        if mix is not None and mix.state != "ok":
            target = targets.personal_share
            if mix.share > target:
                said = tr(
                    "{personal} of your last {total} published pieces are personal ({share}); the "
                    "target is {target} ± {tolerance}: your mix leans personal"
                )
            else:
                said = tr(
                    "{personal} of your last {total} published pieces are personal ({share}); the "
                    "target is {target} ± {tolerance}: your mix leans professional"
                )
            yield Warning(
                code="personal_mix_off",
                message=said.format(
                    personal=mix.personal,
                    total=mix.total,
                    share=f"{mix.share:.0%}",
                    target=f"{target:.0%}",
                    tolerance=f"{targets.personal_share_tolerance:.0%}",
                ),
            )

    def progress(self, ctx: SourceContext, period: Period) -> Iterable[ProgressRow]:
        pieces = memo_pieces(ctx)
        targets = ctx.config.targets
        today = ctx.today
        if period.kind == "week":
            published = rules.published_in(pieces, period.start, period.end)
            target = targets.updates_per_week
            yield ProgressRow(
                source=self.name,
                key="sharing_updates",
                label=tr("updates published"),
                period="week",
                actual=len(published),
                target=target or None,
                unit=plural(len(published), "piece", "pieces"),  # "1 piece", "0/1 pieces"
                state="ok" if len(published) >= target else "behind",
            )
        if period.kind == "month":
            deep = rules.deep_published(pieces, period)
            scheduled = rules.deep_scheduled(pieces, period, today)
            target = targets.deep_pieces_per_month
            yield ProgressRow(
                source=self.name,
                key="sharing_deep",
                label=tr("deep pieces"),
                period="month",
                actual=len(deep),
                target=target or None,
                unit=plural(len(deep), "piece", "pieces"),
                state="ok" if len(deep) >= target else "behind",
                detail=ntr("{n} scheduled", "{n} scheduled", len(scheduled)).format(n=len(scheduled))
                if scheduled
                else None,
            )

    def standing(self, ctx: SourceContext) -> Iterable[ProgressRow]:
        """The personal mix, the pipeline and the platforms: true today, whatever the period."""
        pieces = memo_pieces(ctx)
        targets = ctx.config.targets
        today = ctx.today
        yield self._mix_row(pieces, ctx)
        stage_counts = rules.counts(pieces)
        yield ProgressRow(
            source=self.name,
            key="sharing_pipeline",
            label=tr("sharing pipeline"),
            actual=sum(stage_counts[s] for s in OPEN_STAGES),
            unit=tr("open"),
            state="info",
            detail=" · ".join(f"{stage_word(stage)} {stage_counts[stage]}" for stage in STAGES),
        )
        used = rules.platforms_used(pieces, today)
        maximum = targets.main_platforms_max
        over = len(used) > maximum
        yield ProgressRow(
            source=self.name,
            key="sharing_platforms",
            label=tr("platforms (3 months)"),
            actual=len(used),
            target=maximum,
            unit=plural(len(used), "platform", "platforms"),
            state="over" if over else "ok",
            detail=(
                ", ".join(used)
                + (tr(": more than {max} main platforms; go deep on 1-2 (§3.2)").format(max=maximum) if over else "")
            )
            or None,
        )

    def _mix_row(self, pieces: list[Piece], ctx: SourceContext) -> ProgressRow:
        targets = ctx.config.targets
        mix = rules.mix(pieces, ctx.today, targets)
        latest = rules.latest_published(pieces, ctx.today, targets.personal_mix_window)
        personal = sum(1 for p in latest if p.personal)
        aim = tr("target {target} ± {tolerance}").format(
            target=f"{targets.personal_share:.0%}", tolerance=f"{targets.personal_share_tolerance:.0%}"
        )
        state: ProgressState = "info"
        if mix is None:
            detail = tr("{personal} of {total} published are personal; too few to judge ({aim})").format(
                personal=personal, total=len(latest), aim=aim
            )
        else:
            detail = tr("{personal} of the last {total} published are personal ({aim})").format(
                personal=personal, total=len(latest), aim=aim
            )
            states: dict[str, ProgressState] = {"ok": "ok", "over": "over", "under": "behind"}
            state = states[mix.state]
        return ProgressRow(
            source=self.name,
            key="sharing_mix",
            label=tr("personal share"),
            actual=round(100 * personal / len(latest)) if latest else 0,
            unit=tr("% personal"),
            state=state,
            detail=detail,
        )
