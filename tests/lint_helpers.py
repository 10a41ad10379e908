"""Helpers for the lint command tests: small menus, a project folder, and an in-process `ivrkit` run."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from ivrkit import cli
from ivrkit.lint import registry
from ivrkit.lint.finding import Level, Violation
from ivrkit.rules import all_rules

# The test-only rule ST990 (`marker`) flags every node whose note contains its `word` option
# ("FLAG"), so these tests do not depend on the real rules, which change as they are written.
# In FLAGGED it fires at 5:3 (`main`) and 11:3 (`hours`).
FLAGGED = """\
ivrkit: 1
name: t
entry: main
nodes:
  main:
    type: menu
    note: FLAG
    options:
      "1": {label: hear our opening hours, goto: hours}
      "0": {label: speak with an agent, goto: agent}
  hours:
    type: message
    note: FLAG this one too
    say: We are open from 8 to 6.
    next: main
  agent:
    type: transfer
    queue: general
"""

CLEAN = FLAGGED.replace("FLAG", "fine")


class Marker(registry.Rule):
    """A test-only rule: flags the nodes whose note contains `word`."""

    code = "ST990"
    name = "test-only-marker"
    summary = "A node's note contains the marker word"
    level = Level.ERROR
    options = {"word": registry.RuleOption(str, "FLAG", "the word that marks a node")}

    def check(self, ctx):
        for key, node in ctx.nodes():
            if node.note and self.option("word") in node.note:
                yield Violation(node.span, f"`{node.id}` is marked", node=key, hint="remove the marker")


def use_marker_rule(monkeypatch) -> None:
    """Register `Marker` for one test (monkeypatch takes it out again)."""
    all_rules()  # register the real rules first
    monkeypatch.setitem(registry._RULES, Marker.code, Marker)


@dataclass
class Result:
    code: int
    out: str
    err: str


def project(tmp_path: Path, menus: dict[str, str], *, pyproject: str = "", ivrkit_yaml: str | None = None) -> Path:
    """A project folder with a pyproject.toml (the root marker) and the given menus."""
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    if ivrkit_yaml is not None:
        (tmp_path / ".ivrkit.yaml").write_text(ivrkit_yaml, encoding="utf-8")
    for name, text in menus.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def run(*args: str) -> Result:
    """`ivrkit ARGS` in this process (the caller sets the working folder)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return Result(code, out.getvalue(), err.getvalue())
