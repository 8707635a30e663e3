"""The review figures of a week or month (DESIGN section 5), read from a store.

The ``Planner`` facade imports this module on the first review, not at start-up.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.domain.review import PeriodKind, Review, period_of
from planner.domain.review import review as build_review
from planner.services.context import Context
from planner.services.ports import Store, TaskQuery


def review(ctx: Context, period_kind: PeriodKind, day: date, store: Store | None = None) -> Review:
    """The review of the week or month containing ``day``, as of today.

    Reads from ``store`` (a ``reader()`` of the context's store, in a worker) or the
    context's store only what the period holds: open work, the archived tasks its figures
    can involve (done in it, to report back in it, or measures of its setbacks), its days
    and setbacks, and the runs of written journal days (the period's written days and the
    streaks), which a file store keeps per year: no journal entry is read. The cost follows
    the period, not the length of history.
    """
    source = ctx.store if store is None else store
    period = period_of(period_kind, day)
    today = ctx.today()
    analyses = source.setbacks(period.start, period.end)
    query = TaskQuery(
        # a task done by the next morning, before the day starts, counts for the evening
        done=(period.start, period.end + timedelta(days=1)),
        report_by=(period.start, period.end),
        setbacks=frozenset(a.id for a in analyses),
    )
    tasks = {task.id: task for task in source.open_tasks()}
    for task in source.archived_tasks_matching(query):
        tasks[task.id] = task
    return build_review(
        period,
        today,
        tasks=list(tasks.values()),
        days=source.days(period.start, period.end),
        entries=(),  # the journal's figures come from the runs of written days
        analyses=analyses,
        day_starts_at=ctx.config.day_starts_at,
        journal_runs=source.journal_written_runs(today),
    )
