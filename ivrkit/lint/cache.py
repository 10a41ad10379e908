"""A cache of lint results per root file, keyed by content, as ruff keeps `.ruff_cache/`.

An unchanged repository lints again in a fraction of the time: each root's
result (`ivrkit.lint.project.RootResult`: findings, warnings, the files its
menu set read) is kept in ``.ivrkit_cache/<version>/`` in the project root
(the folder of the configuration file in force, as ruff puts its cache beside
``pyproject.toml``, else the working folder), or in ``IVRKIT_CACHE_DIR``. An
entry answers only when all of these are as they were:

* the content (SHA-256) of the root file and of every file its load read;
* ivrkit's version, code and data (each file's size and modification time),
  the rule set (every rule's code, name, level, default and options) and the
  language backends (whether Voikko answers; the spelling and stemming
  libraries installed), Python's version and PyYAML's;
* the effective lint configuration, the baseline file's content, the project
  root, the working folder (findings show paths relative to it) and the path;
* the caller goals file beside the root (``<stem>.goals.yaml``: its content,
  or that there is none) and the goal predictor handed down to GL001
  (`ivrkit.lint.predictor`).

Files that did not load are not cached, nor a lint with a symbolic link in a
folder of its files or above them up to the project root (the menu set names
its files by their real paths, so a link pointed elsewhere would go unseen),
nor other platforms' files (anything but ``.yaml``/``.yml``, opened by an
importer): an importer may read files beside the one it opens (a FreePBX
``*recordings*.sql`` dump, a FreeSWITCH ``*.phrases.xml``) that the menu set
does not name, so no entry could tell when they change. A cache that cannot
be read, holds nonsense or cannot be written is passed over in silence: it
only ever costs the time of a lint. Entries are written atomically (`ivrkit.atomic`, without
an fsync: an entry cut short by a power cut is only a miss); the
folder holds a ``CACHEDIR.TAG`` (backup tools skip it) and a ``.gitignore``
of ``*``, as ruff's does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_text_atomic
from .config import LintConfig

__all__ = ["FindingsCache", "cache_folder", "cacheable", "code_files", "CACHE_NAME", "CACHE_ENV"]

CACHE_NAME = ".ivrkit_cache"
CACHE_ENV = "IVRKIT_CACHE_DIR"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by ivrkit.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


def cache_folder(
    config: str | None = None, *, cwd: Path | None = None, environ: Mapping[str, str] = os.environ
) -> Path:
    """Where the cache lives: `IVRKIT_CACHE_DIR`, else beside the `--config` file or the one found from `cwd`."""
    from .config_file import find_config

    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    folder = Path.cwd() if cwd is None else cwd
    found = Path(config) if config else find_config(folder)
    return (found.resolve().parent if found is not None else folder) / CACHE_NAME


class FindingsCache:
    """Lint results of roots by path, valid while every file they read is unchanged. Picklable (for workers)."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.entries = self.folder / __version__
        self._salt = _salt()
        self._ready = False

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder, "entries": self.entries, "_salt": self._salt, "_ready": False}

    def get(self, path: Path, config: LintConfig, root: str | None) -> object | None:
        """The result kept for linting `path` as a root, or None (no entry, a stale one, or an unreadable one).

        The caller checks that it is what it put (an entry may hold anything).
        """
        if not cacheable(path):
            return None
        try:
            entry = self._entry(path, root)
            if entry.stat().st_size > _MAX_ENTRY_BYTES:
                return None
            header, _, payload = entry.read_bytes().partition(b"\n")
            meta = json.loads(header)
            if meta.get("key") != self._key(path, config, root):
                return None
            for real, digest in meta["files"]:
                if _digest(Path(real)) != digest or Path(real).resolve() != Path(real):
                    return None  # changed, or now reached through a symbolic link
            return pickle.loads(zlib.decompress(base64.b64decode(payload, validate=True)))
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss
            return None

    def put(self, path: Path, config: LintConfig, root: str | None, result: object, read: list[str]) -> None:
        """Keep `result` for `path`, whose lint read the files `read`; a cache that cannot be written is left alone."""
        if not cacheable(path) or not all(cacheable(Path(real)) for real in read):
            return
        try:
            files = [[real, _digest(Path(real))] for real in read]
            if any(digest is None for _, digest in files):
                return  # a file vanished while it was linted
            if _near_links([Path(real) for real in read], self._project(path, root)):
                return
            header = json.dumps({"key": self._key(path, config, root), "files": files}, ensure_ascii=True)
            payload = base64.b64encode(zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1))
            self._prepare()
            write_text_atomic(self._entry(path, root), header + "\n" + payload.decode("ascii"), durable=False)
        except Exception:  # noqa: BLE001 - a read-only folder, a full disk, an unpicklable finding: no cache
            return

    def _prepare(self) -> None:
        if self._ready:
            return
        self.entries.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# Automatically created by ivrkit.\n*\n")):
            if not (self.folder / name).exists():
                write_text_atomic(self.folder / name, text)
        self._ready = True

    def _entry(self, path: Path, root: str | None) -> Path:
        from ..diagnostics import display_path

        real = path.resolve()
        slot = json.dumps([str(real), display_path(real), os.getcwd(), root], ensure_ascii=True)
        return self.entries / hashlib.sha256(slot.encode("ascii")).hexdigest()

    @staticmethod
    def _project(path: Path, root: str | None) -> Path:
        from ..loader import find_project_root

        return Path(root).resolve() if root is not None else find_project_root(path)

    def _key(self, path: Path, config: LintConfig, root: str | None) -> str:
        project = self._project(path, root)
        baseline = _digest(Path(config.baseline)) if config.baseline else None
        parts = [__version__, self._salt, repr(config), baseline, str(project), *_goals(path)]
        return hashlib.sha256(json.dumps(parts, ensure_ascii=True).encode("ascii")).hexdigest()


