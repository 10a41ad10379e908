"""Export a menu set, import the export back, and replay call scripts against it (the round trip of issue 13)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from ivrkit.engine.callscript import CallScript, check, load_script
from ivrkit.engine.drive import StepError, run_call
from ivrkit.exporters import ExportOptions, ExportResult, export
from ivrkit.importers import Imported, convert_text, to_yaml
from ivrkit.loader import loads
from ivrkit.model import MenuSet

from ..strategies import menu_yaml

__all__ = [
    "exported",
    "round_trip",
    "replay",
    "SUFFIXES",
    "EXAMPLES",
    "assert_only_the_named_calls_fail",
    "round_trip_of_random_menu",
    "example_round_trips",
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# the file name each target's output gets, which is how `ivrkit import` tells the formats apart
SUFFIXES = {"vxml": ".vxml", "asterisk": ".conf", "freeswitch": ".xml", "studio": ".json", "connect": ".json"}


def exported(menuset: MenuSet, target: str = "vxml") -> tuple[ExportResult, Path]:
    """The export of `menuset` as if written beside its root file (relative audio paths stay valid)."""
    folder = Path(menuset.project_root) / Path(menuset.root.key).parent
    result = export(menuset, target, ExportOptions(output_dir=folder))
    return result, folder / (Path(menuset.root.key).stem + SUFFIXES[target])


def round_trip(menuset: MenuSet, target: str = "vxml") -> tuple[ExportResult, Imported, MenuSet]:
    """(the export, its import, the imported menu loaded as `ivrkit import` would write it)."""
    result, path = exported(menuset, target)
    imported = convert_text(result.text, path, target)
    return result, imported, loads(to_yaml(imported), str(path), root=menuset.project_root)


def replay(calls_file: str | Path, target: str = "vxml") -> dict[str, list[str]]:
    """Each call of a script replayed against import(export(its menu)): the call's name -> its failures
    (empty: passed). A node the script names is reached when any of its exported copies is (a node has one
    id per language and per `then` it is entered with; `ExportResult.ids`)."""
    script = load_script(calls_file)
    result, _, menuset = round_trip(script.menu, target)
    outcome: dict[str, list[str]] = {}
    for call in script.calls:
        try:
            record = run_call(
                menuset,
                list(call.steps),
                at=call.at,
                language=call.language,
                variables=call.variables,
                transfer_outcome=call.transfer,
                queue_wait=call.queue_wait,
            )
        except StepError as problem:
            outcome[call.name] = [f"the steps could not be played: {problem}"]
            continue
        except KeyError as problem:
            outcome[call.name] = [f"the imported menu has no {problem}"]
            continue

        def mapped(name: str, record=record) -> str:
            copies = result.ids.get(name, [name])
            return next((copy for copy in copies if record.first_arrival(copy) is not None), copies[0])

        expect = dataclasses.replace(
            call.expect,
            reaches=tuple(mapped(name) for name in call.expect.reaches),
            ends_with=mapped(call.expect.ends_with) if call.expect.ends_with in result.ids else call.expect.ends_with,
        )
        outcome[call.name] = check(dataclasses.replace(call, expect=expect), record)
    return outcome


def script_of(menu: MenuSet, calls: CallScript) -> CallScript:
    return CallScript(calls.path, menu, calls.calls)


def assert_only_the_named_calls_fail(name: str, target: str, losses, at_least: int) -> None:
    """The example `name`'s call script replayed through `target`: exactly the calls named in `losses` fail,
    and at least `at_least` pass (most journeys survive the round trip)."""
    outcome = replay(EXAMPLES / f"{name}.calls.yaml", target)
    failed = {call for call, failures in outcome.items() if failures}
    assert failed == set(losses), {call: outcome[call] for call in failed}
    assert len(outcome) - len(failed) >= at_least


def round_trip_of_random_menu(folder: Path, menu: dict, target: str) -> tuple[MenuSet, Imported, MenuSet]:
    """(the generated menu loaded as a project of its own in `folder`, its export's import, that loaded)."""
    (folder / ".ivrkit.yaml").write_text("", encoding="utf-8")
    menuset = loads(menu_yaml(menu), str(folder / "menu.yaml"), root=str(folder))
    _, imported, back = round_trip(menuset, target)
    return menuset, imported, back


def example_round_trips(names, target: str) -> Iterator[tuple[MenuSet, MenuSet]]:
    """(each example, import(export(it)) loaded), for the examples `names`."""
    from ivrkit.loader import load

    for name in sorted(names):
        menuset = load(EXAMPLES / f"{name}.yaml")
        yield menuset, round_trip(menuset, target)[2]
