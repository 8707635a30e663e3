"""Random and mutated input against everything that reads what a user gives (issue #12).

    uv run python -m benchmarks.fuzz [--cases N] [--seed S] [--target NAME ...]

Targets: quick add (the line read into a task), each importer (todo.txt, Taskwarrior, jrnl:
the bounded read of the file's bytes, the parse, the plan against an empty store), the config
reader (the file's bytes through ``load_config``) and the command line (``planner`` run
in-process on a data folder of its own, with random arguments, standard input and now and
then a random config file). Inputs are random bytes, random text (control characters, lone
surrogates from bytes that are not UTF-8, wide characters) and mutations of valid samples:
bytes flipped, cut, doubled, spliced with awkward tokens (``[1]``, ``NaN``, ``1e999``, a
thousand brackets), and JSON records with one field given a value of another type.

An outcome is *planned* when it is one the program means: the parsers' own errors
(``ParseError``, ``DomainError``, ``ConfigError``, an import reported line by line) and, for
the command line, an exit code of 0-3 with, for 1-3, a message, and no traceback
printed. Anything else is counted
per target, with the first few kinds shown; the exit code is 1 when any target had one.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from planner.domain.errors import ConfigError, DomainError, ParseError

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)

AWKWARD = (
    b"[1]", b"5", b"null", b"NaN", b"-Infinity", b"1e999", b"-1", b"0", b"true", b"{}", b"[]",
    b'"x"', b'""', b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x1b]0;x\x07", b"\r", b"\n",
    b"\t", b"\xe2\x80\xae", b"9" * 5000, b"[" * 1000, b"{" * 1000, b'{"a":' * 300,
    b'"0001-01-01T00:00:00+14:00"', b'"9999-12-31T23:59:59-14:00"', b"00010101T000000Z",
    b"2026-02-30", b"due:2026-02-30", b"+", b"@", b"x ", b"(A) ", b"rec:1w", b"pri:Z",
    b"\xef\xbb\xbf", b"\\", b'"', b":", b",", b"#", b"!main", b"every:0d", b"every:99999999d",
)  # fmt: skip
"""Pieces spliced into inputs: wrong JSON types, numbers JSON or Python read oddly, deep
nesting, bytes that are not UTF-8, controls, dates at the ends of the calendar."""

TODOTXT_SAMPLE = b"""(A) 2026-11-20 Call Mom +family @phone due:2026-11-25
x 2026-11-21 2026-11-19 Pay rent +home
(B) Write report @work t:2026-11-24 pri:B
x (C) 2026-11-22 Water plants rec:1w
Plain line with key:value and http://example.com
"""

_TW_RECORDS: list[dict[str, object]] = [
    {
        "id": 1, "uuid": "5a1b2c3d-0000-4000-8000-000000000001", "description": "Pay bills",
        "status": "pending", "entry": "20261101T080000Z", "modified": "20261102T080000Z",
        "due": "20261125T160000Z", "project": "home.money", "tags": ["next", "money"],
        "priority": "H", "urgency": 9.1,
        "annotations": [{"entry": "20261102T090000Z", "description": "called the bank"}],
    },
    {
        "uuid": "5a1b2c3d-0000-4000-8000-000000000002", "description": "Weekly review",
        "status": "recurring", "recur": "weekly", "due": "20261123T000000Z",
        "entry": "20261001T080000Z", "until": "20271231T000000Z", "mask": "--+",
    },
    {
        "uuid": "5a1b2c3d-0000-4000-8000-000000000003", "description": "Weekly review",
        "status": "pending", "parent": "5a1b2c3d-0000-4000-8000-000000000002", "imask": 2,
        "due": "20261130T000000Z", "entry": "20261101T080000Z",
    },
    {
        "uuid": "5a1b2c3d-0000-4000-8000-000000000004", "description": "Old thing",
        "status": "completed", "end": "20261010T100000Z", "entry": "20261001T080000Z",
        "depends": "5a1b2c3d-0000-4000-8000-000000000001", "wait": "20261005T000000Z",
        "scheduled": "20261003T000000Z", "estimate": "2h",
    },
]  # fmt: skip

_JRNL_RECORDS: list[dict[str, object]] = [
    {"title": "Met the team", "body": "We agreed on the plan.\n", "date": "2026-11-20",
     "time": "09:15", "tags": ["@work"], "starred": False},
    {"title": "Evening", "body": "", "date": "2026-11-20", "time": "21:00", "tags": [],
     "starred": True},
    {"title": "读书", "body": "第三章。", "date": "2026-11-21", "time": "20:00", "tags": ["@读书"],
     "starred": False},
]  # fmt: skip

CONFIG_SAMPLE = b"""language = "zh"
day_starts_at = "04:00"
privacy_at_start = false
theme = "nord"

