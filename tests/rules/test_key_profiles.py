"""The locale key profiles of the key rules are complete data for every locale the config accepts."""

from __future__ import annotations

from ivrkit.lint.config import LOCALES
from ivrkit.rules.keys import PROFILES

MEANINGS = {"person", "navigation", "end", "language", "business"}


def test_every_locale_has_a_profile():
    assert set(LOCALES) <= set(PROFILES)


def test_profiles_are_well_formed():
    for name, profile in PROFILES.items():
        assert profile.name == name and profile.note
        assert profile.person == "0"  # us, eu and fi all reach a person with 0
        assert profile.meanings["0"] == {"person"}
        assert profile.meanings["*"] == profile.meanings["#"] == {"navigation"}
        for key, meanings in profile.meanings.items():
            assert key in "0123456789*#" and meanings <= MEANINGS


def test_nine_is_only_fixed_where_a_source_fixes_it():
    assert PROFILES["eu"].meanings["9"] == {"end"}  # ISO/IEC 13714 summaries, AS/NZS 4263
    assert "9" not in PROFILES["us"].meanings  # ACIxD: "no real standards"
    assert "9" not in PROFILES["fi"].meanings  # no Finnish source found
