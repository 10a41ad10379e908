"""The fallback `ivrkit export` writes: no-input and no-match both end, at count retries + 1, in a handler that
only jumps to the same dialog. The importer reads that back as `fallback` and `retries`, not one more handler."""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers import convert


def _menu(handlers: str) -> str:
    return f"""<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">
  <menu id="m"><prompt>For sales, press 1.</prompt><choice dtmf="1" next="#op"/>{handlers}</menu>
  <form id="op"><transfer dest="tel:100"/></form>
  <form id="agent"><transfer dest="tel:200"/></form>
</vxml>"""


def _import(tmp_path: Path, handlers: str) -> tuple[dict, list[str]]:
    path = tmp_path / "m.vxml"
    path.write_text(_menu(handlers), encoding="utf-8")
    imported = convert(path)
    return imported.menu["nodes"]["m"], imported.remarks


def test_a_bare_goto_at_the_same_count_for_both_is_the_fallback(tmp_path: Path):
    node, remarks = _import(
        tmp_path,
        '<noinput count="1"><prompt>Sorry?</prompt><reprompt/></noinput>'
        '<noinput count="3"><goto next="#agent"/></noinput>'
        '<nomatch count="1"><reprompt/></nomatch>'
        '<nomatch count="3"><goto next="#agent"/></nomatch>',
    )
    assert (node["fallback"], node["retries"]) == ("agent", 2)
    assert node["no_input"] == {"say": "Sorry?"}
    assert "no_match" not in node  # only re-prompts before the fallback: no handler
    assert not any("re-prompts" in remark for remark in remarks)


def test_a_disconnect_at_that_count_ends_the_call(tmp_path: Path):
    node, _ = _import(tmp_path, '<noinput count="1"><disconnect/></noinput><nomatch count="1"><disconnect/></nomatch>')
    assert node["retries"] == 0 and node["fallback"] == "disconnect"


def test_other_endings_stay_handlers(tmp_path: Path):
    # different targets: each kind's last handler is a handler, as before
    node, _ = _import(
        tmp_path, '<noinput count="2"><goto next="#agent"/></noinput><nomatch count="2"><goto next="#op"/></nomatch>'
    )
    assert node["fallback"] == "m" and node["no_input"] == {"goto": "agent"}
    # words before the jump: a handler that speaks, not ivrkit's silent fallback
    node, _ = _import(
        tmp_path,
        '<noinput count="2">Bye.<goto next="#agent"/></noinput><nomatch count="2">Bye.<goto next="#agent"/></nomatch>',
    )
    assert node["fallback"] == "m" and node["no_input"] == {"say": "Bye.", "goto": "agent"}
    # only one kind ends so
    node, _ = _import(tmp_path, '<noinput count="2"><goto next="#agent"/></noinput>')
    assert node["fallback"] == "m" and node["no_input"] == {"goto": "agent"}
