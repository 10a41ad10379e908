"""What the loader builds from valid menus: the model, its spans, references and extension fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivrkit.loader import LoadError, find_project_root, load, loads
from ivrkit.model import InputNode, MenuNode, MessageNode, TransferNode

MENU = """\
ivrkit: 1
name: Test line
language: en
languages: [en, fi]
entry: main
settings:
  timeout: 7
  fallback: agent
x-sorry: &sorry
  say: {en: Sorry?, fi: Anteeksi?}
global_options:
  "0": {label: {en: speak with an agent, fi: asiakaspalvelu}, goto: agent}
  "*": {label: {en: hear these options again, fi: valikko uudelleen}, action: repeat}
nodes:
  main:
    type: menu
    say: {en: How can we help?, fi: Miten voimme auttaa?}
    options:
      1: {label: {en: pay your bill, fi: laskun maksu}, goto: account, share: 0.6}
      "#": {label: {en: go back, fi: takaisin}, action: back, announce: false}
    extensions: {min: 4, max: 4, goto: dial}
    global_options: ["0"]
    no_input: *sorry
    no_match:
      - *sorry
      - say: {en: Please press 1 or 0., fi: Paina 1 tai 0.}
    retries: 3
  account:
    type: input
    say: {en: Enter your account number., fi: Näppäile asiakasnumerosi.}
    digits: {min: 6, max: 8}
    store: account_number
    confirm: true
    next: agent
  dial:
    type: transfer
    number: "{extension}"
    person: true
  agent:
    type: transfer
    queue: general
    audio: prompts/connecting.wav
