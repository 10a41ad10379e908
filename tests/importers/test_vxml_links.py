"""VoiceXML `<link>` (VoiceXML 2.0 2.5, https://www.w3.org/TR/voicexml20/#dml2.5): a key active in every dialog of
its scope, whatever the prompt says. A document-level link is a global option, a menu-level one an option of that
menu; neither is announced (nothing speaks a link)."""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers import convert, load_any

from .conftest import run_ivrkit

DOC = """<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="en-GB">
  <link dtmf="0" next="#operator"/>
  <link next="#top"><grammar mode="dtmf" root="r"><rule id="r"><one-of><item>*</item></one-of></rule></grammar></link>
  <link event="help" dtmf="9"/>
  <menu id="top">
    <prompt>For sales, press 1. For an operator, press 0 at any time.</prompt>
    <choice dtmf="1" next="#sales"/>
    <link dtmf="5" next="#sales"/>
  </menu>
  <form id="sales"><block>Sales is closed.<disconnect/></block></form>
  <form id="operator"><transfer dest="tel:100"/></form>
</vxml>
"""
NOTE = "a VoiceXML <link>: active here whatever the prompt says, and never announced"


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "links.vxml"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_document_links_are_global_options(tmp_path: Path):
    imported = convert(_file(tmp_path))
    assert imported.menu["global_options"] == {
        "0": {"goto": "operator", "announce": False, "note": NOTE},
        "*": {"goto": "top", "announce": False, "note": NOTE},
    }
    assert list(imported.menu).index("global_options") == list(imported.menu).index("nodes") - 1
    assert imported.menu["x-unmapped"]["(file)"]["link"] == {
        "element": "link",
        "line": 4,
        "event": "help",
        "dtmf": "9",
    }  # an event link: no target
    assert any(
        "the document's <link> for 0 is active in every dialog (VoiceXML 2.0 2.5)" in remark
        for remark in imported.remarks
    )


def test_menu_link_is_an_unannounced_option(tmp_path: Path):
    imported = convert(_file(tmp_path))
    assert imported.menu["nodes"]["top"]["options"]["5"] == {"goto": "sales", "announce": False, "note": NOTE}
    assert imported.source_map.positions["top options 5"] == (8, 5)


def test_link_key_works_in_a_call_and_loads(tmp_path: Path):
    path = _file(tmp_path)
    assert load_any(path).entry == "top"
    code, out, err = run_ivrkit("call", str(path), "--press", "0")
    assert code == 0, err
    assert "at      operator  (via global-option 0)" in out


def test_application_root_document_is_kept_and_remarked(tmp_path: Path):
    path = tmp_path / "leaf.vxml"
    path.write_text(DOC.replace('xml:lang="en-GB"', 'xml:lang="en-GB" application="root.vxml"'), encoding="utf-8")
    imported = convert(path)
    assert imported.menu["x-unmapped"]["(file)"]["application"] == "root.vxml"
    assert any("the application root document `root.vxml` is not in this file" in r for r in imported.remarks)
