"""The findings cache: a second lint gives the same result from the cache; any change it depends on makes a miss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ivrkit.discover import search
from ivrkit.lint import project
from ivrkit.lint.cache import CACHE_ENV, FindingsCache, cache_folder
from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.project import ProjectSources, lint_files

ROOT = Path(__file__).resolve().parent.parent.parent
MENUS = ROOT / "menus"


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A copy of menus/ (files that reference each other) in a project of its own, as the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ivrkit.yaml").write_text("lint: {}\n", encoding="utf-8")
    for menu in MENUS.glob("*.yaml"):
        (tmp_path / menu.name).write_bytes(menu.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint(folder: Path, cache: FindingsCache | None, jobs: int = 1) -> tuple:
    found = search([str(folder)])
    result = lint_files(found.files, ConfigResolver(), sources=ProjectSources(), named=[], jobs=jobs, cache=cache)
    return list(result.findings), result.files, result.unloaded, result.load_errors, result.warnings


@pytest.fixture
def counted(monkeypatch) -> list[Path]:
    """The roots actually loaded and linted (not answered by the cache)."""
    seen: list[Path] = []
    original = project._lint_root

    def counting(path, *args):
        seen.append(path)
        return original(path, *args)

    monkeypatch.setattr(project, "_lint_root", counting)
    return seen


def test_a_second_lint_is_answered_by_the_cache_with_the_same_result(repo, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache)
    assert first[0], "menus/ has findings to keep"
    linted = len(counted)
    assert linted >= 2
    assert _lint(repo, cache) == first
    assert len(counted) == linted, "nothing was linted again"
    assert _lint(repo, None) == first


def test_the_cache_folder_is_tagged_and_ignored_by_git(repo):
    _lint(repo, FindingsCache(repo / ".ivrkit_cache"))
    assert (
        (repo / ".ivrkit_cache" / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    )
    assert (repo / ".ivrkit_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_an_edit_to_a_referenced_file_makes_its_users_lint_again(repo, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    _lint(repo, cache)
    block = repo / "callback-booking.yaml"
    assert "callback-booking.yaml" in (repo / "account-number.yaml").read_text()
    block.write_text(block.read_text() + "\n# an edit\n", encoding="utf-8")
    before = len(counted)
    again = _lint(repo, cache)
    relinted = {path.name for path in counted[before:]}
    assert "account-number.yaml" in relinted
    assert again == _lint(repo, None)


def test_a_changed_finding_in_a_referenced_file_shows_after_the_edit(repo):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache)
    block = repo / "callback-booking.yaml"
    text = block.read_text()
    target = next(line for line in text.splitlines() if line.strip().startswith("say:"))
    block.write_text(text.replace(target, target.split("say:")[0] + "say: Press 1 to continue.", 1))
    second = _lint(repo, cache)
    assert second == _lint(repo, None)
    assert second[0] != first[0]


def test_a_configuration_change_makes_every_file_lint_again(repo, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache)
    (repo / ".ivrkit.yaml").write_text("lint: {ignore: [WD]}\n", encoding="utf-8")
    before = len(counted)
    second = _lint(repo, cache)
    assert len(counted) - before == before
    assert second == _lint(repo, None)
    assert not any(finding.code.startswith("WD") for finding in second[0])
    assert any(finding.code.startswith("WD") for finding in first[0])


@pytest.mark.parametrize(
    "garbage", [b"", b"not json\n\x00\x01", b'{"key": 1, "files": []}\nAAAA', b'{"files": [["/nowhere", "0"]]}\n']
)
def test_a_corrupt_entry_is_a_miss(repo, garbage, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache)
    entries = [path for path in (repo / ".ivrkit_cache").rglob("*") if path.is_file() and path.parent != cache.folder]
    assert entries
    for entry in entries:
        entry.write_bytes(garbage)
    before = len(counted)
    assert _lint(repo, cache) == first
    assert len(counted) - before == before


def test_an_entry_with_the_right_key_but_a_broken_payload_is_a_miss(repo, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache)
    for entry in (repo / ".ivrkit_cache").rglob("*"):
        if entry.is_file() and entry.parent != cache.folder:
            header = entry.read_bytes().partition(b"\n")[0]
            entry.write_bytes(header + b"\nbm90IGEgcGlja2xl")
    assert _lint(repo, cache) == first


def test_a_cache_that_cannot_be_written_is_no_error(repo):
    (repo / "blocked").write_text("a file where the cache folder would be", encoding="utf-8")
    cache = FindingsCache(repo / "blocked")
    assert _lint(repo, cache) == _lint(repo, None)
    assert (repo / "blocked").is_file()


def test_the_cache_works_from_worker_processes(repo, counted):
    cache = FindingsCache(repo / ".ivrkit_cache")
    first = _lint(repo, cache, jobs=2)
    assert _lint(repo, cache, jobs=2) == first
    assert _lint(repo, cache, jobs=1) == first
    assert not counted, "the second and third runs were answered by the cache (the first ran in workers)"


def test_the_cache_lives_beside_the_configuration_or_where_the_environment_says(repo):
    assert cache_folder(cwd=repo, environ={}) == repo / ".ivrkit_cache"
    (repo / "deep" / "er").mkdir(parents=True)
    assert cache_folder(cwd=repo / "deep" / "er", environ={}) == repo / ".ivrkit_cache"
    assert cache_folder("other/conf.yaml", cwd=repo, environ={}) == repo / "other" / ".ivrkit_cache"
    assert cache_folder(cwd=repo, environ={CACHE_ENV: "/somewhere/else"}) == Path("/somewhere/else")
    os.remove(repo / ".ivrkit.yaml")
    assert cache_folder(cwd=repo / "deep", environ={}) == repo / "deep" / ".ivrkit_cache"
