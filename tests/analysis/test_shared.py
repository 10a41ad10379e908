"""analysis.shared: values computed once per menu set, never keeping menu sets alive without bound."""

from __future__ import annotations

from ivrkit.analysis import shared
from ivrkit.analysis.shared import STRONG_KEPT, per_menuset, reference
from ivrkit.loader import loads

MENU = """\
ivrkit: 1
name: Shared
language: en
entry: bye
nodes:
  bye: {type: hangup, say: Goodbye.}
"""


def test_built_once_per_menu_set_and_name():
    menuset = loads(MENU)
    built = []

    def build(which):
        built.append(which)
        return object()

    first = per_menuset(menuset, "test.value", build)
    assert per_menuset(menuset, "test.value", build) is first
    assert per_menuset(menuset, "test.other", build) is not first
    assert built == [menuset, menuset]


def test_reference_leads_back_to_the_menu_set():
    menuset = loads(MENU)
    assert reference(menuset)() is menuset


def test_menu_sets_without_weak_references_are_kept_only_among_the_last_few():
    menusets = [loads(MENU) for _ in range(STRONG_KEPT + 5)]
    for menuset in menusets:
        per_menuset(menuset, "test.bounded", lambda m: 1)
    kept = [m for m in menusets if id(m) in shared._VALUES]
    try:
        import weakref

        weakref.ref(menusets[0])
    except TypeError:
        assert kept == menusets[-STRONG_KEPT:]
    else:
        assert kept == menusets  # all alive here; each entry goes with its menu set
