"""speech.base: the types every backend shares, defined once below the package (no import cycle)."""

from __future__ import annotations

import ivrkit.speech as speech
from ivrkit.speech import base
from ivrkit.speech.null import RecordingSpeaker, SilentSpeaker


def test_the_package_gives_the_types_of_speech_base():
    assert speech.Speaker is base.Speaker
    assert speech.DoneCallback is base.DoneCallback and speech.WordCallback is base.WordCallback


def test_the_null_speakers_are_speakers():
    assert isinstance(SilentSpeaker(), base.Speaker)
    assert isinstance(RecordingSpeaker(), base.Speaker)
    assert isinstance(speech.make_speaker("silent"), base.Speaker)
