"""`select` for a browser worker: there are no file descriptors to wait on, only time.

`selectors` (and through it asyncio and subprocess) import this module; waiting with no
descriptors is just a sleep, and asking for real descriptors is an honest OSError.
"""

import errno as _errno
import time as _time

error = OSError


def select(rlist, wlist, xlist, timeout=None):
    if rlist or wlist or xlist:
        raise OSError(_errno.ENOSYS, "select() on file descriptors is not available in the browser")
    if timeout is None:
        raise OSError(_errno.EDEADLK, "select() with nothing to wait for and no timeout would block forever")
    if timeout < 0:
        raise ValueError("timeout must be non-negative")
    _time.sleep(timeout)
    return [], [], []
