"""The shared Voikko handle is used from several threads at once (`ivrkit sim` lints and predicts in two
workers): its calls must never overlap, since libvoikko's handle is not thread-safe."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ivrkit.language import normalise


class _OverlapCounter:
    """A stand-in handle that notes how many calls are inside it at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self._count = threading.Lock()

    def _enter(self) -> None:
        with self._count:
            self.inside += 1
            self.most = max(self.most, self.inside)
        time.sleep(0.002)
        with self._count:
            self.inside -= 1

    def analyze(self, word):
        self._enter()
        return [{"BASEFORM": word}]

    def spell(self, word):
        self._enter()
        return 1


def test_calls_through_the_shared_handle_never_overlap():
    counter = _OverlapCounter()
    handle = normalise._SerialisedVoikko(counter)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda i: (handle.analyze(f"w{i}"), handle.spell(f"w{i}")), range(60)))
    assert counter.most == 1
    assert results[7] == ([{"BASEFORM": "w7"}], True)


def test_the_real_handle_gives_the_same_readings_from_many_threads():
    handle = normalise.voikko()
    if handle is None:
        pytest.skip("Voikko is not installed")
    assert isinstance(handle, normalise._SerialisedVoikko)
    words = ["maksusuunnitelma", "laskuni", "kuukausierä", "asiakasneuvojalle", "perintätoimistolta"] * 40
    serial = [handle.analyze(word) for word in words]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(handle.analyze, words))
    assert threaded == serial