[coefficients]
due = 12
age = 2.5

[keys]
"board.quick_add" = "n, ctrl+n"
"""


def _taskwarrior_sample(records: list[dict[str, object]], rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return ("[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n").encode()
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _jrnl_sample(records: list[dict[str, object]], rng: random.Random) -> bytes:
    document = {"tags": {"@work": 1}, "entries": records}
    return json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=4).encode()


# --- random and mutated inputs ------------------------------------------------------------

_TEXT_POOLS = (
    "abcdefghijklmnopqrstuvwxyz ABC0123456789",
    " #@!:：＃＠！-+()[]{}\"',.;/\\~*_=<>?",
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b\u2028\u2029\u202e\u2066\ufeff",
    "张三李四今天明天周五下周中文会议报告，。；、（）",
    "\U0001f600\U0001f4a9\u0301\u200b\u200d\uff10\uff21",
)


def random_text(rng: random.Random, size: int = 40) -> str:
    """Text from several pools, now and then with a lone surrogate (mostly what ``surrogateescape``
    makes of bytes that are not UTF-8, as in ``sys.argv``)."""
    pools = rng.sample(_TEXT_POOLS, rng.randint(1, len(_TEXT_POOLS)))
    chars = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, size))]
    if rng.random() < 0.2:
        low, high = (0xDC80, 0xDCFF) if rng.random() < 0.8 else (0xD800, 0xDFFF)
        chars.insert(rng.randint(0, len(chars)), chr(rng.randint(low, high)))
    return "".join(chars)


def random_bytes(rng: random.Random, size: int = 200) -> bytes:
    if rng.random() < 0.5:
        return rng.randbytes(rng.randint(0, size))
    return random_text(rng, size).encode("utf-8", "surrogatepass")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` with one to four random edits."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randint(0, len(buffer))
        operation = rng.randrange(6)
        if operation == 0 and buffer:
            buffer[min(where, len(buffer) - 1)] = rng.randrange(256)
        elif operation == 1:
            buffer[where:where] = rng.choice(AWKWARD)
        elif operation == 2:
            buffer[where : where + rng.randint(1, 20)] = b""
        elif operation == 3:
            end = min(len(buffer), where + rng.randint(1, 40))
            buffer[where:where] = buffer[where:end]
        elif operation == 4:
            buffer[where:where] = random_bytes(rng, 20)
        else:
            buffer[where : where + rng.randint(1, 8)] = rng.choice(AWKWARD)
    return bytes(buffer)


def random_json_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(9 if depth < 3 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.choice([0, -1, 1, 2**70, 10**400 if rng.random() < 0.1 else 7])
    if choice == 3:
        return rng.choice([0.5, -1e308, 1e308, float("nan"), float("inf")])
    if choice in (4, 5):
        return rng.choice(
            [
                random_text(rng, 12),
                "20261123T000000Z",
                "0001-01-01T00:00:00+14:00",
                "9999-12-31T23:59:59-14:00",
                "2026-11-23",
                "pending",
                "recurring",
                "weekly",
                "99999999999d",
                "",
            ]
        )
    if choice in (6, 7):
        return [random_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {
        random_text(rng, 6): random_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))
    }


def mutate_records(records: list[dict[str, object]], rng: random.Random) -> list[dict[str, object]]:
    """The records with a field or two given values of any JSON type, or taken away."""
    changed = [dict(record) for record in records]
    for _ in range(rng.randint(1, 3)):
        record = rng.choice(changed)
        name = rng.choice([*record, "parent", "tags", "status", "uuid", "annotations"])
        if rng.random() < 0.15:
            record.pop(name, None)
        else:
            record[name] = random_json_value(rng)
    return changed


def importer_input(kind: str, rng: random.Random) -> bytes:
    """Bytes for the importer ``kind``: random, a mutated sample, or a sample with records
    whose fields hold other types."""
    roll = rng.random()
    if roll < 0.15:
        return random_bytes(rng, 400)
    if kind == "todotxt":
        sample = TODOTXT_SAMPLE
        if roll < 0.35:
            lines = TODOTXT_SAMPLE.splitlines(keepends=True)
            rng.shuffle(lines)
            return b"".join(lines[: rng.randint(1, len(lines))]) + random_bytes(rng, 60)
        return mutate(sample, rng)
    make = _taskwarrior_sample if kind == "taskwarrior" else _jrnl_sample
    records = _TW_RECORDS if kind == "taskwarrior" else _JRNL_RECORDS
    try:
        typed = make(mutate_records(records, rng), rng)
    except ValueError:  # a NaN JSON cannot write in some modes: take the sample as it is
        typed = make(records, rng)
    if roll < 0.6:
        return typed
    return mutate(typed if rng.random() < 0.5 else make(records, rng), rng)


def config_input(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.2:
        return random_bytes(rng, 200)
    if roll < 0.5:
        key = rng.choice(
            [
                "language", "data_dir", "day_starts_at", "privacy_at_start", "theme",
                "coefficients.due", "coefficients.age", "keys", "coefficients",
                '[coefficients]\ndue', '[keys]\n"board.quick_add"', "nonsense",
            ]
        )  # fmt: skip
        value = rng.choice(
            [
                "nan", "inf", "-inf", "1e308", "-1e308", "1e999", "12", "-3", "0.5", '"zh"',
                '"04:00"', '"25:00"', "true", "[1]", "{}", "1979-05-27", '"~/x"', '""',
                '"\\u0000"', '"nord"', '"ctrl+n"', '"ctrl++, f99"', "[" * 500, "9" * 5000,
                json.dumps(random_text(rng, 10)),
            ]
        )  # fmt: skip
        return f"{key} = {value}\n".encode()
    return mutate(CONFIG_SAMPLE, rng)


# --- targets --------------------------------------------------------------------------------


class Unplanned(Exception):
    """An outcome none of the program's rules means: an exception of another kind, an exit
    code outside 0-3, or an error without a message."""


Case = Callable[[random.Random], None]


def quick_add_case(rng: random.Random) -> None:
    from planner.domain.models import Task
    from planner.domain.quickadd import parse_quick_add

    pieces = [
        "call", "张三", "#work", "@李局", "due:fri", "due:2026-02-30", "sched:-1d", "every:week",
        "every:0d", "every:99999999999d", "pri:h", "pri:zz", "from:张主任", "report:12-01",
        "!main", "!secret", "!central", "due:", "#", "@", "：", "due:9999-12-31",
        "due:0001-01-01", "every:weekday", "sched:9999999999d",
    ]  # fmt: skip
    if rng.random() < 0.5:
        text = random_text(rng, 60)
    else:
        words = [rng.choice(pieces) if rng.random() < 0.6 else random_text(rng, 8)
                 for _ in range(rng.randint(1, 6))]  # fmt: skip
        text = " ".join(words)
        if rng.random() < 0.3:
            text = mutate(text.encode("utf-8", "surrogatepass"), rng).decode(
                "utf-8", "surrogateescape"
            )
    try:
        parsed = parse_quick_add(text, NOW.date(), TZ)
        Task.create(parsed.title, NOW, **parsed.task_fields(NOW.date()))
    except (ParseError, DomainError):
        pass


def _import_case(kind: str) -> Case:
    def case(rng: random.Random) -> None:
        from planner.importing import jrnl, taskwarrior, todotxt
        from planner.importing.apply import plan_days, plan_tasks
        from planner.importing.limits import ImportTooLarge, read_limited

        raw = importer_input(kind, rng)
        try:
            text = read_limited(io.BytesIO(raw))
        except ImportTooLarge:
            return
        if kind == "jrnl":
            plan_days(jrnl.parse(text).records, lambda _day: None, NOW)
        else:
            parser = todotxt if kind == "todotxt" else taskwarrior
            plan_tasks(parser.parse(text, NOW).records, [])

    return case


def config_case(rng: random.Random, folder: Path) -> None:
    from planner.shell.config_file import load_config

    path = folder / "config.toml"
    path.write_bytes(config_input(rng))
    with contextlib.suppress(ConfigError):
        load_config(config_path=path, data_dir=folder / "data", env={})


@dataclass
class CliWorld:
    """The folder the command line runs in: its data, a config file, files to import."""

    folder: Path
    counter: int = 0
    codes: Counter[int] = field(default_factory=Counter)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def config(self) -> Path:
        return self.folder / "config.toml"


_COMMANDS = (
    "add", "today", "list", "info", "done", "drop", "edit", "delete", "main", "feedback",
    "journal", "setback", "setbacks", "doctor", "backup", "restore", "export", "import",
    "undo", "redo",
)  # fmt: skip
_OPTIONS = {
    "add": ["--json"],
    "list": ["--all", "--json"],
    "edit": ["--title", "--notes"],
    "delete": ["--journal", "--setback", "--yes"],
    "main": ["--date"],
    "journal": ["--date"],
    "setback": ["--date", "--kind", "--kind=other"],
    "doctor": ["--repair"],
    "undo": ["--list"],
    "export": ["--from", "--to", "--day", "--week", "--month", "--split", "--front-matter",
               "--include-confidential", "--force", "daily"],
}  # fmt: skip
_VALUES = (
    "1", "a", "abc", "2026-11-23", "2026-02-30", "-1d", "+2w", "fri", "上周五", "12-01", "today",
    "journal", "report", "tasks", "week", "todotxt", "taskwarrior", "jrnl", "#tag", "-#tag",
    "@张三", "due:fri", "due:", "pri:h", "!main", "every:week", "status:open,waiting", "daily",
    "9999-12-31", "0001-01-01", "-99999999d", "2026-W60", "en", "zh", "x" * 300,
)  # fmt: skip


def _token(rng: random.Random) -> str:
    """An argument: a likely value, random text, or the surrogateescape text of random bytes.
    Never an option we did not choose (``-o``, ``--data-dir``...): those would write outside
    the fuzz's folder. Never a NUL, which no operating system passes in ``argv``."""
    roll = rng.random()
    if roll < 0.45:
        token = rng.choice(_VALUES)
    elif roll < 0.8:
        token = random_text(rng, 16)
    else:
        token = rng.randbytes(rng.randint(1, 12)).decode("utf-8", "surrogateescape")
    token = token.replace("\x00", "")
    if len(token) > 1 and token[0] == "-" and (token[1] == "-" or token[1].isalpha()):
        token = "_" + token
    return token


