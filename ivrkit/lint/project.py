"""Lint many menu files at once: configuration per file, shared sources and baselines, deduplication.

A building block linted on its own and again through a file that jumps into
it gives the same findings twice; they are reported once. Nothing here
prints: load problems and directive warnings are returned for the caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..gcpause import gc_paused
from ..loadbatch import Batch
from ..model import MenuSet
from .baseline import Baseline
from .config import LintConfig
from .config_file import ConfigResolver
from .finding import Finding
from .runner import lint
from .sources import Sources
from .suppress import directive_problems, node_problems

__all__ = ["ProjectResult", "ProjectSources", "lint_files", "display_path"]


def display_path(path: Path) -> str:
    """A path as the loader shows it in spans (relative to the working folder when inside it)."""
    from ..diagnostics import display_path

    return display_path(path.resolve())


class ProjectSources(Sources):
    """Sources that open a file by its path on disk when the displayed path differs.

    A displayed path has its control characters and undecodable bytes spelled
    out (`diagnostics.display_path`), so it cannot be opened; suppression
    comments, fingerprints and excerpts of such a file are read through
    `real_paths` (filled by `lint_files`).
    """

    def __init__(self, texts=None):
        super().__init__(texts)
        self.real_paths: dict[str, str] = {}

    def lines(self, path: str) -> list[str]:
        return super().lines(self.real_paths.get(path, path))


@dataclass
class ProjectResult:
    """Every finding (suppressed ones marked), the files linted, and the problems met on the way.

    `unloaded` are the linted files (as displayed) that did not load;
    `real_paths` maps each displayed path to the file on disk.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unloaded: list[str] = field(default_factory=list)
    real_paths: dict[str, str] = field(default_factory=dict)
    load_errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


class _Run:
    def __init__(self, resolver: ConfigResolver, root: str | None, sources: Sources):
        self.resolver, self.root, self.sources = resolver, root, sources
        self.result = ProjectResult()
        if isinstance(sources, ProjectSources):
            self.result.real_paths = sources.real_paths
        self._findings: dict[tuple, Finding] = {}
        self._baselines: dict[str, Baseline] = {}
        self._checked: set[str] = set()
        self._problems: set[tuple] = set()

    def lint_file(self, path: Path, batch: Batch) -> None:
        display = display_path(path)
        self.result.files.append(display)
        self.result.real_paths.setdefault(display, str(path.resolve()))
        if not batch.needs_load(path):  # linted already as part of a file that uses it
            return
        config = self.resolver.for_path(path)  # ConfigError goes to the caller
        # The collector stays paused until the model is freed again: objects made
        # while it is paused all wait in its youngest generation, and the first
        # collection after it resumes would walk every one of them.
        with gc_paused():
            self._load_and_lint(path, config, batch)

    def _load_and_lint(self, path: Path, config: LintConfig, batch: Batch) -> None:
        from ..loader import LoadError

        try:
            menuset = batch.load(path, root=self.root)
        except LoadError as error:
            self.result.unloaded.append(self.result.files[-1])
            self._add(self.result.load_errors, error.diagnostics)
            return
        for menu_file in menuset.files.values():
            self.result.real_paths.setdefault(menu_file.span.path if menu_file.span else menu_file.path,
                                              menu_file.path)
        for finding in lint(menuset, config, sources=self.sources, baseline=self._baseline(config)):
            self._findings.setdefault((finding.code, finding.span, finding.message), finding)
        self._warn(menuset)

    def _baseline(self, config: LintConfig) -> Baseline | None:
        if not config.baseline:
            return None
        if config.baseline not in self._baselines:
            self._baselines[config.baseline] = Baseline.load(config.baseline)
        return self._baselines[config.baseline]

    def _warn(self, menuset: MenuSet) -> None:
        self._add(self.result.warnings, node_problems(menuset))
        for menu_file in menuset.files.values():
            display = menu_file.span.path if menu_file.span else menu_file.path
            if display not in self._checked:
                self._checked.add(display)
                self._add(self.result.warnings, directive_problems(display, self.sources))

    def _add(self, target: list[Diagnostic], diagnostics) -> None:
        for diagnostic in diagnostics:
            key = (diagnostic.span, diagnostic.message)
            if key not in self._problems:
                self._problems.add(key)
                target.append(diagnostic)

    def finish(self) -> ProjectResult:
        with gc_paused():
            self.result.findings = sorted(self._findings.values(), key=Finding.sort_key)
        return self.result


def lint_files(files: list[Path], resolver: ConfigResolver, *, root: str | None = None,
               sources: Sources | None = None, named: list[Path] | None = None) -> ProjectResult:
    """Load and lint each file; raises `ConfigError` for an invalid configuration or baseline.

    `named`: the files the user named (each linted as a start of its own); the
    others, found in folders, are linted through the files that use them when
    there are any (`ivrkit.loadbatch`). None: every file is named.
    """
    run = _Run(resolver, root, sources if sources is not None else ProjectSources())
    batch = Batch(files, named=files if named is None else named)
    for path in batch.order:
        run.lint_file(path, batch)
    given = {display_path(path): index for index, path in enumerate(files)}
    run.result.files.sort(key=lambda shown: given.get(shown, len(given)))  # as given, not as loaded
    return run.finish()
