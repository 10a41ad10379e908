"""A file is empty to the loader when it holds nothing but blank and comment lines, whatever its line breaks."""

from __future__ import annotations

import contextlib
import io

import pytest

from ivrkit import cli

MENU_LINES = ["# a comment", "ivrkit: 1", "name: x", "entry: m", "nodes:", "  m: {type: hangup, say: Bye.}", ""]


def _check(path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check", "--color", "never", str(path)])
    return code, out.getvalue()


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_a_menu_after_a_comment_line_loads_with_any_line_break(tmp_path, line_break):
    path = tmp_path / "m.yaml"
    path.write_bytes(line_break.join(MENU_LINES).encode("utf-8"))
    code, output = _check(path)
    assert code == 0, output
    assert "the file is empty" not in output


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028"])
def test_only_comments_and_blank_lines_are_an_empty_file(tmp_path, line_break):
    path = tmp_path / "m.yaml"
    path.write_bytes(line_break.join(["# one", "", "  # two", "\t"]).encode("utf-8"))
    code, output = _check(path)
    assert code == 2
    assert f"{path}:1:1: error: the file is empty" in output
