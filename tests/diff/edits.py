"""The test edit of each example: one option reworded to something vaguer and one option moved to a later key.

`copy_example` copies the example and the shared `menus/` folder (its building blocks) into a temporary
project, so the copy's references keep working; `edited_example` applies the example's edit to the copy's
root file. Each edit says which destination the moved option leads to (it must get slower: its option is now
announced later) and which goal the reworded option served (its success must fall: the new wording drops the
caller's words). The goals are written as callers talk, and kept here so that the tests do not move when the
shipped goals files are tuned.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Edit:
    example: str
    replacements: tuple[tuple[str, str], ...]  # (old text, new text) in the root file, each found exactly once
    moved: tuple[str, str, str, str]  # (menu, key before, menu, key after) of the moved option
    moved_to: str  # the destination the moved option leads to first
    reworded: tuple[str, str, dict[str, str], dict[str, str]]  # menu, key, wording before, after
    goal: tuple[str, str, str]  # (language, what the caller says, node) the reworded option served
    goals_yaml: str  # a goals file with that goal and a few others


NORTHWIND = Edit(
    "northwind-energy",
    (
        ('      "2": {label: report a power cut, goto: power_cut, share: 0.24}\n', ""),
        (
            "then: moving_team, share: 0.11}\n",
            'then: moving_team, share: 0.11}\n      "5": {label: report a power cut, goto: power_cut, share: 0.24}\n',
        ),
        ("{label: set up a payment plan,", "{label: other account questions,"),
    ),
    moved=("main", "2", "main", "5"),
    moved_to="faults",
    reworded=("billing", "3", {"en": "set up a payment plan"}, {"en": "other account questions"}),
    goal=("en", "can I set up a payment plan to pay what I owe", "payment_support"),
    goals_yaml="""menu: northwind-energy.yaml
language: en
goals:
  - say: can I set up a payment plan to pay what I owe
    reaches: payment_support
    share: 0.3
  - say: my electricity is off
    reaches: faults
  - say: I want to pay my bill by card
    reaches: card_payment
  - say: is there any work planned on the power lines near me
    reaches: planned_work
""",
)

AURORA = Edit(
    "aurora-pankki",
    (
        ('      "1": {label: maksuajan pidennys, goto: pidennys, share: 0.38}\n', ""),
        (
            "goto: neuvoja, share: 0.14}\n",
            'goto: neuvoja, share: 0.14}\n      "5": {label: maksuajan pidennys, goto: pidennys, share: 0.38}\n',
        ),
        ("{label: maksusuunnitelma tai lyhennysvapaa,", "{label: muut asiat,"),
    ),
    moved=("paavalikko", "1", "paavalikko", "5"),
    moved_to="kulutusluotot",
    reworded=("paavalikko", "2", {"fi": "maksusuunnitelma tai lyhennysvapaa"}, {"fi": "muut asiat"}),
    goal=("fi", "haluaisin pitää lyhennysvapaata pari kuukautta", "lainat"),
    goals_yaml="""menu: aurora-pankki.yaml
language: fi
goals:
  - say: haluaisin pitää lyhennysvapaata pari kuukautta
    reaches: lainat
    share: 0.3
  - say: luottokortin laskun eräpäivää pitäisi siirtää
    reaches: kulutusluotot
  - say: sain perintäkirjeen
    reaches: perinta
""",
)

KAUPUNKI = Edit(
    "kaupunki-bilingual",
    (
        (
            """      "3":
        label: {fi: katujen ja puistojen vikailmoitukset, en: report a problem in a street or park}
        goto: katupaivystys
        share: 0.23
""",
            "",
        ),
        (
            """        goto: vaihde
        share: 0.20
""",
            """        goto: vaihde
        share: 0.20
      "5":
        label: {fi: katujen ja puistojen vikailmoitukset, en: report a problem in a street or park}
        goto: katupaivystys
        share: 0.23
""",
        ),
        (
            "label: {fi: asukas- ja yrityspysäköintitunnukset, en: apply for a parking permit}",
            "label: {fi: muut pysäköintiasiat, en: other parking matters}",
        ),
    ),
    moved=("paavalikko", "3", "paavalikko", "5"),
    moved_to="katupaivystys",
    reworded=(
        "pysakointi",
        "2",
        {"fi": "asukas- ja yrityspysäköintitunnukset", "en": "apply for a parking permit"},
        {"fi": "muut pysäköintiasiat", "en": "other parking matters"},
    ),
    goal=("en", "I need a resident permit so I can park outside my flat", "pysakointitunnukset"),
    goals_yaml="""menu: kaupunki-bilingual.yaml
goals:
  - say: I need a resident permit so I can park outside my flat
    language: en
    reaches: pysakointitunnukset
    share: 0.3
  - say: there is a big pothole on our street
    language: en
    reaches: katupaivystys
  - say: haluan hakea lapselle päivähoitopaikkaa
    language: fi
    reaches: vaka_haku
""",
)

EDITS = (NORTHWIND, AURORA, KAUPUNKI)


def copy_example(tmp_path: Path, example: str, folder: str = "copy", *, goals: bool = False) -> Path:
    """The example and the building blocks it references, in a project of their own; the copy's root file.

    With `goals`, the example's shipped goals file comes along (the linter's GL001 reads it).
    """
    project = tmp_path / folder
    (project / "examples").mkdir(parents=True)
    shutil.copytree(ROOT / "menus", project / "menus")
    (project / "pyproject.toml").write_text("")
    target = project / "examples" / f"{example}.yaml"
    shutil.copyfile(ROOT / "examples" / f"{example}.yaml", target)
    if goals:
        shutil.copyfile(ROOT / "examples" / f"{example}.goals.yaml", target.with_name(f"{example}.goals.yaml"))
    return target


def edited_example(tmp_path: Path, edit: Edit, folder: str = "new") -> Path:
    """A copy of the example with the edit applied to its root file (every replacement must apply once)."""
    target = copy_example(tmp_path, edit.example, folder)
    text = target.read_text(encoding="utf-8")
    for old, new in edit.replacements:
        assert text.count(old) == 1, f"{edit.example}: the test edit no longer applies: {old!r}"
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def write_goals(menu: Path, edit: Edit) -> Path:
    """The edit's goals file beside `menu`."""
    path = menu.with_name(f"{edit.example}.goals.yaml")
    path.write_text(edit.goals_yaml, encoding="utf-8")
    return path
