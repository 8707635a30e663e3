"""Textual's internals are used in ``widgets/compat.py`` and nowhere else in the screens or
the shell, and that module was checked on the Textual that is installed.

What counts as Textual's: a name starting with one underscore that Textual's source uses,
reached

- on ``self``, ``cls`` or ``super()`` (or defined in a class body: an override) in a class
  whose Textual bases, or those of any of the project's subclasses of it (a mixin), use that
  name themselves: the project's own ``self._rows`` is fine as long as no Textual base class
  has a ``_rows`` of its own;
- on any other object, when the project defines no attribute of that name anywhere;
- by importing one of Textual's private modules or names.

Textual's names are read from its installed source, per class, so nothing here lists them
by hand, and a name that Textual gains later is caught too.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import sys
import textwrap
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
import textual

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("widgets", "planner/shell")
COMPAT = Path("widgets/compat.py")
FIRST_PARTY = ("planner", "widgets", "data")

NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}
"""Public despite the underscore."""


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    name: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.name} ({self.why})"


# -- Textual's private names ---------------------------------------------------------------


def private_names_in(tree: ast.AST) -> set[str]:
    """Private names a piece of Textual's source defines or reaches on ``self``/``cls``
    (for a class), or anywhere (for a module)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {name for name in names if is_private(name)}


@cache
def textual_class_names(cls: type) -> frozenset[str]:
    """The private names one of Textual's classes defines or uses on its instances."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return frozenset(name for name in vars(cls) if is_private(name))
    tree = ast.parse(source)
    names = {name for name in vars(cls) if is_private(name)}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
            and is_private(node.attr)
        ):
            names.add(node.attr)
    return frozenset(names)


@cache
def textual_universe() -> frozenset[str]:
    """Every private name anywhere in Textual's source."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        names |= private_names_in(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def is_textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


def textual_names_around(owner: tuple[type, ...]) -> frozenset[str]:
    """Private names of the Textual classes the ``owner`` classes are built on, or that any
    subclass of theirs outside Textual is built on (an owner may be a mixin)."""
    classes: list[type] = list(owner)
    pending: list[type] = list(owner)
    while pending:
        sub: type
        for sub in pending.pop().__subclasses__():
            if not is_textual(sub) and sub not in classes:
                classes.append(sub)
                pending.append(sub)
    names: set[str] = set()
    for each in classes:
        for base in each.__mro__:
            if is_textual(base):
                names |= textual_class_names(base)
    return frozenset(names)


# -- the project's code --------------------------------------------------------------------


