"""compiled_on_first_need compiles its pattern on the first call, once, with its flags."""

from __future__ import annotations

import marshal
import re
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
def clean_cache():
    re.purge()
    yield
    re.purge()


def _write(path, key, patterns):
    entries = [lazyregex.snapshot_entry(pattern, flags) for pattern, flags in patterns]
    path.write_bytes(marshal.dumps((key, entries)))
    return path


def test_installed_patterns_are_those_re_compiles(tmp_path, clean_cache):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    assert lazyregex.install_snapshot(str(snapshot)) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        installed = re.compile(pattern, flags)
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


def test_a_pattern_already_compiled_is_left_and_the_cache_is_not_overfilled(tmp_path, clean_cache, monkeypatch):
    snapshot = _write(tmp_path / "s", lazyregex.interpreter_key(), PATTERNS)
    first = re.compile(*PATTERNS[0])
    monkeypatch.setattr(re, "_MAXCACHE", 3)
    assert lazyregex.install_snapshot(str(snapshot)) == 1  # room for two; the first is there already
    assert re.compile(*PATTERNS[0]) is first
    assert len(re._cache) == 2


def test_patterns_a_snapshot_would_change_are_left_to_re():
    assert lazyregex.snapshot_entry("a", re.DEBUG) is None  # re prints the program
    assert lazyregex.snapshot_entry(rb"a", re.LOCALE) is None
    assert lazyregex.snapshot_entry("[[a]") is None  # FutureWarning: possible nested set
    assert lazyregex.snapshot_entry("[a]") is not None


def test_the_shipped_snapshot_is_what_this_interpreter_compiles_from_the_patterns():
    key, entries = marshal.loads(Path(lazyregex.SNAPSHOT).read_bytes())
    if key != lazyregex.interpreter_key():
        pytest.skip("the shipped snapshot was written by another interpreter build (and is ignored by it)")
    assert len(entries) > 50
    for entry in entries:
        assert entry == lazyregex.snapshot_entry(entry[0], entry[1])
