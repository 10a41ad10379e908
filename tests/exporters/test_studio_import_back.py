"""`ivrkit import` reads each Twilio Studio export back with no error, and with no remark beyond those the export's
fidelity notes predict (issue 13, "Must show")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ivrkit.loader import load

from .conftest import run_ivrkit
from .test_studio_roundtrip import round_trip

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MENUS = [
    path
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "flawed").glob("*.yaml"))
    if not path.name.endswith((".calls.yaml", ".goals.yaml"))
]

# Each remark the importer may make on an export, and the words of the fidelity note that predicts it.
PREDICTED = (
    (
        r"`[^`]+` speaks '[^']+', the imported file speaks '[^']+'; its language is kept under x-unmapped",
        r"each language is its own set of widgets",
    ),
)


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_every_remark_on_reading_an_export_back_is_predicted(path: Path):
    result, imported, _ = round_trip(load(path))
    notes = [note.message for note in result.notes]
    for remark in imported.remarks:
        rule = next(((pattern, note) for pattern, note in PREDICTED if re.search(pattern, remark)), None)
        assert rule is not None, f"an unpredicted remark: {remark}"
        assert any(re.search(rule[1], message) for message in notes), (remark, notes)


def test_the_counted_fallback_the_handlers_and_the_ids_come_back():
    _, imported, back = round_trip(load(EXAMPLES / "northwind-energy.yaml"))
    main = imported.menu["nodes"]["main"]
    assert (main["fallback"], main["retries"]) == ("customer_service", 2)
    assert [handler["say"] for handler in main["no_match"]] == [
        "Sorry, that key isn't one of the options.",
        "Sorry, that key isn't one of the options either. Please listen for the key you need, or press 0 to speak "
        "to our team.",
    ]
    assert {"welcome", "main", "billing", "power_cut", "meter_reading", "reading_saved"} <= set(back.nodes)
    assert not any("__" in node and node.endswith(("__enter", "__keys", "__check")) for node in back.nodes)
    assert imported.menu["nodes"]["meter_reading"]["confirm"] is True


@pytest.mark.parametrize("name", ["northwind-energy", "aurora-pankki", "kaupunki-bilingual"])
def test_ivrkit_import_reads_the_written_export(project: Path, name: str):
    out = project / "examples" / f"{name}.json"
    code, _, err = run_ivrkit("export", str(project / "examples" / f"{name}.yaml"), "--to", "studio", "-o", str(out))
    assert code == 0, err
    code, text, err = run_ivrkit("import", str(out))
    assert code == 0, err
    assert "error" not in err
    assert "format: studio" in text or "importer: studio" in text
    code, _, err = run_ivrkit("check", str(out))
    assert code == 0, err
