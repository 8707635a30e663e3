"""The handlers of ``planner``'s subcommands: parse, call a service, print text or JSON."""

from __future__ import annotations

import sys
from collections.abc import Callable

from planner.domain.ids import short
from planner.domain.ranking import RankedTask, explain, lane_of, score, sort_key
from planner.i18n.formats import format_due
from planner.i18n.translate import t
from planner.shell.cli.context import (
    EXIT_BAD_INPUT,
    EXIT_DATA,
    EXIT_OK,
    CliExit,
    Context,
    bad_input,
    parse_day_option,
)
from planner.shell.cli.render import (
    board_json,
    board_text,
    entry_text,
    explanation_json,
    setback_json,
    setbacks_text,
    task_info_text,
    task_json,
    task_list_text,
    task_title,
)
from planner.shell.wiring import open_planner, open_store


def cmd_add(ctx: Context) -> int:
    text = " ".join(ctx.args.text).strip()
    if not text:
        raise bad_input(t("error.no_text"))
    keys = None
    from planner.shell.keys import is_encrypted

    if is_encrypted(ctx.data_dir):
        # Capture while locked: never asks on the terminal; with no key at hand, sealed.
        from data.crypto.errors import Locked
        from planner.shell.keys import obtain_keys

        try:
            keys = obtain_keys(ctx.data_dir, interactive=False)
        except Locked:
            from planner.shell.cli.unlock_command import sealed_add

            return sealed_add(ctx, text)
    planner = open_planner(ctx, keys=keys)
    parsed = planner.quick_add_check(text)
    task = planner.add_parsed(parsed)
    if ctx.json:
        ctx.print_json(
            task_json(task, score(task, planner.rank_context()), planner.instruction_state(task))
        )
        return EXIT_OK
    ctx.say(t("cli.added", id=short(task.id), title=task_title(task, privacy=ctx.privacy)))
    if planner.main_id() == task.id:
        ctx.say(t("cli.added_main", date=planner.today().isoformat()))
    ctx.note_far_dates(parsed.far_dates)
    ctx.say_far_dates()
    return EXIT_OK


def cmd_today(ctx: Context) -> int:
    planner = open_planner(ctx)
    board = planner.board()
    load = planner.day_load(board)
    if ctx.json:
        ctx.print_json(board_json(board, load))
    else:
        ctx.out.write(board_text(board, privacy=ctx.privacy, load=load))
    return EXIT_OK


def cmd_list(ctx: Context) -> int:
    from planner.domain.filters import parse_filter

    planner = open_planner(ctx)
    task_filter = parse_filter(
        " ".join(ctx.args.filter), planner.today(), ctx.tz, workdays=planner.calendar
    )
    rank = planner.rank_context()
    main_id = planner.main_id()
    tasks = planner.all_tasks(include_archive=ctx.args.all)
    chosen = [
        task
        for task in tasks
        if (ctx.args.all or task.is_active or task.awaiting_feedback)
        and task_filter.matches(task, main_id=main_id)
    ]
    items = [
        RankedTask(
            task,
            score(task, rank),
            lane_of(task, rank.today, main_id) or "today",
            rank.instruction_state(task),
        )
        for task in chosen
    ]
    items.sort(key=lambda item: (not item.task.is_active, sort_key(item, rank)))
    if ctx.json:
        ctx.print_json(
            [task_json(i.task, i.score, planner.instruction_state(i.task)) for i in items]
        )
    else:
        ctx.out.write(task_list_text(items, privacy=ctx.privacy))
    return EXIT_OK


def cmd_info(ctx: Context) -> int:
    planner = open_planner(ctx)
    task = planner.task(ctx.args.id)
    rank = planner.rank_context()
    main_id = planner.main_id()
    explanation = explain(task, rank)
    lane = lane_of(task, rank.today, main_id)
    if ctx.json:
        data = task_json(task, explanation.score, planner.instruction_state(task))
        data["lane"] = lane
        data["explanation"] = explanation_json(explanation)
        ctx.print_json(data)
    else:
        ctx.out.write(
            task_info_text(
                task,
                explanation,
                lane,
                pinned=lane == "main",
                privacy=ctx.privacy,
                state=planner.instruction_state(task),
            )
        )
    return EXIT_OK


