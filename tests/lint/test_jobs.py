"""Linting and checking many files on worker processes gives exactly what one process gives, whatever a worker does."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.discover import search
from ivrkit.lint import parallel, project
from ivrkit.lint.config_file import ConfigError, ConfigResolver
from ivrkit.lint.project import ProjectSources, lint_files
from ivrkit.loadbatch import Batch, forget_roots
from ivrkit.loadbatch.pool import JobsError, job_count, nested_processes_allowed, one_process, parse_jobs, run_ordered
from tests.strategies import menu_yaml, valid_menus

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")


def _run(paths: list[Path | str], jobs: int, **options) -> tuple:
    """Everything a lint of `paths` gives, as plain data (findings materialised)."""
    found = search([str(path) for path in paths])
    named = [file for file in found.files if found.base[file] is None]
    result = lint_files(found.files, ConfigResolver(), sources=ProjectSources(), named=named, jobs=jobs, **options)
    return (
        list(result.findings),
        result.files,
        result.unloaded,
        result.load_errors,
        result.warnings,
        dict(result.real_paths),
    )


def _check(paths: list[Path], jobs: int) -> list:
    found = search([str(path) for path in paths])
    batch = Batch(found.files, named=[file for file in found.files if found.base[file] is None])
    return [(path, loaded.problems, loaded.files) for path, loaded in batch.check(jobs=jobs)]


FOLDERS = [
    pytest.param([ROOT / "examples"], id="examples"),
    pytest.param([ROOT / "menus"], id="menus"),
    pytest.param([ROOT / "examples" / "flawed"], id="flawed"),
    pytest.param([ROOT / "menus", *sorted((ROOT / "menus").glob("*.yaml"))[:2]], id="menus-and-named"),
]
if CORPUS.is_dir():  # other platforms' files, named one by one (a folder search takes only YAML menus)
    FOLDERS.append(pytest.param(sorted(p for p in CORPUS.iterdir() if p.name[:2].isdigit()), id="corpus"))


@pytest.mark.parametrize("paths", FOLDERS)
def test_lint_on_workers_is_the_serial_lint(paths, monkeypatch):
    monkeypatch.chdir(ROOT)
    serial = _run(paths, jobs=1)
    assert serial[0] or serial[3], "the folder has findings or problems to compare"
    assert _run(paths, jobs=2) == serial
    assert _run(paths, jobs=3) == serial


@pytest.mark.parametrize("paths", FOLDERS)
def test_check_on_workers_is_the_serial_check(paths, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert _check(paths, jobs=2) == _check(paths, jobs=1)


# -- generated folders -------------------------------------------------------------


@st.composite
def menu_folders(draw) -> dict[str, str]:
    """A few small menu files that jump into each other (cycles too), some broken, a subfolder with its own config."""
    count = draw(st.integers(2, 6))
    names = [("sub/" if draw(st.booleans()) else "") + f"m{index}.yaml" for index in range(count)]
    files: dict[str, str] = {}
    for name in names:
        menu = draw(valid_menus(max_nodes=4))
        for node in menu["nodes"].values():
            if node.get("type") == "menu" and draw(st.integers(0, 2)) == 0:
                other = draw(st.sampled_from(names))
                option = next(iter(node["options"].values()))
                option.pop("action", None)
                option["goto"] = os.path.relpath(other, os.path.dirname(name) or ".") + "#n0"
        text = menu_yaml(menu)
        if draw(st.integers(0, 6)) == 0:
            text = text.replace("entry:", "entry_point:", 1)  # does not load
        files[name] = text
    if any(name.startswith("sub/") for name in names):
        files["sub/.ivrkit.yaml"] = draw(
            st.sampled_from(["lint: {}\n", "lint: {ignore: [WD]}\n", "lint: {rules: {dead-end: {level: info}}}\n"])
        )
    return files


@given(menu_folders(), st.booleans())
def test_generated_folders_lint_and_check_alike_on_workers(tmp_path_factory, files, name_them):
    folder = tmp_path_factory.mktemp("menus")
    (folder / ".git").mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    paths = [folder / name for name in files if not name.endswith(".ivrkit.yaml")] if name_them else [folder]
    old = os.getcwd()
    os.chdir(folder)
    try:
        assert _run(paths, jobs=2) == _run(paths, jobs=1)
        assert _check(paths, jobs=2) == _check(paths, jobs=1)
    finally:
        os.chdir(old)


# -- what workers do ---------------------------------------------------------------


def _dies_in_a_worker(parent: int):
    original = project._lint_root

    def lint_root(*args):
        if os.getpid() != parent:
            os._exit(3)  # killed, as by the kernel's OOM killer
        return original(*args)

    return lint_root


def test_a_killed_worker_leaves_the_parent_to_lint_in_its_place(monkeypatch):
    monkeypatch.chdir(ROOT)
    serial = _run([ROOT / "examples"], jobs=1)
    monkeypatch.setattr(project, "_lint_root", _dies_in_a_worker(os.getpid()))
    assert _run([ROOT / "examples"], jobs=2) == serial


def test_an_exception_in_a_worker_is_redone_here_and_raised_as_in_a_serial_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    parent = os.getpid()
    original = project._lint_root

    def fails_in_worker(*args):
        if os.getpid() != parent:
            raise RuntimeError("only in a worker")
        return original(*args)

    monkeypatch.setattr(project, "_lint_root", fails_in_worker)
    assert _run([ROOT / "menus"], jobs=2) == _run([ROOT / "menus"], jobs=1)

    def always_fails(*args):
        raise ValueError("a rule's bug")

    monkeypatch.setattr(project, "_lint_root", always_fails)
    with pytest.raises(ValueError, match="a rule's bug"):
        _run([ROOT / "menus"], jobs=2)


def test_an_invalid_configuration_is_raised_as_in_a_serial_run(tmp_path):
    (tmp_path / ".git").mkdir()
    for index in range(3):
        (tmp_path / f"m{index}.yaml").write_text((ROOT / "examples" / "northwind-energy.yaml").read_text())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "m.yaml").write_text((ROOT / "examples" / "northwind-energy.yaml").read_text())
    (tmp_path / "sub" / ".ivrkit.yaml").write_text("lint: {selekt: [ST]}\n")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(ConfigError) as raised:
            _run([tmp_path], jobs=jobs)
        errors.append([str(diagnostic) for diagnostic in raised.value.diagnostics])
    assert errors[0] == errors[1]
    assert "selekt" in errors[0][0]


def _nested_allowed(_: int) -> tuple[bool, bool]:
    return nested_processes_allowed(), parallel.use_two_processes(10 * parallel.MIN_NODES)


def test_a_worker_never_splits_a_large_menu_into_more_processes():
    assert {result for _, result in run_ordered(_nested_allowed, range(4), jobs=2)} == {(False, False)}
    with one_process():
        assert not parallel.use_two_processes(10 * parallel.MIN_NODES)
    assert nested_processes_allowed()


def _square(item: int) -> int:
    return item * item


def test_results_come_back_in_order_and_unwanted_items_are_dropped():
    dropped = {3, 7}
    results = list(run_ordered(_square, range(40), jobs=2, wanted=lambda item: item not in dropped))
    assert results == [(item, item * item) for item in range(40) if item not in dropped]


def test_a_load_forgets_its_roots_parse_but_keeps_the_files_others_reference(tmp_path):
    menus = ROOT / "menus"
    batch = Batch(sorted(menus.glob("*.yaml")))
    batch.load(menus / "account-number.yaml")
    kept = list(batch.cache.opened)
    assert kept, "callback-booking.yaml, which it references, stays for its other users"
    assert all(key[2] is False for key in kept)
    forget_roots(batch.cache)
    assert list(batch.cache.opened) == kept


@pytest.mark.parametrize(
    "text, message",
    [
        ("x", "--jobs takes a whole number of processes (0 for one per CPU), not `x`"),
        ("1.5", "--jobs takes a whole number of processes (0 for one per CPU), not `1.5`"),
        ("-2", "--jobs cannot be negative (-2); give 1 for one process or 0 for one per CPU"),
    ],
)
def test_a_bad_jobs_value_is_refused_with_a_message(text, message):
    with pytest.raises(JobsError) as raised:
        parse_jobs(text)
    assert str(raised.value) == message


def test_jobs_zero_means_one_per_cpu():
    assert parse_jobs(" 3 ") == 3
    assert job_count(parse_jobs("0")) == job_count(None) == max(1, os.cpu_count() or 1)


class _Node:
    pass


def test_cycles_a_root_left_are_freed_before_the_next_root_with_the_collector_off():
    import gc
    import weakref

    from ivrkit.loadbatch import free_cycles

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        node = _Node()
        node.self = node  # type: ignore[attr-defined]
        alive = weakref.ref(node)
        del node
        assert alive() is not None, "a cycle outlives its last name while the collector is off"
        free_cycles()
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the rule split needs two CPUs")
def test_one_large_file_may_split_its_rules_but_not_with_one_job(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(parallel, "MIN_NODES", 1)  # every menu counts as large
    forks: list[int] = []
    monkeypatch.setattr(parallel, "_fork", lambda items, work: forks.append(len(items)))  # None: no child
    menu = ROOT / "examples" / "northwind-energy.yaml"
    _run([menu], jobs=1)
    assert forks == []
    if threading.active_count() != 1:
        pytest.skip("the rule split is never used in a process with threads")
    _run([menu], jobs=0)  # one root: no workers, so its rules may use the second CPU
    assert forks
