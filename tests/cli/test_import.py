"""Hostile and broken input to the importers, through the real CLI (issue 10, item 5).

Every file here once ended in a traceback, "internal error" (exit 70) or a
crash later on. Now each ends in ivrkit's own `FILE:line:col: error:` message
with a hint and exit 2 from both `ivrkit check` and `ivrkit import` (or, for
Goto chains and a Studio flow starting at a split, in the right result), in a
bounded time: every run has a subprocess timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..importers.conftest import FIXTURES

TIMEOUT = 30  # seconds; each run takes well under 2 s, a hang fails instead of blocking the suite
HUGE = "9" * 4301  # one digit past Python's own limit for int(str)


def ivrkit(cwd: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ivrkit", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )


def position(text: str, needle: str, shift: int = 0) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text` (plus `shift` characters)."""
    offset = text.index(needle) + shift
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def assert_refused(
    tmp_path: Path, name: str, text: str, where: tuple[int, int], message: str, hint: str, *, in_process: bool = False
) -> None:
    """`check` and `import` both refuse the file with ivrkit's message at `where` and exit 2.

    `in_process` (for variants of a case already run as a subprocess) saves the interpreter start-ups.
    """
    from ..importers.conftest import run_ivrkit

    (tmp_path / name).write_text(text, encoding="utf-8")
    expected = f"{name}:{where[0]}:{where[1]}: error: {message}"
    for argv in (("check", name), ("import", name)):
        if in_process:
            code, out, err = run_ivrkit(argv[0], str(tmp_path / name))
            result = subprocess.CompletedProcess(argv, code, out, err)
        else:
            result = ivrkit(tmp_path, *argv)
        assert result.returncode == 2, (argv, result.stderr[-2000:])
        said = result.stdout + result.stderr
        assert expected in said, (argv, said[-2000:])
        assert f"hint: {hint}" in said, (argv, said[-2000:])
        assert "Traceback" not in said and "internal error" not in said


# -- the JSON importers (Amazon Connect, Twilio Studio) -------------------------------------

CONNECT = (FIXTURES / "connect_flow.json").read_text(encoding="utf-8")
STUDIO = (FIXTURES / "studio_flow.json").read_text(encoding="utf-8")
SOURCES = {"connect.json": CONNECT, "studio.json": STUDIO}


@pytest.mark.parametrize(
    "name,anchor",
    [
        ("connect.json", '"InputTimeLimitSeconds": "6"'),
        ("studio.json", '"loop": 3'),
    ],
)
def test_a_number_of_4301_digits(tmp_path, name, anchor):
    key = anchor.split(":")[0]
    text = SOURCES[name].replace(anchor, f"{key}: {HUGE}", 1)
    assert_refused(
        tmp_path,
        name,
        text,
        position(text, HUGE),
        "a number of 4301 digits is too long (at most 100)",
        "a flow the platform exported never holds this; was the file edited or damaged?",
    )


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_json_nested_thousands_of_levels(tmp_path, name):
    deep = "[" * 5000 + "]" * 5000
    text = SOURCES[name].replace("{", '{"x-deep": ' + deep + ",", 1)
    # the object around is level 1, so the 100th bracket is the one past the limit
    assert_refused(
        tmp_path,
        name,
        text,
        position(text, deep, 99),
        "the JSON is nested more than 100 levels deep",
        "no contact flow nests 100 levels deep; was the file edited or damaged?",
    )


@pytest.mark.parametrize(
    "name,anchor",
    [
        ("connect.json", "Sorry, that is not an option."),
        ("studio.json", "Goodbye."),
    ],
)
def test_a_lone_surrogate(tmp_path, name, anchor):
    text = SOURCES[name].replace(anchor, "Bye \\ud800 now", 1)
    assert_refused(
        tmp_path,
        name,
        text,
        position(text, "\\ud800"),
        "`\\ud800` is half of a surrogate pair, not a character",
        "the text is not valid Unicode; was it cut in the middle of a character?",
    )


def test_nan_is_refused_where_it_is(tmp_path):
    text = STUDIO.replace('"loop": 3', '"loop": NaN', 1)
    assert_refused(
        tmp_path,
        "studio.json",
        text,
        position(text, "NaN"),
        "`NaN` is not a JSON number",
        "a flow the platform exported never holds this; was the file edited or damaged?",
        in_process=True,
    )


