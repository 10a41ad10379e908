"""The importer framework: registry, detection, reading, YAML output, load_any positions and `ivrkit import`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ivrkit.diagnostics import LoadError
from ivrkit.importers import (
    FORMATS,
    IMPORTERS,
    Imported,
    ImportProblem,
    SourceMap,
    convert,
    detect,
    load_any,
    read_text,
    to_yaml,
)
from ivrkit.loader import loads

from .conftest import FIXTURES, run_ivrkit

OWN_FIXTURES = {
    "fs_menu.xml": "freeswitch",
    "vxml_menu.vxml": "vxml",
    "ast_menu.conf": "asterisk",
}


def test_registry_order_is_fixed():
    names = [importer.name for importer in IMPORTERS]
    assert names == [name for name in FORMATS if name in names]
    assert {"freeswitch", "vxml", "asterisk"} <= set(names)
    for importer in IMPORTERS:
        assert importer.description


@pytest.mark.parametrize("name,fmt", sorted(OWN_FIXTURES.items()))
def test_detects_each_own_fixture(name, fmt):
    path = FIXTURES / name
    assert detect(path.read_text(encoding="utf-8"), path).name == fmt


def test_nothing_matches_names_the_formats():
    with pytest.raises(ImportProblem) as caught:
        detect("just some text\n", Path("notes.txt"))
    assert "--from freeswitch" in caught.value.hint and "--from asterisk" in caught.value.hint


def test_several_matches_ask_for_from():
    # a FreeSWITCH menu inside a file that is also a dialplan: both detectors say yes
    text = '[demo]\nexten => s,1,Answer()\n<menu name="x"><entry action="menu-top" digits="1"/></menu>\n'
    with pytest.raises(ImportProblem) as caught:
        detect(text, Path("odd.txt"))
    assert "several formats" in caught.value.message
    assert "--from freeswitch" in caught.value.hint and "--from asterisk" in caught.value.hint


def test_read_text_encoding_error_has_position(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b"<menus>\n  <menu name='\xff'/>\n</menus>\n")
    with pytest.raises(ImportProblem) as caught:
        read_text(path)
    assert (caught.value.line, caught.value.col) == (2, 15)


def test_read_text_missing_file(tmp_path):
    with pytest.raises(ImportProblem, match="not found"):
        read_text(tmp_path / "nope.xml")


def test_read_text_size_limit(tmp_path, monkeypatch):
    from ivrkit import yamlsource

    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.xml"
    path.write_text("<a>" + "x" * 20 + "</a>")
    with pytest.raises(ImportProblem, match="limit"):
        read_text(path)


def test_read_text_drops_bom(tmp_path):
    path = tmp_path / "bom.xml"
    path.write_bytes(b"\xef\xbb\xbf<a/>")
    assert read_text(path) == "<a/>"


def test_to_yaml_quotes_keys_yaml_would_misread():
    menu = {
        "ivrkit": 1,
        "name": "q",
        "entry": "m",
        "nodes": {
            "m": {
                "type": "menu",
                "announce_options": False,
                "options": {key: {"goto": "m"} for key in ("*", "#", "0", "010", "1000")},
            },
            "no": {"type": "hangup", "say": "yes"},
        },
    }
    text = to_yaml(Imported(menu, SourceMap(), ["a remark"]))
    for key in ("'*':", "'#':", "'0':", "'010':", "'1000':"):
        assert key in text
    assert "say: 'yes'" in text and "'no':" in text
    assert text.startswith("# Imported by `ivrkit import`")
    assert "# remark: a remark" in text
    assert "yaml-language-server" not in text
    menuset = loads(text, "q.yaml")
    assert [o.key for o in menuset.nodes["m"].options] == ["*", "#", "0", "010", "1000"]


ALL_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_file() and "phrases" not in p.name)


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_fixture_imports_to_a_loading_menu(name):
    """Every importer's own fixtures (detected, not named) give YAML that loads."""
    imported = convert(FIXTURES / name)
    text = to_yaml(imported)
    loads(text, FIXTURES / (name + ".yaml"))
    if name in OWN_FIXTURES:
        assert yaml.safe_load(text)["x-imported-from"]["format"] == OWN_FIXTURES[name]
    # every node has a source position
    assert set(imported.menu["nodes"]) <= set(imported.source_map.positions)


def test_load_any_points_into_the_source():
    menuset = load_any(FIXTURES / "fs_menu.xml")
    main = menuset.nodes["main"]
    assert main.span.path.endswith("fs_menu.xml")
    assert (main.span.line, main.span.col) == (4, 5)  # <menu name="main"
    option = next(o for o in main.options if o.key == "2")
    assert option.span.line == 16 and option.goto.span.line == 16  # its <entry>
    assert menuset.nodes["main_2"].span.line == 16
    assert menuset.nodes["billing"].span.line == 27
    # no span anywhere names the YAML text
    assert all(node.span.path == main.span.path for node in menuset.nodes.values())


