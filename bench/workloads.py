"""Six small CPU workloads, run unchanged by every engine in bench/compare.mjs and by native python3.

Each workload returns a checksum (an int, so no engine's float formatting can make equal work look
different); compare.mjs checks the checksums agree across engines. Only builtins and `time` are
used. The harness at the bottom prints one line per workload: `name checksum ms`.
"""
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_25():
    """Recursive calls: frame creation and integer arithmetic."""
    return fib(25)


def dict_sum():
    """Building and iterating a 200k-entry int dict."""
    d = {i: i * 2 for i in range(200_000)}
    return sum(d.values())


def str_join():
    """int → str conversion and joining 200k strings; the checksum is the length."""
    return len("".join(str(i) for i in range(200_000)))


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def manhattan(self):
        return abs(self.x) + abs(self.y)


def slots_objects():
    """100k instances of a __slots__ class, one method call each."""
    total = 0
    for i in range(100_000):
        total += Point(i, -i).manhattan()
    return total


def sort_floats():
    """Sorting 200k floats from a Park–Miller generator (seed 42), the same numbers everywhere."""
    x = 42
    values = []
    for _ in range(200_000):
        x = x * 16807 % 2147483647
        values.append(x / 2147483647)
    values.sort()
    # Every 1000th value, scaled to an int: proves the same order without comparing float reprs.
    return sum(int(v * 1e9) for v in values[::1000])


def generator_pipeline():
    """Chained generators: the sum of the squares of the even numbers below 1e6."""
    evens = (i for i in range(1_000_000) if i % 2 == 0)
    squares = (i * i for i in evens)
    return sum(squares)


WORKLOADS = [fib_25, dict_sum, str_join, slots_objects, sort_floats, generator_pipeline]

# compare.mjs sets this to one workload's name when it has to run them one per run.
ONLY = None


def main():
    for workload in WORKLOADS:
        if ONLY is not None and workload.__name__ != ONLY:
            continue
        start = time.perf_counter()
        checksum = workload()
        ms = (time.perf_counter() - start) * 1000
        print(workload.__name__, checksum, f"{ms:.1f}")


main()