def test_studio_initial_state_at_a_split(tmp_path):
    """The split a gather's keys go to was folded into the gather; as the start it gets its own node."""
    flow = json.loads(STUDIO)
    flow["initial_state"] = "split_main"
    (tmp_path / "studio.json").write_text(json.dumps(flow, indent=1), encoding="utf-8")
    imported = ivrkit(tmp_path, "import", "studio.json")
    assert imported.returncode == 0, imported.stderr
    assert "\nentry: split_main\n" in imported.stdout
    assert "  split_main:\n    type: branch\n" in imported.stdout
    assert ivrkit(tmp_path, "check", "studio.json").returncode == 0
    call = ivrkit(tmp_path, "call", "studio.json")
    assert call.returncode == 0, call.stderr
    assert "split_main" in call.stdout


# -- Amazon Connect: a destination set by a variable ------------------------------------------------

VARIABLE_FLOW = '${var.contact_flows_map["x"]}'
SUPPORT_FLOW = '"arn:aws:connect:eu-west-1:111122223333:instance/abc/contact-flow/support"'


def test_connect_variable_destination_is_kept_verbatim_and_remarked(tmp_path):
    text = CONNECT.replace(SUPPORT_FLOW, json.dumps(VARIABLE_FLOW), 1)
    (tmp_path / "connect.json").write_text(text, encoding="utf-8")
    result = ivrkit(tmp_path, "import", "connect.json", "-o", "connect.yaml")
    assert result.returncode == 0, result.stderr
    line, col = position(text, '"to-flow", "Type"')
    assert (
        f"connect.json:{line}:{col}: note: the destination of `to-flow` is `{VARIABLE_FLOW}`, set by a "
        "variable when the flow runs; kept verbatim, so the simulation shows it as written"
    ) in result.stderr
    written = (tmp_path / "connect.yaml").read_text(encoding="utf-8")
    assert f"number: {VARIABLE_FLOW}\n" in written
    assert "The destination depends on a variable" in written


def test_connect_call_reaches_a_variable_destination(tmp_path):
    """Needs the engine side of issue 10 too (a number is never a format string): key 2 leads to `to-flow`."""
    (tmp_path / "connect.json").write_text(
        CONNECT.replace(SUPPORT_FLOW, json.dumps(VARIABLE_FLOW), 1), encoding="utf-8"
    )
    call = ivrkit(tmp_path, "call", "connect.json", "--press", "2")
    assert call.returncode == 0, call.stderr[-2000:]
    assert f"transfer to number {VARIABLE_FLOW}" in call.stdout
    paths = ivrkit(tmp_path, "paths", "connect.json")
    assert paths.returncode == 0, paths.stderr[-2000:]
    assert "flow_Support_flow" in paths.stdout


# -- Asterisk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("priority", [HUGE, "n+" + HUGE], ids=["number", "n+number"])
def test_asterisk_priority_of_4301_digits(tmp_path, priority):
    text = "[demo]\nexten => s,1,Background(hello)\n same =>  " + priority + ",WaitExten()\nexten => 1,1,Hangup()\n"
    assert_refused(
        tmp_path,
        "demo.conf",
        text,
        (3, 11),
        f"the priority `{priority[:40]}...` has 4301 digits; Asterisk priorities have at most 10",
        "number the priorities 1, 2, 3 ... or write `n` for the next one",
        in_process=priority != HUGE,
    )


def _goto_chain(count: int) -> str:
    """Key 1 goes to e0, which goes to e1, ... to e<count>, which hangs up."""
    lines = ["[demo]", "exten => s,1,Background(hello)", " same => n,WaitExten()", "exten => 1,1,Goto(e0,1)"]
    lines += [f"exten => e{index},1,Goto(e{index + 1},1)" for index in range(count)]
    lines.append(f"exten => e{count},1,Playback(bye)")
    lines.append(" same => n,Hangup()")
    return "\n".join(lines) + "\n"


def test_asterisk_chain_of_1000_gotos(tmp_path):
    (tmp_path / "chain.conf").write_text(_goto_chain(1000), encoding="utf-8")
    checked = ivrkit(tmp_path, "check", "chain.conf")
    assert checked.returncode == 0, checked.stderr[-2000:]
    imported = ivrkit(tmp_path, "import", "chain.conf")
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert "'1': {goto: demo_e1000}" in imported.stdout  # the chain is followed to its end
    assert "  demo_e1000:\n    type: hangup\n    audio: bye\n" in imported.stdout


