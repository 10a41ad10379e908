"""`ivrkit paths` as a user runs it: the reproducers of issue 10, at the command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ivrkit.cli import main

from ..engine.test_paths_exact import SHARED  # option 1 and global 0 both lead to `staff`

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "menu.yaml").write_text(SHARED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_option_and_global_option_to_one_destination(project, capsys):
    code, out, _ = run(capsys, "paths", "menu.yaml", "--json")
    data = json.loads(out)
    staff = next(p for p in data["paths"] if p["node"] == "staff")
    assert code == 0 and staff["keys"] == "1" and staff["share"] == pytest.approx(0.6)
    assert staff["seconds"] < 4.6 and data["share_covered"] == pytest.approx(1.0)
    assert data["expected_person_seconds"] == pytest.approx(staff["seconds"])
    # The printed figure is what `ivrkit call` reports for the printed steps.
    code, out, _ = run(capsys, "call", "menu.yaml", "--press", " ".join(staff["steps"]))
    arrival = next(line for line in out.splitlines() if re.match(r"\s*\d+:\d+\.\d  at      staff", line))
    assert code == 0 and arrival.split()[0] == f"0:{staff['seconds']:04.1f}"
    code, out, _ = run(capsys, "paths", "menu.yaml")
    rows = out.splitlines()
    assert rows[1].split() == [
        "staff",
        "transfer",
        "(person)",
        "1",
        f"{staff['seconds']:.1f}",
        rows[1].split()[5],
        "60%",
    ]
    assert rows[2].split()[:4] == ["vm", "voicemail", "2", rows[2].split()[3]] and rows[2].endswith("40%")
    assert f"Share-weighted expected time to a person: {staff['seconds']:.1f} s" in out
    assert "(over 100% of callers with shares on their path)" in out


def test_keys_include_entries_and_rows_are_fastest_first(capsys):
    code, out, _ = run(capsys, "paths", str(ROOT / "examples" / "northwind-energy.yaml"))
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["destination", "type", "keys"]
    rows = lines[1 : next(i for i, line in enumerate(lines) if line.startswith("Simulated on"))]
    billing = next(row for row in rows if row.startswith("billing_team "))
    assert "  1 12345678 1 2  " in billing
    firsts = [float(m.group(1)) for row in rows if (m := re.search(r"  (\d+\.\d)  +(\d+\.\d|-)", row))]
    assert firsts == sorted(firsts) and len(firsts) >= 7
    closed = [i for i, row in enumerate(rows) if " closed " in row]
    assert closed == list(range(len(rows) - len(closed), len(rows)))  # the unreachable ones come last
    assert lines[len(rows) + 1].startswith(
        "Simulated on Mon 2026-11-23 10:00. Fastest first; 'closed': not reachable at that time"
    )


def test_write_calls_names_what_it_leaves_out(tmp_path, capsys):
    out_file = tmp_path / "northwind.calls.yaml"
    code, _, err = run(
        capsys, "paths", str(ROOT / "examples" / "northwind-energy.yaml"), "--write-calls", str(out_file)
    )
    written = out_file.read_text()
    assert code == 0
    notes = [line for line in err.splitlines() if ": note: " in line]
    assert (
        f"{out_file}: note: no call for menus/out-of-hours.yaml#voicemail: not reachable at Mon 2026-11-23 "
        "10:00 (try --at a time it is open)" in notes
    )
    assert "#   menus/out-of-hours.yaml#voicemail (voicemail)" in written
    assert len(notes) == written.count("\n#   ") > 0
    assert err.splitlines()[-1] == f"wrote {out_file}"


def test_write_calls_refuses_folders_missing_folders_and_the_menu_itself(project, capsys):
    (project / "out").mkdir()
    code, _, err = run(capsys, "paths", "menu.yaml", "--write-calls", "out", "--force")
    assert code == 2 and err == "ivrkit: error: out is a folder; give a file name for the output\n"
    code, _, err = run(capsys, "paths", "menu.yaml", "--write-calls", "nowhere/x.calls.yaml")
    assert code == 2 and err == "ivrkit: error: cannot write nowhere/x.calls.yaml: the folder nowhere does not exist\n"
    code, _, err = run(capsys, "paths", "menu.yaml", "--write-calls", "menu.yaml", "--force")
    assert code == 2 and err == "ivrkit: error: menu.yaml is one of the input files; write the output elsewhere\n"
    assert (project / "menu.yaml").read_text() == SHARED
    assert sorted(p.name for p in project.iterdir()) == ["menu.yaml", "out", "pyproject.toml"]


def test_write_calls_to_a_folder_with_force_is_a_usage_error_not_a_crash(project):
    """It used to exit 70 (internal error): run the real console path, with a bounded time."""
    (project / "out").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "paths", "menu.yaml", "--write-calls", "out", "--force"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "ivrkit: error: out is a folder; give a file name for the output\n"


def test_written_calls_pass_with_the_variables_they_were_written_with(tmp_path, capsys):
    out_file = ROOT / "examples" / ".paths-outage.calls.yaml"
    try:
        code, _, _ = run(
            capsys,
            "paths",
            str(ROOT / "examples" / "northwind-energy.yaml"),
            "--set",
            "network_status=major_outage",
            "--write-calls",
            str(out_file),
        )
        assert code == 0
        assert 'variables: {"network_status": "major_outage"}' in out_file.read_text()
        code, out, _ = run(capsys, "test", str(out_file))
        assert code == 0, out
        assert re.fullmatch(r"\d+ passed, 0 failed", out.splitlines()[-1])
    finally:
        out_file.unlink(missing_ok=True)
