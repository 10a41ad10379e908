"""`ivrkit.goals` gives its public names when first asked (PEP 562), each the very object of its submodule."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ivrkit.goals
from ivrkit.goals import check, load, model, naming

HOMES = {
    "Goal": model,
    "GoalSet": model,
    "goals_file_for": naming,
    "GOALS_SUFFIX": naming,
    "load_goals": load,
    "looks_like_goals": load,
    "check_goals": check,
    "load_goals_for": check,
}


def test_every_public_name_is_its_submodules_object():
    assert sorted(ivrkit.goals.__all__) == sorted(HOMES)
    for name, home in HOMES.items():
        assert getattr(ivrkit.goals, name) is getattr(home, name), name
        assert name in dir(ivrkit.goals)


def test_the_loader_still_gives_the_goals_file_names():
    assert load.goals_file_for is naming.goals_file_for
    assert load.GOALS_SUFFIX == ".goals.yaml"
    assert str(naming.goals_file_for("menus/line.YML")) == "menus/line.goals.yaml"


def test_the_submodules_are_attributes_of_the_package():
    assert ivrkit.goals.load is load
    assert ivrkit.goals.fields is sys.modules["ivrkit.goals.fields"]


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nosuch'"):
        ivrkit.goals.nosuch  # noqa: B018


def test_a_star_import_gives_every_public_name():
    names: dict[str, object] = {}
    exec("from ivrkit.goals import *", names)
    assert {name for name in names if not name.startswith("__")} == set(HOMES)


def test_importing_the_package_or_the_file_name_loads_no_goals_loader():
    code = (
        "import sys, ivrkit.goals; from ivrkit.goals import goals_file_for, GOALS_SUFFIX; "
        "print(sorted(name for name in sys.modules if name.startswith('ivrkit.goals')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['ivrkit.goals', 'ivrkit.goals.naming']"
