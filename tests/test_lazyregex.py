"""compiled_on_first_need compiles its pattern on the first call, once, with its flags."""

from __future__ import annotations

import marshal
import re
from array import array
from pathlib import Path

import pytest

from ivrkit import lazyregex
from ivrkit.lazyregex import compiled_on_first_need


def test_the_pattern_is_compiled_on_the_first_call_only(monkeypatch):
    compiled = []
    real = re.compile

    def counting(pattern, flags=0):
        compiled.append((pattern, flags))
        return real(pattern, flags)

    monkeypatch.setattr(lazyregex.re, "compile", counting)
    word = compiled_on_first_need(r"[a-z]+", re.IGNORECASE)
    assert compiled == []
    first = word()
    assert word() is first
    assert compiled == [(r"[a-z]+", re.IGNORECASE)]
    assert first.fullmatch("ABC") is not None


# The snapshot of compiled patterns (`install_snapshot`): only ever exactly what `re` would compile.

PATTERNS = [
    (r"(?P<key>[0-9]+|\*|#)\s*(?:for|to)\b", 0),
    (r"\bstill there\b", re.IGNORECASE),
    ("[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd]", 0),
    (rb"[\x80-\xff]", 0),
]


@pytest.fixture
def clean_cache(monkeypatch):
    monkeypatch.setattr(re, "_cache", {})  # a plain dict, without what an earlier install holds for later
    yield


def _fresh(pattern, flags=0):
    return re._compiler.compile(pattern, flags)


def _as_re_compiles(patterns):
    """Whether `re.compile` gives, for each pattern, what `re` compiles from its text (from a snapshot or not)."""
    for pattern, flags in patterns:
        compiled, fresh = re.compile(pattern, flags), _fresh(pattern, flags)
        if compiled != fresh or (compiled.groups, compiled.groupindex) != (fresh.groups, fresh.groupindex):
            return False
    return True


def _write(path, key, patterns):
    entries = [lazyregex.snapshot_entry(pattern, flags) for pattern, flags in patterns]
    path.write_bytes(lazyregex.snapshot_bytes(key, entries))
    return path


def _entries(*patterns):
    return [list(lazyregex.snapshot_entry(pattern, flags)) for pattern, flags in patterns]


def test_installed_patterns_are_those_re_compiles(tmp_path, clean_cache, monkeypatch):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    assert lazyregex.install_snapshot(str(snapshot)) == len(PATTERNS)
    with monkeypatch.context() as patch:
        patch.setattr(re._compiler, "compile", lambda *_: pytest.fail("compiled, not taken from the snapshot"))
        installed_patterns = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    for (pattern, flags), installed in zip(PATTERNS, installed_patterns):
        assert re._cache[type(pattern), pattern, int(flags)] is installed  # taken from the snapshot
        fresh = re._compiler.compile(pattern, flags)
        assert installed == fresh  # Pattern equality compares the flags and the compiled program
        assert (installed.flags, installed.groups, installed.groupindex) == (
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )
    assert re.compile(PATTERNS[0][0]).search("press 3 for billing").group("key") == "3"
    assert re.compile(PATTERNS[1][0], re.IGNORECASE).search("Are you STILL THERE?")


def test_a_snapshot_is_installed_once_per_process(tmp_path, clean_cache):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    assert lazyregex.install_snapshot(str(snapshot)) == len(PATTERNS)
    re.purge()
    assert lazyregex.install_snapshot(str(snapshot)) == 0  # `python -m ivrkit` and `entry` both ask for it
    assert re._cache == {}


def test_a_snapshot_of_another_interpreter_is_ignored_whole(tmp_path, clean_cache):
    key = list(lazyregex.interpreter_key())
    key[0] = "3.11.0 (another build)"
    snapshot = _write(tmp_path / "s", tuple(key), PATTERNS)
    assert lazyregex.install_snapshot(str(snapshot)) == 0
    assert re._cache == {}


