"""`check DIR` and `lint DIR` read each file of a folder once (issue 10, item 6: linear in the files).

A chain of building blocks used to be loaded once per file as a root, N(N+1)/2
file reads in all; the counts here are of real reads, not of seconds.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest

from ivrkit import cli, yamlsource
from ivrkit.loadbatch import Batch, file_references

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from gen_chain import write_chain  # noqa: E402


def _run(args: list[str], cwd: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(args)
    return code, out.getvalue()


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every menu file read from disk while the test runs."""
    seen: list[str] = []
    original = yamlsource.read_source

    def counting(path, display, *args, **kwargs):
        seen.append(str(path))
        return original(path, display, *args, **kwargs)

    monkeypatch.setattr(yamlsource, "read_source", counting)
    return seen


@pytest.mark.parametrize("command", ["check", "lint"])
def test_a_folder_of_chained_blocks_is_read_a_few_times_per_file_not_once_per_pair(tmp_path, reads, command):
    files = 60
    write_chain(tmp_path / "chain", files)
    code, output = _run([command, "chain", "--color", "never"], tmp_path)
    assert code in (0, 1), output
    menus = files + 1
    # one read to find the references, one as a referenced file, and the head once more as a root
    assert len(reads) <= 2 * menus + 1, f"{len(reads)} reads for {menus} files"
    assert len(reads) >= menus


def test_findings_of_a_chain_folder_are_those_of_its_head_file(tmp_path):
    write_chain(tmp_path / "chain", 8)
    _, folder = _run(["lint", "chain", "--format", "concise", "--color", "never"], tmp_path)
    _, head = _run(["lint", "chain/main.yaml", "--format", "concise", "--color", "never"], tmp_path)
    finding_lines = lambda text: sorted(line for line in text.splitlines() if line.startswith("chain/"))  # noqa: E731
    assert finding_lines(folder) == finding_lines(head)
    assert finding_lines(folder), "the generated chain has findings to compare"


def test_a_block_named_on_the_command_line_is_still_linted_as_a_start(tmp_path):
    write_chain(tmp_path / "chain", 3)
    batch = Batch(
        [tmp_path / "chain" / "block2.yaml", tmp_path / "chain" / "main.yaml"],
        named=[tmp_path / "chain" / "block2.yaml"],
    )
    assert batch.order[0].name == "block2.yaml"
    batch.load(batch.order[1])  # main.yaml reads block2.yaml too
    assert batch.needs_load(tmp_path / "chain" / "block2.yaml")


def test_files_that_others_reference_come_last_and_are_not_loaded_again(tmp_path):
    write_chain(tmp_path / "chain", 3)
    files = sorted((tmp_path / "chain").glob("[bm]*.yaml"))  # block1, block2, block3, main: the head last by name
    batch = Batch(files)
    assert batch.order[0].name == "main.yaml"
    batch.load(batch.order[0])
    assert [path.name for path in batch.order if batch.needs_load(path)] == []


@pytest.mark.parametrize("command", ["check", "lint"])
def test_a_lone_file_is_read_once(tmp_path, reads, command):
    write_chain(tmp_path / "chain", 2)
    code, output = _run([command, "chain/main.yaml", "--color", "never"], tmp_path)
    assert code in (0, 1), output
    # main.yaml once as the root, its blocks once as the files it references; no scan for references first
    assert sorted(Path(path).name for path in reads) == ["block1.yaml", "block2.yaml", "main.yaml"]


def test_references_are_read_from_any_value_and_a_broken_file_names_none(tmp_path):
    (tmp_path / "a.yaml").write_text("ivrkit: 1\nnodes:\n  x: {goto: 'b.yaml#n', then: c.yml}\n  y: [d.yaml]\n")
    (tmp_path / "bad.yaml").write_text("ivrkit: 1\nnodes: [unclosed\n")
    assert file_references(tmp_path / "a.yaml") == {
        (tmp_path / name).resolve() for name in ("b.yaml", "c.yml", "d.yaml")
    }
    assert file_references(tmp_path / "bad.yaml") == set()
