"""The FreePBX importer: the SQL dump reader, destination mapping, hostile dumps, and corpus 30 played as calls.

Behaviour of the real platform, from the FreePBX ivr module's generated dialplan (corpus 32 is FreePBX's own
output for the IVRs of corpus 30): a wrong key raises INVALID_LOOPCOUNT and, while it is at most
`invalid_loops`, the retry recording plays and the menu waits again; past it the invalid recording plays and
the call goes to `invalid_destination`. Silence counts TIMEOUT_LOOPCOUNT against `timeout_loops` the same way
(`exten => i,n,GotoIf($[${INVALID_LOOPCOUNT} > 2]?final)`, `exten => t,n,GotoIf($[${TIMEOUT_LOOPCOUNT} > 3]?final)`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivrkit.importers import ImportProblem, detect, to_yaml
from ivrkit.importers._sqldump import read_dump
from ivrkit.importers.freepbx import IMPORTER, map_destination
from ivrkit.loader import loads

from .conftest import require_corpus, run_ivrkit
from .fuzzing import mutated

SMALL = """-- MariaDB dump
CREATE TABLE `ivr_details` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(50) DEFAULT NULL,
  `description` varchar(150) DEFAULT NULL,
  `announcement` int(11) DEFAULT NULL,
  `directdial` varchar(50) DEFAULT NULL,
  `invalid_loops` varchar(10) DEFAULT NULL,
  `invalid_destination` varchar(50) DEFAULT NULL,
  `timeout_time` int(11) DEFAULT NULL,
  `timeout_destination` varchar(50) DEFAULT NULL,
  `timeout_loops` varchar(10) DEFAULT NULL,
  PRIMARY KEY (`id`)
);
INSERT INTO `ivr_details` VALUES (1,'Main','it''s \\'main\\'',NULL,'Disabled','1','app-blackhole,hangup,1',7,'ext-queues,400,1','1');
INSERT INTO `ivr_entries` (`ivr_id`,`selection`,`dest`,`ivr_ret`) VALUES
(1,'1','ext-group,600,1',0),(1,'2','ivr-2,s,1',0),
(1,'3','ext-local,vmu505,1',0),(1,'4','timeconditions,3,1',0);
"""


def _convert(text: str, name: str = "dump.sql", tmp: Path | None = None):
    return IMPORTER.convert(text, (tmp or Path("/nonexistent")) / name)


# -- the SQL reader -----------------------------------------------------------------


def test_reader_values_escapes_and_positions():
    tables = read_dump("INSERT INTO `t` VALUES (1,'a\\'b''c\\n',NULL),\n  (2,\"x\\\\y\",-3.5);")
    rows = tables["t"].rows
    assert [[v.text for v in row] for row in rows] == [["1", "a'b'c\n", None], ["2", "x\\y", "-3.5"]]
    assert (rows[1][1].line, rows[1][1].col) == (2, 6)


def test_reader_columns_from_create_table_and_insert_list():
    tables = read_dump(
        "CREATE TABLE `t` (`a` int, `b` varchar(5) DEFAULT 'x,y', PRIMARY KEY (`a`));\n"
        "INSERT INTO `t` VALUES (1,'p');\nINSERT INTO `t` (`b`,`a`) VALUES ('q',2);"
    )
    assert [{k: v.text for k, v in r.items()} for r in tables["t"].records()] == [
        {"a": "1", "b": "p"},
        {"b": "q", "a": "2"},
    ]


def test_reader_skips_comments_and_other_statements():
    text = "/*!40101 SET NAMES utf8 */;\n-- a ; comment\n# another\nLOCK TABLES `t` WRITE;\nINSERT INTO t VALUES (7);"
    assert [[v.text for v in r] for r in read_dump(text)["t"].rows] == [["7"]]


@pytest.mark.parametrize(
    "text, message, position",
    [
        ("INSERT INTO `t` VALUES (1,'abc", "a string opened with ' is never closed", (1, 27)),
        ("INSERT INTO `t` VALUES (1,2", "expected `,` or `)` in a row, found `the end of the file`", (1, 28)),
        ("INSERT INTO `t` VALUES (1),\n", "expected `(` starting a row, found `the end of the file`", (2, 1)),
        ("/* never closed", "a /* comment is never closed", (1, 1)),
        ("INSERT INTO `t` VALUES (1) (2);", "expected `,` or `;` after a row", (1, 28)),
    ],
)
def test_reader_broken_dumps_are_positioned(text, message, position):
    with pytest.raises(ImportProblem) as raised:
        read_dump(text)
    assert raised.value.message == message
    assert (raised.value.line, raised.value.col) == position


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="'\"\\`(),;-#/*\n INSERTINTOVALUESabc0129NUL", max_size=200))
def test_reader_fuzz_rows_or_positioned_problem(text):
    """Any text: tables, or an ImportProblem at a line and column inside the text (never another exception)."""
    try:
        read_dump(text)
    except ImportProblem as problem:
        lines = text.split("\n")
        assert 1 <= problem.line <= len(lines)
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SMALL))
def test_damaged_dump_imports_or_fails_with_a_position(text):
    path = Path("/nonexistent/dump.sql")
    try:
        imported = IMPORTER.convert(text, path)
    except ImportProblem as problem:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        return
    loads(to_yaml(imported), path.with_suffix(".yaml"), root=path.parent)


# -- mapping ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dest, kind, fields",
    [
        ("ext-group,2000,1", "node", {"type": "transfer", "number": "2000"}),
        ("ext-queues,400,1", "node", {"type": "transfer", "queue": "400"}),
        ("ext-local,vmb505,1", "node", {"type": "voicemail", "mailbox": "505"}),
        ("ext-local,vmu505,1", "node", {"type": "voicemail", "mailbox": "505"}),
        ("ext-local,vms505,1", "node", {"type": "voicemail", "mailbox": "505"}),
        ("ext-local,101,1", "node", {"type": "transfer", "number": "101"}),
        ("app-blackhole,hangup,1", "node", {"type": "hangup"}),
        ("ivr-3,s,1", "ivr", {"ivr": "3"}),
        ("timeconditions,3,1", "unknown", {}),
        ("custom-menu-split,s,1", "unknown", {}),
    ],
)
def test_destinations(dest, kind, fields):
    found_kind, data = map_destination(dest)
    assert found_kind == kind
    assert fields.items() <= data.items()


def test_small_dump_maps_every_column():
    imported = _convert(SMALL)
    nodes = imported.menu["nodes"]
    menu = nodes["ivr-1"]
    assert imported.menu["entry"] == "ivr-1"
    assert menu["timeout"] == 7 and menu["retries"] == 1
    assert nodes[menu["options"]["1"]["goto"]] == {
        "type": "transfer",
        "number": "600",
        "note": "FreePBX ring group 600.",
    }
    assert nodes[menu["options"]["3"]["goto"]]["type"] == "voicemail"
    # ivr-2 is not in the dump, the time condition is not either: unknown, never a hang-up
    for key in ("2", "4"):
        target = nodes[menu["options"][key]["goto"]]
        assert target["type"] == "transfer" and "unknown" in target["note"]
    assert any("`timeconditions,3,1` of ivr-1 is unknown here" in r for r in imported.remarks)
    assert any("`ivr-2,s,1` of ivr-1 is unknown here" in r for r in imported.remarks)
    assert imported.source_map.positions["ivr-1 options 4"] == (18, 35)
    assert imported.source_map.positions["ivr-1"] == (15, 35)


def test_detected_among_the_formats():
    assert detect(SMALL, Path("x.sql")).name == "freepbx"


def test_a_dump_without_ivr_rows_is_refused():
    with pytest.raises(ImportProblem) as raised:
        _convert("INSERT INTO `users` VALUES (1);")
    assert "inserts no rows into ivr_details" in raised.value.message


def test_older_ivr_and_ivr_dests_tables():
    text = (
        "INSERT INTO `ivr` (`ivr_id`,`displayname`,`announcement`,`timeout`) VALUES (5,'Old',NULL,'9');\n"
        "INSERT INTO `ivr_dests` (`ivr_id`,`selection`,`dest`) VALUES (5,'1','ext-group,600,1');\n"
    )
    imported = _convert(text)
    assert imported.menu["entry"] == "ivr-5"
    assert list(imported.menu["nodes"]["ivr-5"]["options"]) == ["1"]


def test_huge_numbers_and_loops_are_not_believed():
    text = SMALL.replace("'1','app-blackhole", "'99999999999999999999','app-blackhole").replace(
        ",7,'ext-queues", ",9" * 1 + "9" * 300 + ",'ext-queues"
    )
    imported = _convert(text)
    menu = imported.menu["nodes"]["ivr-1"]
    assert "timeout" not in menu and menu["retries"] == 1
    assert any("invalid_loops `99999999999999999999` is not a count" in r for r in imported.remarks)


def test_truncated_corpus_dump_exits_2_with_position(tmp_path):
    source = require_corpus() / "30_freepbx-salama-ivr-details-entries.sql"
    text = source.read_text(encoding="utf-8")
    cut = text.index("(3,'Main-Menu-PSTN'") + 20
    path = tmp_path / "cut.sql"
    path.write_text(text[:cut], encoding="utf-8")
    code, out, err = run_ivrkit("import", str(path))
    assert code == 2 and out == ""
    line = text[:cut].count("\n") + 1
    assert f"cut.sql:{line}:" in err and "the dump ends inside a row of values" in err and "Traceback" not in err


def test_deeply_nested_parentheses_end_in_a_position():
    with pytest.raises(ImportProblem) as raised:
        read_dump("INSERT INTO `ivr_details` VALUES " + "(" * 50_000)
    assert raised.value.line == 1 and raised.value.col > 1


# -- corpus 30 (+ 31 beside it) as calls ------------------------------------------------


def _call(path: Path, press: str) -> str:
    code, out, err = run_ivrkit("call", str(path), "--press", press)
    assert code == 0, err
    return out


@pytest.fixture
def dump30() -> Path:
    return require_corpus() / "30_freepbx-salama-ivr-details-entries.sql"


def test_corpus30_imports_every_ivr_and_entry(dump30):
    imported = IMPORTER.convert(dump30.read_text(encoding="utf-8"), dump30)
    nodes = imported.menu["nodes"]
    assert {n for n in nodes if n.startswith("ivr-") and "_" not in n} == {"ivr-1", "ivr-2", "ivr-3", "ivr-4"}
    assert sorted(nodes["ivr-1"]["options"]) == ["1", "2"]
    for ivr in ("ivr-2", "ivr-3"):
        options = nodes[ivr]["options"]
        assert sorted(options) == ["1", "2", "3"]
        assert nodes[options["1"]["goto"]]["number"] == "2000"
        assert nodes[options["3"]["goto"]] == {
            "type": "voicemail",
            "mailbox": "505",
            "note": "FreePBX voicemail 505 (no greeting).",
        }
    assert nodes["ivr-4"]["extensions"]["min"] == 1 and "options" not in nodes["ivr-4"]
    # 31 beside it: the description is a note, the words stay unknown (audio only)
    assert nodes["ivr-3"]["audio"] == "custom/welcome-menu-for-PSTN-callers" and "say" not in nodes["ivr-3"]
    assert '"Welcome and menu for landline callers"' in nodes["ivr-3"]["note"]


def test_corpus30_call_keys(dump30):
    assert "transfer to number custom-menu-split,s,1" in _call(dump30, "1")
    assert "at      hangup  (via option 2)" in _call(dump30, "2")


def test_corpus30_silence_retries_three_times_then_hangup_destination(dump30):
    """timeout_loops 3: three re-prompts, the fourth silence plays the final recording and goes to hang-up."""
    out = _call(dump30, "")
    assert out.count("no-valid-responce-pls-try-again") == 3
    assert "ivr-1_timeout_final  (via fallback)" in out and out.rstrip().endswith("call ends (goodbye)")


def test_corpus30_wrong_keys_twice_retry_third_goes_on(dump30):
    """invalid_loops 2: `GotoIf($[${INVALID_LOOPCOUNT} > 2]?final)` — the third wrong key goes on."""
    out = _call(dump30, "9 9 9")
    assert out.count("no-valid-responce-pls-try-again") == 2
    assert "ivr-1_invalid_final  (via no-match)" in out


def test_corpus30_cli_lint_positions_point_into_the_sql(dump30):
    code, out, err = run_ivrkit("lint", str(dump30))
    assert "30_freepbx-salama-ivr-details-entries.sql:63:2:" in out
    assert "ST002" not in out  # the other IVRs are entry points of their own, not unreachable


def test_cli_import_detects_the_dump_subprocess(tmp_path):
    path = tmp_path / "d.sql"
    path.write_text(SMALL, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "import", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "type: menu" in result.stdout and "ring_group_600" in result.stdout


def test_dump_without_create_table_uses_freepbx_column_order():
    """`mysqldump --no-create-info` writes INSERTs alone: FreePBX 17's column order is assumed."""
    source = require_corpus() / "30_freepbx-salama-ivr-details-entries.sql"
    text = source.read_text(encoding="utf-8")
    inserts = "\n".join(line for line in text.splitlines() if line.startswith(("INSERT", "(")))
    nodes = IMPORTER.convert(inserts, Path("/nonexistent/x.sql")).menu["nodes"]
    assert sorted(nodes["ivr-3"]["options"]) == ["1", "2", "3"] and nodes["ivr-3"]["timeout"] == 10