def test_load_any_passes_yaml_through(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("ivrkit: 1\nname: t\nentry: h\nnodes:\n  h: {type: hangup, say: Bye.}\n")
    assert load_any(path, root=tmp_path).entry == "h"


def test_load_any_turns_import_problems_into_load_errors(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<menus>\n  <menu name="m">\n    <entry action="menu-top" digits="1">\n</menus>\n')
    with pytest.raises(LoadError) as caught:
        load_any(path, fmt="freeswitch")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.span.line == 4 and diagnostic.span.path.endswith("broken.xml")


def test_lint_on_an_imported_menu_names_the_source_file():
    from ivrkit.lint.runner import lint

    findings = lint(load_any(FIXTURES / "vxml_menu.vxml"))
    assert findings
    assert all(f.span.path.endswith("vxml_menu.vxml") for f in findings)


# -- the command ---------------------------------------------------------------------


def test_import_prints_yaml():
    code, out, err = run_ivrkit("import", str(FIXTURES / "ast_menu.conf"))
    assert code == 0, err
    assert loads(out, "x.yaml").entry == "shop_menu"
    assert "ast_menu.conf:17:1: note: the target `support,s,1` is not defined" in err  # the remarks


def test_import_writes_and_refuses_to_overwrite(tmp_path):
    out_file = tmp_path / "menu.yaml"
    code, out, err = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "-o", str(out_file))
    assert code == 0 and out == "" and out_file.exists()
    first = out_file.read_text()
    code, _, err = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "-o", str(out_file))
    assert code == 2 and "--force" in err
    code, _, _ = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "-o", str(out_file), "--force")
    assert code == 0 and out_file.read_text() == first


def test_import_error_has_position_and_no_traceback(tmp_path):
    path = tmp_path / "bad.vxml"
    path.write_text('<vxml version="2.1">\n  <menu id="m">\n    <choice dtmf="1" next="#x">\n  </menu>\n</vxml>\n')
    code, out, err = run_ivrkit("import", str(path))
    assert code == 2 and out == ""
    assert "bad.vxml:4:" in err and "error: malformed VoiceXML" in err
    assert "Traceback" not in err


def test_import_unknown_format_exit_2(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello\n")
    code, _, err = run_ivrkit("import", str(path))
    assert code == 2 and "hint: name the format" in err


def test_import_option_for_another_format(tmp_path):
    code, _, err = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "--context", "x")
    assert code == 2 and "--context" in err


def test_import_from_overrides_detection():
    code, _, err = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "--from", "asterisk")
    assert code == 2 and "error:" in err and "Traceback" not in err


def test_import_missing_file():
    code, _, err = run_ivrkit("import", "no/such/file.xml")
    assert code == 2 and "file not found" in err


def test_corpus_absent_skips_locally_and_fails_under_ci(tmp_path, monkeypatch):
    from . import conftest

    monkeypatch.setattr(conftest, "CORPUS", tmp_path / "missing")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        conftest.require_corpus()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        conftest.require_corpus()


# -- lint, call and paths on imported files ------------------------------------------------


def test_lint_accepts_an_imported_file(tmp_path):
    code, out, err = run_ivrkit("lint", str(FIXTURES / "fs_menu.xml"), "--format", "concise", "--fail-on", "never")
    assert code == 0, err
    assert "fs_menu.xml:" in out and "Traceback" not in err


def test_lint_reports_a_broken_import_with_position(tmp_path):
    path = tmp_path / "broken.vxml"
    path.write_text('<vxml version="2.1">\n<menu id="m">\n<choice dtmf="1"/></menu></vxml>\n')
    code, out, err = run_ivrkit("lint", str(path))
    assert code == 2
    assert "broken.vxml:3:1: error: a <choice> without `next`" in err


def test_call_and_paths_accept_an_imported_file():
    code, out, err = run_ivrkit("call", str(FIXTURES / "ast_menu.conf"), "--press", "1")
    assert code == 0, err
    assert "shop-hours" in out
    code, out, err = run_ivrkit("paths", str(FIXTURES / "vxml_menu.vxml"))
    assert code == 0, err


def test_xml_nesting_and_entities_are_refused():
    from ivrkit.importers._xml import MAX_DEPTH, parse_xml

    with pytest.raises(ImportProblem, match="nested"):
        parse_xml("<a>" * (MAX_DEPTH + 1) + "</a>" * (MAX_DEPTH + 1))
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<lolz>&lol2;</lolz>'
    )
    with pytest.raises(ImportProblem, match="DOCTYPE") as caught:
        parse_xml(bomb)
    assert caught.value.line == 2


def test_import_output_folder_missing(tmp_path):
    code, _, err = run_ivrkit("import", str(FIXTURES / "vxml_menu.vxml"), "-o", str(tmp_path / "no" / "m.yaml"))
    assert code == 2 and "does not exist" in err


def test_import_phrases_option(tmp_path):
    lonely = tmp_path / "menu.xml"
    lonely.write_text((FIXTURES / "fs_menu.xml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_ivrkit("import", str(lonely), "--phrases", str(FIXTURES / "fs_menu.phrases.xml"))
    assert code == 0, err
    assert "say: Welcome to the test line. Press 1 for billing." in out
    code, _, err = run_ivrkit("import", str(lonely), "--phrases", str(tmp_path / "none.xml"))
    assert code == 2 and "none.xml:1:1: error: file not found" in err
