"""The real third-party files in ../shared/corpus: every one is detected, imports and loads, keeps source
positions, and survives fuzzing. Per-platform checks of keys and targets are in test_corpus_<platform>.py.
Skipped where the corpus is absent, failing under CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.importers import convert, load_any, to_yaml
from ivrkit.loader import loads

from .conftest import require_corpus
from .fuzzing import check_outcome, mutated

ALL = {
    "01_freeswitch-demo-ivr.xml": "freeswitch",
    "05_aws-connect-sample-inbound-flow.json": "connect",
    "06_aws-connect-sample-inbound-legacy-modules.json": "connect",
    "09_asterisk-sample-demo-context.conf": "asterisk",
    "12_twilio-studio-whiterabbit-ivr-template.json": "studio",
    "14_vxml-dialogic-xms-voicemail-demo.vxml": "vxml",
    "15_vxml-opal-server-main-menu.vxml": "vxml",
    "18_twilio-studio-default-ivr-template.json": "studio",
}
MINE = {
    "01_freeswitch-demo-ivr.xml": "freeswitch",
    "09_asterisk-sample-demo-context.conf": "asterisk",
    "14_vxml-dialogic-xms-voicemail-demo.vxml": "vxml",
    "15_vxml-opal-server-main-menu.vxml": "vxml",
}


def _source(name: str) -> str:
    return (require_corpus() / name).read_text(encoding="utf-8")


def _menu(name: str) -> dict:
    return convert(require_corpus() / name).menu


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_and_loads(name):
    """Every corpus file, through whichever importer its format has, gives a menu that loads."""
    from ivrkit.importers import IMPORTERS

    if ALL[name] not in {importer.name for importer in IMPORTERS}:
        pytest.skip(f"the {ALL[name]} importer is not here yet")
    path = require_corpus() / name
    imported = convert(path, ALL[name])
    loads(to_yaml(imported), path.with_suffix(".yaml"), root=path.parent)


@pytest.mark.parametrize("name", sorted(ALL))
def test_detected(name):
    """Detection picks exactly the right format for every corpus file."""
    from ivrkit.importers import IMPORTERS, detect

    if ALL[name] not in {importer.name for importer in IMPORTERS}:
        pytest.skip(f"the {ALL[name]} importer is not here yet")
    path = require_corpus() / name
    assert detect(path.read_text(encoding="utf-8"), path).name == ALL[name]


def test_the_phrase_file_alone_explains_itself():
    from ivrkit.importers import ImportProblem

    with pytest.raises(ImportProblem) as caught:
        convert(require_corpus() / "01b_freeswitch-demo-ivr.phrases.xml")
    assert "--phrases" in caught.value.hint


@pytest.mark.parametrize("name", sorted(MINE))
def test_load_any_positions_are_source_lines(name):
    path = require_corpus() / name
    menuset = load_any(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in menuset.nodes.values():
        assert node.span.path == menuset.root.path or node.span.path.endswith(name)
        assert 1 <= node.span.line <= len(lines)


# -- fuzzing the real files ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MINE))
def test_fuzz_corpus(name):
    from ivrkit.importers import get_importer

    path = require_corpus() / name
    importer = get_importer(MINE[name])

    @settings(deadline=None, suppress_health_check=list(HealthCheck))
    @given(mutated(path.read_text(encoding="utf-8")))
    def run(text):
        check_outcome(importer, text, Path("/nonexistent") / name)

    run()
