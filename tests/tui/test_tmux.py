"""`ivrkit sim --mute` in a real terminal (tmux): the first prompt and the keypad appear, and keys walk to a destination."""

from __future__ import annotations

import os
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
    sim = tmux_sim("examples/northwind-energy.yaml", "--mute")
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


NOISY_PLAYER = """#!/bin/sh
# A stand-in for aplay on a machine without a sound card: it shouts like ALSA does.
echo "$@" >> "{log}"
echo "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default" >&2
echo "aplay: main:831: audio open error: No such file or directory" >&2
echo "PLAYER-NOISE-ON-STDOUT"
sleep 0.2
exit 0
"""


def test_the_speech_backend_writes_nothing_on_the_screen(tmp_path):
    """Real pyttsx3 synthesis and a player that prints ALSA errors: none of it reaches the terminal."""
    require_tool("tmux")
    require_tool("espeak-ng")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "player.log"
    player = bin_dir / "aplay"
    player.write_text(NOISY_PLAYER.format(log=log))
    player.chmod(0o755)
    path = f"{bin_dir}:{os.environ.get('PATH', '')}"
    sim = Tmux(["env", f"PATH={path}", *sim_command("examples/northwind-energy.yaml")])
    try:
        sim.wait_for("Thank you for calling Northwind Energy.")
        sim.wait_for("How can we help you today?")
        sim.send("2")
        sim.wait_for("If a power line is down")
        time.sleep(0.5)
        screen = sim.screen()
        assert log.exists() and log.read_text().count(".wav") >= 2, "the segments were not played through the backend"
        for noise in ("ALSA", "audio open error", "PLAYER-NOISE", "Audio saved to", "Traceback"):
            assert noise not in screen, f"{noise!r} reached the terminal:\n{screen}"
        assert "speech: muted" not in screen
    finally:
        sim.close()


def test_the_goals_panel_shows_ivrkit_predict_s_figures_and_g_hides_it(tmux_sim):
    import json
    import subprocess
    import sys

    from .conftest import REPO

    predicted = json.loads(
        subprocess.run(
            [sys.executable, "-m", "ivrkit", "predict", "examples/northwind-energy.yaml", "--json"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    )
    sim = tmux_sim("examples/northwind-energy.yaml", "--mute")
    sim.wait_for("Goals at main")
    first = predicted["goals"][0]  # the top of the panel at main: every goal's route starts there
    key = first["top_key"]
    sim.wait_for(f"{key} {100 * first['first_key'][key]:.0f}% · success {100 * first['p_success']:.0f}%")
    sim.send("g")
    deadline = time.monotonic() + 5
    while "Goals at main" in sim.screen() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Goals at main" not in sim.screen()
