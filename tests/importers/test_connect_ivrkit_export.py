"""The Connect importer reads a flow `ivrkit export --to connect` wrote (marked in `Metadata.ivrkit`) with its node
ids and retries, and any other flow exactly as before."""

from __future__ import annotations

import json
from pathlib import Path

from ivrkit.exporters import export
from ivrkit.importers import convert_text
from ivrkit.loader import loads

SHOP = (
    "ivrkit: 1\nname: Shop\nentry: main\nsettings: {retries: 2, fallback: agent}\nnodes:\n"
    "  main:\n    type: menu\n    say: Welcome.\n    timeout: 7\n    options:\n"
    "      '1': {label: sales, goto: agent}\n"
    "  agent: {type: transfer, queue: sales}\n"
)


def _flow(tmp_path: Path) -> dict:
    (tmp_path / ".ivrkit.yaml").write_text("", encoding="utf-8")
    return json.loads(export(loads(SHOP, str(tmp_path / "shop.yaml"), root=str(tmp_path)), "connect").text)


def test_the_marked_flow_keeps_node_ids_and_reads_the_loop_as_retries(tmp_path: Path):
    imported = convert_text(json.dumps(_flow(tmp_path)), tmp_path / "shop.json", "connect")
    nodes = imported.menu["nodes"]
    assert set(nodes) == {"main", "agent", "disconnect"}  # the flow's end where the queue fails (no overflow)
    assert nodes[nodes["agent"]["busy"]]["type"] == "hangup"
    assert (nodes["main"]["retries"], nodes["main"]["fallback"]) == (2, "agent")
    assert imported.remarks == []


def test_without_the_marker_the_flow_is_read_as_any_connect_flow(tmp_path: Path):
    """The same actions with `Metadata.ivrkit` removed: ids from the prompt words, the Loop a branch on its
    result, the queue from its QueueId (the corpus behaviour, unchanged)."""
    flow = _flow(tmp_path)
    del flow["Metadata"]["ivrkit"]
    imported = convert_text(json.dumps(flow), tmp_path / "shop.json", "connect")
    nodes = imported.menu["nodes"]
    assert "main" not in nodes and "menu_Welcome_To_sales" in nodes
    menu = nodes["menu_Welcome_To_sales"]
    assert menu["retries"] == 1  # Connect's own reading: each error leaves the menu at once
    assert any(node["type"] == "branch" for node in nodes.values())  # the Loop, as a branch on its result
