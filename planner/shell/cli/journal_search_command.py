"""``planner journal --search WORDS [--from D] [--to D] [--tag T]``: jrnl's search, read-only.

The same search as the journal screen (``planner.domain.journal_search``): case- and
width-insensitive, an entry matches when it holds every word. Each match prints as its date
and a one-line snippet around the first word, oldest first (as jrnl lists them); in privacy
mode a confidential entry's snippet is masked, ``--json`` gives the entries whole. It reads
only the journal years of ``--from``/``--to``, a year at a time (memory holds one year and
the matches), takes no TEXT and never reads stdin.
"""

from __future__ import annotations

import shutil
from datetime import date

from planner.domain.journal_search import fold_each, matches, query_terms, search_text, snippet
from planner.domain.models import JournalEntry
from planner.domain.privacy import shown
from planner.domain.visible import visible_lines
from planner.domain.weekdays import fold
from planner.i18n.privacy import words
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, EXIT_USAGE, CliExit, Context, parse_day_option
from planner.shell.wiring import open_store

DATE_CELLS = 12
"""``2026-12-03`` and two spaces before the snippet."""


def usage_error(message: str) -> CliExit:
    return CliExit(EXIT_USAGE, t("error.prefix", message=message))


def check_search_arguments(ctx: Context) -> None:
    """``--search`` only reads: TEXT or ``--edit`` beside it, or a search option without it,
    is a usage error (exit 2), before anything is opened."""
    args = ctx.args
    searching = args.search is not None
    if searching and (args.text or args.edit):
        raise usage_error(t("cli.journal_search_mix"))
    if not searching and (args.start is not None or args.end is not None or args.tag):
        raise usage_error(t("cli.journal_search_only"))
    if searching and args.date is not None:
        raise usage_error(t("cli.journal_search_mix"))


def cmd_journal_search(ctx: Context) -> int:
    args = ctx.args
    terms = query_terms(" ".join(args.search))
    if not terms and not args.tag:
        raise usage_error(t("cli.journal_search_empty"))
    start = parse_day_option(args.start, ctx, option="--from", direction="backward")
    end = parse_day_option(args.end, ctx, option="--to", direction="backward")
    tags = {fold(tag.lstrip("#")) for tag in args.tag or ()}
    store = open_store(ctx)
    # Each match with the fold of its ``search_text`` that matched it (``fold_line``'s, made
    # a year at a time): its snippet looks for the word in it rather than folding again.
    found: list[tuple[JournalEntry, tuple[str, bool] | None]] = []
    for year in store.journal_years():
        if (start is not None and year < start.year) or (end is not None and year > end.year):
            continue
        reader = store.reader()  # a year at a time, each dropped once searched
        first = max(start or date.min, date(year, 1, 1))
        last = min(end or date.max, date(year, 12, 31))
        entries = [
            entry
            for entry in reader.journal_entries(first, last)
            if not tags or tags <= {fold(tag) for tag in entry.tags}
        ]
        if not terms:
            found.extend((entry, None) for entry in entries)
            continue
        folds = fold_each([search_text(entry) for entry in entries])
        found.extend(
            (entry, folded)
            for entry, folded in zip(entries, folds, strict=True)
            if matches(folded[0], terms)
        )
    if ctx.json:
        ctx.print_json([entry.to_dict() for entry, _ in found])
        return EXIT_OK
    if not found:
        ctx.warn(t("cli.journal_search_none"))
        return EXIT_OK
    width = max(shutil.get_terminal_size((100, 24)).columns - DATE_CELLS, 20)
    lines: list[str] = []
    for entry, folded in found:
        searched = search_text(entry)
        text = shown(entry, visible_lines(searched), ctx.privacy)
        if isinstance(text, str):
            # ``visible_lines`` gives the very text back when it has nothing to write out;
            # else the snippet is of another text, folded anew.
            same = text is searched
            text = snippet(text, terms[0] if terms else "", width, folded if same else None)
        lines.append(f"{entry.date.isoformat()}  {words(text)}")
    ctx.out.write("\n".join(lines) + "\n")
    ctx.say_far_dates(to_stderr=True)
    return EXIT_OK