def test_asterisk_chain_of_10000_gotos(tmp_path, capsys):
    """In-process, to keep the suite fast: `ivrkit import`, which also loads what it writes."""
    from ivrkit import cli

    (tmp_path / "chain.conf").write_text(_goto_chain(10_000), encoding="utf-8")
    assert cli.main(["import", str(tmp_path / "chain.conf"), "-o", str(tmp_path / "chain.yaml")]) == 0
    assert "'1': {goto: demo_e10000}" in (tmp_path / "chain.yaml").read_text(encoding="utf-8")
    assert "internal error" not in capsys.readouterr().err


def test_asterisk_chain_across_contexts(tmp_path):
    """Gotos into other contexts are not followed: the first one becomes a hangup node saying so."""
    lines = ["[demo]", "exten => s,1,Background(hello)", " same => n,WaitExten()", "exten => 1,1,Goto(c0,s,1)"]
    for index in range(1000):
        lines += [f"[c{index}]", f"exten => s,1,Goto(c{index + 1},s,1)"]
    (tmp_path / "chain.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = ivrkit(tmp_path, "import", "chain.conf")
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert (
        "chain.conf:4:1: note: the target `c0,s,1` is not defined in the source; imported as the hangup node `c0_s_1`"
    ) in imported.stderr


def test_asterisk_thousands_of_dials_in_one_extension(tmp_path):
    """Each Dial's busy/no-answer is the rest of the extension: read in a loop, not one call deeper per Dial."""
    lines = ["[demo]", "exten => s,1,Background(hello)", " same => n,WaitExten()", "exten => 1,1,Dial(SIP/a)"]
    lines += [f" same => n,Dial(SIP/{index})" for index in range(1500)]
    (tmp_path / "dials.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = ivrkit(tmp_path, "check", "dials.conf")
    assert checked.returncode == 0, checked.stderr[-2000:]


# -- XML importers (FreeSWITCH, VoiceXML) --------------------------------------------------------------

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    '<vxml version="2.1"><menu id="m"><prompt>&lol3;</prompt><choice dtmf="1" next="#m"/></menu></vxml>\n'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE c [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    '<configuration name="ivr.conf"><menus><menu name="m" greet-long="&xxe;">'
    '<entry action="menu-exit" digits="1"/></menu></menus></configuration>\n'
)


@pytest.mark.parametrize(
    "name,text,what",
    [
        ("laughs.vxml", LAUGHS, "VoiceXML"),
        ("external.xml", EXTERNAL, "FreeSWITCH XML"),
        (
            "dtd.xml",
            EXTERNAL.replace(
                '[ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]', 'SYSTEM "http://example.com/x.dtd"'
            ).replace("&xxe;", "x.wav"),
            "FreeSWITCH XML",
        ),
    ],
    ids=["billion-laughs", "external-entity", "external-dtd"],
)
def test_xml_doctype_and_entities_are_refused(tmp_path, name, text, what):
    assert_refused(
        tmp_path,
        name,
        text,
        (2, 1),
        "the file has a DOCTYPE declaration, which is refused",
        f"{what} files need no DOCTYPE; remove it (entity declarations could expand without limit)",
        in_process=name == "dtd.xml",
    )


@pytest.mark.parametrize(
    "name,head,tail,what",
    [
        ("deep.vxml", '<vxml version="2.1"><menu id="m"><choice dtmf="1" next="#m"/></menu>', "</vxml>\n", "VoiceXML"),
        (
            "deep.xml",
            '<configuration name="ivr.conf"><menus><menu name="m"><entry action="menu-exit" digits="1"/>'
            "</menu></menus>",
            "</configuration>\n",
            "FreeSWITCH XML",
        ),
    ],
    ids=["vxml", "freeswitch"],
)
def test_xml_nested_100000_levels(tmp_path, name, head, tail, what):
    text = head + "<x>" * 100_000 + "</x>" * 100_000 + tail
    # the root is level 1, so the 100th <x> is the element past the limit
    assert_refused(
        tmp_path,
        name,
        text,
        position(text, "<x>", 99 * 3),
        "elements are nested more than 100 deep",
        f"no {what} file nests elements this deep; was the file generated or damaged?",
    )


def test_xml_with_too_many_elements(tmp_path, monkeypatch):
    """The element cap bounds the tree's memory; lowered here so the test stays fast (in-process CLI)."""
    from ivrkit.importers import _xml

    from ..importers.conftest import run_ivrkit

    monkeypatch.setattr(_xml, "MAX_ELEMENTS", 50)
    head = '<vxml version="2.1"><menu id="m"><choice dtmf="1" next="#m"/></menu>'
    (tmp_path / "wide.vxml").write_text(head + "<x/>" * 60 + "</vxml>\n", encoding="utf-8")
    where = len(head) + 1 + 4 * (50 - 3)  # the 51st element: vxml, menu, choice, then the 48th <x/>
    for command in ("check", "import"):
        code, out, err = run_ivrkit(command, str(tmp_path / "wide.vxml"))
        assert code == 2
        assert f"wide.vxml:1:{where}: error: the file has more than 50 elements" in out + err
        assert "hint: no VoiceXML menu is this large; import the file that defines the menus alone" in out + err


# -- long runs of steps the caller does not hear -------------------------------------------------------


def test_thousands_of_pass_through_steps(tmp_path):
    """3,000 Studio set-variables widgets (or Connect attribute updates) in a row: once cubic (a hang of
    minutes), now one walk; the timeout of `ivrkit` guards it."""
    count = 3000
    states = [{"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "w0"}]}]
    states += [
        {"name": f"w{i}", "type": "set-variables", "transitions": [{"event": "next", "next": f"w{i + 1}"}]}
        for i in range(count)
    ]
    states.append(
        {
            "name": f"w{count}",
            "type": "say-play",
            "transitions": [{"event": "audioComplete"}],
            "properties": {"say": "Goodbye."},
        }
    )
    (tmp_path / "studio.json").write_text(json.dumps({"states": states, "initial_state": "Trigger"}), encoding="utf-8")
    actions = [
        {
            "Identifier": f"a{i}",
            "Type": "UpdateContactAttributes",
            "Parameters": {"Attributes": {"x": "1"}},
            "Transitions": {"NextAction": f"a{i + 1}"},
        }
        for i in range(count)
    ]
    actions.append(
        {"Identifier": f"a{count}", "Type": "MessageParticipant", "Parameters": {"Text": "Goodbye."}, "Transitions": {}}
    )
    (tmp_path / "connect.json").write_text(
        json.dumps({"Version": "2019-10-30", "StartAction": "a0", "Actions": actions}), encoding="utf-8"
    )
    for name, entry in (("studio.json", f"w{count}"), ("connect.json", "message_Goodbye")):
        result = ivrkit(tmp_path, "import", name)
        assert result.returncode == 0, result.stderr[-2000:]
        assert f"\nentry: {entry}\n" in result.stdout


# -- odd files and names ----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.conf")
    for argv in (("check", "pipe.conf"), ("import", "pipe.conf")):
        result = ivrkit(tmp_path, *argv)  # the timeout fails a hang
        assert result.returncode == 2
        assert "pipe.conf:1:1: error: this is a named pipe (FIFO), not a file" in result.stdout + result.stderr
    os.mkfifo(tmp_path / "out.yaml")
    result = ivrkit(tmp_path, "import", str(FIXTURES / "ast_menu.conf"), "-o", "out.yaml", "--force")
    assert result.returncode == 2
    assert "ivrkit: error: out.yaml is a named pipe (FIFO); OUT must be a file" in result.stderr
    assert (tmp_path / "out.yaml").is_fifo()  # not replaced by a file


def test_names_no_file_system_takes(tmp_path):
    long = "x" * 300
    result = ivrkit(tmp_path, "import", long + ".conf")
    assert result.returncode == 2
    assert f"{long}.conf:1:1: error: cannot read the file: file name too long" in result.stderr
    result = ivrkit(tmp_path, "import", str(FIXTURES / "ast_menu.conf"), "-o", long + ".yaml")
    assert result.returncode == 2
    assert "ivrkit: error: a name in OUT is longer than 255 bytes, more than a file system allows" in result.stderr


def test_a_nul_in_a_name(capsys):
    """A NUL cannot pass through a real command line (exec refuses it), so in-process."""
    from ivrkit import cli

    assert cli.main(["import", "a\x00b.conf"]) == 2
    assert (
        "a\\x00b.conf:1:1: error: the file name contains a NUL character, which no file name can"
        in capsys.readouterr().err
    )
    assert cli.main(["import", str(FIXTURES / "ast_menu.conf"), "-o", "a\x00b.yaml"]) == 2
    assert "ivrkit: error: OUT contains a NUL character, which no file name can" in capsys.readouterr().err
