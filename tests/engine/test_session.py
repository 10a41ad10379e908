"""The call session: every rule of the format, on small menus, with a simple fixed duration model.

Durations here are 0.5 s per word so the expected clock values can be worked
out by hand; the real timing model is tested on its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ivrkit.engine import (
    Arrive,
    CallbackEvent,
    DigitsEntered,
    Fallback,
    HangupEvent,
    InvalidKey,
    KeyIgnored,
    KeysComplete,
    LanguageChanged,
    Listen,
    NoInput,
    Press,
    Session,
    Speak,
    SpeechCut,
    TransferEvent,
    VoicemailEvent,
)
from ivrkit.loader import loads


def half_second_per_word(segment, rate):
    return 0.0 if segment.text is None else 0.5 * len(segment.text.split())


MENU = """\
ivrkit: 1
name: t
language: en
languages: [en, fi]
entry: main
settings: {timeout: 5, inter_digit_timeout: 2, retries: 2, fallback: agent}
global_options:
  "0": {label: {en: speak with an agent, fi: asiakaspalvelu}, goto: agent}
  "*": {label: {en: go back, fi: takaisin}, action: back}
schedules:
  office: {timezone: Europe/Helsinki, hours: {mon-fri: "08:00-16:00"}, closed_on: ["2026-12-24"]}
nodes:
  main:
    type: menu
    say: {en: Main menu., fi: Päävalikko.}
    options:
      "1": {label: {en: pay a bill, fi: laskun maksu}, goto: billing}
      "2": {label: {en: suomeksi, fi: suomeksi}, language: fi, action: repeat}
      "3": {label: {en: enter your number, fi: numero}, goto: number}
      "4": {label: {en: hours, fi: aukiolo}, goto: hours}
      "5000": {label: {en: the boss, fi: pomo}, goto: agent, announce: false}
    no_input:
      - say: {en: Sorry?, fi: Anteeksi?}
      - say: {en: Please press a key now., fi: Paina näppäintä nyt.}
    no_match: {say: {en: Not an option., fi: Ei käytössä.}}
  billing:
    type: menu
    say: {en: Billing., fi: Laskutus.}
    options:
      "1": {label: {en: hear your balance, fi: saldo}, goto: bye}
      "9": {label: {en: main menu, fi: päävalikko}, action: top}
    barge_in: false
  number:
    type: input
    say: {en: Enter four digits then hash., fi: Näppäile neljä numeroa.}
    digits: {min: 4, max: 6, terminator: "#"}
    store: account
    confirm: true
    next: bye
  hours:
    type: branch
    schedule: office
    cases: {open: agent, closed: closed, holiday: holiday}
  closed:
    type: voicemail
    say: {en: We are closed. Leave a message., fi: Olemme kiinni.}
  holiday:
    type: hangup
    say: {en: Happy holidays., fi: Hyvää joulua.}
  agent:
    type: transfer
    queue: general
    say: {en: Connecting you., fi: Yhdistän.}
    hours: office
    closed: closed
    announce_wait: true
    max_wait: 300
    overflow: book
    callback: {offer_after: 60, goto: book}
    busy: bye
  book:
    type: callback
    confirm: sms
    say: {en: We will call you back today., fi: Soitamme tänään.}
  bye:
    type: hangup
    say: {en: Goodbye., fi: Näkemiin.}