def _close(ctx: Context, *, drop: bool) -> int:
    planner = open_planner(ctx)
    result = planner.drop(ctx.args.id) if drop else planner.complete(ctx.args.id)
    task = result.task
    if ctx.json:
        data = task_json(task, score(task, planner.rank_context()), planner.instruction_state(task))
        following = result.next_task
        data["next"] = (
            task_json(following, None, planner.instruction_state(following)) if following else None
        )
        ctx.print_json(data)
        return EXIT_OK
    key = "cli.dropped" if drop else "cli.done"
    ctx.say(t(key, id=short(task.id), title=task_title(task, privacy=ctx.privacy)))
    if result.awaits_feedback:
        ctx.say(t("cli.awaits_feedback", id=short(task.id)))
    if result.next_task is not None:
        ctx.say(
            t(
                "cli.next_occurrence",
                id=short(result.next_task.id),
                due=format_due(result.next_task.due),
            )
        )
    return EXIT_OK


def cmd_done(ctx: Context) -> int:
    return _close(ctx, drop=False)


def cmd_drop(ctx: Context) -> int:
    return _close(ctx, drop=True)


def cmd_main(ctx: Context) -> int:
    planner = open_planner(ctx)
    given = parse_day_option(ctx.args.date, ctx, option="--date", direction="forward")
    day = given or planner.today()
    task = planner.set_main(ctx.args.id, day)
    if ctx.json:
        ctx.print_json(
            {
                "date": day.isoformat(),
                "main": task_json(
                    task, score(task, planner.rank_context()), planner.instruction_state(task)
                ),
            }
        )
    else:
        title = task_title(task, privacy=ctx.privacy)
        ctx.say(t("cli.main_set", date=day.isoformat(), id=short(task.id), title=title))
        ctx.say_far_dates()
    return EXIT_OK


def cmd_feedback(ctx: Context) -> int:
    planner = open_planner(ctx)
    task = planner.record_feedback(ctx.args.id, " ".join(ctx.args.text))
    if ctx.json:
        ctx.print_json(
            task_json(task, score(task, planner.rank_context()), planner.instruction_state(task))
        )
    else:
        title = task_title(task, privacy=ctx.privacy)
        ctx.say(t("cli.feedback_recorded", id=short(task.id), title=title))
    return EXIT_OK


def cmd_journal(ctx: Context) -> int:
    from planner.shell.cli.journal_search_command import check_search_arguments

    check_search_arguments(ctx)
    if ctx.args.search is not None:
        from planner.shell.cli.journal_search_command import cmd_journal_search

        return cmd_journal_search(ctx)
    planner = open_planner(ctx)
    given = parse_day_option(ctx.args.date, ctx, option="--date", direction="backward")
    day = given or planner.today()
    if ctx.args.edit:
        from planner.shell.cli.journal_editor import edit_entry

        return edit_entry(ctx, planner, day)
    text = " ".join(ctx.args.text)
    if not text and not sys.stdin.isatty():
        from planner.shell.cli.text_input import read_stdin

        text = read_stdin()
    if not text.strip():
        entry = planner.store.get_entry(day)
        if ctx.json:
            ctx.print_json(entry.to_dict() if entry else None)
        elif entry is None:
            ctx.say(t("cli.journal_empty", date=day.isoformat()))
            ctx.say_far_dates()
        else:
            ctx.say(entry_text(entry, privacy=ctx.privacy))
            ctx.say_far_dates(to_stderr=True)
        return EXIT_OK
    entry = planner.journal_append(text, day)
    if ctx.json:
        ctx.print_json(entry.to_dict())
    else:
        ctx.say(t("cli.journal_appended", date=day.isoformat()))
        ctx.say_far_dates()
    return EXIT_OK


def cmd_setback(ctx: Context) -> int:
    """Record what happened and when, as a draft analysis to continue in the app."""
    from planner.domain.models import SetbackAnalysis

    planner = open_planner(ctx)
    given = parse_day_option(ctx.args.date, ctx, option="--date", direction="backward")
    day = given or planner.today()
    title = " ".join(ctx.args.title).strip()
    if not title:
        raise bad_input(t("error.no_text"))
    analysis = planner.save_setback(
        SetbackAnalysis.create(day, title, planner.now(), kind=ctx.args.kind, draft=True)
    )
    if ctx.json:
        ctx.print_json(
            setback_json(
                analysis, [], analysis.state([], planner.today()), planner.instruction_state
            )
        )
    else:
        ctx.say(t("cli.setback_recorded", id=short(analysis.id), date=day.isoformat(), title=title))
        ctx.say_far_dates()
    return EXIT_OK


