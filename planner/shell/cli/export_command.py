"""``planner export journal|setbacks|tasks|report`` (DESIGN sections 6 and 7)."""

from __future__ import annotations

from datetime import date

from planner.domain.visible import visible_lines
from planner.export.gather import ExportBuilder, ExportRequest, Rendered
from planner.export.output import ExportWriteError, Written, write_file, write_split
from planner.export.ranges import DateRange, RangeError, RangeRequest, resolve_range
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, Context, bad_input, parse_day_option
from planner.shell.cli.progress import Progress


class _ProgressAdapter:
    """Turns the builder's (done, total) reports into the stderr bar, created on first use."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.bar: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = Progress(t("export.progress"), total, self.ctx.err)
        self.bar.advance(done - self.bar.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _range_day(value: str | None, option: str, ctx: Context) -> date | None:
    """A range option's date: every one of them looks back (``--week fri`` is the week of
    the most recent Friday, ``--from 12-01`` the most recent 1 December), as an export is of
    what has happened. Empty (``--week`` alone) means today."""
    if value == "" and option in ("--day", "--week", "--month"):
        return None
    return parse_day_option(value, ctx, option=option, direction="backward")


def cmd_export(ctx: Context) -> int:
    from planner.shell.wiring import open_planner

    args = ctx.args
    request = RangeRequest(
        start=_range_day(args.start, "--from", ctx),
        end=_range_day(args.end, "--to", ctx),
        day=_range_day(args.day, "--day", ctx),
        week=_range_day(args.week, "--week", ctx),
        month=_range_day(args.month, "--month", ctx),
        day_given=args.day is not None,
        week_given=args.week is not None,
        month_given=args.month is not None,
    )
    split = args.split == "daily"
    if split and args.output is None:
        raise bad_input(t("export.error.split_needs_dir"))
    if split and args.kind == "tasks":
        raise bad_input(t("export.error.split_kind", kind=args.kind))
    try:
        span = resolve_range(args.kind, request, ctx.today)
    except RangeError as exc:
        raise bad_input(t(exc.key)) from None
    ctx.say_far_dates(to_stderr=True)
    planner = open_planner(ctx, compact=False)
    builder = ExportBuilder(
        planner,
        ExportRequest(
            kind=args.kind,
            span=span,
            split_daily=split,
            front_matter=args.front_matter,
            include_confidential=args.include_confidential,
        ),
    )
    bar = _ProgressAdapter(ctx)
    try:
        rendered = builder.render(bar)
    finally:
        bar.close()
    if args.output is None:
        text = rendered.files[0].text
        _say_if_nothing(ctx, rendered)
        if ctx.json:
            ctx.print_json(_summary(args.kind, span, rendered, None, text))
        else:
            ctx.out.write(_for_terminal(ctx, text))
        return EXIT_OK
    written = _write(ctx, rendered, split)
    _say_if_nothing(ctx, rendered)  # after writing: a streamed document counts as it goes
    if ctx.json:
        ctx.print_json(_summary(args.kind, span, rendered, written, None))
    elif written is not None and split:
        key = "export.wrote_one_file" if written.count == 1 else "export.wrote_files"
        ctx.say(t(key, count=written.count, path=written.path))
    elif written is not None:
        ctx.say(t("export.wrote", path=written.path))
    return EXIT_OK


def _say_if_nothing(ctx: Context, rendered: Rendered) -> None:
    if rendered.records == 0:
        ctx.err.write(t("export.nothing") + "\n")


def _for_terminal(ctx: Context, text: str) -> str:
    """The document as stored for a pipe or a redirect (it is data there), but with its
    control characters written out when standard output is a terminal, which would obey
    them. A file written with ``-o`` keeps the stored text too."""
    isatty = getattr(ctx.out, "isatty", None)
    return visible_lines(text) if isatty is not None and isatty() else text


def _write(ctx: Context, rendered: Rendered, split: bool) -> Written | None:
    args = ctx.args
    private = bool(args.include_confidential)
    try:
        if split:
            if not rendered.files:
                return None
            return write_split(args.output, rendered.files, force=args.force, private=private)
        pieces = rendered.files[0].pieces()
        return write_file(args.output, pieces, force=args.force, private=private)
    except ExportWriteError as exc:
        raise bad_input(t(exc.key, path=exc.path, reason=exc.reason)) from None


def _summary(
    kind: str, span: DateRange, rendered: Rendered, written: Written | None, text: str | None
) -> dict[str, object]:
    start, end = span.start, span.end
    return {
        "kind": kind,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "records": rendered.records,
        "path": str(written.path) if written else None,
        "files": [item.name for item in rendered.files] if written else None,
        "text": text,
    }
