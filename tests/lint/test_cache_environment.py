"""The findings cache answers only for the same language backends and the same data files ivrkit ships.

Found by review: an entry made with Voikko answered a run without it (and
the other way round), so installing or removing Voikko left WD009 and the
Finnish matching rules saying what the old backend found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.language.normalise import disable_voikko, voikko_available
from ivrkit.lint.cache import FindingsCache, code_files
from ivrkit.lint.config_file import ConfigResolver
from ivrkit.lint.project import ProjectSources, lint_files

FINNISH = """\
ivrkit: 1
name: Testi
language: fi
entry: alku
nodes:
  alku:
    type: message
    say: Kiitos soitostasi. Puhelusi on meille tarkea.
    next: loppu
  loppu:
    type: hangup
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ivrkit.yaml").write_text("lint: {select: [WD009]}\n", encoding="utf-8")
    (tmp_path / "valikko.yaml").write_text(FINNISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def voikko_restored():
    yield
    disable_voikko(False)


def _messages(project: Path, cache: FindingsCache | None) -> list[str]:
    result = lint_files([project / "valikko.yaml"], ConfigResolver(), sources=ProjectSources(), jobs=1, cache=cache)
    return [finding.message for finding in result.findings]


def test_an_entry_made_with_voikko_does_not_answer_a_run_without_it(project, voikko_restored):
    if not voikko_available():
        pytest.skip("Voikko is not installed")
    with_voikko = _messages(project, FindingsCache(project / ".ivrkit_cache"))
    assert with_voikko == ['possible misspelling: "tarkea"']
    disable_voikko()
    without = _messages(project, FindingsCache(project / ".ivrkit_cache"))
    assert without == _messages(project, None)
    assert without[0].startswith("no spelling dictionary for `fi`")


def test_an_entry_made_without_voikko_does_not_answer_a_run_with_it(project, voikko_restored):
    if not voikko_available():
        pytest.skip("Voikko is not installed")
    disable_voikko()
    assert _messages(project, FindingsCache(project / ".ivrkit_cache"))[0].startswith("no spelling dictionary")
    disable_voikko(False)
    assert _messages(project, FindingsCache(project / ".ivrkit_cache")) == ['possible misspelling: "tarkea"']


def test_the_code_salt_covers_the_data_files_the_rules_read():
    package = Path(__file__).resolve().parents[2] / "ivrkit"
    names = {path.relative_to(package).as_posix() for path in code_files(package)}
    assert "language/data/synonyms.yaml" in names
    assert "lint/cache.py" in names
    assert not any("__pycache__" in name for name in names)


def test_another_python_or_yaml_parser_does_not_share_entries(monkeypatch, tmp_path):
    import sys

    import yaml

    salt = FindingsCache(tmp_path)._salt
    monkeypatch.setattr(yaml, "__version__", yaml.__version__ + ".other")
    assert FindingsCache(tmp_path)._salt != salt
    monkeypatch.undo()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert FindingsCache(tmp_path)._salt != salt
