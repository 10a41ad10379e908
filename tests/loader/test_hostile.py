"""Hostile and careless input to the loader (issue 10): each ends in ivrkit's own positioned message and exit 2.

Every reproducer runs the real CLI (`python -m ivrkit check`) in a new process
with a time limit, so a hang or a traceback fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ivrkit import yamlsource
from ivrkit.diagnostics import display_path
from ivrkit.loader import LoadCache, LoadError, load, loads

ROOT = Path(__file__).resolve().parent.parent.parent
MINIMAL = "ivrkit: 1\nname: t\nentry: bye\nnodes:\n  bye: {type: hangup, say: Goodbye.}\n"


def check(folder: Path, name: str) -> tuple[int, list[str]]:
    """`ivrkit check NAME` run in `folder`: exit code and the `path:line:col: error: message` lines."""
    env = {k: v for k, v in os.environ.items() if k != "IVRKIT_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "ivrkit", "check", name], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.returncode, [line for line in result.stdout.splitlines() if ": error: " in line]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".ivrkit.yaml").write_text("")
    return tmp_path


def write(project: Path, name: str, text: str | bytes) -> str:
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return name


# -- 1. ivrkit's own nesting limit ---------------------------------------------------------------

DEEP = {  # name -> (text after MINIMAL, line, col of the value that opens level 101)
    "flow-150": ("x-deep: " + "[" * 150 + "]" * 150 + "\n", 6, 108),
    "flow-60000": ("x-deep: " + "[" * 60000 + "]" * 60000 + "\n", 6, 108),
    "flow-mappings": ("x-deep: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 6, 405),
    "flow-one-per-line": ("x-deep:\n" + " [\n" * 1200 + " " + "]" * 1200 + "\n", 106, 2),
    "block-indented": (
        "x-deep:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(1200)) + " " * 1202 + "1\n",
        106,
        101,
    ),
    "block-dashes": ("x-deep:\n " + "- " * 20000 + "x\n", 7, 200),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_nesting_past_100_levels_is_ivrkits_error_at_its_place(project, name):
    text, line, col = DEEP[name]
    code, errors = check(project, write(project, "deep.yaml", MINIMAL + text))
    assert code == 2
    assert errors == [f"deep.yaml:{line}:{col}: error: the YAML is nested more than 100 levels deep"]


@pytest.mark.parametrize("loader", ["libyaml", "pure Python"])
@pytest.mark.parametrize("name", sorted(DEEP))
def test_nesting_limit_holds_with_either_parser(monkeypatch, name, loader):
    if loader == "pure Python":
        monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    text, line, col = DEEP[name]
    with pytest.raises(LoadError) as caught:
        loads(MINIMAL + text)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.span.line, diagnostic.span.col, diagnostic.message) == (
        line,
        col,
        "the YAML is nested more than 100 levels deep",
    )


def test_100_levels_are_allowed_and_aliases_count_what_they_repeat():
    loads(MINIMAL + "x-deep: " + "[" * 99 + "]" * 99 + "\n")  # with the file's mapping: 100 levels
    text = MINIMAL + "x-a: &a " + "[" * 60 + "1" + "]" * 60 + "\nx-b: " + "[" * 60 + "*a" + "]" * 60 + "\n"
    with pytest.raises(LoadError) as caught:
        loads(text)
    assert caught.value.diagnostics[0].message == "the YAML is nested more than 100 levels deep"


# -- 3. numbers too long for Python's int() -------------------------------------------------------


def test_huge_integers_in_a_menu(project):
    big = "9" * 5000
    code, errors = check(project, write(project, "m.yaml", MINIMAL + f"settings: {{timeout: {big}}}\n"))
    assert code == 2
    assert errors == [
        "m.yaml:6:21: error: `timeout` must be between 0.5 and 120 seconds, not a number of 5,000 characters"
    ]


# -- 4. audio paths --------------------------------------------------------------------------------


def with_audio(audio: str) -> str:
    return MINIMAL.replace("say: Goodbye.", f"audio: {audio}")


@pytest.mark.parametrize(
    "audio, message",
    [
        ("/etc/passwd", "`/etc/passwd` must be a relative path with `/`"),
        ("../../x.wav", "`../../x.wav` is outside the project root"),
        ('"a\\0b.wav"', "`a\\x00b.wav` contains a control character, which no file name should"),
        ("{en: sounds}", "the audio file `sounds` is not a regular file: it is a directory"),
    ],
)
def test_audio_paths_are_confined_like_targets(project, audio, message):
    (project / "sounds").mkdir()
    code, errors = check(project, write(project, "m.yaml", with_audio(audio)))
    assert code == 2
    [error] = errors
    assert error.startswith("m.yaml:5:30: error: " + message) or error.startswith("m.yaml:5:35: error: " + message)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_audio_naming_a_fifo_is_refused_without_opening_it(project):
    os.mkfifo(project / "hold.wav")
    code, errors = check(project, write(project, "m.yaml", with_audio("hold.wav")))
    assert code == 2
    assert errors == ["m.yaml:5:30: error: the audio file `hold.wav` is not a regular file: it is a named pipe (FIFO)"]


def test_a_missing_recording_is_allowed_and_a_symlink_out_of_the_project_is_not(project, tmp_path_factory):
    loads(with_audio("prompts/later.wav"), project / "m.yaml")
    outside = tmp_path_factory.mktemp("outside") / "x.wav"
    outside.write_bytes(b"RIFF")
    (project / "link.wav").symlink_to(outside)
    with pytest.raises(LoadError) as caught:
        loads(with_audio("link.wav"), project / "m.yaml")
    assert "`link.wav` is outside the project root" in caught.value.diagnostics[0].message


# -- 5. target paths the file system cannot hold --------------------------------------------------


@pytest.mark.parametrize(
    "target, message",
    [
        ('"x\\0.yaml#a"', "`x\\x00.yaml` contains a control character, which no file name should"),
        ("a" * 300 + ".yaml#a", f"the name `{'a' * 60}… (305 characters)` is longer than 255 bytes"),
    ],
)
def test_impossible_target_paths(project, target, message):
    text = MINIMAL.replace("nodes:\n", f"nodes:\n  m: {{type: message, say: hi, next: {target}}}\n")
    code, errors = check(project, write(project, "m.yaml", text))
    assert code == 2
    [error] = errors
    assert error.startswith("m.yaml:5:37: error: " + message), error


# -- 6. messages ------------------------------------------------------------------------------------


def test_control_characters_are_reported_where_they_are(project):
    code, errors = check(project, write(project, "nul.yaml", MINIMAL.replace("Good", "Go\0od")))
    assert code == 2
    assert errors == [
        "nul.yaml:5:30: error: the file contains the control character U+0000 (NUL), which YAML does not allow"
    ]
    code, errors = check(project, write(project, "bell.yaml", MINIMAL + "x-a: b\x07c\n"))
    assert errors == ["bell.yaml:6:7: error: the file contains the control character U+0007, which YAML does not allow"]


@pytest.mark.parametrize(
    "encoding, name",
    [
        ("utf-32", "UTF-32 (little-endian)"),
        ("utf-32-be", "UTF-32 (big-endian)"),
        ("utf-16-le", "UTF-16 (little-endian)"),
        ("utf-16-be", "UTF-16 (big-endian)"),
    ],
)
def test_wide_encodings_are_named(project, encoding, name):
    code, errors = check(project, write(project, "wide.yaml", MINIMAL.encode(encoding)))
    assert code == 2
    assert errors == [f"wide.yaml:1:1: error: the file is {name}, not UTF-8"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_a_menu_file_is_not_a_regular_file(project):
    os.mkfifo(project / "pipe.yaml")
    with pytest.raises(LoadError) as caught:
        load(project / "pipe.yaml")  # returns at once: never waits for a writer
    assert caught.value.diagnostics[0].message == "not a regular file: this is a named pipe (FIFO)"


def test_duplicate_keys_inside_extension_fields(project):
    code, errors = check(project, write(project, "m.yaml", MINIMAL + "x-tool:\n  a: 1\n  b: {c: 1, c: 2}\n  a: 3\n"))
    assert code == 2
    assert errors == [
        "m.yaml:8:13: error: duplicate key `c` in `x-tool` (first written at line 8, column 7)",
        "m.yaml:9:3: error: duplicate key `a` in `x-tool` (first written at line 7, column 3)",
    ]


def test_over_32_mib(project):
    with open(project / "big.yaml", "wb") as handle:
        handle.truncate(33 * 2**20)
    code, errors = check(project, "big.yaml")
    assert code == 2
    assert errors == ["big.yaml:1:1: error: the file is too large to read: 33.0 MiB, over ivrkit's limit of 32 MiB"]


# -- 7. file names that would break a line ------------------------------------------------------------


def test_display_path_spells_out_control_characters(tmp_path):
    assert display_path("menus/a\nb\x1b[31m.yaml") == "menus/a\\nb\\x1b[31m.yaml"
    assert display_path("x\udcff.yaml") == "x\\xff.yaml"  # a byte that is not UTF-8
    assert display_path("plain/äö.yaml") == "plain/äö.yaml"


def test_a_file_name_with_a_newline_and_esc_stays_on_one_line(project):
    name = write(project, "bad\nname\x1b[31m.yaml", MINIMAL + "x-a: {b: 1, b: 2}\n")
    code, errors = check(project, name)
    assert code == 2
    assert errors == [
        "bad\\nname\\x1b[31m.yaml:6:13: error: duplicate key `b` in `x-a` (first written at line 6, column 7)"
    ]


# -- 8. a call script given to `check` ----------------------------------------------------------------


def test_a_call_script_is_named_as_one(project):
    write(project, "m.yaml", MINIMAL)
    name = write(project, "m.calls.yaml", "menu: m.yaml\ncalls:\n  - name: bye\n    press: ''\n")
    code, errors = check(project, name)
    assert code == 2
    assert errors == ["m.calls.yaml:2:1: error: this is a call script for `m.yaml`; run `ivrkit test m.calls.yaml`"]


# -- 9. a chain of building blocks is read once per batch ----------------------------------------------


def test_a_load_cache_reads_each_file_once_and_gives_the_same_results(project):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from gen_chain import write_chain
    finally:
        sys.path.remove(str(ROOT / "bench"))
    main = write_chain(project / "chain", 30)
    files = sorted(p for p in (project / "chain").glob("*.yaml") if not p.name.startswith("."))
    cache = LoadCache()
    for path in files:
        with_cache, without = load(path, cache=cache), load(path)
        assert set(with_cache.files) == set(without.files) and set(with_cache.nodes) == set(without.nodes)
    assert len(cache.opened) <= 2 * len(files)
    assert set(load(main, cache=cache).files) == {f.relative_to(project / "chain").as_posix() for f in files}
    (project / "chain" / "block30.yaml").write_text(
        "ivrkit: 1\nname: b\nentry: start\nnodes:\n  start: {type: hangup, sey: x}\n"
    )
    for _ in range(2):  # a broken block is reported by every load through it, cached or not
        with pytest.raises(LoadError) as caught:
            load(project / "chain" / "block29.yaml", cache=LoadCache())
        assert [d.message for d in caught.value.diagnostics] == ["unknown field `sey` in hangup node `start`"]