"""


@pytest.fixture()
def menuset():
    return loads(MENU, "examples/test.yaml")


def test_nodes_and_types(menuset):
    assert list(menuset.nodes) == ["main", "account", "dial", "agent"]
    assert isinstance(menuset.nodes["main"], MenuNode)
    assert isinstance(menuset.nodes["account"], InputNode)
    assert isinstance(menuset.nodes["agent"], TransferNode)
    assert menuset.entry == "main"
    assert menuset.root.languages == ("en", "fi")


def test_spans_are_one_based_and_exact(menuset):
    main = menuset.nodes["main"]
    assert (main.span.line, main.span.col) == (15, 3)
    option = main.options[0]
    assert option.key == "1"
    assert (option.key_span.line, option.key_span.col) == (19, 7)
    assert (option.goto.span.line, option.goto.span.col) == (19, 63)
    assert option.label.get("fi") == "laskun maksu"
    assert (option.label.span.line, option.label.span.col) == (19, 18)


def test_settings_and_overrides(menuset):
    main, account = menuset.nodes["main"], menuset.nodes["account"]
    settings = menuset.settings_of(main)
    assert main.setting("timeout", settings) == 7
    assert main.setting("retries", settings) == 3
    assert account.setting("retries", settings) == 2
    assert settings.fallback.node_key == "agent"
    assert settings.option_templates["fi"] == "{Label}: paina {key}."


def test_options_handlers_and_aliases(menuset):
    main = menuset.nodes["main"]
    keys = [option.key for option in menuset.file_of(main).options_of(main)]
    assert keys == ["1", "#", "0"]  # `*` is not kept by `global_options: ["0"]`
    assert main.options[1].announce is False
    assert main.options[1].action == "back"
    assert [h.prompt.text.get("fi") for h in main.no_match] == ["Anteeksi?", "Paina 1 tai 0."]
    assert main.no_input[0].prompt.text.get("en") == "Sorry?"
    assert main.extensions[:2] == (4, 4)


def test_routes(menuset):
    kinds = sorted((r.kind, r.key, r.target.node_key if r.target else r.action) for r in menuset.routes("main"))
    assert kinds == [
        ("action", "#", "back"),
        ("extension", "4 digits", "dial"),
        ("fallback", None, "agent"),
        ("global-option", "0", "agent"),
        ("option", "1", "account"),
    ]


def test_audio_without_transcript_is_unknown(menuset):
    prompt = menuset.nodes["agent"].prompt
    assert prompt.known is False
    assert prompt.audio.get("en") == "prompts/connecting.wav"
    assert menuset.nodes["main"].prompt.known is True


def test_input_fields(menuset):
    account = menuset.nodes["account"]
    assert (account.min_digits, account.max_digits, account.terminator) == (6, 8, "#")
    assert account.confirm is True and account.secret is False and account.store == "account_number"


def test_model_is_immutable(menuset):
    with pytest.raises(AttributeError):
        menuset.nodes["main"].retries = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        menuset.nodes["extra"] = None  # type: ignore[index]


def test_keys_are_strings_whatever_yaml_says():
    text = MENU.replace("      1: {label", "      1000: {label")
    keys = [o.key for o in loads(text).nodes["main"].options]
    assert keys == ["1000", "#"]


def test_cross_file_references_with_then_and_return(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    blocks = tmp_path / "menus"
    blocks.mkdir()
    (blocks / "ask.yaml").write_text(
        "ivrkit: 1\nname: Ask\nentry: ask\nnodes:\n"
        "  ask: {type: input, say: Enter it., digits: {max: 4}, next: thanks}\n"
        "  thanks: {type: message, say: Thanks., next: return}\n"
    )
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "main.yaml").write_text(
        "ivrkit: 1\nname: Main\nentry: start\nnodes:\n"
        "  start: {type: message, say: Hello., next: ../menus/ask.yaml, then: bye}\n"
        "  bye: {type: hangup, say: Goodbye.}\n"
    )
    menuset = load(examples / "main.yaml")
    assert set(menuset.nodes) == {"start", "bye", "menus/ask.yaml#ask", "menus/ask.yaml#thanks"}
    start = menuset.nodes["start"]
    assert isinstance(start, MessageNode)
    assert start.next.node_key == "menus/ask.yaml#ask"
    assert start.then.node_key == "bye"
    thanks = menuset.nodes["menus/ask.yaml#thanks"]
    assert thanks.next.is_return and thanks.next.node_key is None
    assert thanks.file == "menus/ask.yaml"
    assert menuset.project_root == str(tmp_path.resolve())


def test_project_root_markers(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / ".ivrkit.yaml").write_text("")
    assert find_project_root(tmp_path / "a" / "b" / "m.yaml") == (tmp_path / "a").resolve()


def test_explicit_root_limits_references(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "shared.yaml").write_text("ivrkit: 1\nname: s\nentry: x\nnodes:\n  x: {type: hangup}\n")
    (tmp_path / "sub").mkdir()
    menu = tmp_path / "sub" / "m.yaml"
    menu.write_text("ivrkit: 1\nname: m\nentry: a\nnodes:\n  a: {type: message, say: hi, next: ../shared.yaml}\n")
    assert load(menu).nodes["a"].next.node_key == "shared.yaml#x"
    with pytest.raises(LoadError) as caught:
        load(menu, root=tmp_path / "sub")
    assert "is outside the project root" in caught.value.diagnostics[0].message


def test_shipped_menus_load():
    root = Path(__file__).resolve().parent.parent.parent
    files = sorted((root / "examples").rglob("*.yaml")) + sorted((root / "menus").glob("*.yaml"))
    files = [
        f
        for f in files
        if not f.name.endswith((".calls.yaml", ".goals.yaml")) and "ci" not in f.relative_to(root).parts
    ]
    assert len(files) >= 7
    for file in files:
        menuset = load(file)
        assert menuset.nodes, file


def test_the_complete_example_of_the_format_reference_loads(tmp_path):
    doc = (Path(__file__).resolve().parent.parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    menuset = loads(example, tmp_path / "example.yaml", root=tmp_path)
    assert menuset.root.name == "Northwind Energy customer line"
    assert {node.type for node in menuset.nodes.values()} >= {
        "menu",
        "message",
        "input",
        "transfer",
        "callback",
        "voicemail",
    }


def test_model_objects_are_slotted_dataclasses_compared_and_hashed_by_fields(menuset):
    import dataclasses

    from ivrkit.model import Option, Span

    span = Span("m.yaml", 1, 1, 1, 2)
    option = Option("1", span, span)
    assert not hasattr(option, "__dict__")
    assert option == Option("1", span, span) and hash(option) == hash(Option("1", span, span))
    assert option != Option("2", span, span)
    assert dataclasses.replace(option, key="2").key == "2" and option.key == "1"
    node = menuset.nodes[menuset.entry]
    assert [f.name for f in dataclasses.fields(node)][:4] == ["id", "key", "file", "span"]
    assert dataclasses.replace(node) == node and hash(dataclasses.replace(node)) == hash(node)


def test_the_type_checker_refuses_an_assignment_to_a_model_field(tmp_path):
    """The model is read-only by contract: mypy (run on the core in CI) reports any assignment."""
    import subprocess
    import sys

    pytest.importorskip("mypy")
    script = tmp_path / "assign.py"
    script.write_text(
        "from ivrkit.model import Option, Span\nspan = Span('m.yaml', 1, 1, 1, 2)\nOption('1', span, span).key = '2'\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent", str(script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 'assign.py:3: error: Property "key" defined in "Option" is read-only' in result.stdout


def test_a_load_leaves_no_reference_cycles():
    """The cyclic GC is paused while files load: a cycle would keep a file's composed YAML alive until it runs."""
    import gc

    example = Path(__file__).resolve().parent.parent.parent / "examples" / "northwind-energy.yaml"
    load(example)  # imports and module-level caches first
    gc.collect()
    gc.disable()
    try:
        menuset = load(example)
        del menuset
        assert gc.collect() == 0
    finally:
        gc.enable()