def test_a_missing_or_damaged_snapshot_installs_nothing(tmp_path, clean_cache):
    assert lazyregex.install_snapshot(str(tmp_path / "missing")) == 0
    (tmp_path / "damaged").write_bytes(b"\x00not marshal")
    assert lazyregex.install_snapshot(str(tmp_path / "damaged")) == 0
    (tmp_path / "shape").write_bytes(marshal.dumps([1, 2, 3]))
    assert lazyregex.install_snapshot(str(tmp_path / "shape")) == 0
    assert re._cache == {}


def _short_entry():
    entries = _entries(*PATTERNS)
    entries[1] = entries[1][:4]
    return entries


def _field(index, value, entry=0):
    entries = _entries(*PATTERNS)
    entries[entry][index] = value
    return entries


def _words(*words):
    return array("I", words).tobytes()


# Damage the installing notices: none of the file is used.
MALFORMED = {
    "entries an int": 7,
    "entries a string": "abc",
    "a short entry": _short_entry(),
    "an entry an int": [*_entries(*PATTERNS)[:2], 5],
    "code a list": _field(3, [1, 2, 3]),
    "code a string": _field(3, "code"),
    "a pattern not a string": _field(0, 12),
    "flags not a number": _field(1, "i"),
}
# Damage only `_sre` notices, when `re` first asks for the pattern: `re` compiles that one as usual.
REFUSED = {
    "code [999999]": _field(3, _words(999999), entry=2),
    "code cut short": _field(3, _entries(*PATTERNS)[2][3][:12], entry=2),
    "code not whole words": _field(3, b"\x01\x02\x03", entry=2),
    "groups too many": _field(4, 2**70),
    "groupindex not a mapping": _field(5, [1, 2]),
    "indexgroup not a tuple": _field(6, 5),
    "flags of the program a string": _field(2, "x"),
}


@pytest.mark.parametrize("damage", MALFORMED)
def test_a_snapshot_with_a_malformed_entry_installs_nothing(tmp_path, clean_cache, damage):
    snapshot = tmp_path / "s"
    snapshot.write_bytes(lazyregex.snapshot_bytes(lazyregex.interpreter_key(), MALFORMED[damage]))
    assert lazyregex.install_snapshot(str(snapshot)) == 0
    assert type(re._cache) is dict and re._cache == {}
    assert _as_re_compiles(PATTERNS)


@pytest.mark.parametrize("damage", REFUSED)
def test_a_program_sre_refuses_is_compiled_as_usual(tmp_path, clean_cache, damage):
    """Whatever a damaged program makes `_sre.compile` raise (TypeError, ValueError, RuntimeError "invalid SRE
    code", OverflowError, ...), `re.compile` gives what it gives without a snapshot."""
    snapshot = tmp_path / "s"
    snapshot.write_bytes(lazyregex.snapshot_bytes(lazyregex.interpreter_key(), REFUSED[damage]))
    assert lazyregex.install_snapshot(str(snapshot)) == len(PATTERNS)
    assert _as_re_compiles(PATTERNS)


def test_a_snapshot_that_runs_out_of_memory_leaves_the_pattern_to_re(tmp_path, clean_cache, monkeypatch):
    import _sre

    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    real, calls, fresh = _sre.compile, [], _fresh(*PATTERNS[0])

    def exhausted_once(*args):
        calls.append(args[0])
        if len(calls) == 1:
            raise MemoryError
        return real(*args)

    monkeypatch.setattr(_sre, "compile", exhausted_once)
    assert lazyregex.install_snapshot(str(snapshot)) == len(PATTERNS)
    assert re.compile(*PATTERNS[0]) == fresh
    assert calls == [PATTERNS[0][0], PATTERNS[0][0]]  # the snapshot's program, then re's own compile


