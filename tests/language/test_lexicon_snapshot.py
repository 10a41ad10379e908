"""The lexicon's data files are read from `data/snapshot.marshal` only while it holds their current text."""

from __future__ import annotations

import marshal

import pytest
import yaml

from ivrkit.language import lexicon


def test_the_shipped_snapshot_holds_the_data_files_as_they_are():
    """Fails after a data file is edited: run scripts/build_lexicon_snapshot.py."""
    held = marshal.loads(lexicon.SNAPSHOT.read_bytes())
    assert sorted(held) == sorted(lexicon.DATA_FILES)
    for name in lexicon.DATA_FILES:
        text = (lexicon._DATA / name).read_text(encoding="utf-8")
        assert held[name][0] == text
        assert marshal.loads(held[name][1]) == yaml.load(text, Loader=yaml.SafeLoader)


@pytest.fixture
def data(tmp_path, monkeypatch):
    (tmp_path / "synonyms.yaml").write_text("en:\n  agent: [agent, a person]\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "_DATA", tmp_path)
    monkeypatch.setattr(lexicon, "SNAPSHOT", tmp_path / "snapshot.marshal")
    monkeypatch.setattr(lexicon, "DATA_FILES", ("synonyms.yaml",))
    lexicon._snapshot.cache_clear()
    yield tmp_path
    lexicon._snapshot.cache_clear()


def test_a_data_file_is_read_from_the_snapshot_while_its_text_is_the_one_held(data, monkeypatch):
    (data / "snapshot.marshal").write_bytes(lexicon.snapshot_bytes())
    monkeypatch.setattr(lexicon, "_load_yaml", lambda text: pytest.fail("read as YAML"))
    first = lexicon._read_data("synonyms.yaml")
    assert first == {"en": {"agent": ["agent", "a person"]}}
    first["en"].clear()  # raw_caller_words pops sections: every read gets objects of its own
    assert lexicon._read_data("synonyms.yaml") == {"en": {"agent": ["agent", "a person"]}}


def test_an_edited_data_file_is_read_as_yaml_until_the_snapshot_is_written_again(data):
    (data / "snapshot.marshal").write_bytes(lexicon.snapshot_bytes())
    (data / "synonyms.yaml").write_text("en:\n  agent: [operator]\n", encoding="utf-8")
    assert lexicon._read_data("synonyms.yaml") == {"en": {"agent": ["operator"]}}


@pytest.mark.parametrize("content", [None, b"\x00damaged", marshal.dumps(["not", "a", "mapping"])])
def test_a_missing_or_damaged_snapshot_leaves_the_data_files_to_yaml(data, content):
    if content is not None:
        (data / "snapshot.marshal").write_bytes(content)
    assert lexicon._read_data("synonyms.yaml") == {"en": {"agent": ["agent", "a person"]}}


def _damaged(how: str) -> bytes:
    text = "en:\n  agent: [agent, a person]\n"
    payload = marshal.dumps(yaml.safe_load(text))
    entry = {
        "an int entry": 7,
        "a truncated payload": (text, payload[: len(payload) // 2]),
        "a str payload": (text, "not bytes"),
        "a one-item entry": (text,),
        "a payload not a mapping": (text, marshal.dumps(["agent"])),
    }[how]
    return marshal.dumps({"synonyms.yaml": entry})


@pytest.mark.parametrize(
    "how", ["an int entry", "a truncated payload", "a str payload", "a one-item entry", "a payload not a mapping"]
)
def test_a_damaged_entry_leaves_its_data_file_to_yaml(data, how):
    """Only the file's mapping was checked before: a damaged entry in it crashed every lint (exit 70)."""
    (data / "snapshot.marshal").write_bytes(_damaged(how))
    assert lexicon._read_data("synonyms.yaml") == {"en": {"agent": ["agent", "a person"]}}
