"""Lint many menu files at once: configuration per file, shared baselines, deduplication, every core.

The unit of work is one root (a file that needs a load of its own,
`ivrkit.loadbatch.Batch`): `lint_root` loads it and lints its menu set and
returns a `RootResult`, everything the run needs from it and nothing of the
model. Roots run on worker processes (`jobs`, `ivrkit.loadbatch.pool`), or
in this process for `jobs=1`; either way the results are merged here in the
serial order, so which files count as linted already, which finding of a
building block linted twice is kept, and every warning come out byte for
byte as in a serial run. A findings cache (`ivrkit.lint.cache`) answers for
roots whose files are unchanged.

Nothing here prints: load problems and directive warnings are returned for
the caller to show, and the findings (`FindingStore`) wait on disk until the
report is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..gcpause import gc_paused
from ..loadbatch import Batch, forget_roots, free_cycles
from ..loadbatch.pool import job_count, no_nested_processes, one_process, run_ordered
from ..loader import LoadCache, LoadError, load
from ..model import model_class
from .baseline import Baseline
from .config import LintConfig
from .config_file import ConfigError, ConfigResolver
from .finding import Finding
from .predictor import GoalPredictor, goal_predictor, predict_goals_with
from .runner import lint
from .sources import Sources
from .store import FindingStore, Packed, pack
from .suppress import directive_problems, node_problems

if TYPE_CHECKING:
    from .cache import FindingsCache

__all__ = ["ProjectResult", "ProjectSources", "RootResult", "RootTask", "lint_files", "lint_root", "display_path"]


def display_path(path: Path) -> str:
    """A path as the loader shows it in spans (relative to the working folder when inside it)."""
    from ..diagnostics import display_path

    return display_path(path.resolve())


class ProjectSources(Sources):
    """Sources that open a file by its path on disk when the displayed path differs.

    A displayed path has its control characters and undecodable bytes spelled
    out (`diagnostics.display_path`), so it cannot be opened; suppression
    comments, fingerprints and excerpts of such a file are read through
    `real_paths` (filled by `lint_files`). With `keep_one`, only the file read
    last is kept (a report reads its files one after the other).
    """

    def __init__(self, texts=None, *, keep_one: bool = False):
        super().__init__(texts)
        self.real_paths: dict[str, str] = {}
        self._keep_one = keep_one

    def lines(self, path: str) -> list[str]:
        real = self.real_paths.get(path, path)
        if self._keep_one and real not in self._lines:
            self._lines.clear()
        return super().lines(real)


class _Record:
    """A plain mutable record: the equality and repr a ``@dataclass`` would give it, by its `__init__`'s fields.

    Written out because making a dataclass compiles its methods at import,
    about 0.6 ms a class on every start-up; these two are made once a run.
    """

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass with eq

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{self.__class__.__qualname__}({fields})"


class ProjectResult(_Record):
    """Every finding (suppressed ones marked), the files linted, and the problems met on the way.

    `findings` is re-iterable and sorted; `unloaded` are the linted files (as
    displayed) that did not load; `real_paths` maps each displayed path to the
    file on disk.
    """

    def __init__(
        self,
        findings: Iterable[Finding] | None = None,
        files: list[str] | None = None,
        unloaded: list[str] | None = None,
        real_paths: dict[str, str] | None = None,
        load_errors: list[Diagnostic] | None = None,
        warnings: list[Diagnostic] | None = None,
    ):
        self.findings: Iterable[Finding] = [] if findings is None else findings
        self.files: list[str] = [] if files is None else files
        self.unloaded: list[str] = [] if unloaded is None else unloaded
        self.real_paths: dict[str, str] = {} if real_paths is None else real_paths
        self.load_errors: list[Diagnostic] = [] if load_errors is None else load_errors
        self.warnings: list[Diagnostic] = [] if warnings is None else warnings


@model_class
class RootTask:
    """One root to lint: the file, its configuration (or the error resolving it), the project root, the cache."""

    path: Path
    config: LintConfig | None
    config_error: ConfigError | None = None
    root: str | None = None
    cache: FindingsCache | None = None


class RootResult(_Record):
    """What linting one root gave, with nothing of its model.

    `files` are the menu set's files as (displayed path, path on disk);
    `directive_warnings[i]` are the problems of `files[i]`'s `# ivrkit:` comments;
    `findings` are packed (`ivrkit.lint.store.pack`): quick to pickle.
    """

    def __init__(
        self,
        loaded: bool,
        load_errors: list[Diagnostic] | None = None,
        files: list[tuple[str, str]] | None = None,
        findings: list[Packed] | None = None,
        node_warnings: list[Diagnostic] | None = None,
        directive_warnings: list[list[Diagnostic]] | None = None,
    ):
        self.loaded = loaded
        self.load_errors: list[Diagnostic] = [] if load_errors is None else load_errors
        self.files: list[tuple[str, str]] = [] if files is None else files
        self.findings: list[Packed] = [] if findings is None else findings
        self.node_warnings: list[Diagnostic] = [] if node_warnings is None else node_warnings
        self.directive_warnings: list[list[Diagnostic]] = [] if directive_warnings is None else directive_warnings


class _Loads:
    """This process's load cache (files others reference) and baselines, for the roots it lints."""

    def __init__(self) -> None:
        self.cache = LoadCache()
        self.baselines: dict[str, Baseline] = {}
        self.roots = 0

    def baseline(self, config: LintConfig) -> Baseline | None:
        if not config.baseline:
            return None
        if config.baseline not in self.baselines:
            self.baselines[config.baseline] = Baseline.load(config.baseline)
        return self.baselines[config.baseline]


