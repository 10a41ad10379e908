"""The import contract: ivrkit's imports run one way, down the layers of docs/architecture.md.

Every module of ``ivrkit/`` is read with `ast` (nothing is imported), and every
import is counted, including the ones inside functions that keep start-up fast
but would otherwise hide the real dependency graph, and those under
``if TYPE_CHECKING:`` (a type a module names is still a dependency). Each module belongs to one
group of `LAYERS`, from the bottom up:

====  ============  =============================================================
rank  group         modules
====  ============  =============================================================
0     base          atomic, gcpause, jsonfile, lazyregex, schema (no ivrkit imports at all)
1     model         model, diagnostics, keypatterns
2     loader        ivrkit (the package: ``load``/``loads``), loader, yamlsource,
                    yamlfields, loadbatch, discover, goals (caller goals files)
3     analysis      analysis/*, graph, prompts, timing, language/*
4     rules         lint/*, rules/*            (beside each other: neither may
4     engine        engine/*                    import the other)
5     report        report/*
5     predict       predict/*                  (the caller model run through the engine)
6     importers     importers/*                (leaves: each may import the core,
6     render        render/*                    never another leaf)
6     speech        speech/*
6     exporters     exporters/*
6     diff          diff/*                     (what callers notice between two versions)
7     tui           tui/*                      (the simulator app; speaks via speech)
8     cli           cli/*, __main__            (the commands: may import anything)
====  ============  =============================================================

The contract:

* a module imports only its own group or a group of a lower rank (two groups of
  the same rank are siblings and never import each other);
* no module imports another by a computed name (``importlib.import_module``),
  except a package's own modules as ``f"{__name__}.{name}"``: such an import
  would hide an arrow from this test;
* the core (ranks 0-5) never imports textual or pyttsx3, and networkx only in
  the modules that give the graph to users (`NETWORKX_VIEWS`);
* there is no import cycle among the modules (a cycle inside a group is still a
  tangle: the modules cannot be read one after the other). An arrow already
  reported as a layer breach is left out of the cycle search.

Known back-arrows not yet fixed are listed in `ALLOWED`, each with the reason.
An allowance that no longer matches a violation fails the test, so the list
can only shrink. A module that matches no group fails the test too: a new
module has to be given its place.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "ivrkit"

# (group, rank, module name prefixes). A prefix matches the module itself and its submodules;
# one ending in "$" matches that module only (the package itself, not everything in it).
LAYERS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("base", 0, ("ivrkit.atomic", "ivrkit.gcpause", "ivrkit.jsonfile", "ivrkit.lazyregex", "ivrkit.schema")),
    ("model", 1, ("ivrkit.model", "ivrkit.diagnostics", "ivrkit.keypatterns")),
    (
        "loader",
        2,
        (
            "ivrkit$",
            "ivrkit.loader",
            "ivrkit.yamlsource",
            "ivrkit.yamlfields",
            "ivrkit.loadbatch",
            "ivrkit.discover",
            "ivrkit.goals",
        ),
    ),
    ("analysis", 3, ("ivrkit.analysis", "ivrkit.graph", "ivrkit.prompts", "ivrkit.timing", "ivrkit.language")),
    ("rules", 4, ("ivrkit.lint", "ivrkit.rules")),
    ("engine", 4, ("ivrkit.engine",)),
    ("report", 5, ("ivrkit.report",)),
    ("predict", 5, ("ivrkit.predict",)),
    ("importers", 6, ("ivrkit.importers",)),
    ("render", 6, ("ivrkit.render",)),
    ("speech", 6, ("ivrkit.speech",)),
    ("exporters", 6, ("ivrkit.exporters",)),
    ("diff", 6, ("ivrkit.diff",)),
    ("tui", 7, ("ivrkit.tui",)),
    ("cli", 8, ("ivrkit.cli", "ivrkit.__main__")),
)
CORE_RANK = 5  # ranks 0..5 are the core; above are the leaves
FORBIDDEN_IN_CORE = ("textual", "pyttsx3", "networkx")
NETWORKX_VIEWS = ("ivrkit.graph",)  # the user-facing networkx graph (render is a leaf and may use it too)

# Back-arrows still in the code: (importing module, imported module, why it is still there).
# Each must still be needed (a violation or on a cycle): remove an entry when its arrow is gone.
ALLOWED: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written in a module of the package."""

    importer: str  # module name, e.g. ivrkit.loader
    target: str  # module name, e.g. ivrkit.importers or networkx.algorithms
    path: str  # file, relative to the package's parent folder
    line: int
    in_function: bool


