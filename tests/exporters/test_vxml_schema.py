"""Every VoiceXML export validates against the W3C VoiceXML 2.1 XML Schema, and every jump names a dialog."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ivrkit.exporters import export
from ivrkit.loader import load, loads

from ..strategies import menu_yaml, valid_menus
from .vxml_checks import NS, missing_targets, schema_errors

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MENUS = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "flawed").glob("*.yaml"))
MENUS = [path for path in MENUS if not path.name.endswith((".calls.yaml", ".goals.yaml"))]


@pytest.mark.parametrize("path", MENUS, ids=lambda path: path.name)
def test_every_shipped_menu_exports_valid_voicexml(path: Path):
    text = export(load(path), "vxml").text
    assert schema_errors(text) == []
    assert missing_targets(text) == []


def test_the_checks_catch_what_they_are_for():
    text = export(load(EXAMPLES / "northwind-energy.yaml"), "vxml").text
    broken = text.replace('<goto next="#main" />', '<goto next="#nowhere" />', 1)
    assert missing_targets(broken) == ["<goto next=#nowhere>"]
    assert schema_errors(broken) == []  # the schema alone lets a jump to nowhere through
    assert schema_errors(text.replace("<reprompt />", "<repromt />", 1))


def test_dialog_ids_are_the_node_ids_entry_first():
    menuset = load(EXAMPLES / "northwind-energy.yaml")
    result = export(menuset, "vxml")
    root = ET.fromstring(result.text)
    dialogs = [element.get("id") for element in root if element.tag in (NS + "menu", NS + "form")]
    assert dialogs[0] == "welcome"
    assert {"main", "billing", "power_cut", "faults", "reading_saved"} <= set(dialogs)
    assert len(dialogs) == len(set(dialogs))
    assert result.ids["main"] == ["main"]
    assert result.ids["menus/account-number.yaml#enter_account"] == [
        "account-number__enter_account__then_billing",
        "account-number__enter_account__then_meter_reading",
        "account-number__enter_account__then_moving_team",
    ]


def test_the_name_and_designer_notes_are_comments():
    text = export(load(EXAMPLES / "northwind-energy.yaml"), "vxml").text
    assert "<!-- Northwind Energy customer line: The main customer line of an electricity supplier." in text
    assert (
        "<!-- Recorded by the control room for each major incident; this is the template wording. -->\n"
        '  <form id="outage_notice">' in text
    )


def test_escalating_handlers_and_the_fallback_count():
    root = ET.fromstring(export(load(EXAMPLES / "northwind-energy.yaml"), "vxml").text)
    main = next(element for element in root if element.get("id") == "main")
    noinput = [(h.get("count"), [c.tag[len(NS) :] for c in h]) for h in main.iter(NS + "noinput")]
    assert noinput == [("1", ["prompt", "reprompt"]), ("2", ["prompt", "reprompt"]), ("3", ["goto"])]
    assert main.find(f"{NS}noinput[@count='3']/{NS}goto").get("next") == "#customer_service"
    prompt = main.find(NS + "prompt")
    assert prompt.get("timeout") == "5s" and prompt.find(NS + "enumerate") is not None
    assert {p.get("name"): p.get("value") for p in main.findall(NS + "property")} == {
        "timeout": "5s",
        "interdigittimeout": "3s",
    }


def test_a_second_language_has_its_own_dialogs_with_xml_lang():
    root = ET.fromstring(export(load(EXAMPLES / "kaupunki-bilingual.yaml"), "vxml").text)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(lang) == "fi"
    english = next(element for element in root if element.get("id") == "paavalikko__en")
    assert english.find(NS + "prompt").get(lang) == "en"
    assert "Please choose what you're calling about." in "".join(english.find(NS + "prompt").itertext())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_menus())
def test_random_valid_menus_export_valid_voicexml(tmp_path_factory, menu: dict):
    folder = tmp_path_factory.mktemp("menu")
    text = export(loads(menu_yaml(menu), str(folder / "menu.yaml"), root=str(folder)), "vxml").text
    assert schema_errors(text) == []
    assert missing_targets(text) == []