def cmd_setbacks(ctx: Context) -> int:
    """The analyses, newest first, with derived state and measures (DESIGN section 7)."""
    planner = open_planner(ctx)
    items = planner.setbacks()
    today = planner.today()
    if ctx.json:
        ctx.print_json(
            [
                setback_json(
                    analysis,
                    measures,
                    analysis.state(measures, today),
                    planner.instruction_state,
                )
                for analysis, measures in items
            ]
        )
    else:
        ctx.out.write(setbacks_text(items, today, privacy=ctx.privacy))
    return EXIT_OK


def _files_unlocked(ctx: Context) -> None:
    """Let ``doctor`` and ``restore``, which read the files without opening a store (it
    would refuse a damaged one), open an encrypted folder's files with its keys."""
    from data.files import sealing

    meta = sealing.meta_document(ctx.data_dir)
    if sealing.is_sealed(meta):
        from planner.shell.wiring import cli_keys

        keys = cli_keys(ctx)
        if keys is not None:
            halfway = bool(meta.get(sealing.CHANGING_KEY))
            seal = sealing.FolderSeal.of(keys.sealer(), accept_plain=halfway)
            sealing.register(ctx.data_dir, seal)


def cmd_doctor(ctx: Context) -> int:
    from data import doctor
    from planner.shell.cli.repair_report import say_repair

    _files_unlocked(ctx)
    lost = False
    if ctx.args.repair:
        try:
            repairs = doctor.repair(ctx.data_dir, clock=ctx.clock)
        except OSError as exc:
            raise unwritable(ctx, exc) from None
        for item in repairs:
            say_repair(ctx, item)
            lost = lost or item.lost_records > 0
    try:
        reports = doctor.check(ctx.data_dir)
    except OSError as exc:  # a data folder the system will not list (a name too long)
        raise unwritable(ctx, exc) from None
    bad = [r for r in reports if not r.ok]
    if ctx.json:
        ctx.print_json([{"path": str(r.path), "ok": r.ok, "problem": r.problem} for r in reports])
    else:
        for report in reports:
            mark = t("cli.doctor_ok") if report.ok else t("cli.doctor_bad")
            if report.newer:  # not damaged: a newer planner's, left as it is
                mark = t("cli.doctor_newer")
            line = f"{mark:>4}  {report.path}"
            if report.problem:
                line += f"  ({report.problem})"
            ctx.say(line)
        damaged = sum(1 for r in bad if not r.newer)
        if damaged:
            ctx.say(t("cli.doctor_some_bad", count=damaged))
        if len(bad) > damaged:
            ctx.say(t("cli.doctor_some_newer", count=len(bad) - damaged))
        if not bad:
            ctx.say(t("cli.doctor_all_ok", count=len(reports)))
    return EXIT_DATA if bad or lost else EXIT_OK


def cmd_backup(ctx: Context) -> int:
    from data import backups
    from planner.shell.cli.repair_report import unverified_files

    open_store(ctx)
    target = ctx.args.output
    try:
        path = backups.snapshot(ctx.data_dir, ctx.now.date(), dest=target)
    except FileExistsError as exc:
        raise bad_input(f"{target}: {exc.strerror or 'exists'}") from None
    except OSError as exc:
        if target is None:  # the data folder's own backups: a data problem
            raise unwritable(ctx, exc) from None
        # The output (unwritable, a full disk): nothing of the backup is left there.
        raise bad_input(f"{target}: {exc.strerror or exc}") from None
    problems = unverified_files(ctx.data_dir, path) if target is None else []
    if ctx.json:
        ctx.print_json({"path": str(path), "problems": problems})
    else:
        ctx.say(t("cli.backup_made", path=path))
        for problem in problems:
            ctx.say(t("cli.backup_unverified", file=problem["file"], problem=problem["problem"]))
    return EXIT_DATA if problems else EXIT_OK


def cmd_restore(ctx: Context) -> int:
    from data import backups

    day = parse_day_option(ctx.args.date, ctx, option="restore", direction="backward")
    assert day is not None  # a positional argument is always given
    _files_unlocked(ctx)
    try:
        available = backups.list_snapshots(ctx.data_dir)
    except OSError as exc:
        raise unwritable(ctx, exc) from None
    if day not in available:
        shown = ", ".join(d.isoformat() for d in available) or t("cli.no_snapshots")
        raise CliExit(
            EXIT_BAD_INPUT,
            t("error.prefix", message=t("cli.no_snapshot", date=day, available=shown)),
        )
    try:
        kept = backups.restore(ctx.data_dir, day)
    except OSError as exc:
        raise unwritable(ctx, exc) from None
    if ctx.json:
        ctx.print_json({"restored": day.isoformat(), "previous": str(kept)})
    else:
        ctx.say(t("cli.restored", date=day.isoformat(), path=kept))
        ctx.say_far_dates()
    return EXIT_OK


