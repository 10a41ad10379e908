"""Tests for ivrkit/schema/menu.schema.json, the JSON Schema editors use.

The schema must be a valid draft 2020-12 schema, accept every shipped example
menu, reject every broken fixture marked ``# schema: reject`` and the
self-contained cases below, and accept the valid cases below. YAML is turned
into JSON data the way an editor sees it: mapping keys become strings and
dates become ISO strings.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from ivrkit.schema import SCHEMA_ID, load_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "fixtures" / "broken"
HEADER = re.compile(r"^#\s*schema:\s*(reject|n/a)\b(.*)$")


# --------------------------------------------------------------------------- helpers


def to_json_data(value):
    """YAML data as an editor's JSON view: str keys, ISO date strings."""
    if isinstance(value, dict):
        return {_key(k): to_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _key(key) -> str:
    if isinstance(key, (dt.date, dt.datetime)):
        return key.isoformat()
    return str(key)


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(load_schema())


def errors_of(validator, text: str) -> list[str]:
    data = to_json_data(yaml.safe_load(text))
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def yaml_files(*folders: str) -> list[Path]:
    found = []
    for folder in folders:
        base = ROOT / folder
        if base.is_dir():
            found += [
                p
                for p in base.rglob("*.yaml")
                if not p.name.startswith(".") and not p.name.endswith((".calls.yaml", ".goals.yaml"))
            ]
    return sorted(found)


def read_header(path: Path) -> tuple[str, str] | None:
    """(verdict, reason) from a fixture's first line, or None without one."""
    first = path.read_bytes().split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf")
    match = HEADER.match(first.decode("utf-8", errors="replace").strip())
    return (match.group(1), match.group(2).strip()) if match else None


# --------------------------------------------------------------------------- the schema itself


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_text_is_the_shipped_json():
    text = schema_text()
    assert text.endswith("\n")
    assert load_schema() == json.loads(text)


def _walk(schema, path="#"):
    if isinstance(schema, dict):
        yield path, schema
        for key, value in schema.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _walk(value, f"{path}/{i}")


def test_every_property_has_a_description():
    """Hover text everywhere; conditions (if/then/else/not) only restate declared properties."""
    skip = re.compile(r"/(if|then|else|not|defaultSnippets)(/|$)")
    missing = []
    for path, node in _walk(load_schema()):
        if skip.search(path):
            continue
        for name, sub in (node.get("properties") or {}).items():
            if isinstance(sub, dict) and "description" not in sub:
                missing.append(f"{path}/properties/{name}")
    assert not missing, missing


def test_patterns_are_portable_regexes():
    """Editors compile patterns as JavaScript RegExps with the u flag: no needless escapes."""
    for path, node in _walk(load_schema()):
        pattern = node.get("pattern") if isinstance(node.get("pattern"), str) else None
        if pattern is None:
            continue
        re.compile(pattern)
        for escape in re.findall(r"\\(.)", pattern):
            assert escape in r"\.*+?()[]{}|^$/sSdDwW", f"{path}: \\{escape} is not valid in a u-flag RegExp"


# --------------------------------------------------------------------------- shipped menus


EXAMPLES = yaml_files("examples", "menus")


def test_there_are_example_menus():
    assert EXAMPLES, "no *.yaml under examples/ or menus/"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_example_validates(validator, path):
    errors = errors_of(validator, path.read_text(encoding="utf-8-sig"))
    assert not errors, "\n".join(errors)


def test_the_complete_example_in_the_format_reference_validates(validator):
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = doc.split("## A complete example", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    errors = errors_of(validator, example)
    assert not errors, "\n".join(errors)


def test_the_fragments_in_the_format_reference_validate(validator):
    """Every other ```yaml block of docs/format.md, placed where it belongs in a file."""
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```yaml\n")[2:]]
    assert blocks
    schema = load_schema()
    top = set(schema["properties"])
    menu_fields = set(schema["$defs"]["menuNode"]["properties"])
    option_fields = set(schema["$defs"]["option"]["properties"])
    base = to_json_data(yaml.safe_load(with_node(MENU, "menu", "")))
    for block in blocks:
        fragment = to_json_data(yaml.safe_load(block))
        data = copy.deepcopy(base)
        menu = data["nodes"]["start"]
        if set(fragment) <= top:
            data.update(fragment)
        elif set(fragment) <= menu_fields:
            menu.update(fragment)
        elif set(fragment) <= option_fields:
            menu["options"]["1"].update(fragment)
        else:
            menu["options"].update(fragment)
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, block + "\n".join(errors)


# --------------------------------------------------------------------------- broken fixtures


BROKEN_FIXTURES = sorted(BROKEN.glob("*.yaml")) if BROKEN.is_dir() else []
REJECT_FIXTURES = [p for p in BROKEN_FIXTURES if (read_header(p) or ("",))[0] == "reject"]


@pytest.mark.parametrize("path", BROKEN_FIXTURES, ids=lambda p: p.name)
def test_broken_fixture_declares_what_the_schema_can_see(path):
    header = read_header(path)
    assert header is not None, "first line must be '# schema: reject' or '# schema: n/a <reason>'"
    verdict, reason = header
    if verdict == "n/a":
        assert reason, "'# schema: n/a' needs a reason"


def test_there_are_schema_visible_broken_fixtures():
    assert len(REJECT_FIXTURES) >= 3, f"only {len(REJECT_FIXTURES)} '# schema: reject' fixtures"


@pytest.mark.parametrize("path", REJECT_FIXTURES, ids=lambda p: p.name)
def test_schema_rejects_broken_fixture(validator, path):
    text = path.read_text(encoding="utf-8-sig")
    assert errors_of(validator, text), "the schema accepts it"


# --------------------------------------------------------------------------- self-contained cases

HEAD = """\
ivrkit: 1
name: Test line
entry: start
"""


def menu_file(nodes: str, head: str = HEAD, tail: str = "") -> str:
    """A file with `nodes` (YAML, unindented) under nodes:, plus extra top-level YAML."""
    return head + "nodes:\n" + textwrap.indent(textwrap.dedent(nodes), "  ") + textwrap.dedent(tail)


def with_node(fields: str, node_type: str = "message", base: str = "next: bye") -> str:
    """A file whose `start` node has `type`, `base` and `fields`, plus a hangup `bye`."""
    body = "".join(f"{part}\n" for part in (f"type: {node_type}", base, textwrap.dedent(fields)) if part)
    return menu_file("start:\n" + textwrap.indent(body, "  ") + "bye: {type: hangup}\n")


MENU = 'options:\n  "1": {label: pay your bill, goto: bye}'

MINIMAL = menu_file("start: {type: hangup, say: Goodbye.}\n")

EVERY_NODE_TYPE = """\
# yaml-language-server: $schema=../ivrkit/schema/menu.schema.json
ivrkit: 1
name: Every node type
description: One node of each type, and most optional fields.
language: en
languages: [en, fi, en-GB]
entry: hours

settings:
  timeout: 5
  inter_digit_timeout: 2.5
  retries: 0
  fallback: agent
  rate: 170
  voice: {en: en-GB-standard, fi: fi}
  barge_in: false
  option_template: {de: "Für {label}, drücken Sie {key}."}
  key_names: {de: {"*": Stern, "#": Raute}}

global_options:
  "0": {label: {en: speak with an agent, fi: puhua asiakaspalvelijalle}, goto: agent}
  "*": {label: hear these options again, action: repeat}
  "#": {say: Press hash to go back., action: back, announce: false}
  9: {label: start again, action: top, note: bare digit key}

variables:
  segment:
    values: [consumer, business]
    default: consumer
    description: set by the caller-ID lookup

schedules:
  office:
    timezone: Europe/Helsinki
    hours:
      mon-fri: "08:00-12:00, 13:00-17:00"
      "sat,sun": closed
    closed_on: [2026-12-24, "2026-12-25"]
  always:
    timezone: UTC
    hours:
      mon-sun: "00:00-24:00"

nodes:
  hours:
    type: branch
    schedule: office
    cases: {open: by_segment, closed: closed_msg, holiday: closed_msg}

  by_segment:
    type: branch
    variable: segment
    cases: {business: main}
    default: main

  main:
    type: menu
    say: {en: "How can we help?", fi: "Miten voimme auttaa?"}
    audio: {en: prompts/en/main.wav, fi: prompts/fi/main.wav}
    note: the main menu
    lint: {ignore: [IVR001, long-prompt]}
    rate: 150
    voice: en-GB-standard
    barge_in: true
    timeout: 6
    inter_digit_timeout: 3
    retries: 3
    fallback: agent
    announce_options: true
    global_options: ["0", "*", 9]
    options:
      "1": {label: pay your bill, goto: ../menus/account-number.yaml, then: account, share: 0.45}
      2: {label: report a power cut, goto: outage, share: 0.35}
      "3": {label: suomeksi, goto: main, language: fi}
      "4": {say: For callbacks press 4., goto: ../menus/callback.yaml#book}
      "1000": {goto: agent, announce: false}
    extensions: {min: 3, max: 4, goto: ext}
    no_input: {say: "Sorry, I didn't hear a choice."}
    no_match:
      - say: Sorry, that key is not an option.
      - audio: prompts/sorry.wav
      - goto: agent

  outage:
    type: message
    say: We know about the power cut.
    next: ../menus/survey.yaml
    then: goodbye

  account:
    type: input
    say: Please enter your account number.
    digits: {min: 8, max: 8, terminator: "#"}
    store: account_number
    confirm: true
    next: pin
    no_match: {say: That was not eight digits.}

  pin:
    type: input
    say: Please enter your PIN.
    digits: {max: 4, terminator: null}
    store: pin
    secret: true
    next: return

  ext:
    type: transfer
    number: "{extension}"
    person: false

  agent:
    type: transfer
    queue: general
    hours: office
    closed: voicemail
    busy: voicemail
    no_answer: voicemail
    announce_wait: true
    max_wait: 600
    overflow: voicemail
    callback: {offer_after: 120, goto: book_callback}

  book_callback:
    type: callback
    number: ask
    confirm: sms

  voicemail:
    type: voicemail
    mailbox: general
    max_length: 120

  closed_msg:
    type: message
    say: We are closed.
    next: goodbye

  goodbye:
    type: hangup
    say: Goodbye.
"""

ANCHORS = """\
ivrkit: 1
name: Anchors and merge keys
entry: main
nodes:
  main:
    type: menu
    say: Choose.
    options:
      "1": &opt {label: pay your bill, goto: bye}
      "2": {<<: *opt, label: pay someone else's bill}
  bye: {type: hangup}
"""

ACCEPT = {
    "minimal": MINIMAL,
    "every node type": EVERY_NODE_TYPE,
    "anchors and merge keys": ANCHORS,
    "menu with extensions only": with_node("extensions: {min: 4, max: 4, goto: bye}", "menu", ""),
    "global_options off": with_node(MENU + "\nglobal_options: false", "menu", ""),
    "target to another file": with_node("", "message", "next: ../menus/callback.yaml#book"),
    "target sub folder": with_node("", "message", "next: blocks/a-b_c.yaml"),
    "target return": with_node("", "message", "next: return"),
    "language en-GB": HEAD + "language: en-GB\nnodes: {start: {type: hangup}}\n",
    "schedule list and range of days": menu_file(
        "start: {type: hangup}\n",
        tail="""
        schedules:
          s:
            timezone: America/Argentina/Buenos_Aires
            hours: {"mon,wed": "09:00-17:00", thu-fri: "10:00-11:30,12:00-16:00", sun: closed}
        """,
    ),
    "handler with goto and then": with_node(MENU + "\nno_input: {goto: ../menus/help.yaml, then: start}", "menu", ""),
    "callback defaults": with_node("", "callback", ""),
    "voicemail": with_node("say: Leave a message.", "voicemail", ""),
    "voicemail that goes on": with_node("say: Leave a message.\nnext: bye", "voicemail", ""),
    "extension patterns": with_node(
        MENU + '\nextensions: {patterns: ["10[01]X", "7.", "[1-5]NZ!"], goto: bye}', "menu", ""
    ),
    "extension patterns with min and max": with_node(
        'extensions: {patterns: ["7."], min: 4, max: 6, goto: bye}', "menu", ""
    ),
    "max_digits": with_node(MENU + "\nmax_digits: 4", "menu", ""),
    "transfer by number": with_node('number: "+358 9 123 456"', "transfer", ""),
}


@pytest.mark.parametrize("text", ACCEPT.values(), ids=ACCEPT.keys())
def test_schema_accepts(validator, text):
    errors = errors_of(validator, text)
    assert not errors, "\n".join(errors)


REJECT = {
    # the node type and its fields
    "unknown node type": with_node("", "prompt", "say: Hello."),
    "missing node type": menu_file("start: {say: Hello.}\n"),
    "unknown field on a message": with_node("colour: red"),
    "retries on a message": with_node("retries: 2"),
    "fallback on a message": with_node("fallback: bye"),
    "nested settings on a node": with_node("settings: {timeout: 3}"),
    "say on a branch": with_node("say: Hello.", "branch", "variable: segment\ndefault: bye"),
    "missing next on a message": with_node("say: Hello.", "message", ""),
    # menus and options
    "bad DTMF key A": with_node("options:\n  A: {label: pay, goto: bye}", "menu", ""),
    "DTMF key 1a": with_node('options:\n  "1a": {label: pay, goto: bye}', "menu", ""),
    "option with both goto and action": with_node(
        'options:\n  "1": {label: pay, goto: bye, action: repeat}', "menu", ""
    ),
    "option with neither goto nor action": with_node('options:\n  "1": {label: pay}', "menu", ""),
    "option then without goto": with_node('options:\n  "1": {label: again, action: repeat, then: bye}', "menu", ""),
    "share above 1": with_node('options:\n  "1": {label: pay, goto: bye, share: 1.5}', "menu", ""),
    "negative share": with_node('options:\n  "1": {label: pay, goto: bye, share: -0.1}', "menu", ""),
    "unknown action": with_node('options:\n  "1": {label: pay, action: restart}', "menu", ""),
    "unknown option field": with_node('options:\n  "1": {label: pay, goto: bye, colour: red}', "menu", ""),
    "label: yes": with_node('options:\n  "1": {label: yes, goto: bye}', "menu", ""),
    "option language: no": with_node('options:\n  "1": {label: norsk, goto: bye, language: no}', "menu", ""),
    "menu without options or extensions": with_node("say: Choose.", "menu", ""),
    "announce_options as a string": with_node(MENU + '\nannounce_options: "false"', "menu", ""),
    "global_options: yes-string": with_node(MENU + "\nglobal_options: some", "menu", ""),
    "global_options list with key A": with_node(MENU + "\nglobal_options: [A]", "menu", ""),
    "extensions without goto": with_node("extensions: {min: 3, max: 4}", "menu", ""),
    "timeout as a string": with_node(MENU + '\ntimeout: "5"', "menu", ""),
    "negative retries": with_node(MENU + "\nretries: -1", "menu", ""),
    "fractional retries": with_node(MENU + "\nretries: 1.5", "menu", ""),
    "empty handler list": with_node(MENU + "\nno_match: []", "menu", ""),
    "unknown handler field": with_node(MENU + "\nno_input: {say: Sorry., repeat: true}", "menu", ""),
    "handler then without goto": with_node(MENU + "\nno_input: {say: Sorry., then: bye}", "menu", ""),
    "handler that does nothing": with_node(MENU + "\nno_input: {}", "menu", ""),
    "option then after a local goto": with_node('options:\n  "1": {label: pay, goto: bye, then: bye}', "menu", ""),
    "message then after a local next": with_node("then: bye"),
    "input then after a local next": with_node("digits: {max: 4}\nthen: bye", "input", "next: bye"),
    "empty options": with_node("options: {}", "menu", ""),
    "timeout 0": with_node(MENU + "\ntimeout: 0", "menu", ""),
    "retries 11": with_node(MENU + "\nretries: 11", "menu", ""),
    "rate 1000": with_node("rate: 1000"),
    "digits max 65": with_node("digits: {max: 65}", "input", "next: bye"),
    "voicemail max_length 1": with_node("max_length: 1", "voicemail", ""),
    # targets
    "target with a space": with_node("", "message", "next: main menu"),
    "target with a backslash": with_node("", "message", "next: menus\\callback.yaml"),
    "absolute target path": with_node("", "message", "next: /etc/menus/callback.yaml"),
    "target file without .yaml": with_node("", "message", "next: menus/callback#book"),
    "target as a number": with_node("", "message", "next: 5"),
    # input
    "input without digits": with_node("", "input", "next: bye"),
    "digits without max": with_node("digits: {min: 4}", "input", "next: bye"),
    "bad terminator": with_node('digits: {max: 4, terminator: "0"}', "input", "next: bye"),
    "confirm: on string": with_node('digits: {max: 4}\nconfirm: "on"', "input", "next: bye"),
    "secret with confirm": with_node("digits: {max: 4}\nsecret: true\nconfirm: true", "input", "next: bye"),
    "store with a space": with_node("digits: {max: 4}\nstore: account number", "input", "next: bye"),
    # branch
    "branch with schedule and variable": with_node("", "branch", "schedule: s\nvariable: v\ndefault: bye"),
    "branch with neither": with_node("", "branch", "default: bye"),
    "branch without cases": with_node("", "branch", "variable: v\ndefault: bye"),
    "schedule branch with a weekend case": with_node("", "branch", "schedule: s\ncases: {weekend: bye}"),
    # transfer
    "transfer with both queue and number": with_node('number: "100"', "transfer", "queue: general"),
    "transfer with neither queue nor number": with_node("say: Connecting.", "transfer", ""),
    "transfer number as a YAML number": with_node("number: 0401234567", "transfer", ""),
    "hours without closed": with_node("hours: office", "transfer", "queue: general"),
    "max_wait without overflow": with_node("max_wait: 600", "transfer", "queue: general"),
    "overflow without max_wait": with_node("overflow: bye", "transfer", "queue: general"),
    "closed without hours": with_node("closed: bye", "transfer", "queue: general"),
    "callback offer without goto": with_node("callback: {offer_after: 60}", "transfer", "queue: general"),
    # callback, voicemail, hangup
    "callback number mine": with_node("number: mine", "callback", ""),
    "callback confirm fax": with_node("confirm: fax", "callback", ""),
    "hangup with next": with_node("", "hangup", "next: bye"),
    "voicemail with max_length string": with_node('max_length: "2 minutes"', "voicemail", ""),
    "extensions without patterns or lengths": with_node("extensions: {goto: bye}", "menu", ""),
    "extension pattern with a letter": with_node('extensions: {patterns: ["7A"], goto: bye}', "menu", ""),
    "max_digits 0": with_node(MENU + "\nmax_digits: 0", "menu", ""),
    # text, audio, languages
    "text mapping with a bad language code": with_node("say: {english: Hello.}"),
    "text mapping with en_GB": with_node("say: {en_GB: Hello.}"),
    "text mapping key no (false)": with_node("say: {en: Hello., no: Hei.}"),
    "say as a list": with_node("say: [Hello., World.]"),
    "audio as a number": with_node("audio: 5"),
    "language: no": HEAD + "language: no\nnodes: {start: {type: hangup}}\n",
    "languages as a string": HEAD + "languages: en\nnodes: {start: {type: hangup}}\n",
    "lint with an unknown field": with_node("lint: {skip: [IVR001]}"),
    # the file
    "ivrkit: 2": MINIMAL.replace("ivrkit: 1", "ivrkit: 2"),
    'ivrkit: "1"': MINIMAL.replace("ivrkit: 1", 'ivrkit: "1"'),
    "missing name": MINIMAL.replace("name: Test line\n", ""),
    "missing entry": MINIMAL.replace("entry: start\n", ""),
    "missing nodes": HEAD,
    "entry: return": MINIMAL.replace("entry: start", "entry: return"),
    "unknown top-level field": MINIMAL + "version: 2\n",
    "node id starting with a digit": menu_file("1st: {type: hangup}\n"),
    "node named return": menu_file("return: {type: hangup}\n"),
    "unknown settings field": MINIMAL + "settings: {timout: 5}\n",
    "barge_in: no-string": MINIMAL + 'settings: {barge_in: "no"}\n',
    "key_names with key A": MINIMAL + "settings: {key_names: {en: {A: ay}}}\n",
    "global option key AB": MINIMAL + "global_options: {AB: {label: x, goto: start}}\n",
    # schedules and variables
    "bad time range 8-18": MINIMAL + 'schedules: {s: {timezone: UTC, hours: {mon-fri: "8-18"}}}\n',
    "time 25:00": MINIMAL + 'schedules: {s: {timezone: UTC, hours: {mon: "08:00-25:00"}}}\n',
    "day monday": MINIMAL + 'schedules: {s: {timezone: UTC, hours: {monday: "08:00-18:00"}}}\n',
    "day range mon-friday": MINIMAL + 'schedules: {s: {timezone: UTC, hours: {mon-friday: "08:00-18:00"}}}\n',
    "schedule without timezone": MINIMAL + 'schedules: {s: {hours: {mon: "08:00-18:00"}}}\n',
    "schedule without hours": MINIMAL + "schedules: {s: {timezone: UTC}}\n",
    "day list with a space": MINIMAL + 'schedules: {s: {timezone: UTC, hours: {"mon, wed": "08:00-18:00"}}}\n',
    "option template without key": MINIMAL + 'settings: {option_template: {de: "Für {label}."}}\n',
    "closed_on in day.month.year": MINIMAL
    + 'schedules: {s: {timezone: UTC, hours: {mon: closed}, closed_on: ["24.12.2026"]}}\n',
    "variable values yes/no": MINIMAL + "variables: {vip: {values: [yes, no]}}\n",
    "variable without values": MINIMAL + "variables: {vip: {default: x}}\n",
}


# What each case's errors must mention: the schema objects for the intended reason.
EXPECT = {
    "unknown node type": "'prompt' is not one of",
    "missing node type": "'type' is a required property",
    "unknown field on a message": "'colour' was unexpected",
    "retries on a message": "'retries' was unexpected",
    "fallback on a message": "'fallback' was unexpected",
    "nested settings on a node": "'settings' was unexpected",
    "say on a branch": "'say' was unexpected",
    "missing next on a message": "'next' is a required property",
    "bad DTMF key A": "'A' does not match",
    "DTMF key 1a": "'1a' does not match",
    "option with both goto and action": "does not allow 'repeat'",
    "option with neither goto nor action": "$.nodes.start.options['1']: ",
    "option then without goto": "'goto' is a required property",
    "share above 1": "greater than the maximum of 1",
    "negative share": "less than the minimum of 0",
    "unknown action": "'restart' is not one of",
    "unknown option field": "'colour' was unexpected",
    "label: yes": ".label: True is not of type",
    "option language: no": ".language: False is not of type 'string'",
    "menu without options or extensions": "$.nodes.start: ",
    "announce_options as a string": "'false' is not of type 'boolean'",
    "global_options: yes-string": ".global_options: 'some'",
    "global_options list with key A": ".global_options: ['A']",
    "extensions without goto": "'goto' is a required property",
    "timeout as a string": "'5' is not of type 'number'",
    "negative retries": "-1 is less than the minimum of 0",
    "fractional retries": "1.5 is not of type 'integer'",
    "empty handler list": ".no_match: []",
    "unknown handler field": ".no_input: ",
    "handler then without goto": ".no_input: ",
    "handler that does nothing": ".no_input: {}",
    "option then after a local goto": ".goto: 'bye' does not match",
    "message then after a local next": ".next: 'bye' does not match",
    "input then after a local next": ".next: 'bye' does not match",
    "empty options": "{} should be non-empty",
    "timeout 0": "0 is less than the minimum of 0.5",
    "retries 11": "11 is greater than the maximum of 10",
    "rate 1000": "1000 is greater than the maximum of 500",
    "digits max 65": "65 is greater than the maximum of 64",
    "voicemail max_length 1": "1 is less than the minimum of 5",
    "target with a space": "'main menu' does not match",
    "target with a backslash": "callback.yaml' does not match",
    "absolute target path": "'/etc/menus/callback.yaml' does not match",
    "target file without .yaml": "'menus/callback#book' does not match",
    "target as a number": ".next: 5 is not of type 'string'",
    "input without digits": "'digits' is a required property",
    "digits without max": "'max' is a required property",
    "bad terminator": "'0' is not one of",
    "confirm: on string": "'on' is not of type 'boolean'",
    "secret with confirm": ".confirm: False was expected",
    "store with a space": "'account number' does not match",
    "branch with schedule and variable": "does not allow 'v'",
    "branch with neither": "$.nodes.start: ",
    "branch without cases": "'cases' is a required property",
    "schedule branch with a weekend case": "'weekend' is not one of",
    "transfer with both queue and number": "does not allow '100'",
    "transfer with neither queue nor number": "$.nodes.start: ",
    "transfer number as a YAML number": ".number: 67451255 is not of type 'string'",
    "hours without closed": "'closed' is a required property",
    "max_wait without overflow": "'overflow' is a required property",
    "overflow without max_wait": "'max_wait' is a required property",
    "closed without hours": "'hours' is a required property",
    "callback offer without goto": "'goto' is a required property",
    "callback number mine": "'mine' is not one of",
    "callback confirm fax": "'fax' is not one of",
    "hangup with next": "'next' was unexpected",
    "voicemail with max_length string": "'2 minutes' is not of type 'number'",
    "extensions without patterns or lengths": "is not valid under any of the given schemas",
    "extension pattern with a letter": "'7A' does not match",
    "max_digits 0": "0 is less than the minimum of 1",
    "text mapping with a bad language code": "'english' does not match",
    "text mapping with en_GB": "'en_GB' does not match",
    "text mapping key no (false)": "'False' does not match",
    "say as a list": "is not of type 'string', 'object'",
    "audio as a number": ".audio: 5 is not of type 'string', 'object'",
    "language: no": "$.language: False is not of type 'string'",
    "languages as a string": "'en' is not of type 'array'",
    "lint with an unknown field": "'skip' was unexpected",
    "ivrkit: 2": "$.ivrkit: 1 was expected",
    'ivrkit: "1"': "$.ivrkit: 1 was expected",
    "missing name": "'name' is a required property",
    "missing entry": "'entry' is a required property",
    "missing nodes": "'nodes' is a required property",
    "entry: return": "$.entry: 'return'",
    "unknown top-level field": "'version' does not match any of the regexes",
    "node id starting with a digit": "'1st' does not match",
    "node named return": "$.nodes: 'return'",
    "unknown settings field": "'timout' was unexpected",
    "barge_in: no-string": "'no' is not of type 'boolean'",
    "key_names with key A": "'A' does not match",
    "global option key AB": "'AB' does not match",
    "bad time range 8-18": "'8-18' does not match",
    "time 25:00": "'08:00-25:00' does not match",
    "day monday": "'monday' does not match",
    "day range mon-friday": "'mon-friday' does not match",
    "schedule without timezone": "'timezone' is a required property",
    "schedule without hours": "'hours' is a required property",
    "day list with a space": "'mon, wed' does not match",
    "option template without key": "'Für {label}.' does not match",
    "closed_on in day.month.year": "'24.12.2026' does not match",
    "variable values yes/no": "True is not of type 'string'",
    "variable without values": "'values' is a required property",
}


def test_every_rejection_says_what_it_expects():
    assert set(EXPECT) == set(REJECT)


@pytest.mark.parametrize("name", REJECT)
def test_schema_rejects(validator, name):
    """Each case is well-formed YAML that differs from a valid file in one place."""
    text = REJECT[name]
    yaml.safe_load(text)  # only the schema may object
    errors = errors_of(validator, text)
    assert errors, "the schema accepts it"
    assert any(EXPECT[name] in error for error in errors), "\n".join(errors)
