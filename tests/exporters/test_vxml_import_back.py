"""`ivrkit import` reads each VoiceXML export back with no error, and with no remark beyond those the export's
fidelity notes predict (issue 13, "Must show")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ivrkit.loader import load

from .conftest import run_ivrkit
from .roundtrip import round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MENUS = [
    path
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]

# Each remark the importer may make on an export, and the words of the fidelity note that predicts it
# (None: the remark says what was mapped, and nothing is lost).
PREDICTED = (
    (
        r"the <if> of `(?P<id>[^`]+)` is a choice the call makes by itself",
        r"is checked by ECMAScript on the voice browser's clock|is the document variable",
    ),
    (r"the words of <value expr=\"[^\"]+\"> are computed when the call runs", r"`confirm` is the menu"),
    (r"recordings? with text inside <audio>", r"the transcript of a recording is written as the <audio> fallback"),
    (r"a choice without a DTMF key \(speech only\)", r"are a <choice> with a DTMF grammar"),
    (r"the transfer `[^`]+`'s <filled> says where callers go when the line is busy or nobody answers", None),
)


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_every_remark_on_reading_an_export_back_is_predicted(path: Path):
    result, imported, _ = round_trip(load(path))
    notes = [note.message for note in result.notes]
    for remark in imported.remarks:
        rule = next(((pattern, note) for pattern, note in PREDICTED if re.search(pattern, remark)), None)
        assert rule is not None, f"an unpredicted remark: {remark}"
        if rule[1] is not None:
            assert any(re.search(rule[1], message) for message in notes), (remark, notes)


def test_the_counted_fallback_and_the_ids_come_back():
    _, imported, back = round_trip(load(EXAMPLES / "northwind-energy.yaml"))
    main = imported.menu["nodes"]["main"]
    assert (main["fallback"], main["retries"]) == ("customer_service", 2)
    assert not any("re-prompts without limit" in remark for remark in imported.remarks)
    assert {"welcome", "main", "billing", "power_cut", "meter_reading", "reading_saved"} <= set(back.nodes)


@pytest.mark.parametrize("name", ["northwind-energy", "aurora-pankki", "kaupunki-bilingual"])
def test_ivrkit_import_reads_the_written_export(project: Path, name: str):
    out = project / "examples" / f"{name}.vxml"
    code, _, err = run_ivrkit("export", str(project / "examples" / f"{name}.yaml"), "--to", "vxml", "-o", str(out))
    assert code == 0, err
    code, text, err = run_ivrkit("import", str(out))
    assert code == 0, err
    assert "error" not in err
    assert "format: vxml" in text
    code, _, err = run_ivrkit("check", str(out))
    assert code == 0, err
