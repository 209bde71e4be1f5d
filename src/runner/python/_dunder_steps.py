"""The step meter behind "Measure growth": executed line events, counted by `sys.settrace`.

A line event is one Python source line starting to run, in any frame of Python code (the
reader's, and Python-level stdlib code it calls). The count is the same on every run and on
every machine, unlike a stopwatch in a browser VM. Work done inside built-ins written in Rust
(`x in a_list`, `sorted`) has no lines: it shows up only through the Python code the built-in
calls back, such as an element's `__eq__` or `__lt__`. That is how the lessons measure them.

Imported only when the reader asks for a measurement.
"""

import math
import sys

# Each size may cost at most this many steps; the sizes stop growing at the first that would
# cost more (its partial count is not a point).
DEFAULT_BUDGET = 300_000
MAX_SIZE = 1 << 14  # building a 16 384-item input per size stays quick in the browser
MAX_POINTS = 40


class _OverBudget(BaseException):
    """Raised inside the measured call by the tracer; BaseException, so `except Exception` in
    the reader's code does not swallow it."""


def _ours(frame):
    """Frames that are how this VM does its own plumbing, not the reader's work, so never
    counted: Dunder's shims (this meter, the output streams, the asyncio loop) and the text
    codecs RustPython's print() runs in Python (CPython runs no Python lines there)."""
    return frame.f_code.co_filename.startswith(("_dunder", "encodings"))


class _Meter:
    def __init__(self, budget):
        self.budget = budget
        self.steps = 0

    def _global(self, frame, event, arg):
        if _ours(frame):
            return None
        return self._local

    def _local(self, frame, event, arg):
        if event == "line":
            self.steps += 1
            if self.steps > self.budget:
                raise _OverBudget
        return self._local

    def count(self, func, argument):
        """Steps taken by `func(argument)`, or None if over budget. The reader's own error
        propagates."""
        self.steps = 0
        previous = sys.gettrace()
        sys.settrace(self._global)
        try:
            func(argument)
        except _OverBudget:
            return None
        finally:
            sys.settrace(previous)
        return self.steps


class RunCounter(_Meter):
    """"Count steps" for a whole ordinary run: every line event, no budget (Stop and the time
    limit still end a runaway program, since they end the worker)."""

    def __init__(self):
        super().__init__(budget=math.inf)
        self.complete = True

    def start(self):
        sys.settrace(self._global)

    def stop(self):
        if sys.gettrace() != self._global:  # bound methods: ==, not `is`
            self.complete = False  # the program put in its own tracer
        sys.settrace(None)


def sizes():
    """1, 2, 3, 4, 6, 8, 12, 16, 24, ...: doubling, with a midpoint between each, so a fast-
    growing function still gets enough points before its budget runs out."""
    n = 1
    while n <= MAX_SIZE:
        yield n
        if n >= 2 and n * 3 // 2 <= MAX_SIZE:
            yield n * 3 // 2
        n *= 2


def measure(func, make=None, budget=DEFAULT_BUDGET):
    """[(n, steps)] for growing n, with `func(make(n))` counted (`make` runs unmetered: building
    the input is not the cost being measured), and why the sizes stopped growing (an error the
    reader's code raised is a reason too, with the sizes measured before it)."""
    meter = _Meter(budget)
    points = []
    for n in sizes():
        try:
            argument = make(n) if make is not None else n
            steps = meter.count(func, argument)
        except BaseException as exc:
            return points, f"n = {n:,} raised {type(exc).__name__}: {exc}"
        if steps is None:
            return points, f"n = {n:,} would take more than {budget:,} steps"
        points.append((n, steps))
        if len(points) >= MAX_POINTS:
            break
    return points, f"stopped at n = {points[-1][0]:,}, the largest size measured"
