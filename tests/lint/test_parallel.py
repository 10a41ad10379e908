"""Linting a large menu on two processes: same findings as one, in the same order, whatever the child does."""

from __future__ import annotations

import ast
import os
import sys
import threading
from pathlib import Path

import pytest

from ivrkit.lint import parallel, runner
from ivrkit.lint.runner import lint
from ivrkit.loadbatch import pool
from ivrkit.loader import load

ROOT = Path(__file__).resolve().parents[2]
MENUS = sorted(
    p for p in (ROOT / "examples").glob("*.yaml") if not p.name.endswith((".calls.yaml", ".goals.yaml"))
) + sorted((ROOT / "examples" / "flawed").glob("*.yaml"))

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not sys.platform.startswith("linux"),
    reason="the two-process lint is used only where fork is (Linux)",
)


def _pids(items: list[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items]


def test_run_split_gives_the_child_its_items_and_keeps_the_order():
    result = parallel.run_split(range(10), lambda item: item % 3 == 0, _pids)
    assert [item for item, _ in result] == list(range(10))
    assert {pid for item, pid in result if item % 3} == {os.getpid()}
    child = {pid for item, pid in result if item % 3 == 0}
    assert len(child) == 1 and os.getpid() not in child


def test_a_failing_child_is_redone_here():
    parent = os.getpid()

    def fails_in_child(items):
        if os.getpid() != parent:
            raise RuntimeError("a rule broke in the child")
        return _pids(items)

    result = parallel.run_split(range(6), lambda item: item < 3, fails_in_child)
    assert result == [(item, parent) for item in range(6)]


def test_an_error_in_the_parent_share_still_reaches_the_caller():
    parent = os.getpid()

    def fails_here(items):
        if os.getpid() == parent:
            raise ValueError("a rule broke")
        return items

    with pytest.raises(ValueError, match="a rule broke"):
        parallel.run_split(range(4), lambda item: item < 2, fails_here)


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_two_processes_find_what_one_finds(monkeypatch, path):
    menuset = load(path)
    serial = lint(menuset)
    monkeypatch.setattr(runner, "use_two_processes", lambda count: True)
    split = lint(menuset)
    assert split == serial


def test_the_menus_above_give_both_halves_work():
    families = {finding.code[:2] for path in MENUS for finding in lint(load(path))}
    assert families & parallel.CHILD_FAMILIES
    assert families - parallel.CHILD_FAMILIES


def test_when_two_processes_are_used(monkeypatch):
    monkeypatch.delenv("IVRKIT_JOBS", raising=False)
    assert not parallel.use_two_processes(parallel.MIN_NODES - 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert parallel.use_two_processes(parallel.MIN_NODES) == (threading.active_count() == 1)
    monkeypatch.setenv("IVRKIT_JOBS", "1")
    assert not parallel.use_two_processes(10 * parallel.MIN_NODES)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.delenv("IVRKIT_JOBS")
    assert not parallel.use_two_processes(10 * parallel.MIN_NODES)


def test_a_second_thread_keeps_the_lint_on_one_process(monkeypatch):
    monkeypatch.delenv("IVRKIT_JOBS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(parallel, "nested_processes_allowed", lambda: True)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not parallel.use_two_processes(parallel.MIN_NODES)
    finally:
        release.set()
        other.join()


@pytest.mark.parametrize("module", [parallel, pool])
def test_deciding_needs_no_threading(monkeypatch, module):
    """`parallel` and the worker pool read `threading` only where something else imported it (so the lint
    path can do without it)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert "threading" not in imported
    monkeypatch.delitem(sys.modules, "threading")
    assert pool.only_one_thread()
    if sys.platform.startswith("linux"):
        assert pool._context().get_start_method() == "fork"


def test_a_second_thread_makes_the_pool_spawn():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not pool.only_one_thread()
        assert pool._context().get_start_method() == "spawn"
    finally:
        release.set()
        other.join()
