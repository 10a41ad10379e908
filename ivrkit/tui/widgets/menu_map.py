"""The menu map: every node of the menu set, grouped by file, with the caller's place and path marked."""

from __future__ import annotations

from pathlib import PurePosixPath

from rich.text import Text
from textual.widgets import Tree

__all__ = ["MenuMap", "node_label"]


def node_label(menuset, key: str) -> str:
    """The node id in the root file, ``stem#id`` in another file."""
    node = menuset.nodes[key]
    if node.file == menuset.root.key:
        return node.id
    return f"{PurePosixPath(node.file).stem}#{node.id}"


class MenuMap(Tree):
    """▶ marks where the caller is; a number marks each node on the path taken, in order."""

    DEFAULT_CSS = """
    MenuMap { border: round $primary; height: 1fr; }
    """

    def __init__(self, **kwargs):
        super().__init__("menu", **kwargs)
        self.show_root = False
        self.can_focus = False
        self._menuset = None
        self._tree_nodes: dict = {}
        self._path: list[str] = []
        self._current: str | None = None

    def on_mount(self) -> None:
        self.border_title = "Menu map"

    def set_menu(self, menuset) -> None:
        self.clear()
        self._menuset, self._tree_nodes, self._path, self._current = menuset, {}, [], None
        for file_key, menu_file in menuset.files.items():
            branch = self.root.add(
                Text(f"{PurePosixPath(file_key).name}  ({menu_file.name})", style="bold"), expand=True
            )
            for key, node in menuset.nodes.items():
                if node.file == file_key:
                    self._tree_nodes[key] = branch.add_leaf(self._label(key), data=key)
        self.root.expand()

    def reset_path(self) -> None:
        previous, self._path, self._current = self._path, [], None
        for key in previous:
            self._refresh(key)

    def arrive(self, key: str) -> None:
        previous = self._current
        self._current = key
        self._path.append(key)
        for changed in {previous, key} - {None}:
            self._refresh(changed)
        tree_node = self._tree_nodes.get(key)
        if tree_node is not None:
            self.move_cursor(tree_node)

    @property
    def path(self) -> list[str]:
        return list(self._path)

    def _refresh(self, key: str) -> None:
        if key in self._tree_nodes:
            self._tree_nodes[key].set_label(self._label(key))

    def _label(self, key: str) -> Text:
        node = self._menuset.nodes[key]
        steps = [str(index + 1) for index, visited in enumerate(self._path) if visited == key]
        text = Text()
        if key == self._current:
            text.append("▶ ", style="bold green")
        elif steps:
            text.append("● ", style="green")
        else:
            text.append("  ")
        text.append(node_label(self._menuset, key), style="bold" if key == self._current else "")
        text.append(f"  {node.type}", style="dim")
        if steps:
            text.append(f"  #{','.join(steps[-3:])}", style="dim green")
        return text