"""

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0)


def session(text: str = MENU, **kwargs) -> Session:
    kwargs.setdefault("at", MONDAY_NOON)
    call = Session(loads(text, "menu.yaml"), duration=half_second_per_word, **kwargs)
    return call


def started(**kwargs) -> tuple[Session, list]:
    call = session(**kwargs)
    return call, call.start()


def spoken(events) -> list[str]:
    return [e.text for e in events if isinstance(e, Speak)]


def test_start_speaks_the_prompt_and_the_composed_options_then_listens():
    call, events = started()
    assert spoken(events) == [
        "Main menu.",
        "To pay a bill, press 1.",
        "Suomeksi: paina 2.",  # a language option is announced in its own language
        "To enter your number, press 3.",
        "To hours, press 4.",
        "To speak with an agent, press 0.",
        "To go back, press star.",
    ]
    listen = events[-1]
    assert isinstance(listen, Listen) and listen.expecting == "menu" and listen.timeout == 5
    # 2 + 6+3+6+4+7+5 words at 0.5 s, plus 0.5 s after each of the six options
    assert listen.at == pytest.approx(1.0 + 15.5 + 3.0)
    assert call.waiting and not call.ended


def test_pressing_after_the_prompt_moves_on():
    call, _ = started()
    events = call.press("1")
    assert isinstance(events[1], Arrive) and events[1].node == "billing" and events[1].key == "1"
    assert events[0].at == pytest.approx(19.5)


def test_barge_in_cuts_speech_and_counts_only_what_was_heard():
    call, _ = started()
    events = call.press("1", after=2.0)
    assert isinstance(events[0], SpeechCut) and events[0].heard == 2.0 and events[0].at == 2.0
    assert events[2].node == "billing" and events[2].at == 2.0
    assert call.clock == 2.0


def test_keys_are_ignored_during_a_prompt_without_barge_in():
    call, _ = started()
    call.press("1")
    events = call.press("1", after=0.5)
    assert [type(e) for e in events] == [KeyIgnored]
    events = call.press("1")
    assert any(isinstance(e, Arrive) and e.node == "bye" for e in events)


def test_silence_escalates_then_falls_back():
    call, _ = started()
    first = call.wait()
    assert isinstance(first[0], NoInput) and first[0].attempt == 1
    assert first[0].at == pytest.approx(19.5 + 5)
    assert spoken(first)[0] == "Sorry?"
    second = call.wait()
    assert spoken(second)[0] == "Please press a key now."
    third = call.wait()
    assert [type(e) for e in third[:2]] == [NoInput, Fallback]
    assert third[1].target == "agent"
    assert call.ended and isinstance(third[-1], TransferEvent)


def test_wrong_key_is_a_no_match_with_its_handler():
    call, _ = started()
    events = call.press("7")
    assert isinstance(events[1], InvalidKey) and events[1].keys == "7"
    assert spoken(events)[:2] == ["Not an option.", "Main menu."]
    assert isinstance(events[-1], Listen) and events[-1].attempt == 2


def test_a_key_that_starts_a_longer_key_waits_for_the_inter_digit_timeout():
    call = session(MENU.replace('"5000"', '"1000"'))
    call.start()
    assert [type(e).__name__ for e in call.press("1")] == ["Press"]  # it could still become 1000
    events = call.wait()
    assert events[0] == KeysComplete(19.5 + 2, "main", "1", 2)  # the wait is shown, then the option taken
    assert isinstance(events[1], Arrive) and events[1].node == "billing"
    assert events[1].at == pytest.approx(19.5 + 2)  # the caller waited out the inter-digit timeout
    call, _ = started()
    assert [type(e).__name__ for e in call.press("500")] == ["Press", "Press", "Press"]
    events = call.wait()[1:]
    assert isinstance(events[0], InvalidKey) and events[0].keys == "500"
    assert events[0].at == pytest.approx(19.5 + 0.4 + 2)


def test_multi_digit_key():
    call, _ = started()
    events = call.press("5000")
    assert any(isinstance(e, TransferEvent) for e in events)


def test_global_options_back_and_top():
    call, _ = started()
    call.press("1")
    events = call.press("*")
    assert any(isinstance(e, Arrive) and e.node == "main" and e.via == "back" for e in events)
    call.press("1")
    events = call.press("9")
    assert any(isinstance(e, Arrive) and e.node == "main" and e.via == "top" for e in events)


def test_language_option_switches_the_language():
    call, _ = started()
    events = call.press("2")
    assert isinstance(events[1], LanguageChanged) and events[1].language == "fi"
    assert spoken(events)[:2] == ["Päävalikko.", "Laskun maksu: paina 1."]
    assert call.language == "fi"


def test_digit_entry_with_terminator_and_read_back():
    call, _ = started()
    call.press("3")
    events = call.press("1234#")
    assert spoken(events) == ["You entered 1 2 3 4. If this is correct, press 1. To enter it again, press 2."]
    events = call.press("1")
    assert isinstance(events[1], DigitsEntered) and events[1].digits == "1234" and events[1].store == "account"
    assert call.variables["account"] == "1234"
    assert call.ended and isinstance(events[-1], HangupEvent) and events[-1].reason == "goodbye"


def test_digit_entry_ends_at_max_digits_or_inter_digit_timeout():
    call, _ = started()
    call.press("3")
    assert "You entered 1 2 3 4 5 6." in spoken(call.press("123456"))[0]
    call, _ = started()
    call.press("3")
    call.press("12345")
    events = call.wait()
    assert "You entered 1 2 3 4 5." in spoken(events)[0]


def test_too_few_digits_is_a_no_match_and_re_enter():
    call, _ = started()
    call.press("3")
    events = call.press("12#")
    [invalid] = [e for e in events if isinstance(e, InvalidKey)]
    assert invalid.keys == "12"
    call.press("5555#")
    events = call.press("2")
    assert spoken(events) == ["Enter four digits then hash."]


def test_schedule_branch_and_transfer_hours():
    open_call, _ = started()
    events = open_call.press("4")
    assert any(isinstance(e, TransferEvent) for e in events)
    evening, _ = started(at=dt.datetime(2026, 11, 23, 19, 30))
    events = evening.press("4")
    assert any(isinstance(e, VoicemailEvent) for e in events)
    christmas, _ = started(at=dt.datetime(2026, 12, 24, 12, 0))
    events = christmas.press("4")
    assert spoken(events)[-1] == "Happy holidays."
    closed_agent, _ = started(at=dt.datetime(2026, 11, 28, 12, 0))  # a Saturday
    events = closed_agent.press("0")
    assert any(isinstance(e, Arrive) and e.via == "closed" for e in events)


def test_queue_wait_announcement_callback_offer_and_overflow():
    call, _ = started(queue_wait=120)
    events = call.press("0")
    assert "The expected waiting time is about 2 minutes." in spoken(events)
    assert spoken(events)[-1] == "To be called back instead of waiting, press 1."
    listen = events[-1]
    assert isinstance(listen, Listen) and listen.expecting == "callback-offer"
    events = call.press("1")
    assert isinstance(events[-1], CallbackEvent) and events[-1].confirm == "sms"

    patient, _ = started(queue_wait=120)
    patient.press("0")
    events = patient.wait()
    assert isinstance(events[-1], TransferEvent) and events[-1].outcome == "connected"

    overflow, _ = started(queue_wait=900)
    overflow.press("0")
    events = overflow.wait()
    assert any(isinstance(e, Arrive) and e.via == "overflow" for e in events)


def test_busy_line_takes_the_busy_route():
    call, _ = started(transfer_outcome="busy")
    events = call.press("0")
    assert any(isinstance(e, Arrive) and e.via == "busy" and e.node == "bye" for e in events)


def test_hang_up_and_no_fallback():
    call, _ = started()
    events = call.hang_up()
    assert isinstance(events[0], HangupEvent) and events[0].reason == "caller" and call.ended
    assert call.press("1") == [] and call.wait() == []
    no_fallback = MENU.replace("retries: 2, fallback: agent", "retries: 0")
    call = session(no_fallback)
    call.start()
    events = call.wait()
    assert [type(e) for e in events] == [NoInput, Fallback, HangupEvent]
    assert events[-1].reason == "no-fallback"


def test_cross_file_then_and_return(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "ask.yaml").write_text(
        "ivrkit: 1\nname: ask\nentry: ask\nnodes:\n"
        "  ask: {type: input, say: Enter it., digits: {max: 2}, next: thanks}\n"
        "  thanks: {type: message, say: Thanks., next: return}\n"
    )
    main = tmp_path / "main.yaml"
    main.write_text(
        "ivrkit: 1\nname: main\nentry: hello\nnodes:\n"
        "  hello: {type: message, say: Hello., next: ask.yaml, then: bye}\n"
        "  bye: {type: hangup, say: Goodbye.}\n"
    )
    from ivrkit.loader import load

    call = Session(load(main), duration=half_second_per_word)
    assert call.start()[-1].node == "ask.yaml#ask"
    events = call.press("42")
    assert spoken(events) == ["Thanks.", "Goodbye."]
    assert [e.via for e in events if isinstance(e, Arrive)] == ["next", "return"]


def test_an_endless_loop_of_messages_ends_the_simulation():
    loop = "ivrkit: 1\nname: t\nentry: a\nnodes:\n  a: {type: message, say: A., next: b}\n  b: {type: message, say: B., next: a}\n"
    call = session(loop)
    events = call.start()
    assert isinstance(events[-1], HangupEvent) and events[-1].reason == "endless loop"


def test_audio_only_prompt_has_unknown_text():
    text = "ivrkit: 1\nname: t\nentry: a\nnodes:\n  a: {type: hangup, audio: bye.wav}\n"
    events = session(text).start()
    speak = next(e for e in events if isinstance(e, Speak))
    assert speak.text is None and speak.audio == "bye.wav"


def test_bad_keys_and_misuse_raise_value_errors():
    call = session()
    with pytest.raises(RuntimeError):
        call.press("1")
    call.start()
    with pytest.raises(ValueError):
        call.press("A")
    with pytest.raises(RuntimeError):
        call.start()


def test_keys_typed_ahead_cut_the_next_prompt():
    call, _ = started()
    events = call.press("31")  # 3 opens the number entry; 1 is pressed 0.2 s into its prompt
    [cut] = [e for e in events if isinstance(e, SpeechCut)]
    assert cut.heard == pytest.approx(0.2) and cut.node == "number"
    assert call.buffer == "1"
    assert all(a.at <= b.at for a, b in zip(events, events[1:]))


def test_a_terminator_after_a_full_entry_is_part_of_it():
    call, _ = started()
    call.press("3")
    events = call.press("123456#")
    # the # is the entry's terminator: pressed, shown, and the read-back starts after it
    presses = [e for e in events if isinstance(e, Press)]
    assert [e.key for e in presses] == list("123456#")
    assert not any(isinstance(e, (KeyIgnored, InvalidKey)) for e in events)
    [readback] = [e for e in events if isinstance(e, Speak) and e.kind == "readback"]
    assert readback.at == pytest.approx(presses[-1].at)
    assert all(a.at <= b.at for a, b in zip(call.events, call.events[1:]))
    assert call.mode == "confirm"


def test_options_win_over_extensions_so_zero_acts_at_once():
    switchboard = """\
