"""The bytecode view: `dis` of one function the reader names, as data for the page.

This is RustPython's bytecode. RustPython's compiler follows CPython 3.14's instruction set
closely, but it is a separate compiler, so the page labels the listing as RustPython's.

Imported only when the reader asks for bytecode.
"""

import dis
import types

MAX_INSTRUCTIONS = 400


def _code_of(value):
    """The code object behind a function, method, class method, property getter or code."""
    for _ in range(4):
        if isinstance(value, types.CodeType):
            return value
        if isinstance(value, (staticmethod, classmethod)) or hasattr(value, "__func__"):
            value = value.__func__
        elif isinstance(value, property) and value.fget is not None:
            value = value.fget
        elif hasattr(value, "__code__"):
            value = value.__code__
        elif hasattr(value, "__wrapped__"):
            value = value.__wrapped__  # functools.wraps decorators
        else:
            return None
    return value if isinstance(value, types.CodeType) else None


def disassemble(target, namespace, describe_error):
    result = {"target": target, "name": "", "instructions": [], "truncated": False, "error": None}
    try:
        value = eval(target, namespace)
    except BaseException as exc:
        result["error"] = f"could not evaluate {target!r}: {describe_error(exc)}"
        return result
    code = _code_of(value)
    if code is None:
        kind = type(value).__name__
        hint = " (a built-in, written in Rust, has no bytecode)" if callable(value) else ""
        result["error"] = f"{target!r} is a {kind}, which has no Python bytecode{hint}"
        return result
    result["name"] = getattr(code, "co_qualname", code.co_name)
    out = result["instructions"]
    for ins in dis.get_instructions(code):
        if len(out) >= MAX_INSTRUCTIONS:
            result["truncated"] = True
            break
        line = ins.line_number if ins.starts_line else None
        label = f"L{ins.label}" if getattr(ins, "label", None) else None
        out.append({"offset": ins.offset, "line": line, "opname": ins.opname,
                    "argrepr": ins.argrepr or "", "label": label})
    return result