def unwritable(ctx: Context, exc: OSError) -> CliExit:
    """A data folder that cannot be changed (read-only, full, not ours): exit 3, one line."""
    reason = exc.strerror or str(exc)
    message = t("error.unwritable", path=ctx.data_dir, reason=reason)
    return CliExit(EXIT_DATA, t("error.prefix", message=message))


def cmd_edit(ctx: Context) -> int:
    """In its own module, as export and import are: the edit tokens' parser on use."""
    from planner.shell.cli.edit_command import cmd_edit as edit

    return edit(ctx)


def cmd_delete(ctx: Context) -> int:
    from planner.shell.cli.delete_command import cmd_delete as delete

    return delete(ctx)


def cmd_undo(ctx: Context) -> int:
    from planner.shell.cli.undo_command import cmd_undo as undo

    return undo(ctx)


def cmd_redo(ctx: Context) -> int:
    from planner.shell.cli.undo_command import cmd_redo as redo

    return redo(ctx)


def cmd_export(ctx: Context) -> int:
    """Imported on use: exporting needs ranking, review and Markdown, ``planner add`` none."""
    from planner.shell.cli.export_command import cmd_export as export

    return export(ctx)


def cmd_import(ctx: Context) -> int:
    """Imported on use, like export: ``planner add`` pays nothing for the importers."""
    from planner.shell.cli.import_command import cmd_import as run_import

    return run_import(ctx)


def cmd_unlock(ctx: Context) -> int:
    from planner.shell.cli.unlock_command import cmd_unlock as run_unlock

    return run_unlock(ctx)


def cmd_lock(ctx: Context) -> int:
    from planner.shell.cli.unlock_command import cmd_lock as run_lock

    return run_lock(ctx)


def cmd_sync(ctx: Context) -> int:
    """Imported on use: only ``planner sync`` needs the sync engine."""
    from planner.shell.cli.sync_command import cmd_sync as run_sync

    return run_sync(ctx)


def cmd_extend(ctx: Context) -> int:
    """``planner extend``: an instruction's extension asked for or approved."""
    from planner.shell.cli.extend_command import cmd_extend as run_extend

    return run_extend(ctx)


def cmd_workday(ctx: Context) -> int:
    """Imported on use: only ``planner workday`` asks the holiday calendar outright."""
    from planner.shell.cli.workday_command import cmd_workday as run_workday

    return run_workday(ctx)


def cmd_remind(ctx: Context) -> int:
    """``planner remind``: imported on use (``remind_command``)."""
    from planner.shell.cli.remind_command import cmd_remind as run_remind

    return run_remind(ctx)


def _timer(name: str) -> Callable[[Context], int]:
    """``planner start`` and ``planner stop``, imported on use (``timer_command``)."""

    def handler(ctx: Context) -> int:
        from planner.shell.cli import timer_command

        run: Callable[[Context], int] = getattr(timer_command, f"cmd_{name}")
        return run(ctx)

    return handler


def _crypto(name: str) -> Callable[[Context], int]:
    """``planner encrypt`` and its kin, imported on use (``crypto_command``)."""

    def handler(ctx: Context) -> int:
        from planner.shell.cli import crypto_command

        run: Callable[[Context], int] = getattr(crypto_command, f"cmd_{name}")
        return run(ctx)

    return handler


HANDLERS: dict[str, Callable[[Context], int]] = {
    "add": cmd_add,
    "today": cmd_today,
    "list": cmd_list,
    "info": cmd_info,
    "done": cmd_done,
    "drop": cmd_drop,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "main": cmd_main,
    "feedback": cmd_feedback,
    "journal": cmd_journal,
    "setback": cmd_setback,
    "setbacks": cmd_setbacks,
    "undo": cmd_undo,
    "redo": cmd_redo,
    "doctor": cmd_doctor,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "import": cmd_import,
    "sync": cmd_sync,
    "unlock": cmd_unlock,
    "lock": cmd_lock,
    "workday": cmd_workday,
    "extend": cmd_extend,
    "start": _timer("start"),
    "stop": _timer("stop"),
    "remind": cmd_remind,
    **{name: _crypto(name) for name in ("encrypt", "decrypt", "passphrase", "rekey")},
}
