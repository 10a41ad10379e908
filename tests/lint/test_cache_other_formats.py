"""The findings cache does not answer for another platform's file: its importer may read files the cache never sees.

Found by review: a FreePBX dump takes its prompts' descriptions from a
`*recordings*.sql` dump beside it, and a FreeSWITCH menu its phrases from a
`*.phrases.xml` beside it. Only the dump itself was recorded as read, so after
the companion file changed (or went) the cache still answered with the findings
made from the old one. Here a stand-in opener reads a companion the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.lint.cache import FindingsCache
from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.project import ProjectSources, lint_files
from ivrkit.loader import loads, open_other_formats_with, other_formats_opener

MENU = """\
ivrkit: 1
name: Flow
entry: start
nodes:
  start:
    type: message
    say: {words}
    next: bye
  bye:
    type: hangup
"""


def _open_flow(path, *, root=None, cache=None):
    """A platform whose menu takes its words from a `words.txt` beside it, as FreePBX's recordings dump does."""
    words = (Path(path).parent / "words.txt").read_text(encoding="utf-8").strip()
    return loads(MENU.format(words=words), path, root=root)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ivrkit.yaml").write_text("lint: {select: [WD008]}\n", encoding="utf-8")
    (tmp_path / "menu.flow").write_text("a menu of another platform\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("Thank you for calling.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = other_formats_opener()
    open_other_formats_with(_open_flow)
    yield tmp_path
    open_other_formats_with(before)


def _messages(project: Path, cache: FindingsCache | None) -> list[str]:
    result = lint_files([project / "menu.flow"], ConfigResolver(), sources=ProjectSources(), jobs=1, cache=cache)
    assert not result.unloaded
    return [f"{finding.code} {finding.message}" for finding in result.findings]


def test_a_changed_companion_file_of_an_imported_menu_shows_in_the_findings(project):
    cache = FindingsCache(project / ".ivrkit_cache")
    assert _messages(project, cache) == []
    (project / "words.txt").write_text("Thank you for calling. TODO record this.\n", encoding="utf-8")
    fresh = _messages(project, None)
    assert fresh and fresh[0].startswith("WD008 ")
    assert _messages(project, cache) == fresh


def test_a_yaml_menu_is_still_answered_by_the_cache(project, monkeypatch):
    from ivrkit.lint import project as lint_project

    (project / "menu.yaml").write_text(MENU.format(words="Thank you for calling."), encoding="utf-8")
    cache = FindingsCache(project / ".ivrkit_cache")
    linted: list[Path] = []
    original = lint_project._lint_root
    monkeypatch.setattr(lint_project, "_lint_root", lambda path, *rest: linted.append(path) or original(path, *rest))
    for _ in range(2):
        lint_files([project / "menu.yaml"], ConfigResolver(), sources=ProjectSources(), jobs=1, cache=cache)
    assert linted == [project / "menu.yaml"]