def module_name(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def resolve_class(module: object, chain: list[ast.ClassDef]) -> tuple[type, ...]:
    """The class object of the (possibly nested) class statement ``chain[-1]``; for a class
    made inside a function, the base classes it names that the module can resolve."""
    obj: object = module
    for node in chain:
        obj = getattr(obj, node.name, None)
        if not isinstance(obj, type):
            break
    else:
        return (obj,) if isinstance(obj, type) else ()
    bases: list[type] = []
    for base in chain[-1].bases:
        try:
            value = eval(ast.unparse(base), vars(module))  # our own source
        except Exception:
            continue
        if isinstance(value, type):
            bases.append(value)
    return tuple(bases)


@dataclass(frozen=True)
class Site:
    """A private name reached or defined in the project's code."""

    path: str
    line: int
    name: str
    own: bool
    """On ``self``, ``cls`` or ``super()``, or defined in a class body, of a class found."""
    owner: tuple[type, ...]
    """The enclosing class (or a local class's bases), for an ``own`` site."""
    store: bool
    """Assigned (or defined), rather than read."""


def _is_own_receiver(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _on_other_module(module: object, node: ast.expr) -> bool:
    """Whether ``node`` names a module other than Textual's (``os._exit``, ``sys._getframe``:
    that module's documented names, not Textual's internals)."""
    if not isinstance(node, ast.Name):
        return False
    value = vars(module).get(node.id)
    return isinstance(value, ModuleType) and value.__name__.split(".")[0] != "textual"


def sites_in(path: Path, root: Path) -> Iterator[Site]:
    """Every private name the module at ``path`` reaches or defines on a class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = importlib.import_module(module_name(path, root))
    shown = str(path.relative_to(root))

    def visit(node: ast.AST, chain: list[ast.ClassDef], owner: tuple[type, ...]) -> Iterator[Site]:
        in_body = isinstance(node, ast.ClassDef) and bool(owner)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                inner = [*chain, child]
                yield from visit(child, inner, resolve_class(module, inner))
                continue
            functions = (ast.FunctionDef, ast.AsyncFunctionDef)
            if in_body and isinstance(child, functions) and is_private(child.name):
                yield Site(shown, child.lineno, child.name, True, owner, True)
            if in_body and isinstance(child, (ast.Assign, ast.AnnAssign)):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                for target in targets:
                    if isinstance(target, ast.Name) and is_private(target.id):
                        yield Site(shown, child.lineno, target.id, True, owner, True)
            if (
                isinstance(child, ast.Attribute)
                and is_private(child.attr)
                and not _on_other_module(module, child.value)
            ):
                own = bool(owner) and _is_own_receiver(child.value)
                store = isinstance(child.ctx, (ast.Store, ast.Del))
                yield Site(shown, child.lineno, child.attr, own, owner if own else (), store)
            yield from visit(child, chain, owner)

    yield from visit(tree, [], ())


def private_imports(path: Path, root: Path) -> Iterator[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = str(path.relative_to(root))
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        modules: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module.split(".")[0] == "textual":
                for alias in node.names:
                    if is_private(alias.name):
                        yield Finding(shown, node.lineno, alias.name, "a private name of Textual")
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        for module in modules:
            parts = module.split(".")
            if parts[0] == "textual" and any(is_private(part) for part in parts):
                yield Finding(shown, node.lineno, module, "a private module of Textual")


def defined_names(path: Path) -> set[str]:
    """Private names a module defines at its top level, or on ``self``/``cls`` or in a
    class body (for the project's code that no Textual class is near: the domain, the
    services, the store)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            names.add(node.attr)
    return {name for name in names if is_private(name)}


def scan(
    files: Iterable[Path],
    root: Path,
    *,
    exempt: Iterable[Path] = (),
    also_defining: Iterable[Path] = (),
) -> list[Finding]:
    """Textual internals the modules at ``files`` (under ``root``, importable) use, except
    in the ``exempt`` ones; ``also_defining``: more of the project's modules, whose
    attributes are the project's own too."""
    exempt_paths = {root / path for path in exempt}
    files = sorted(set(files))
    # Every module is imported before any site is judged, so that a mixin's subclasses
    # are all known.
    sites = [site for path in files for site in sites_in(path, root)]
    universe = textual_universe()

    def textual_own(site: Site) -> bool:
        return site.name in textual_names_around(site.owner)

    owned = {site.name for site in sites if site.own and site.store and not textual_own(site)}
    for path in set(also_defining) - set(files):
        owned |= defined_names(path)
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owned |= {
            name
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and is_private(name := node.name)
        }
        owned |= {
            target.id
            for node in tree.body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name) and is_private(target.id)
        }

    findings: list[Finding] = []
    for path in files:
        if path in exempt_paths:
            continue
        shown = str(path.relative_to(root))
        findings.extend(private_imports(path, root))
        for site in sites:
            if site.path != shown or site.name in NAMEDTUPLE_API:
                continue
            if site.own and textual_own(site):
                names = ", ".join(cls.__name__ for cls in site.owner)
                why = f"{names}: built on a Textual class that has it"
                findings.append(Finding(site.path, site.line, site.name, why))
            elif not site.own and site.name in universe and site.name not in owned:
                why = "Textual's, and the project defines no attribute of that name"
                findings.append(Finding(site.path, site.line, site.name, why))
    return sorted(set(findings))


def project_files() -> list[Path]:
    return [path for folder in SCANNED for path in (ROOT / folder).rglob("*.py")]


def first_party_files() -> list[Path]:
    return [path for folder in FIRST_PARTY for path in (ROOT / folder).rglob("*.py")]


# -- the tests -----------------------------------------------------------------------------


def test_textual_internals_are_used_in_compat_only() -> None:
    findings = scan(project_files(), ROOT, exempt=[COMPAT], also_defining=first_party_files())
    assert not findings, "Textual internals outside widgets/compat.py:\n" + "\n".join(
        map(str, findings)
    )


def test_the_scan_covers_the_screens_and_the_shell() -> None:
    shown = {str(path.relative_to(ROOT)) for path in project_files()}
    assert {"widgets/parts/lanes.py", "widgets/keys/translate.py", "planner/shell/app.py"} <= shown
    assert str(COMPAT) in shown  # scanned, so that compat's own uses are seen ...
    assert scan([ROOT / COMPAT], ROOT)  # ... and exempted by name only


SAMPLE = """
from textual._compositor import Compositor
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class Mixin:
    def __init__(self) -> None:
        self._bindings = None


class Lane(Mixin, OptionList):
    def _update_lines(self) -> None:
        return super()._update_lines()

    def render_line(self, y: int) -> object:
        return self._mouse_hovering_over

    def own(self) -> int:
        self._rows = [1]
        return len(self._rows)


class Row(Option):
    def line(self) -> object:
        return self._prompt


class Panel(Static):
    _shown: int = 0


def keys(node: Screen) -> object:
    return node._bindings.key_to_bindings


def mark(screen: Screen) -> None:
    screen._css_update_count = screen.app._css_update_count


def rows(lane: Lane) -> int:
    return len(lane._rows)


def fields(active: ActiveBinding) -> object:
    return active._asdict()


def local() -> None:
    class Inner(Static):
        def _render(self) -> None: ...
"""


def write_sample(folder: Path, name: str) -> Path:
    package = folder / "samplepkg"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    path = package / f"{name}.py"
    path.write_text(SAMPLE)
    return path


def test_the_scan_finds_each_kind_of_internal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    path = write_sample(tmp_path, "lanes")
    try:
        found = {(finding.line, finding.name) for finding in scan([path], tmp_path)}
    finally:
        sys.modules.pop("samplepkg.lanes", None)
        sys.modules.pop("samplepkg", None)
    line = {text.strip(): number for number, text in enumerate(SAMPLE.splitlines(), 1)}
    assert found == {
        (line["from textual._compositor import Compositor"], "textual._compositor"),
        (line["self._bindings = None"], "_bindings"),  # a mixin of a Textual class
        (line["def _update_lines(self) -> None:"], "_update_lines"),  # an override
        (line["return super()._update_lines()"], "_update_lines"),
        (line["return self._mouse_hovering_over"], "_mouse_hovering_over"),
        (line["return self._prompt"], "_prompt"),
        (line["return node._bindings.key_to_bindings"], "_bindings"),
        (line["screen._css_update_count = screen.app._css_update_count"], "_css_update_count"),
        (line["def _render(self) -> None: ..."], "_render"),  # a class made in a function
    }
    # Not found: ``self._rows`` (no Textual base of Lane has it, so it is the project's,
    # and so is ``lane._rows``), ``Panel._shown``, and a namedtuple's ``_asdict``.


def test_compat_itself_is_exempt_by_its_path_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    path = write_sample(tmp_path, "compat")
    try:
        assert not scan([path], tmp_path, exempt=[path.relative_to(tmp_path)])
        assert scan([path], tmp_path)
    finally:
        sys.modules.pop("samplepkg.compat", None)
        sys.modules.pop("samplepkg", None)


def test_compat_was_checked_on_the_installed_textual() -> None:
    from widgets import compat

    assert importlib.metadata.version("textual") == compat.TEXTUAL_CHECKED


def test_pyproject_holds_textual_to_the_checked_version() -> None:
    from widgets import compat

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    textual_requirements = [
        requirement
        for requirement in project["dependencies"]
        if requirement.split("=")[0].split("<")[0].split(">")[0].strip() == "textual"
    ]
    assert textual_requirements == [f"textual=={compat.TEXTUAL_CHECKED}"]