def _awkward_path(rng: random.Random, world: CliWorld) -> str:
    """A path inside the fuzz's folder that cannot be used as asked: a folder where a file
    belongs, a path through a file, a name longer than the system takes, a missing one."""
    plain = world.folder / "plain-file"
    if not plain.exists():
        plain.write_bytes(b"x")
    return str(
        rng.choice(
            [world.folder, plain / "below", world.folder / ("n" * 300), world.folder / "none"]
        )
    )


def cli_argv(rng: random.Random, world: CliWorld) -> list[str]:
    command = rng.choice(_COMMANDS)
    data = str(world.data) if rng.random() < 0.97 else _awkward_path(rng, world)
    argv = ["--data-dir", data, "--config", str(world.config)]
    if rng.random() < 0.2:
        argv += ["--lang", rng.choice(["en", "zh", "fr"])]
    argv.append(command)
    if command == "import":
        kind = rng.choice(["todotxt", "taskwarrior", "jrnl"])
        world.counter += 1
        source = world.folder / f"import-{world.counter % 5}"
        source.write_bytes(importer_input(kind, rng))
        roll = rng.random()
        path = str(source) if roll < 0.85 else "/dev/null" if roll < 0.9 else ""
        argv += [kind, path or _awkward_path(rng, world)]
    elif command in ("backup", "export") and rng.random() < 0.5:
        target = world.folder / "out" / str(rng.randrange(3))
        argv += ["-o", str(target) if rng.random() < 0.8 else _awkward_path(rng, world)]
    options = _OPTIONS.get(command, [])
    for _ in range(rng.randint(0, 5)):
        if options and rng.random() < 0.3:
            argv.append(rng.choice(options))
        elif rng.random() < 0.1:
            argv.append(rng.choice(["--json", "--privacy", "--help", "--", "-1d"]))
        else:
            argv.append(_token(rng))
    return argv


