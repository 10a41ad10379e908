"""Corpus 01 (FreeSWITCH): the imported keys and targets match the source, read independently here with
plain regular expressions. Skipped where the corpus is absent, failing under CI."""

from __future__ import annotations

import re

from ivrkit.importers import convert

from .conftest import require_corpus

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _source(name: str) -> str:
    return (require_corpus() / name).read_text(encoding="utf-8")


def _menu(name: str) -> dict:
    return convert(require_corpus() / name).menu


# -- FreeSWITCH -----------------------------------------------------------------------

_FS_MENU = re.compile(r'<menu\s+name="([^"]+)"(.*?)</menu>', re.DOTALL)
_FS_ENTRY = re.compile(r'<entry\s+action="([^"]+)"\s+digits="([^"]+)"(?:\s+param="([^"]*)")?')


def test_freeswitch_keys_and_targets():
    source = _COMMENT.sub("", _source("01_freeswitch-demo-ivr.xml"))
    menu = _menu("01_freeswitch-demo-ivr.xml")
    nodes = menu["nodes"]
    menus = _FS_MENU.findall(source)
    assert [name for name, _ in menus] == ["demo_ivr", "demo_ivr_submenu"]
    assert menu["entry"] == "demo_ivr"
    for name, body in menus:
        entries = _FS_ENTRY.findall(body)
        node = nodes[name]
        keys = {digits for _, digits, _ in entries if not digits.startswith("/")}
        assert set(node["options"]) == keys
        for action, digits, param in entries:
            if digits.startswith("/"):
                assert node["extensions"]["patterns"] == ["10[01]X"] and digits == "/^(10[01][0-9])$/"
                assert node["extensions"]["goto"] in nodes
                assert nodes[node["extensions"]["goto"]]["number"] == param.split()[1].replace("$1", "{extension}")
                continue
            option = node["options"][digits]
            if action == "menu-sub":
                assert option == {"goto": param}
            elif action == "menu-top":  # in the top menu itself the menu is said again (switch_ivr_menu.c)
                assert option == {"action": "repeat" if name == menu["entry"] else "top"}
            elif action == "menu-exec-app":
                app, _, args = param.partition(" ")
                target = nodes[option["goto"]]
                assert target["type"] == "transfer"
                assert target["number"] == (args if app == "bridge" else args.split()[0])
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', source.split("<entry")[0]))
    main = nodes["demo_ivr"]
    assert main["timeout"] == int(attributes["timeout"]) / 1000
    assert main["inter_digit_timeout"] == int(attributes["inter-digit-timeout"]) / 1000
    assert main["retries"] == int(attributes["max-failures"]) - 1
    assert main["max_digits"] == int(attributes["digit-len"])
    assert main["no_match"] == {"audio": attributes["invalid-sound"]}
    assert nodes[main["fallback"]]["audio"] == attributes["exit-sound"]
    assert main["audio"] == attributes["greet-long"] and "say" not in main  # the macros only play files
