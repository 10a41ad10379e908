"""Shared pieces of the importer tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ivrkit.importers.base import Imported, ImportProblem
from ivrkit.loader import loads

from .conftest import FIXTURES, require_corpus  # noqa: F401  (FIXTURES is used by the test modules)


def corpus_file(name: str) -> Path:
    """A third-party corpus file: skip without the corpus locally, fail under CI, which has it."""
    path = require_corpus() / name
    if not path.is_file():
        pytest.fail(f"the corpus file {path} is missing from ../shared/corpus")
    return path


def to_yaml(imported: Imported) -> str:
    return yaml.safe_dump(imported.menu, sort_keys=False, allow_unicode=True)


def load_imported(imported: Imported, name: str = "imported.yaml"):
    """The imported menu as YAML, loaded by the real loader (it must always load)."""
    return loads(to_yaml(imported), f"/tmp/ivrkit-import-test/{name}")


def convert_or_problem(importer, text: str, path: Path):
    """Only Imported or ImportProblem may come out; an Imported must load."""
    try:
        imported = importer.convert(text, path)
    except ImportProblem as problem:
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message
        return problem
    assert isinstance(imported, Imported)
    load_imported(imported)
    return imported


def node_routes(menuset) -> dict[str, dict[str, str]]:
    """node id -> {route label: target node id}, for keys and targets."""
    routes = {}
    for key, node in menuset.nodes.items():
        routes[key] = {}
        for route in menuset.routes(node):
            label = route.key if route.kind == "option" else route.kind
            routes[key][f"{label}"] = route.target.node_key if route.target else None
    return routes


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8-sig"))
