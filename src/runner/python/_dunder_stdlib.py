"""Imports the standard library on demand.

Only the modules needed to start are frozen into the worker; the rest of RustPython's `Lib/`
is served beside the app (`pylib/`) as bytecode compiled at build time, with the sources for
tracebacks and `inspect`, like a CPython install with its `.pyc` files. The finder knows every module in advance (the index
built with the files), so a name that is not there costs nothing.
"""

import sys
import _dunder_host
from _frozen_importlib import ModuleSpec

# Where modules appear to live, for __file__ and tracebacks (Pyodide uses the same layout);
# build.rs compiles the bytecode with the same paths (INSTALL_PREFIX in stdlib/split.rs).
PREFIX = f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}/"


def _read_index():
    modules = {}
    for line in _dunder_host.stdlib_index().splitlines():
        name, path, package = line.split(" ")
        modules[name] = (path, package == "1")
    return modules


_MODULES = _read_index()


class StdlibFinder:
    """A meta path finder (and loader) for the standard library modules in `pylib/`."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        entry = _MODULES.get(fullname)
        if entry is None:
            return None
        relative, package = entry
        spec = ModuleSpec(fullname, cls, origin=PREFIX + relative, is_package=package)
        if package:
            spec.submodule_search_locations = [PREFIX + relative.rpartition("/")[0]]
        # Not `has_location`: that makes importlib compute `__cached__`, which needs the path
        # importers this file-system-less interpreter does not install. exec_module sets
        # `__file__` instead.
        return spec

    @classmethod
    def invalidate_caches(cls):
        pass

    @staticmethod
    def create_module(spec):
        return None

    @classmethod
    def exec_module(cls, module):
        spec = module.__spec__
        module.__file__ = spec.origin
        # Bytecode compiled at build time; the source only if there is none (a module that
        # does not compile then raises its SyntaxError here, as it would in CPython).
        code = _dunder_host.stdlib_code(_MODULES[spec.name][0])
        if code is None:
            code = compile(cls.get_source(spec.name), spec.origin, "exec", dont_inherit=True)
        exec(code, module.__dict__)

    @staticmethod
    def get_source(fullname):
        """The module's source: also how linecache shows stdlib lines in tracebacks."""
        entry = _MODULES.get(fullname)
        if entry is None:
            raise ImportError(f"{fullname!r} is not in the standard library", name=fullname)
        source = _dunder_host.stdlib_source(entry[0])
        if source is None:
            raise ImportError(
                f"could not load {fullname!r} (pylib/{entry[0]}): is the connection down?",
                name=fullname,
            )
        return source

    @staticmethod
    def is_package(fullname):
        return _MODULES[fullname][1]


def install():
    """Put the finder after the built-in and frozen importers, as the path finder would be."""
    if StdlibFinder not in sys.meta_path:
        sys.meta_path.append(StdlibFinder)
