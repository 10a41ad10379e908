"""ivrkit.cli.bytecode: modules served from one file of byte-code are the modules Python would import, and only
while their source files are unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.cli import bytecode

REPO = Path(__file__).resolve().parents[2]

# Runs `ivrkit.cli.entry` (what `python -m ivrkit` runs) on a menu, then prints what the run imported and how.
RUN = """\
import contextlib, io, json, sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["ivrkit", "lint", "--no-cache", sys.argv[2]]
from ivrkit.cli import bytecode, entry
report = io.StringIO()
with contextlib.redirect_stdout(report):
    status = entry()
import ivrkit.model, ivrkit.rules
bundle = bytecode.installed()
print(json.dumps({
    "status": status,
    "report": report.getvalue(),
    "served": sorted(bundle.served),
    "model": [ivrkit.model.__file__, ivrkit.model.__spec__.origin, type(ivrkit.model.__spec__.loader).__name__],
    "rules_path": list(ivrkit.rules.__path__),
    "path": bytecode.bundle_path(),
}))
"""

MENU = """\
ivrkit: 1
name: Bundle
language: en
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      1: {label: pay your bill, goto: billing}
  billing: {type: transfer, queue: billing}
"""


def _run(tmp_path: Path, **env: str) -> dict:
    menu = tmp_path / "menu.yaml"
    menu.write_text(MENU, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"), **env)
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(REPO), str(menu)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_second_command_imports_ivrkit_from_the_bundle_and_does_the_same(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first["served"] == []  # nothing kept yet: every module imported as usual, then kept
    assert Path(first["path"]).is_file()
    second = _run(tmp_path)
    assert {"ivrkit.model", "ivrkit.rules", "ivrkit.loader", "ivrkit.lint.runner"} <= set(second["served"])
    assert (second["status"], second["report"]) == (first["status"], first["report"])
    source = str(REPO / "ivrkit" / "model.py")
    assert second["model"] == [source, source, "_Bundle"]
    assert first["model"] == [source, source, "SourceFileLoader"]
    assert second["rules_path"] == first["rules_path"] == [str(REPO / "ivrkit" / "rules")]


def test_no_bundle_is_written_when_python_writes_no_byte_code(tmp_path: Path) -> None:
    _run(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not list((tmp_path / "pyc").rglob("*.bundle"))


def _package(tmp_path: Path) -> Path:
    """A package `bundled_pkg` of two modules in `tmp_path`, importable."""
    package = tmp_path / "bundled_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from . import part\nWHO = 'package'\n", encoding="utf-8")
    (package / "part.py").write_text("VALUE = 1\n", encoding="utf-8")
    return package


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundle of `bundled_pkg` at tmp_path/modules.bundle, with sys.modules and sys.meta_path restored after."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bytecode, "_PACKAGE", "bundled_pkg")
    # without the bundle of an `entry()` run earlier in this process
    monkeypatch.setattr(
        sys, "meta_path", [finder for finder in sys.meta_path if not isinstance(finder, bytecode._Bundle)]
    )
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(bytecode, "bundle_path", lambda: str(tmp_path / "modules.bundle"))
    for name in ("bundled_pkg", "bundled_pkg.part"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return tmp_path


def _forget() -> None:
    for name in ("bundled_pkg", "bundled_pkg.part"):
        sys.modules.pop(name, None)


def test_a_changed_source_is_imported_as_usual_and_kept_again(isolated: Path) -> None:
    package = _package(isolated)
    bytecode.install()
    import bundled_pkg  # noqa: F401 - imported as usual, then kept

    bytecode.save()
    sys.meta_path.remove(bytecode.installed())  # type: ignore[arg-type]
    _forget()
    bytecode.install()
    import bundled_pkg.part

    assert bundled_pkg.part.VALUE == 1
    assert bytecode.installed().served == {"bundled_pkg", "bundled_pkg.part"}  # type: ignore[union-attr]
    assert bundled_pkg.__path__ == [str(package)]  # type: ignore[attr-defined]

    (package / "part.py").write_text("VALUE = 22\n", encoding="utf-8")  # another size: stale
    sys.meta_path.remove(bytecode.installed())  # type: ignore[arg-type]
    _forget()
    bytecode.install()
    import bundled_pkg.part

    assert bundled_pkg.part.VALUE == 22
    assert bytecode.installed().served == {"bundled_pkg"}  # type: ignore[union-attr]
    bytecode.save()
    sys.meta_path.remove(bytecode.installed())  # type: ignore[arg-type]
    _forget()
    bytecode.install()
    import bundled_pkg.part

    assert bundled_pkg.part.VALUE == 22
    assert bytecode.installed().served == {"bundled_pkg", "bundled_pkg.part"}  # type: ignore[union-attr]


@pytest.mark.parametrize("content", [b"", b"not a bundle", b"ivrkit modules 1\n\x00\x00\r\n", None])
def test_a_damaged_or_foreign_bundle_is_ignored(isolated: Path, content: bytes | None) -> None:
    _package(isolated)
    bundle = isolated / "modules.bundle"
    if content is None:  # the right header, then garbage
        from importlib.util import MAGIC_NUMBER

        content = b"ivrkit modules 1\n" + MAGIC_NUMBER + b"\xff\x00garbage"
    bundle.write_bytes(content)
    bytecode.install()
    import bundled_pkg

    assert bundled_pkg.WHO == "package"
    assert bytecode.installed().served == set()  # type: ignore[union-attr]


def test_a_bundle_that_adds_nothing_is_not_written_again(isolated: Path) -> None:
    _package(isolated)
    bytecode.install()
    import bundled_pkg  # noqa: F401

    bytecode.save()
    bundle = isolated / "modules.bundle"
    written = bundle.stat().st_mtime_ns
    sys.meta_path.remove(bytecode.installed())  # type: ignore[arg-type]
    _forget()
    bytecode.install()
    import bundled_pkg  # noqa: F811

    bytecode.save()
    assert bundle.stat().st_mtime_ns == written
    assert bundled_pkg.WHO == "package"
    assert bytecode.installed().served == {"bundled_pkg", "bundled_pkg.part"}  # type: ignore[union-attr]