def cli_case(rng: random.Random, world: CliWorld) -> None:
    from planner.shell.cli.context import CliExit
    from planner.shell.cli.main import opens_app, run

    if rng.random() < 0.05:
        world.config.write_bytes(config_input(rng))
    elif rng.random() < 0.3:
        world.config.write_bytes(b"")
    argv = cli_argv(rng, world)
    if opens_app(argv):
        return
    stdin = io.TextIOWrapper(io.BytesIO(random_bytes(rng, 120)), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, out, err
    try:
        code = run(argv, clock=lambda: NOW, out=out, err=err)
        message = "ok"
    except CliExit as exc:
        code, message = exc.code, exc.message
    except SystemExit as exc:  # argparse's --help
        code, message = (exc.code if isinstance(exc.code, int) else 2), "help"
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    world.codes[code] += 1
    if code not in (0, 1, 2, 3):
        raise Unplanned(f"exit code {code}: {argv!r}")
    if code != 0 and not (message.strip() or err.getvalue().strip()):
        raise Unplanned(f"exit code {code} without a message: {argv!r}")
    if "Traceback (most recent call last)" in out.getvalue() + err.getvalue():
        raise Unplanned(f"a traceback printed: {argv!r}")


# --- running --------------------------------------------------------------------------------


@dataclass
class Tally:
    cases: int = 0
    unplanned: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    slowest: float = 0.0
    seconds: float = 0.0


def run_target(case: Case, cases: int, seed: int) -> Tally:
    tally = Tally()
    started = time.perf_counter()
    for index in range(cases):
        rng = random.Random(f"{seed}:{index}")
        begun = time.perf_counter()
        try:
            case(rng)
        except Exception as exc:  # every exception that reaches here is unplanned
            kind = f"{type(exc).__name__}: {str(exc)[:80]}"
            tally.unplanned += 1
            tally.kinds[type(exc).__name__] += 1
            if len(tally.examples) < 5 and type(exc).__name__ not in tally.examples:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                tally.examples[type(exc).__name__] = (
                    f"case {seed}:{index}: {kind} at {Path(where.filename).name}:{where.lineno}"
                )
        tally.slowest = max(tally.slowest, time.perf_counter() - begun)
        tally.cases += 1
    tally.seconds = time.perf_counter() - started
    return tally


@contextlib.contextmanager
def fuzz_folder() -> Iterator[Path]:
    """A folder of its own, in memory where there is one (``/dev/shm``): each write of the
    command line target syncs to disk."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="planner-fuzz-", dir=base) as name:
        yield Path(name)


TARGETS = ("quickadd", "todotxt", "taskwarrior", "jrnl", "config", "cli")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases per target")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--target", action="append", choices=TARGETS, help="only these")
    parser.add_argument(
        "--replay", type=int, metavar="INDEX", help="run case INDEX alone, with its traceback"
    )
    args = parser.parse_args(argv)
    chosen = args.target or list(TARGETS)
    os.environ["EDITOR"] = os.environ["VISUAL"] = "true"
    for name in ("PLANNER_CONFIG", "PLANNER_DATA_DIR", "PLANNER_LANG"):
        os.environ.pop(name, None)
    failed = False
    with fuzz_folder() as folder:
        world = CliWorld(folder / "cli")
        world.folder.mkdir()
        (folder / "config").mkdir()
        cases: dict[str, Case] = {
            "quickadd": quick_add_case,
            "todotxt": _import_case("todotxt"),
            "taskwarrior": _import_case("taskwarrior"),
            "jrnl": _import_case("jrnl"),
            "config": lambda rng: config_case(rng, folder / "config"),
            "cli": lambda rng: cli_case(rng, world),
        }
        print(f"{'target':<12} {'cases':>7} {'unplanned':>9} {'seconds':>8} {'slowest ms':>10}")
        if args.replay is not None:
            for name in chosen:
                previous = Path.cwd()
                os.chdir(folder)
                try:
                    cases[name](random.Random(f"{args.seed}:{args.replay}"))
                finally:
                    os.chdir(previous)
            return 0
        for name in chosen:
            previous = Path.cwd()
            os.chdir(folder)
            try:
                tally = run_target(cases[name], args.cases, args.seed)
            finally:
                os.chdir(previous)
            failed = failed or tally.unplanned > 0
            print(
                f"{name:<12} {tally.cases:>7} {tally.unplanned:>9} {tally.seconds:>8.1f} "
                f"{tally.slowest * 1000:>10.0f}",
                flush=True,
            )
            for kind, count in tally.kinds.most_common():
                print(f"    {count:>6} {kind}")
            for example in tally.examples.values():
                print(f"    e.g. {example}")
        if "cli" in chosen:
            shown = ", ".join(f"{code}: {count}" for code, count in sorted(world.codes.items()))
            print(f"cli exit codes: {shown}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
