"""The findings cache and symbolic links: a link moved to another file is a change like an edit.

Found by review: a building block named through a symbolic link
(`block.yaml -> v1.yaml`) was recorded by the file it led to, so after the
link was pointed at `v2.yaml` the cache still answered with v1's findings.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ivrkit.lint.cache import FindingsCache
from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.project import ProjectSources, lint_files

ROOT = """\
ivrkit: 1
name: Root
entry: hello
nodes:
  hello:
    type: message
    say: Hello.
    next: {target}
"""

BLOCK = """\
ivrkit: 1
name: Block
entry: thanks
nodes:
  thanks:
    type: message
    say: {words}
    next: bye
  bye:
    type: hangup
"""

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ivrkit.yaml").write_text("lint: {select: [WD008]}\n", encoding="utf-8")
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v1" / "block.yaml").write_text(BLOCK.format(words="Thank you."), encoding="utf-8")
    (tmp_path / "v2" / "block.yaml").write_text(BLOCK.format(words="Thank you. TODO record."), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _messages(path: Path, cache: FindingsCache | None) -> list[str]:
    result = lint_files([path], ConfigResolver(), sources=ProjectSources(), jobs=1, cache=cache)
    assert not result.unloaded
    return [f"{finding.span.path} {finding.code}" for finding in result.findings]


def _repoint(link: Path, target: str) -> None:
    link.unlink()
    link.symlink_to(target)


def test_a_block_file_linked_elsewhere_shows_the_new_files_findings(project):
    (project / "menus").mkdir()
    root = project / "menus" / "root.yaml"
    root.write_text(ROOT.format(target="block.yaml#thanks"), encoding="utf-8")
    (project / "menus" / "block.yaml").symlink_to("../v1/block.yaml")
    cache = FindingsCache(project / ".ivrkit_cache")
    assert _messages(root, cache) == []
    _repoint(project / "menus" / "block.yaml", "../v2/block.yaml")
    assert _messages(root, cache) == _messages(root, None) == [os.path.join("v2", "block.yaml") + " WD008"]


def test_a_linked_folder_pointed_elsewhere_shows_the_new_files_findings(project):
    root = project / "root.yaml"
    root.write_text(ROOT.format(target="current/block.yaml#thanks"), encoding="utf-8")
    (project / "current").symlink_to("v1")
    cache = FindingsCache(project / ".ivrkit_cache")
    assert _messages(root, cache) == []
    _repoint(project / "current", "v2")
    assert _messages(root, cache) == _messages(root, None) == [os.path.join("v2", "block.yaml") + " WD008"]


def test_a_file_replaced_by_a_link_to_an_identical_copy_shows_the_copys_path(project):
    root = project / "root.yaml"
    root.write_text(ROOT.format(target="v2/block.yaml#thanks"), encoding="utf-8")
    cache = FindingsCache(project / ".ivrkit_cache")
    assert _messages(root, cache) == [os.path.join("v2", "block.yaml") + " WD008"]
    (project / "v3").mkdir()
    (project / "v3" / "block.yaml").write_bytes((project / "v2" / "block.yaml").read_bytes())
    _repoint(project / "v2" / "block.yaml", "../v3/block.yaml")
    assert _messages(root, cache) == _messages(root, None) == [os.path.join("v3", "block.yaml") + " WD008"]


def test_menus_without_links_are_still_answered_by_the_cache(project, monkeypatch):
    from ivrkit.lint import project as lint_project

    root = project / "root.yaml"
    root.write_text(ROOT.format(target="v1/block.yaml#thanks"), encoding="utf-8")
    cache = FindingsCache(project / ".ivrkit_cache")
    linted: list[Path] = []
    original = lint_project._lint_root
    monkeypatch.setattr(lint_project, "_lint_root", lambda path, *rest: linted.append(path) or original(path, *rest))
    _messages(root, cache)
    _messages(root, cache)
    assert linted == [root]


def test_a_link_to_something_else_than_menus_does_not_turn_the_cache_off(project, monkeypatch):
    from ivrkit.lint import project as lint_project

    (project / "docs.md").write_text("notes\n", encoding="utf-8")
    (project / "README.md").symlink_to("docs.md")
    root = project / "root.yaml"
    root.write_text(ROOT.format(target="v1/block.yaml#thanks"), encoding="utf-8")
    cache = FindingsCache(project / ".ivrkit_cache")
    linted: list[Path] = []
    original = lint_project._lint_root
    monkeypatch.setattr(lint_project, "_lint_root", lambda path, *rest: linted.append(path) or original(path, *rest))
    _messages(root, cache)
    _messages(root, cache)
    assert linted == [root]