def module_name(file: Path, package_dir: Path) -> str:
    parts = list(file.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.lru_cache(maxsize=4)  # the real package is read once for the tests below (each tmp_path is new)
def read_imports(package_dir: Path) -> tuple[frozenset[str], tuple[Import, ...]]:
    """Every module of the package and every import in it (module level or inside a function)."""
    files = sorted(package_dir.rglob("*.py"))
    modules = {module_name(file, package_dir): file for file in files}
    found: list[Import] = []
    for name, file in modules.items():
        relative = file.relative_to(package_dir.parent).as_posix()
        text = file.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=relative)
        is_package = file.name == "__init__.py"
        for node, in_function in sorted(_walk(tree, False), key=lambda pair: pair[0].lineno):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # `from pkg import sub` imports the submodule pkg.sub; `from pkg import name` imports pkg.
                targets = [
                    f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source for alias in node.names
                ]
            else:
                continue
            for target in dict.fromkeys(targets):
                found.append(Import(name, target, relative, node.lineno, in_function))
        if "import_module" in text or "__import__" in text:
            found += _dynamic_imports(tree, name if is_package else name.rsplit(".", 1)[0], name, relative)
    return frozenset(modules), tuple(found)


DYNAMIC = "<a computed name>"


def _dynamic_imports(tree: ast.AST, package: str, name: str, relative: str) -> list[Import]:
    """`importlib.import_module(...)` and `__import__(...)` calls. One of the package's own modules,
    ``f"{__name__}.{...}"`` in a package's __init__, imports that package; any other name is one the
    contract cannot follow (`DYNAMIC`)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if called not in ("import_module", "__import__"):
            continue
        argument = node.args[0] if node.args else None
        own = (
            isinstance(argument, ast.JoinedStr)
            and len(argument.values) >= 2
            and isinstance(argument.values[0], ast.FormattedValue)
            and isinstance(argument.values[0].value, ast.Name)
            and argument.values[0].value.id == "__name__"
            and isinstance(argument.values[1], ast.Constant)
            and str(argument.values[1].value).startswith(".")
        )
        found.append(Import(name, package if own and package == name else DYNAMIC, relative, node.lineno, True))
    return found


def _walk(tree: ast.AST, in_function: bool):
    """Every node under `tree`, with whether it lies inside a function (an explicit stack: trees are deep)."""
    stack = [(tree, in_function)]
    while stack:
        node, inside = stack.pop()
        for child in ast.iter_child_nodes(node):
            child_inside = inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, child_inside
            elif not isinstance(child, ast.expr):  # imports are statements: expressions hold none
                stack.append((child, child_inside))


def group_of(module: str, layers=LAYERS) -> tuple[str, int] | None:
    """The (group, rank) whose longest prefix matches the module, or None."""
    best: tuple[int, str, int] | None = None
    for group, rank, prefixes in layers:
        for prefix in prefixes:
            exact = prefix.endswith("$")
            prefix = prefix.rstrip("$")
            if module == prefix or (not exact and module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), group, rank)
    return None if best is None else (best[1], best[2])


@dataclass(frozen=True)
class Violation:
    importer: str
    target: str
    where: str  # path:line
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.importer} imports {self.target}: {self.why}"


def check(package_dir: Path, layers=LAYERS, allowed=ALLOWED, core_rank: int = CORE_RANK) -> list[str]:
    """Every breach of the contract, as readable lines (empty when the imports run one way)."""
    modules, imports = read_imports(package_dir)
    problems: list[str] = []
    for module in sorted(modules):
        if group_of(module, layers) is None:
            problems.append(f"{module} belongs to no layer: give it a place in LAYERS (and docs/architecture.md)")
    allowed_pairs = {(importer, target) for importer, target, _ in allowed}
    violations: list[Violation] = []
    edges: dict[str, set[str]] = {}
    for imp in imports:
        where = f"{imp.path}:{imp.line}"
        mine = group_of(imp.importer, layers)
        if mine is None:
            continue
        if imp.target == DYNAMIC:
            problems.append(
                f"{where}: {imp.importer} imports a module by a computed name, which the contract "
                'cannot follow: import it by name (or f"{__name__}.<name>" for a package\'s own modules)'
            )
            continue
        if imp.target.split(".")[0] != "ivrkit":
            top = imp.target.split(".")[0]
            if mine[1] <= core_rank and top in FORBIDDEN_IN_CORE:
                if not (top == "networkx" and group_of(imp.importer, [("views", 0, NETWORKX_VIEWS)])):
                    violations.append(Violation(imp.importer, top, where, f"the core ({mine[0]}) never imports {top}"))
            continue
        theirs = group_of(imp.target, layers)
        if theirs is None or imp.importer == imp.target:
            continue
        if theirs[0] == mine[0]:
            edges.setdefault(imp.importer, set()).add(imp.target)
            continue
        if theirs[1] > mine[1]:
            why = f"{mine[0]} (rank {mine[1]}) must not import the higher layer {theirs[0]} (rank {theirs[1]})"
        elif theirs[1] == mine[1]:
            why = f"{mine[0]} and {theirs[0]} are siblings and must not import each other"
        else:
            edges.setdefault(imp.importer, set()).add(imp.target)
            continue
        violations.append(Violation(imp.importer, imp.target, where, why))  # reported here, not again as a cycle
    # Cycles among modules: strongly connected components of more than one module.
    components = _cycles(edges)
    on_cycle = {(a, b) for component in components for a in component for b in edges.get(a, ()) if b in component}
    pruned = {a: {b for b in targets if (a, b) not in allowed_pairs} for a, targets in edges.items()}
    first_line: dict[tuple[str, str], str] = {}
    for imp in imports:
        first_line.setdefault((imp.importer, imp.target), f"{imp.path}:{imp.line}")
    for component in _cycles(pruned):
        arrows = [
            f"{first_line[a, b]}: {a} -> {b}"
            for a in sorted(component)
            for b in sorted(pruned.get(a, ()))
            if b in component
        ]
        problems.append(f"import cycle among {', '.join(sorted(component))}: {'; '.join(arrows)}")
    used: set[tuple[str, str]] = set()
    for violation in violations:
        pair = (violation.importer, violation.target)
        if pair in allowed_pairs:
            used.add(pair)
        else:
            problems.append(str(violation))
    used |= on_cycle & allowed_pairs
    for importer, target, reason in allowed:
        if (importer, target) not in used:
            problems.append(
                f"stale allowance ({importer} -> {target}: {reason}): the arrow is gone or no longer "
                "a violation; remove it from ALLOWED"
            )
    return problems


def _cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    nodes = set(edges) | {t for targets in edges.values() for t in targets}
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


# --- the contract on ivrkit itself ---------------------------------------------------------------


def test_imports_run_one_way():
    problems = check(PACKAGE_DIR)
    assert not problems, "import contract broken:\n" + "\n".join(problems)


def test_function_level_imports_are_read():
    """The contract sees imports inside functions (the lazy ones), not only those at the top of a file."""
    _, imports = read_imports(PACKAGE_DIR)
    lazy = [imp for imp in imports if imp.in_function]
    assert len(lazy) > 50
    assert any(imp.importer == "ivrkit" and imp.target == "ivrkit.loader" and imp.in_function for imp in imports)


def test_every_module_has_a_layer():
    modules, _ = read_imports(PACKAGE_DIR)
    assert "ivrkit.model" in modules and "ivrkit.cli" in modules
    assert [m for m in sorted(modules) if group_of(m) is None] == []


# --- the checker fails on deliberate breaches (a synthetic package in a temporary folder) ------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "ivrkit"
    for name, text in files.items():
        file = package / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    for folder in [package, *[p for p in package.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return package


_CLEAN = {
    "model.py": '"""Model."""\n',
    "loader.py": '"""Loader."""\nfrom .model import X\n',
    "rules/dead_end.py": '"""A rule."""\nfrom ..loader import load\nfrom ivrkit import model\n',
    "engine/session.py": '"""Engine."""\nfrom ..model import X\n',
    "report/text.py": '"""Report."""\nfrom ..rules import dead_end\nfrom ..engine import session\n',
    "cli.py": '"""CLI."""\nfrom .importers import asterisk\nfrom .tui import app\n',
    "importers/asterisk.py": '"""Importer."""\nfrom ..loader import load\n',
    "tui/app.py": '"""TUI."""\nimport textual\nfrom ..speech import null\n',
    "speech/null.py": '"""Speech."""\n',
}


def test_a_clean_synthetic_package_passes(tmp_path):
    assert check(_package(tmp_path, _CLEAN), allowed=()) == []


def test_a_back_arrow_fails_with_file_and_line(tmp_path):
    back_arrow = '"""Loader."""\nfrom .model import X\n\n\ndef load(path):\n    from .importers import asterisk\n'
    package = _package(tmp_path, {**_CLEAN, "loader.py": back_arrow})
    problems = check(package, allowed=())
    assert problems == [
        "ivrkit/loader.py:6: ivrkit.loader imports ivrkit.importers.asterisk: loader (rank 2) must not import "
        "the higher layer importers (rank 6)"
    ]


def test_a_back_arrow_in_a_copy_of_ivrkit_fails(tmp_path):
    """The real table on the real package: one lazy import of the CLI from the model is caught."""
    import shutil

    copy = tmp_path / "ivrkit"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "model.py"
    lines = model.read_text(encoding="utf-8").splitlines()
    model.write_text("\n".join(lines + ["", "", "def _back():", "    from .cli import main", ""]), encoding="utf-8")
    assert check(copy) == [
        f"ivrkit/model.py:{len(lines) + 4}: ivrkit.model imports ivrkit.cli: model (rank 1) must not import the "
        "higher layer cli (rank 8)"
    ]


def test_siblings_and_leaves_must_not_import_each_other(tmp_path):
    package = _package(
        tmp_path,
        {
            **_CLEAN,
            "engine/session.py": '"""Engine."""\nfrom ..rules import dead_end\n',
            "importers/asterisk.py": '"""Importer."""\nfrom ..render import dot\n',
            "render/dot.py": '"""Render."""\n',
        },
    )
    problems = check(package, allowed=())
    assert (
        "ivrkit/engine/session.py:2: ivrkit.engine.session imports ivrkit.rules.dead_end: engine and rules are "
        "siblings and must not import each other" in problems
    )
    assert (
        "ivrkit/importers/asterisk.py:2: ivrkit.importers.asterisk imports ivrkit.render.dot: importers and "
        "render are siblings and must not import each other" in problems
    )
    assert len(problems) == 2


def test_the_core_must_not_import_textual_pyttsx3_or_networkx(tmp_path):
    package = _package(
        tmp_path,
        {
            **_CLEAN,
            "rules/dead_end.py": '"""A rule."""\nimport networkx as nx\n\n\ndef f():\n    import pyttsx3\n',
            "graph.py": '"""The networkx view."""\nimport networkx\n',
        },
    )
    assert check(package, allowed=()) == [
        "ivrkit/rules/dead_end.py:2: ivrkit.rules.dead_end imports networkx: the core (rules) never imports networkx",
        "ivrkit/rules/dead_end.py:6: ivrkit.rules.dead_end imports pyttsx3: the core (rules) never imports pyttsx3",
    ]


def test_a_cycle_inside_a_layer_fails(tmp_path):
    package = _package(
        tmp_path,
        {
            **_CLEAN,
            "rules/dead_end.py": '"""A rule."""\nfrom . import registry\n',
            "rules/registry.py": '"""Registry."""\n\n\ndef all_rules():\n    from . import dead_end\n',
        },
    )
    assert check(package, allowed=()) == [
        "import cycle among ivrkit.rules.dead_end, ivrkit.rules.registry: "
        "ivrkit/rules/dead_end.py:2: ivrkit.rules.dead_end -> ivrkit.rules.registry; "
        "ivrkit/rules/registry.py:5: ivrkit.rules.registry -> ivrkit.rules.dead_end"
    ]


def test_an_allowance_silences_its_arrow_and_a_stale_one_fails(tmp_path):
    back_arrow = '"""Loader."""\n\n\ndef load(path):\n    from .importers import asterisk\n'
    package = _package(tmp_path, {**_CLEAN, "loader.py": back_arrow})
    allowance = ("ivrkit.loader", "ivrkit.importers.asterisk", "not fixed yet")
    assert check(package, allowed=(allowance,)) == []
    clean = _package(tmp_path / "clean", _CLEAN)
    assert check(clean, allowed=(allowance,)) == [
        "stale allowance (ivrkit.loader -> ivrkit.importers.asterisk: not fixed yet): the arrow is gone or no "
        "longer a violation; remove it from ALLOWED"
    ]


def test_a_module_without_a_layer_fails(tmp_path):
    package = _package(tmp_path, {**_CLEAN, "misc.py": '"""Somewhere."""\n'})
    assert check(package, allowed=()) == [
        "ivrkit.misc belongs to no layer: give it a place in LAYERS (and docs/architecture.md)"
    ]


def test_a_module_imported_by_a_computed_name_fails(tmp_path):
    """A back-arrow hidden from `ast` behind importlib is refused; a package's own modules by name are not."""
    own = '"""Reports."""\nimport importlib\n\n\ndef reporter(n):\n    return importlib.import_module(f"{__name__}.{n}")\n'
    hidden = '"""Model."""\nimport importlib\n\n\ndef f():\n    return importlib.import_module("ivrkit.cli")\n'
    package = _package(tmp_path, {**_CLEAN, "report/__init__.py": own, "model.py": hidden})
    assert check(package, allowed=()) == [
        "ivrkit/model.py:6: ivrkit.model imports a module by a computed name, which the contract cannot follow: "
        'import it by name (or f"{__name__}.<name>" for a package\'s own modules)'
    ]


