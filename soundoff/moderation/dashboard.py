"""Moderation statistics, and the charts for them as inline SVG drawn on the server
(no JavaScript, no third-party requests; colours come from classes in moderation.css)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from soundoff.moderation.models import AuditEntry, Case, CaseStatus, Verdict

WINDOW_DAYS = 30
OUTCOMES = (Verdict.PUBLISH, Verdict.HOLD, Verdict.REJECT)
HUMAN_DECISIONS = ("moderation.approve", "moderation.reject")
SCREENINGS = ("moderation.auto", "moderation.reports")


@dataclass
class ReasonAgreement:
    code: str
    flagged: int = 0  # cases the pipeline held or rejected for this reason
    decided: int = 0  # ... that a moderator has since decided
    agreed: int = 0  # ... and rejected

    @property
    def precision(self) -> float | None:
        return self.agreed / self.decided if self.decided else None


@dataclass
class DashboardStats:
    since: datetime
    days: list[date]
    per_day: dict[date, dict[str, int]]
    totals: dict[str, int]
    hold_reasons: list[tuple[str, int]]
    queue_size: int
    oldest_waiting: timedelta | None
    decisions: int
    median_decision: timedelta | None
    p90_decision: timedelta | None
    agreement: list[ReasonAgreement] = field(default_factory=list)


def quantile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _seconds(value: float | None) -> timedelta | None:
    return None if value is None else timedelta(seconds=value)


def dashboard_stats(*, now: datetime | None = None, days: int = WINDOW_DAYS) -> DashboardStats:
    now = now or timezone.now()
    today = timezone.localdate(now)
    day_list = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    since = timezone.make_aware(datetime.combine(day_list[0], datetime.min.time()))

    # Comments per day by the automatic outcome.
    per_day = {d: dict.fromkeys(OUTCOMES, 0) for d in day_list}
    rows = (
        AuditEntry.objects.filter(action="moderation.auto", created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day", "verdict")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        if row["day"] in per_day and row["verdict"] in per_day[row["day"]]:
            per_day[row["day"]][row["verdict"]] += row["n"]
    totals = {o: sum(d[o] for d in per_day.values()) for o in OUTCOMES}

    # Why comments were held.
    reasons = Counter()
    for entry_reasons in AuditEntry.objects.filter(
        action__in=SCREENINGS, verdict=Verdict.HOLD, created_at__gte=since
    ).values_list("reasons", flat=True):
        reasons.update(
            {r.get("code") for r in entry_reasons or [] if isinstance(r, dict) and r.get("code")}
        )

    # The queue now, and how long moderators take.
    waiting = Case.objects.filter(status=CaseStatus.AWAITING_REVIEW)
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    durations = [
        (decided - created).total_seconds()
        for created, decided in Case.objects.filter(
            decided_at__gte=since, audit__action__in=HUMAN_DECISIONS
        )
        .distinct()
        .values_list("created_at", "decided_at")
    ]

    return DashboardStats(
        since=since,
        days=day_list,
        per_day=per_day,
        totals=totals,
        hold_reasons=sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])),
        queue_size=waiting.count(),
        oldest_waiting=(now - oldest) if oldest else None,
        decisions=len(durations),
        median_decision=_seconds(quantile(durations, 0.5)),
        p90_decision=_seconds(quantile(durations, 0.9)),
        agreement=reason_agreement(since=since),
    )


def reason_agreement(*, since: datetime) -> list[ReasonAgreement]:
    """Per reason code: of the cases screening held or rejected for it that a moderator
    then decided, how many the moderator rejected (the precision of that reason).

    A decision counts as it stands now: one that was undone does not count."""
    flagged: dict[int, set[str]] = {}
    for case_id, reasons in AuditEntry.objects.filter(
        action__in=SCREENINGS,
        verdict__in=[Verdict.HOLD, Verdict.REJECT],
        created_at__gte=since,
        case__isnull=False,
    ).values_list("case_id", "reasons"):
        codes = {
            r.get("code")
            for r in reasons or []
            if isinstance(r, dict)
            and r.get("code")
            and r.get("verdict") in (Verdict.HOLD, Verdict.REJECT)
        }
        flagged.setdefault(case_id, set()).update(codes)
    last_human: dict[int, str] = {}
    for case_id, action in (
        AuditEntry.objects.filter(
            case_id__in=list(flagged), action__in=[*HUMAN_DECISIONS, "moderation.undo"]
        )
        .order_by("pk")
        .values_list("case_id", "action")
    ):
        last_human[case_id] = action
    by_code: dict[str, ReasonAgreement] = {}
    for case_id, codes in flagged.items():
        action = last_human.get(case_id)
        for code in codes:
            row = by_code.setdefault(code, ReasonAgreement(code))
            row.flagged += 1
            if action in HUMAN_DECISIONS:
                row.decided += 1
                row.agreed += action == "moderation.reject"
    return sorted(by_code.values(), key=lambda r: (-r.decided, -r.flagged, r.code))


# --- SVG ------------------------------------------------------------------------------------


def _nice_max(value: int) -> int:
    if value <= 10:
        return max(2, value + value % 2)  # even, so the middle tick is a whole number
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def stacked_bars_svg(stats: DashboardStats) -> SafeString:
    """Comments per day, stacked by outcome (published, held, rejected)."""
    width, height, left, bottom, top = 760, 220, 40, 24, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    n = len(stats.days)
    peak = max((sum(v.values()) for v in stats.per_day.values()), default=0)
    y_max = _nice_max(peak)
    slot = plot_w / max(n, 1)
    bar_w = max(slot * 0.72, 1)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="perday-title"><title id="perday-title">Comments per day by '
        f"outcome, last {n} days</title>"
    ]
    for tick in (0, y_max / 2, y_max):
        y = top + plot_h - plot_h * tick / y_max
        out.append(
            f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{tick:g}</text>"
        )
    for i, day in enumerate(stats.days):
        counts = stats.per_day[day]
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        label = (
            f"{day.isoformat()}: {counts['publish']} published, {counts['hold']} held, "
            f"{counts['reject']} rejected"
        )
        out.append(f'<g class="day"><title>{escape(label)}</title>')
        for outcome in OUTCOMES:
            h = plot_h * counts[outcome] / y_max
            if h <= 0:
                continue
            y -= h
            out.append(
                f'<rect class="c-{outcome}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}"/>'
            )
        out.append("</g>")
        if i % 5 == 0 or i == n - 1:
            out.append(
                f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{height - 6}" '
                f'text-anchor="middle">{day:%d %b}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))


def hbars_svg(
    rows: list[tuple[str, float, str]], *, css: str = "c-hold", scale: float | None = None
) -> SafeString:
    """Horizontal bars: (label, value, shown text), drawn against `scale` or the largest."""
    if not rows:
        return mark_safe('<p class="empty">Nothing in this period.</p>')
    row_h, label_w, width = 22, 170, 540
    bar_space = width - label_w - 80
    peak = scale or max((v for _, v, _ in rows), default=0) or 1
    height = row_h * len(rows) + 4
    out = [f'<svg class="chart hbars" viewBox="0 0 {width} {height}" role="img">']
    for i, (label, value, shown) in enumerate(rows):
        y = i * row_h + 2
        w = bar_space * value / peak
        out.append(
            f"<g><title>{escape(label)}: {escape(shown)}</title>"
            f'<text class="label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="track" x="{label_w}" y="{y + 3}" width="{bar_space}" height="14"/>'
            f'<rect class="{css}" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="14"/>'
            f'<text class="value" x="{label_w + bar_space + 6}" y="{y + 15}">'
            f"{escape(shown)}</text></g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def dashboard_charts(stats: DashboardStats) -> dict[str, SafeString]:
    agreement_rows = [
        (r.code, r.precision, f"{r.precision:.0%} of {r.decided}")
        for r in stats.agreement
        if r.precision is not None
    ]
    return {
        "per_day": stacked_bars_svg(stats),
        "hold_reasons": hbars_svg([(c, n, str(n)) for c, n in stats.hold_reasons[:15]]),
        "agreement": hbars_svg(agreement_rows, css="c-agree", scale=1.0),
    }
