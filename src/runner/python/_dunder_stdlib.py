"""Imports the standard library on demand.

Only the modules needed to start are frozen into the worker; the rest of RustPython's `Lib/`
is served beside the app (`pylib/`) as bytecode compiled at build time, with the sources for
tracebacks and `inspect`, like a CPython install with its `.pyc` files. The host knows every
module in advance (the index built with the files, src/runner/lazy_stdlib.rs), so a name that
is not there costs no request.
"""

import sys
import _dunder_host
from _frozen_importlib import ModuleSpec


class StdlibFinder:
    """A meta path finder (and loader) for the standard library modules in `pylib/`."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        found = _dunder_host.stdlib_lookup(fullname)
        if found is None:
            return None
        origin, package = found
        spec = ModuleSpec(fullname, cls, origin=origin, is_package=package)
        if package:
            spec.submodule_search_locations = [origin.rpartition("/")[0]]
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
        code = _dunder_host.stdlib_code(spec.name)
        if code is None:
            code = compile(cls.get_source(spec.name), spec.origin, "exec", dont_inherit=True)
        exec(code, module.__dict__)

    @staticmethod
    def get_source(fullname):
        """The module's source: also how linecache shows stdlib lines in tracebacks."""
        found = _dunder_host.stdlib_lookup(fullname)
        if found is None:
            raise ImportError(f"{fullname!r} is not in the standard library", name=fullname)
        source = _dunder_host.stdlib_source(fullname)
        if source is None:
            raise ImportError(
                f"could not load {fullname!r} ({found[0]}): is the connection down?",
                name=fullname,
            )
        return source

    @staticmethod
    def is_package(fullname):
        found = _dunder_host.stdlib_lookup(fullname)
        if found is None:
            raise ImportError(f"{fullname!r} is not in the standard library", name=fullname)
        return found[1]


def install():
    """Put the finder after the built-in and frozen importers, as the path finder would be."""
    if StdlibFinder not in sys.meta_path:
        sys.meta_path.append(StdlibFinder)