@pytest.mark.parametrize(
    "source, target",
    [
        ("from . import loader", "ivrkit.loader"),
        ("from .loader import load", "ivrkit.loader"),
        ("import ivrkit.rules.dead_end", "ivrkit.rules.dead_end"),
        ("from .rules import dead_end", "ivrkit.rules.dead_end"),
    ],
)
def test_import_forms_resolve_to_modules(tmp_path, source, target):
    package = _package(tmp_path, {**_CLEAN, "graph.py": f'"""Graph."""\n\n\ndef f():\n    {source}\n'})
    _, imports = read_imports(package)
    mine = [imp for imp in imports if imp.importer == "ivrkit.graph"]
    assert [(imp.target, imp.line, imp.in_function) for imp in mine] == [(target, 5, True)]


# --- the explicit rule catalogue ---------------------------------------------------------------


def test_every_rule_module_is_listed_in_the_catalogue():
    """`ivrkit.rules` lists its rule modules by name: a new rule file that is not listed fails here."""
    import ivrkit.rules as rules
    from ivrkit.lint import registry

    on_disk = {file.stem for file in (PACKAGE_DIR / "rules").glob("*.py") if not file.stem.startswith("_")}
    assert {module.__name__.rsplit(".", 1)[1] for module in rules.RULE_MODULES} == on_disk
    listed = {module.__name__ for module in rules.RULE_MODULES}
    assert rules.all_rules() and all(rule.__module__ in listed for rule in rules.all_rules())
    assert rules.all_rules() == registry.registered()  # importing the catalogue registers every rule
    assert rules.get_rule("dead-end") is rules.get_rule("ST001") is rules.get_rule(" st001 ")
    assert rules.get_rule("no-such-rule") is None


def test_docs_architecture_shows_the_same_layers():
    """docs/architecture.md's table names the same layers, ranks and modules as `LAYERS`."""
    import re

    text = (PACKAGE_DIR.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = {}
    for rank, layer, modules in re.findall(r"^\| (\d) \| (\w+) \| (.*?) \|", text, re.MULTILINE):
        names = []
        for name in re.findall(r"`([^`]+)`", modules):
            name = name.rstrip("*/")
            names.append("ivrkit$" if name == "ivrkit" else "ivrkit." + name.replace("/", "."))
        documented[layer] = (int(rank), sorted(set(names)))
    assert documented == {group: (rank, sorted(prefixes)) for group, rank, prefixes in LAYERS}
