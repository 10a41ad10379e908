"""ivrkit's own modules served from one file of byte-code: a command's start-up reads one file, not 120.

Python imports each module by searching the folders of its package,
checking the module's `.pyc` against the source, reading it and running
it: about 0.37 M instructions a module before its own code runs, and a
lint of one file imports some 120 of ivrkit's modules (44 M instructions,
about a tenth of a lint of the bench's 100-node menu). `install` puts a
finder first on `sys.meta_path` that answers for the modules kept in one
file (`modules.bundle`, beside ivrkit's `.pyc` files, so in
`PYTHONPYCACHEPREFIX` when that is set): each with its source file's
modification time and size and its byte-code, as a `.pyc` holds them.

It is a cache in the way a `.pyc` is, and changes nothing a command does:
- a module is served only while its source file has the size and
  modification time (to the nanosecond) it had when it was kept; otherwise,
  and for any module not kept, Python imports it as usual;
- the file is made by the commands themselves: `save` (when the command
  ends) keeps every ivrkit module the command imported the usual way, with
  the ones still served, and writes the file again only when that adds or
  replaces a module; it writes a new file and renames it over the old, and
  writes nothing when Python writes no byte-code (`-B`,
  PYTHONDONTWRITEBYTECODE) or the folder is not writable;
- the file is keyed to the interpreter's byte-code (`MAGIC_NUMBER`) and is
  ignored whole by any other interpreter, and when it cannot be read.

Modules served from it are ordinary modules: `__file__`, `__spec__`,
`__path__` for packages, tracebacks and `inspect.getsource` are those of the
source file.
"""

from __future__ import annotations

import marshal
import os
import sys
from importlib.machinery import ModuleSpec
from importlib.util import MAGIC_NUMBER
from types import ModuleType

__all__ = ["install", "save", "installed", "bundle_path"]

_FORMAT = b"ivrkit modules 1\n"
_PACKAGE = "ivrkit"

# module name -> (source path, modification time in ns, size, is a package, marshalled code)
_Kept = dict[str, tuple[str, int, int, bool, bytes]]


class _Bundle:
    """The finder and loader of the modules kept in one bundle file."""

    def __init__(self, path: str, kept: _Kept):
        self.path = path
        self.kept = kept
        self.served: set[str] = set()

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        entry = self.kept.get(name)
        if entry is None:
            return None
        source, mtime_ns, size, package, _ = entry
        try:
            status = os.stat(source)
        except OSError:
            return None
        if status.st_mtime_ns != mtime_ns or status.st_size != size:
            return None  # changed since it was kept: imported the usual way, and kept again by `save`
        spec = ModuleSpec(name, self, origin=source, is_package=package)  # type: ignore[arg-type]
        if package:
            spec.submodule_search_locations = [os.path.dirname(source)]
        return spec

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the usual module object

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__
        source, _, _, _, code = self.kept[name]
        # `__file__` set here, not by the import system from `spec.has_location`, which would also work out
        # `__cached__`, the path of the module's `.pyc` (a tenth of what importing a module costs here).
        module.__file__ = source
        self.served.add(name)
        exec(marshal.loads(code), module.__dict__)

    # What importlib's loaders also answer, for tools that ask a module's loader (linecache, inspect, pkgutil).
    def is_package(self, name: str) -> bool:
        return self.kept[name][3]

    def get_filename(self, name: str) -> str:
        return self.kept[name][0]

    def get_code(self, name: str) -> object:
        return marshal.loads(self.kept[name][4])

    def get_source(self, name: str) -> str:
        with open(self.kept[name][0], encoding="utf-8") as file:
            return file.read()


def bundle_path() -> str | None:
    """The bundle file: beside ivrkit's own `__init__` byte-code, named for the interpreter; None when unknown."""
    cached = getattr(sys.modules.get(_PACKAGE), "__cached__", None)
    if not cached:
        return None
    return os.path.join(os.path.dirname(cached), f"modules.{sys.implementation.cache_tag}.bundle")


def installed() -> _Bundle | None:
    """The bundle `install` put on `sys.meta_path`, if any."""
    return next((finder for finder in sys.meta_path if isinstance(finder, _Bundle)), None)


def install() -> None:
    """Serve ivrkit's modules from the bundle file from now on (an empty bundle when there is none yet)."""
    if installed() is not None:
        return
    path = bundle_path()
    if path is None:
        return
    sys.meta_path.insert(0, _Bundle(path, _read(path)))


def _read(path: str) -> _Kept:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return {}
    header = _FORMAT + MAGIC_NUMBER
    if not data.startswith(header):
        return {}
    try:
        kept = marshal.loads(memoryview(data)[len(header) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def save() -> None:
    """Keep in the bundle every ivrkit module this process imported the usual way (see the module docstring)."""
    bundle = installed()
    if bundle is None or sys.dont_write_bytecode:
        return
    added: _Kept = {}
    for name, module in list(sys.modules.items()):
        if name in bundle.served or not (name == _PACKAGE or name.startswith(_PACKAGE + ".")):
            continue
        entry = _entry(name, module, bundle.kept.get(name))
        if entry is not None:
            added[name] = entry
    if not added:
        return
    temporary = f"{bundle.path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as file:
            file.write(_FORMAT + MAGIC_NUMBER + marshal.dumps({**bundle.kept, **added}))
        os.replace(temporary, bundle.path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _entry(
    name: str, module: ModuleType, old: tuple[str, int, int, bool, bytes] | None
) -> tuple[str, int, int, bool, bytes] | None:
    """What to keep of a module imported from its source or `.pyc`; None when `old` still holds it, or for
    anything else (a module made by hand, an extension, one imported by another loader)."""
    spec = getattr(module, "__spec__", None)
    loader = getattr(spec, "loader", None)
    source = getattr(spec, "origin", None)
    if not isinstance(source, str) or not source.endswith(".py") or type(loader).__name__ != "SourceFileLoader":
        return None
    try:
        status = os.stat(source)
        if old is not None and old[:3] == (source, status.st_mtime_ns, status.st_size):
            return None
        code = loader.get_code(name)  # type: ignore[union-attr]
    except (OSError, ImportError, SyntaxError):
        return None
    if code is None:
        return None
    package = spec.submodule_search_locations is not None  # type: ignore[union-attr]
    return source, status.st_mtime_ns, status.st_size, package, marshal.dumps(code)