_PROCESS_LOADS: dict[str, _Loads] = {}


def lint_root(task: RootTask) -> RootResult:
    """Load and lint one root (through the cache when it has this root's answer); raises `ConfigError`."""
    if task.config_error is not None:
        raise task.config_error
    assert task.config is not None
    loads = _PROCESS_LOADS.setdefault("loads", _Loads())
    if loads.roots:
        free_cycles()
    loads.roots += 1
    if task.cache is not None:
        cached = task.cache.get(task.path, task.config, task.root)
        if isinstance(cached, RootResult) and cached.loaded:
            return cached
    # The collector stays paused until the model is freed again: objects made
    # while it is paused all wait in its youngest generation, and the first
    # collection after it resumes would walk every one of them.
    with gc_paused():
        result = _lint_root(task.path, task.config, task.root, loads)
    if task.cache is not None and result.loaded:
        task.cache.put(task.path, task.config, task.root, result, [real for _, real in result.files])
    return result


def _lint_root(path: Path, config: LintConfig, root: str | None, loads: _Loads) -> RootResult:
    sources = ProjectSources()
    sources.real_paths[display_path(path)] = str(path.resolve())
    try:
        menuset = load(path, root=root, cache=loads.cache)
    except LoadError as error:
        return RootResult(loaded=False, load_errors=list(error.diagnostics))
    finally:
        forget_roots(loads.cache)
    files = [
        (menu_file.span.path if menu_file.span else menu_file.path, menu_file.path)
        for menu_file in menuset.files.values()
    ]
    for display, real in files:
        sources.real_paths.setdefault(display, real)
    findings = pack(lint(menuset, config, sources=sources, baseline=loads.baseline(config)))
    return RootResult(
        loaded=True,
        files=files,
        findings=findings,
        node_warnings=node_problems(menuset),
        directive_warnings=[directive_problems(display, sources) for display, _ in files],
    )


class _Merge:
    """The serial run's bookkeeping, fed one `RootResult` at a time in the serial order."""

    def __init__(self, sources: Sources):
        self.result = ProjectResult(findings=FindingStore())
        if isinstance(sources, ProjectSources):
            self.result.real_paths = sources.real_paths
        self._checked: set[str] = set()
        self._problems: set[tuple] = set()

    def add(self, display: str, outcome: RootResult) -> None:
        if not outcome.loaded:
            self.result.unloaded.append(display)
            self._add(self.result.load_errors, outcome.load_errors)
            return
        for shown, real in outcome.files:
            self.result.real_paths.setdefault(shown, real)
        assert isinstance(self.result.findings, FindingStore)
        self.result.findings.add(outcome.findings)
        self._add(self.result.warnings, outcome.node_warnings)
        for (shown, _), problems in zip(outcome.files, outcome.directive_warnings):
            if shown not in self._checked:
                self._checked.add(shown)
                self._add(self.result.warnings, problems)

    def _add(self, target: list[Diagnostic], diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            key = (diagnostic.span, diagnostic.message)
            if key not in self._problems:
                self._problems.add(key)
                target.append(diagnostic)


def lint_files(
    files: list[Path],
    resolver: ConfigResolver,
    *,
    root: str | None = None,
    sources: Sources | None = None,
    named: list[Path] | None = None,
    jobs: int | None = 1,
    cache: FindingsCache | None = None,
) -> ProjectResult:
    """Load and lint each file; raises `ConfigError` for an invalid configuration or baseline.

    `named`: the files the user named (each linted as a start of its own); the
    others, found in folders, are linted through the files that use them when
    there are any (`ivrkit.loadbatch`). None: every file is named. `jobs`:
    worker processes (None or 0: one per CPU; 1: this process only, and no
    process split of one large menu either). `cache`: answers for unchanged roots.
    """
    merge = _Merge(sources if sources is not None else ProjectSources())
    batch = Batch(files, named=files if named is None else named)
    for path in batch.order:
        merge.result.real_paths.setdefault(display_path(path), str(path.resolve()))
    workers = min(job_count(jobs), batch.starts)  # one root: no pool, and its rules may still split in two
    tasks = (_task(path, resolver, root, cache) for path in batch.order)
    _PROCESS_LOADS.clear()  # a load cache is for one batch: files may have changed since the last
    try:
        with one_process() if job_count(jobs) == 1 else nullcontext():
            for task, outcome in run_ordered(
                lint_root,
                tasks,
                jobs=workers,
                # a spawned worker starts from fresh modules: it is handed GL001's predictor by name
                initializer=partial(_start_worker, goal_predictor()),
                wanted=lambda task: batch.needs_load(task.path),
            ):
                batch.cover(Path(real) for _, real in outcome.files)
                merge.add(display_path(task.path), outcome)
    finally:
        _PROCESS_LOADS.clear()
    merge.result.files = [display_path(path) for path in files]
    return merge.result


def _start_worker(predictor: GoalPredictor | None = None) -> None:
    no_nested_processes()
    predict_goals_with(predictor)
    _PROCESS_LOADS.clear()


def _task(path: Path, resolver: ConfigResolver, root: str | None, cache: FindingsCache | None) -> RootTask:
    try:
        return RootTask(path, resolver.for_path(path), root=root, cache=cache)
    except ConfigError as error:  # raised when this root's turn comes, as in a serial run
        return RootTask(path, None, config_error=error, root=root)