ivrkit: 1
name: t
entry: board
nodes:
  board:
    type: menu
    say: Dial an extension, or press 0 for the operator.
    announce_options: false
    extensions: {min: 4, max: 4, goto: ext}
    options:
      "0": {label: operator, goto: operator}
  ext: {type: transfer, number: "{extension}"}
  operator: {type: transfer, queue: switchboard}
"""
    call = session(switchboard)
    call.start()
    events = call.press("0")
    assert isinstance(events[-1], TransferEvent) and events[-1].queue == "switchboard"
    call = session(switchboard)
    call.start()
    events = call.press("2345")
    assert isinstance(events[-1], TransferEvent) and events[-1].number == "2345"


def test_a_silent_destination_after_an_overflow_ends_the_call_when_the_wait_ends():
    # Found by the stateful test: a voicemail without a prompt reached by overflow
    # ended the call at the time the queue was entered, before its own arrival.
    menu = loads(
        """\
ivrkit: 1
name: t
language: en
entry: agent
nodes:
  agent: {type: transfer, number: "+358401234567", max_wait: 30, overflow: mailbox, announce_wait: false}
  mailbox: {type: voicemail}
""",
        "overflow.yaml",
    )
    call = Session(menu, duration=half_second_per_word, queue_wait=45)
    events = call.start()
    arrive, ended = events[-2], events[-1]
    assert isinstance(arrive, Arrive) and arrive.via == "overflow" and arrive.at == 30.0
    assert isinstance(ended, VoicemailEvent) and ended.at == 30.0 and call.ended