def _goals(path: Path) -> tuple[str | None, str | None]:
    """What GL001 reads besides the menu set: the predictor handed down, and the goals file beside the menu.

    The goals file's content (None when there is none) is part of the key, so an entry is stale once the
    file is written, edited or removed; no predictor (a library's lint) gives other findings than the
    command's, so the predictor's name is part of it too.
    """
    from ..goals import goals_file_for
    from .predictor import goal_predictor, predictor_name

    return predictor_name(goal_predictor()), _digest(goals_file_for(path))


def cacheable(path: Path) -> bool:
    """Whether a lint that read `path` can be kept: a YAML menu file (the loader reads it and nothing beside it)."""
    return path.suffix.lower() in (".yaml", ".yml")


def _near_links(files: list[Path], project: Path) -> bool:
    """Whether a folder holding one of `files` (real paths), or one above it up to `project`, holds a symbolic link.

    A menu set records the files its load read by their real paths, not by the
    names its targets gave them: a link (`block.yaml -> v1/block.yaml`, a folder
    `current -> v1`) pointed elsewhere later would leave the entry looking
    fresh. Such a lint is not kept; one without such links near its files is
    (a link to a README does not count). (The
    root file itself is found by its real path, `_entry`, so a link to it needs
    no care.)
    """
    folders: set[Path] = set()
    for file in files:
        folder = file.parent
        while folder not in folders and folder.is_relative_to(project):
            folders.add(folder)
            folder = folder.parent
    try:
        for folder in folders:
            with os.scandir(folder) as entries:
                if any(entry.is_symlink() and _may_name_a_menu(entry) for entry in entries):
                    return True
    except OSError:
        return True
    return False


def _may_name_a_menu(link: os.DirEntry[str]) -> bool:
    """Whether a target could reach a menu file through this link: it names one, leads to a folder, or is broken."""
    if link.name.lower().endswith((".yaml", ".yml")) or link.is_dir():
        return True
    return not os.path.exists(link.path)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _salt() -> str:
    """ivrkit's code, data and rule set, and the language backends installed: any change makes every entry stale."""
    from ..rules import all_rules

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for module in code_files(package):
        stat = module.stat()
        digest.update(f"{module.relative_to(package).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for rule in all_rules():
        options = sorted((name, repr(option.default)) for name, option in rule.options.items())
        digest.update(repr((rule.code, rule.name, str(rule.level), rule.default_enabled, options)).encode())
    digest.update(repr(_backends()).encode())
    digest.update(repr(_runtime()).encode())
    return digest.hexdigest()


def _runtime() -> tuple[object, ...]:
    """The Python and YAML parser the lint ran on: two environments (tox, a venv per Python) may share a checkout
    and its cache, and a parser or Unicode database of another version may read a file differently."""
    import sys

    import yaml

    return (sys.implementation.cache_tag, sys.version, yaml.__version__, yaml.__with_libyaml__)


def code_files(package: Path) -> list[Path]:
    """Every file of the package the rules may read: its modules and its data (word lists, schema), sorted."""
    return sorted(
        path
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def _backends() -> tuple[object, ...]:
    """The language backends findings depend on: whether Voikko answers, and which spelling and stemming libraries.

    Installing or removing one changes what WD009 and the wording rules find
    (Voikko's lemmas, a spelling dictionary or the note that there is none),
    and what GL001 predicts (wordfreq's word weights).
    """
    from importlib.util import find_spec

    from ..language.normalise import voikko_available

    libraries: list[object] = [voikko_available()]
    # Stemmer: PyStemmer, which snowballstemmer uses in its place when it is installed; wordfreq: the word
    # weights of the caller model's scent (`ivrkit.analysis.scent`), and so GL001's predictions
    for name in ("spellchecker", "snowballstemmer", "Stemmer", "libvoikko", "wordfreq"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        try:
            stat = os.stat(origin) if origin else None
        except OSError:
            stat = None
        libraries.append((name, origin, stat.st_size if stat else None, stat.st_mtime_ns if stat else None))
    return tuple(libraries)
