"""Property tests of the goals loader: valid files round-trip, and junk only ever gives a LoadError."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ivrkit.diagnostics import LoadError
from ivrkit.goals import check_goals, load_goals
from ivrkit.loader import load
from ivrkit.schema import load_goals_schema

from .helpers import MENU

NODES = ("billing", "outage")
LANGUAGES = ("en", "fi")
FIELD_NAMES = ("menu", "language", "goals", "say", "reaches", "share", "calls", "nodes", "ivrkit", "x")
VALIDATOR = jsonschema.Draft202012Validator(load_goals_schema())

words = st.text(st.characters(whitelist_categories=("L", "Nd")), min_size=1, max_size=10)
says = st.lists(words, min_size=1, max_size=6).map(" ".join)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / ".ivrkit.yaml").write_text("", encoding="utf-8")
        (root / "line.yaml").write_text(MENU, encoding="utf-8")
        yield root


@st.composite
def goal_items(draw):
    item: dict = {"say": draw(says)}
    if draw(st.booleans()):
        item["language"] = draw(st.sampled_from(LANGUAGES))
    reaches = draw(st.lists(st.sampled_from(NODES), min_size=1, max_size=2, unique=True))
    item["reaches"] = reaches[0] if len(reaches) == 1 and draw(st.booleans()) else reaches
    if draw(st.booleans()):
        item["share"] = draw(st.sampled_from((0.01, 0.05, 0.0625, 0.1)))  # 8 goals stay below 1
    return item


@st.composite
def goals_files(draw):
    items = draw(st.lists(goal_items(), min_size=1, max_size=8, unique_by=lambda g: g["say"].casefold()))
    data: dict = {"menu": "line.yaml"}
    if draw(st.booleans()):
        data["language"] = draw(st.sampled_from(LANGUAGES))
    data["goals"] = items
    return data


def _reaches(item) -> tuple[str, ...]:
    return tuple(item["reaches"]) if isinstance(item["reaches"], list) else (item["reaches"],)


@given(goals_files())
def test_valid_goals_files_round_trip_through_the_loader(folder, data):
    path = folder / "line.goals.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    goalset = load_goals(path)
    assert [g.say for g in goalset.goals] == [" ".join(item["say"].split()) for item in data["goals"]]
    assert [g.reaches for g in goalset.goals] == [_reaches(item) for item in data["goals"]]
    assert [g.share for g in goalset.goals] == [item.get("share") for item in data["goals"]]
    default = data.get("language", "en")
    assert [g.language for g in goalset.goals] == [item.get("language", default) for item in data["goals"]]
    assert [g.index for g in goalset.goals] == list(range(len(data["goals"])))
    assert check_goals(goalset, load(folder / "line.yaml")) == []
    assert math.isclose(sum(goalset.weights()), 1.0)
    assert list(VALIDATOR.iter_errors(data)) == []  # what the loader loads, the schema accepts


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(("line.yaml", "../x.yaml", "/etc/passwd", "", "a\x00b", "outage", "fi", "30%", "main", ".")),
    st.text(max_size=12),
)
junk_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(FIELD_NAMES), junk_values, max_size=6) | junk_values)
def test_junk_data_gives_a_load_error_or_a_goal_set(folder, data):
    path = folder / "junk.goals.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _load_or_error(path, folder)


@given(st.text(max_size=200))
def test_junk_text_gives_a_load_error_or_a_goal_set(folder, text):
    path = folder / "junk.goals.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _load_or_error(path, folder)


def _load_or_error(path: Path, folder: Path) -> None:
    try:
        goalset = load_goals(path)
    except LoadError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.message and diagnostic.span.line >= 1 and diagnostic.span.col >= 1
        return
    assert goalset.goals
    check_goals(goalset, load(folder / "line.yaml"))  # never raises either