def test_a_snapshot_whose_bytes_changed_is_ignored_whole(tmp_path, clean_cache):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    data = bytearray(snapshot.read_bytes())
    where = data.index(b"billing") if b"billing" in data else data.index(b"still there")
    data[where] ^= 0x01  # a pattern's text, still valid marshal: only the checksum tells
    snapshot.write_bytes(bytes(data))
    assert lazyregex.install_snapshot(str(snapshot)) == 0
    assert not lazyregex.snapshot_applies(str(snapshot))
    assert re._cache == {}


def test_a_snapshot_applies_when_it_is_intact_and_this_interpreters(tmp_path):
    assert lazyregex.snapshot_applies(str(_write(tmp_path / "mine", lazyregex.interpreter_key(), PATTERNS)))
    other = ("3.11.0 (another build)", *lazyregex.interpreter_key()[1:])
    assert not lazyregex.snapshot_applies(str(_write(tmp_path / "other", other, PATTERNS)))
    assert not lazyregex.snapshot_applies(str(tmp_path / "missing"))


@pytest.mark.parametrize(
    ("argv", "command"),
    [(["lint", "x.yaml"], "lint"), (["--color", "never", "lint"], "never"), (["--version"], None), ([], None)],
)
def test_the_snapshot_is_installed_for_a_command_only(monkeypatch, argv, command):
    installed = []
    monkeypatch.setattr(lazyregex, "install_snapshot", lambda: installed.append(True) or 1)
    assert lazyregex.install_for(argv) == command
    assert installed == ([True] if command else [])


def test_a_pattern_already_compiled_is_left_and_the_cache_is_not_overfilled(tmp_path, clean_cache, monkeypatch):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    first = re.compile(*PATTERNS[0])
    monkeypatch.setattr(re, "_MAXCACHE", 3)
    assert lazyregex.install_snapshot(str(snapshot)) == 3  # the first is there already
    assert re.compile(*PATTERNS[0]) is first
    for pattern, flags in PATTERNS[1:]:
        re.compile(pattern, flags)
        assert len(re._cache) <= 3
    assert list(re._cache) == [(type(pattern), pattern, flags) for pattern, flags in PATTERNS[1:]]  # oldest out


def test_patterns_a_snapshot_would_change_are_left_to_re():
    assert lazyregex.snapshot_entry("a", re.DEBUG) is None  # re prints the program
    assert lazyregex.snapshot_entry(rb"a", re.LOCALE) is None
    assert lazyregex.snapshot_entry("[[a]") is None  # FutureWarning: possible nested set
    assert lazyregex.snapshot_entry("[a]") is not None


def _shipped():
    if not lazyregex.snapshot_applies():
        pytest.skip("the shipped snapshot was written by another interpreter build (and is ignored by it)")
    _, _, payload = marshal.loads(Path(lazyregex.SNAPSHOT).read_bytes())
    return marshal.loads(payload)


def test_the_shipped_snapshot_holds_what_re_compiles_from_the_patterns():
    import _sre

    entries = _shipped()
    assert len(entries) > 200
    for pattern, flags, compiled_flags, program, groups, groupindex, indexgroup in entries:
        code = memoryview(program).cast("I").tolist()
        installed = _sre.compile(pattern, compiled_flags, code, groups, groupindex, indexgroup)
        fresh = re._compiler.compile(pattern, flags)
        assert installed == fresh, pattern  # Pattern equality compares the flags and the compiled program
        assert (installed.flags, installed.groups, installed.groupindex) == (
            fresh.flags,
            fresh.groups,
            fresh.groupindex,
        )


def test_the_shipped_snapshot_holds_no_path_of_the_checkout_that_wrote_it():
    """A pattern made from an absolute path (a configuration's exclude glob) would make the file differ per
    clone and `scripts/build_regex_snapshot.py --check` fail in every other one."""
    root = str(Path(__file__).resolve().parents[1])
    held = [pattern for pattern, *_ in _shipped() if root in str(pattern) or re.escape(root) in str(pattern)]
    assert held == []
