"""Wrapper detection: a definition inside a JSP page, a Markdown code block or a shell heredoc is imported
with positions in the outer file; a wrapper with no (or several) definitions, and a file in no format,
are refused with ivrkit's own messages, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.importers import ImportProblem, convert, load_any

from .conftest import run_ivrkit

FS_MENU = """<include>
  <menu name="main" greet-long="say:For sales press 1. For support press 2." timeout="5000" max-failures="3">
    <entry action="menu-exec-app" digits="1" param="transfer 2001 XML default"/>
    <entry action="menu-exec-app" digits="2" param="transfer 2002 XML default"/>
  </menu>
</include>"""

VXML_JSP = """<%@ page contentType="text/xml" %>
<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:base="http://<%= request.getServerName() + "/x/" %>">
<menu id="m">
  <prompt>For sales press 1.</prompt>
  <choice dtmf="1" next="#sales"/>
</menu>
<form id="sales"><block><prompt>Sales.</prompt><disconnect/></block></form>
</vxml>
"""


def test_jsp_page_is_read_with_outer_positions(tmp_path: Path):
    source = tmp_path / "menu.vxml.jsp"
    source.write_text(VXML_JSP, encoding="utf-8")
    imported = convert(source)
    assert imported.menu["x-imported-from"]["format"] == "vxml"
    assert imported.remarks[0] == "line 1: read the VoiceXML 2.x inside a JSP page"
    assert imported.source_map.positions["m"] == (4, 1)  # <menu> is on line 4 of the JSP file


def test_heredoc_holding_xml(tmp_path: Path):
    body = (
        "#!/bin/sh\n# install the IVR\ncat > /etc/freeswitch/ivr_menus/main.xml <<'EOF'\n" + FS_MENU + "\nEOF\n"
        "fs_cli -x reloadxml\n"
    )
    source = tmp_path / "install.sh"
    source.write_text(body, encoding="utf-8")
    imported = convert(source)
    assert imported.menu["x-imported-from"]["format"] == "freeswitch"
    assert imported.remarks[0] == "line 4: read the FreeSWITCH IVR menu XML inside a shell heredoc"
    assert imported.source_map.positions["main"][0] == 5  # the <menu> line of the script
    assert set(imported.menu["nodes"]["main"]["options"]) == {"1", "2"}


def test_heredoc_errors_point_into_the_script(tmp_path: Path):
    broken = FS_MENU.replace('digits="2"', 'digits="2"  <oops')
    source = tmp_path / "install.sh"
    source.write_text("#!/bin/sh\ncat > x.xml <<EOF\n" + broken + "\nEOF\n", encoding="utf-8")
    with pytest.raises(ImportProblem) as caught:
        convert(source)
    assert caught.value.message.startswith("malformed FreeSWITCH XML")
    assert caught.value.line == 6  # the broken <entry> is line 6 of the script


def test_markdown_code_block(tmp_path: Path):
    source = tmp_path / "README.md"
    source.write_text("# Our IVR\n\nThe menu:\n\n```xml\n" + FS_MENU + "\n```\n\nDone.\n", encoding="utf-8")
    menuset = load_any(source)
    node = menuset.nodes["main"]
    assert (node.span.path, node.span.line) == (str(source), 7)


def test_wrapper_without_a_definition_names_what_it_found(tmp_path: Path):
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\n```sh\nls -l\n```\n", encoding="utf-8")
    code, out, err = run_ivrkit("import", str(source))
    assert code == 2
    assert (
        "notes.md:4:1: error: found a Markdown code block at line 4, but no IVR definition ivrkit imports"
        " inside it" in err
    )
    assert "Transcribing by hand" in err


def test_two_definitions_are_refused(tmp_path: Path):
    source = tmp_path / "two.sh"
    block = "cat > a.xml <<EOF\n" + FS_MENU + "\nEOF\n"
    source.write_text(block + block, encoding="utf-8")
    with pytest.raises(ImportProblem) as caught:
        convert(source)
    assert (
        caught.value.message == "the file holds 2 IVR definitions (a shell heredoc at line 2, "
        "a shell heredoc at line 10)"
    )


def test_plain_definition_is_not_taken_for_a_wrapper(tmp_path: Path):
    source = tmp_path / "main.xml"
    source.write_text(FS_MENU.replace("<include>", "<include><!-- cat <<EOF ``` -->"), encoding="utf-8")
    imported = convert(source)
    assert not any("inside" in remark for remark in imported.remarks)


def test_unsupported_format_points_to_transcribing_by_hand(tmp_path: Path):
    source = tmp_path / "genesys-export.txt"
    source.write_text("Menu Main\n  1 -> Sales\n  2 -> Support\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "import", str(source)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "error: this file is in no format ivrkit imports" in result.stderr
    assert "see 'Transcribing by hand' in docs/importing.md" in result.stderr
    assert "Traceback" not in result.stderr
    docs = (Path(__file__).resolve().parents[2] / "docs" / "importing.md").read_text(encoding="utf-8")
    assert "\n## Transcribing by hand\n" in docs


@pytest.mark.parametrize(
    "name", ["36_vxml-es-ivrtest-tag-menu.vxml.jsp", "37_vxml-es-ivrtest-transfer-field-menu.vxml.jsp"]
)
def test_corpus_jsp_pages_import(corpus: Path, name: str):
    imported = convert(corpus / name)
    assert imported.menu["x-imported-from"]["format"] == "vxml"
    assert imported.remarks[0] == "line 2: read the VoiceXML 2.x inside a JSP page"


def test_hostile_wrappers_end_quickly(tmp_path: Path):
    """Unclosed template tags, thousands of fences and heredocs: linear work, a clear answer."""
    import time

    cases = {
        "open.jsp": "<vxml>" + "<%= x " * 200_000,
        "fences.md": "text\n" + "```\nnot a menu\n```\n" * 10_000,
        "heredocs.sh": "echo\n" + "cat <<EOF\nnot a menu\nEOF\n" * 10_000,
        "unclosed.sh": "echo\n" + "cat <<EOF\n" * 100_000,
    }
    for name, text in cases.items():
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        with pytest.raises(ImportProblem) as caught:
            convert(source)
        assert time.perf_counter() - started < 5, name
        if name in ("fences.md", "heredocs.sh"):
            assert caught.value.message.endswith("and 9995 more, but no IVR definition ivrkit imports inside them")


def test_markdown_starting_with_a_link_and_json_with_template_text(tmp_path: Path):
    source = tmp_path / "IVR.md"
    source.write_text("[back](index.md)\n\n```xml\n" + FS_MENU + "\n```\n", encoding="utf-8")
    assert convert(source).remarks[0] == "line 4: read the FreeSWITCH IVR menu XML inside a Markdown code block"
    from ivrkit.importers.wrappers import unwrap

    flow = '{"Version": "2019-10-30", "Actions": [{"Text": "<%= name %>"}]}'
    assert unwrap(flow, tmp_path / "flow.json", lambda text: True) is None  # a JSON string is left as written
