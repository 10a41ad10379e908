"""The timing model: its properties, and agreement (±15 %) with real espeak-ng speech for the examples."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivrkit import timing
from ivrkit.loader import load
from ivrkit.model import Interactive
from ivrkit.prompts import Segment, node_segments, text_in

from .conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("examples/northwind-energy.yaml", "examples/aurora-pankki.yaml", "examples/kaupunki-bilingual.yaml")
TOLERANCE = 0.15


# --- pure properties ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "language", "words"),
    [
        ("0", "en", "zero"),
        ("12", "en", "twelve"),
        ("112", "en", "one hundred and twelve"),
        ("8100", "en", "eight thousand one hundred"),
        ("1", "fi", "yksi"),
        ("18", "fi", "kahdeksantoista"),
        ("112", "fi", "sata kaksitoista"),
        ("25", "fi", "kaksikymmentäviisi"),
        ("0800", "en", "zero eight zero zero"),
    ],
)
def test_digits_are_spoken_as_words(number, language, words):
    assert timing.number_words(number, language) == words


def test_digits_count_as_their_words():
    assert timing.speech_seconds("press 7", "en") == pytest.approx(timing.speech_seconds("press seven", "en"))
    assert timing.speech_seconds("paina 1", "fi") == pytest.approx(timing.speech_seconds("paina yksi", "fi"))
    assert timing.speech_seconds("call 112", "en") > timing.speech_seconds("call 1", "en")


def test_empty_text_takes_no_time():
    assert timing.speech_seconds("", "en") == 0.0
    assert timing.speech_seconds(" ... ", "fi") == 0.0


def test_finnish_words_take_longer_than_english_ones():
    # the same message; Finnish has fewer, longer words (platform-notes.md, "Speaking time")
    en = "Connecting you to our customer service team."
    fi = "Yhdistämme sinut asiakaspalvelijalle."
    assert len(fi.split()) < len(en.split())
    assert timing.speech_seconds(fi, "fi") > 0.9 * timing.speech_seconds(en, "en")
    per_word_fi = timing.speech_seconds(fi, "fi") / len(fi.split())
    per_word_en = timing.speech_seconds(en, "en") / len(en.split())
    assert per_word_fi > 1.5 * per_word_en


def test_pauses_at_commas_and_between_sentences():
    plain = timing.speech_seconds("Sorry I did not hear a choice", "en")
    assert timing.speech_seconds("Sorry, I did not hear a choice", "en") > plain
    assert timing.speech_seconds("Sorry. I did not hear a choice", "en") > timing.speech_seconds(
        "Sorry, I did not hear a choice", "en"
    )


def test_a_faster_rate_is_shorter_in_proportion():
    text = "To report a power cut, press 2."
    at_165 = timing.speech_seconds(text, "en", 165)
    assert timing.speech_seconds(text, "en") == at_165
    assert timing.speech_seconds(text, "en", 330) == pytest.approx(at_165 / 2, rel=0.1)
    assert timing.speech_seconds(text, "en", 120) > at_165


def test_regional_and_unknown_languages_get_a_model():
    assert timing.model_for("en-GB") is timing.MODELS["en"]
    assert timing.speech_seconds("För att betala, tryck 1.", "sv") > 0


def test_segments_add_the_pause_between_options_and_refuse_unknown_text():
    span = None
    one = timing.speech_seconds("To pay your bill, press 1.", "en")
    two = timing.speech_seconds("To report a power cut, press 2.", "en")
    texts = [("To pay your bill, press 1.", "en"), ("To report a power cut, press 2.", "en")]
    assert timing.segments_seconds(texts) == pytest.approx(one + two + timing.OPTION_PAUSE)
    assert timing.OPTION_PAUSE == 0.5
    segments = [
        Segment("prompt", None, "en", span, audio="welcome.wav"),
        Segment("option", "To pay, press 1.", "en", span),
    ]
    assert timing.segments_seconds(segments) is None
    assert timing.segments_seconds([]) == 0.0


@given(st.text(max_size=200), st.sampled_from(["en", "fi", "sv", "en-GB"]), st.floats(60, 500))
def test_never_negative_and_never_raises(text, language, rate):
    seconds = timing.speech_seconds(text, language, rate)
    assert seconds >= 0.0


@given(
    st.lists(st.sampled_from(["pay", "your", "bill", "laskun", "maksaminen", "12", "press", "1,", "now."]), max_size=30)
)
def test_more_words_never_take_less_time(words):
    for language in ("en", "fi"):
        shorter = timing.speech_seconds(" ".join(words), language)
        longer = timing.speech_seconds(" ".join(words + ["pay"]), language)
        assert longer >= shorter - 1e-9


# --- against espeak-ng ------------------------------------------------------------------


def _prompts():
    """Every spoken text of the English and Finnish examples: (id, text, language, voice, rate)."""
    seen = set()
    for name in EXAMPLES:
        menuset = load(ROOT / name)
        menu_file = menuset.root
        for key, node in menuset.nodes.items():
            if node.file != menu_file.key:
                continue
            rate = node.setting("rate", menu_file.settings)
            voices = node.setting("voice", menu_file.settings)
            for language in menu_file.languages:
                texts = [(s.text, s.language) for s in node_segments(menuset, key, language) if s.text]
                if isinstance(node, Interactive):
                    for handler in node.no_input + node.no_match:
                        if handler.prompt is not None and handler.prompt.text is not None:
                            text, used, _ = text_in(handler.prompt.text, language, menu_file.language)
                            texts.append((text, used))
                for text, used in texts:
                    if (text, used, rate) not in seen:
                        seen.add((text, used, rate))
                        voice = (voices.get(used) if voices is not None else None) or used
                        yield f"{Path(name).stem}#{node.id}", text, used, voice, rate


def _wav_seconds(espeak: str, text: str, voice: str, rate: float, path: Path) -> float:
    subprocess.run(
        [espeak, "-v", voice, "-s", str(int(round(rate))), "-w", str(path), text],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_the_examples_speak_both_languages():
    languages = {language for _, _, language, _, _ in _prompts()}
    assert {"en", "fi"} <= languages


def test_estimates_match_espeak_ng_for_every_prompt_of_the_examples(tmp_path):
    espeak = require_tool("espeak-ng")
    failures, count = [], {"en": 0, "fi": 0}
    for where, text, language, voice, rate in _prompts():
        actual = _wav_seconds(espeak, text, voice, rate, tmp_path / "prompt.wav")
        estimate = timing.speech_seconds(text, language, rate)
        count[language] = count.get(language, 0) + 1
        if abs(estimate / actual - 1) > TOLERANCE:
            failures.append(f"{where} [{language}] {estimate:.2f}s vs {actual:.2f}s: {text}")
    assert count["en"] >= 30 and count["fi"] >= 30, count
    assert not failures, "\n".join(failures)


def test_a_composed_menu_prompt_matches_espeak_ng_plus_the_option_pauses(tmp_path):
    """A whole menu prompt: each piece as espeak-ng says it, with the 0.5 s pauses a player adds."""
    espeak = require_tool("espeak-ng")
    for name, key, language in (
        ("examples/northwind-energy.yaml", "main", "en"),
        ("examples/aurora-pankki.yaml", "paavalikko", "fi"),
    ):
        menuset = load(ROOT / name)
        segments = node_segments(menuset, key, language)
        actual = sum(_wav_seconds(espeak, s.text, s.language, 165, tmp_path / "p.wav") for s in segments)
        actual += timing.OPTION_PAUSE * (len(segments) - 1)
        assert timing.segments_seconds(segments, 165) == pytest.approx(actual, rel=TOLERANCE)
