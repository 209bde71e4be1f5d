"""An asyncio event loop for a browser worker.

CPython's default loop waits on a selector and wakes itself through a socketpair; a worker
has neither. Everything asyncio does in lessons (tasks, gather, TaskGroup, timeouts, sleep,
async generators) only needs the loop to run ready callbacks and to wait until the next
timer is due, which is a real sleep here.
"""

import time
from asyncio import base_events


class _TimersOnly:
    """Stands in for a selector: there is never I/O, so waiting means sleeping until the next
    timer. With no timer either, CPython would block forever; we say so instead."""

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError(
                "the event loop has nothing left to run and nothing scheduled: it would wait "
                "forever (is something awaiting a future that nothing will ever complete?)")
        if timeout > 0:
            time.sleep(timeout)
        return []

    def close(self):
        pass


class BrowserEventLoop(base_events.BaseEventLoop):
    """Tasks, callbacks and timers; no sockets, pipes, signals or subprocesses."""

    # An Inspect run sets this to see every new loop (to record when each task ran, see
    # _dunder_tasks); ordinary runs leave it None.
    on_new_loop = None

    def __init__(self):
        super().__init__()
        self._selector = _TimersOnly()
        if BrowserEventLoop.on_new_loop is not None:
            BrowserEventLoop.on_new_loop(self)

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        # Only another thread would need to wake the loop, and there is none.
        pass

    def add_signal_handler(self, sig, callback, *args):
        raise NotImplementedError("signal handlers are not available in the browser")

    def remove_signal_handler(self, sig):
        return False