def test_many_ivrs_import_in_bounded_time():
    import time

    rows = ",".join(
        f"({i},'IVR{i}','d',NULL,'Disabled','2','default','ivr-{i + 1},s,1',NULL,'default','',10,"
        "'default','default','app-blackhole,hangup,1','3',0,0,0,0,'','0',0,1)"
        for i in range(1, 801)
    )
    entries = ",".join(f"({i},'{k}','ext-group,{i}{k},1',0)" for i in range(1, 801) for k in range(1, 4))
    text = f"INSERT INTO `ivr_details` VALUES {rows};\nINSERT INTO `ivr_entries` VALUES {entries};\n"
    started = time.monotonic()
    imported = IMPORTER.convert(text, Path("/nonexistent/x.sql"))
    assert time.monotonic() - started < 15
    assert imported.menu["entry"] == "ivr-1" and imported.menu["nodes"]["ivr-1"]["fallback"]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_corpus30(data):
    """The real dump, truncated or damaged: a menu that loads or a positioned ImportProblem."""
    from .fuzzing import check_outcome

    source = require_corpus() / "30_freepbx-salama-ivr-details-entries.sql"
    text = data.draw(mutated(source.read_text(encoding="utf-8")))
    check_outcome(IMPORTER, text, Path("/nonexistent") / source.name)


def test_ivr_ret_is_remarked():
    text = SMALL.replace("(1,'1','ext-group,600,1',0)", "(1,'1','ext-group,600,1',1)")
    imported = _convert(text)
    assert any("option 1 of ivr-1 returns to the IVR after its destination (ivr_ret)" in r for r in imported.remarks)
    assert imported.menu["x-unmapped"]["ivr-1"]["selection 1 ivr_ret"] == "1"


def test_context_picks_one_ivr_by_id_or_name(dump30):
    code, out, err = run_ivrkit("import", str(dump30), "--context", "Main-Menu-PSTN")
    assert code == 0, err
    assert "entry: ivr-3" in out and "  ivr-2:" not in out and "  ivr-1:" not in out
    code, out, err = run_ivrkit("import", str(dump30), "--context", "ivr-9")
    assert code == 2 and "there is no IVR `ivr-9` in the dump" in err and "ivr-4 (File-Team-Entry)" in err
