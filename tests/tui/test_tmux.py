"""`ivrkit sim --mute` in a real terminal (tmux): the first prompt and the keypad appear, and keys walk to a destination."""

from __future__ import annotations

import time

import pytest

from ..conftest import require_tool
from .tmux_driver import Tmux, sim_command


@pytest.fixture
def tmux_sim():
    require_tool("tmux")
    sessions = []

    def start(*args):
        session = Tmux(sim_command(*args))
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def test_the_first_prompt_and_keypad_show_and_keys_walk_to_a_destination(tmux_sim):
    sim = tmux_sim("examples/northwind-energy.yaml", "--mute", "--speed", "50")
    sim.wait_for("Thank you for calling Northwind Energy.")
    screen = sim.screen()
    for row in ("1        2        3", "4        5        6", "7        8        9", "*        0        #"):
        assert row in screen
    assert "speech: muted" in screen
    sim.send("2")  # during the welcome or the main menu: the caller is at main either way
    sim.wait_for("If a power line is down")
    sim.send("1")
    sim.wait_for("transfer to queue faults")
    screen = sim.screen()
    assert "node faults" in screen and "call ended" in screen
    assert "Traceback" not in screen
    sim.send("q")
    deadline = time.monotonic() + 5
    while sim.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not sim.alive(), "q did not quit the app"


def test_a_broken_menu_is_shown_in_the_app(tmux_sim, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("ivrkit: 1\nname: x\nlanguage: en\nentry: nowhere\nnodes: {}\n")
    sim = tmux_sim(str(broken), "--mute")
    sim.wait_for("does not load")
    assert "broken.yaml:" in sim.screen()
