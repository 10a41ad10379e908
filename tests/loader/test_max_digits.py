"""`max_digits` beside `extensions`: an extension the menu can never collect is a positioned error (found by the
independent review: such menus loaded, and `paths` called the extension "closed")."""

from __future__ import annotations

import pytest

from ivrkit.diagnostics import LoadError
from ivrkit.loader import loads

MENU = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    announce_options: false
    max_digits: 3
    extensions: {extensions}
    options:
      "1": {{label: sales, goto: sales}}
  sales: {{type: transfer, queue: sales}}
  dial: {{type: transfer, number: "{{extension}}"}}
"""


@pytest.mark.parametrize(
    "extensions, message, col",
    [
        (
            '{patterns: ["7XXX"], goto: dial}',
            "every extension takes at least 4 digits, but the menu acts after `max_digits` (3) keys: none can be dialled",
            17,
        ),
        (
            "{min: 4, max: 6, goto: dial}",
            "every extension takes at least 4 digits, but the menu acts after `max_digits` (3) keys: none can be dialled",
            17,
        ),
        (
            '{patterns: ["7XX", "*X#"], goto: dial}',
            "the pattern `*X#` can never be dialled: `#` ends the keys in a menu with `max_digits`",
            36,
        ),
        (
            '{patterns: ["7XX", "8XXXX"], goto: dial}',
            "the pattern `8XXXX` can never be dialled: it needs more than `max_digits` (3) keys",
            36,
        ),
    ],
)
def test_extensions_the_menu_never_collects_are_errors(tmp_path, extensions, message, col):
    with pytest.raises(LoadError) as caught:
        loads(MENU.format(extensions=extensions), tmp_path / "m.yaml", root=tmp_path)
    [problem] = caught.value.diagnostics
    assert (problem.message, problem.span.line, problem.span.col) == (message, 10, col)


@pytest.mark.parametrize("extensions", ['{patterns: ["7XX", "8X"], goto: dial}', "{min: 2, max: 6, goto: dial}"])
def test_extensions_within_max_digits_load(tmp_path, extensions):
    menu = loads(MENU.format(extensions=extensions), tmp_path / "m.yaml", root=tmp_path)
    assert menu.nodes["main"].max_digits == 3
