"""Find menu files: the paths a user named, and inside directories every YAML file that is a menu."""

from __future__ import annotations

import re
from pathlib import Path

from .model import field, model_class

__all__ = ["find_menu_files", "search", "Search", "is_menu_text"]

_SUFFIXES = (".yaml", ".yml")
# Call scripts, caller goals files and other YAML (CI workflows, pre-commit configs) live beside menus.
_NOT_MENUS = (".calls.yaml", ".calls.yml", ".goals.yaml", ".goals.yml")
_VERSION_LINE = re.compile(r"^ivrkit[ \t]*:", re.MULTILINE)


def is_menu_text(text: str) -> bool:
    """True when the text has a top-level `ivrkit:` field (the format version)."""
    return _VERSION_LINE.search(text) is not None


@model_class  # its lists are filled in by `search`
class Search:
    """The menu files found, in a stable order; where each came from; the named paths that do not exist.

    `base[file]` is the directory named on the command line whose walk found
    `file`, or None when the file itself was named (configuration `exclude`
    patterns apply only below a walked directory unless `--force-exclude`).
    """

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    base: dict[Path, Path | None] = field(default_factory=dict)


def search(paths: list[str], *, only_menus: bool = False) -> Search:
    """Menu files under `paths`.

    A file named directly is always taken (with `only_menus`, only when it is
    a menu, for pre-commit, which names every staged YAML file); in a
    directory, hidden folders are skipped and a YAML file is taken when it has
    a top-level `ivrkit:` field.
    """
    found = Search()
    seen: dict[Path, Path] = {}
    for name in paths:
        path = Path(name)
        if path.is_file():
            candidates = [path] if not only_menus or _is_menu_file(path, path.parent) else []
            base = None
        elif path.is_dir():
            candidates = [p for p in sorted(path.rglob("*")) if _is_menu_file(p, path)]
            base = path
        elif path.exists():  # a FIFO or device: the loader says what it is, without opening it
            candidates = [] if only_menus else [path]
            base = None
        else:
            found.missing.append(name)
            continue
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen[resolved] = candidate
                found.files.append(candidate)
                found.base[candidate] = base
            elif base is None:  # named as well as found in a walk: named wins
                found.base[seen[resolved]] = None
    return found


def find_menu_files(paths: list[str], *, only_menus: bool = False) -> tuple[list[Path], list[str]]:
    """Menu files under `paths`, in a stable order, and the paths that do not exist (see `search`)."""
    found = search(paths, only_menus=only_menus)
    return found.files, found.missing


def _is_menu_file(path: Path, base: Path) -> bool:
    if path.suffix not in _SUFFIXES or path.name.endswith(_NOT_MENUS) or not path.is_file():
        return False
    if any(part.startswith(".") for part in path.relative_to(base).parts):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return is_menu_text(head.decode("utf-8", errors="replace"))
