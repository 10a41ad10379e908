"""The speakers that make no sound: `SilentSpeaker` (--mute, no audio) and `RecordingSpeaker` (tests)."""

from __future__ import annotations

from ivrkit.speech import Speaker, make_speaker
from ivrkit.speech.null import RecordingSpeaker, SilentSpeaker


def test_both_implement_the_speaker_protocol():
    assert isinstance(SilentSpeaker(), Speaker)
    assert isinstance(RecordingSpeaker(), Speaker)
    assert isinstance(make_speaker("silent"), SilentSpeaker)
    assert isinstance(make_speaker("recording"), RecordingSpeaker)


def test_silent_speaker_finishes_every_segment_at_once_and_says_why_it_is_silent():
    speaker = SilentSpeaker(reason="no audio device: prompts are shown, not spoken")
    done = []
    speaker.say("Welcome.", "en", rate=165, on_done=done.append)
    speaker.say("No callback.", "en", rate=165)
    speaker.stop()
    speaker.close()
    assert done == [True]
    assert speaker.available is False
    assert speaker.reason == "no audio device: prompts are shown, not spoken"
    assert SilentSpeaker().reason == "muted"


def test_recording_speaker_keeps_what_was_said_until_the_test_finishes_it():
    speaker = RecordingSpeaker()
    done = []
    speaker.say("Welcome to Northwind.", "en", rate=165, voice="gmw/en", on_done=done.append)
    assert speaker.current.text == "Welcome to Northwind."
    assert (speaker.current.language, speaker.current.rate, speaker.current.voice) == ("en", 165, "gmw/en")
    assert done == []
    speaker.finish()
    assert done == [True]
    assert speaker.current is None
    assert speaker.said[0].finished and not speaker.said[0].stopped


def test_recording_speaker_stop_and_a_newer_say_end_the_current_segment_as_not_completed():
    speaker = RecordingSpeaker()
    events = []
    speaker.say("First.", "en", rate=165, on_done=lambda completed: events.append(("first", completed)))
    speaker.say("Toinen.", "fi", rate=165, on_done=lambda completed: events.append(("second", completed)))
    assert events == [("first", False)]
    assert speaker.current.text == "Toinen."
    speaker.stop()
    assert events == [("first", False), ("second", False)]
    assert [u.stopped for u in speaker.said] == [True, True]
    assert speaker.texts == ["First.", "Toinen."]
    speaker.stop()  # nothing playing: no callback; `stops` counts every stop, also the one in each say()
    assert len(events) == 2 and speaker.stops == 4
    speaker.close()
    assert speaker.closed


def test_recording_speaker_auto_finish_completes_each_segment():
    speaker = RecordingSpeaker(auto_finish=True)
    done = []
    speaker.say("One.", "en", rate=165, on_done=done.append)
    speaker.say("Two.", "en", rate=165, on_done=done.append)
    assert done == [True, True]
    assert speaker.current is None


def test_on_word_is_accepted_by_every_speaker_and_the_recording_speaker_can_fire_it():
    words = []
    SilentSpeaker().say("Press one.", "en", rate=165, on_word=lambda *w: words.append(w))
    speaker = RecordingSpeaker()
    speaker.say("Press one.", "en", rate=165, on_word=lambda *w: words.append(w))
    speaker.word(0, 0, 5)
    speaker.word(1, 6, 3)
    speaker.stop()
    speaker.word(2, 10, 1)  # nothing is being said any more
    assert words == [(0, 0, 5), (1, 6, 3)]
