"""`_signal` for a browser worker: no operating system sends signals here, but the API exists
(asyncio.run installs a SIGINT handler), and handlers can be set, read and raised."""

import sys as _sys

SIG_DFL = 0
SIG_IGN = 1
# Linux numbering, like the course's CPython output.
SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT = 1, 2, 3, 4, 5, 6
SIGBUS, SIGFPE, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2 = 7, 8, 9, 10, 11, 12
SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP = 13, 14, 15, 17, 18, 19
NSIG = 65

_NAMES = {value: name for name, value in globals().items()
          if name.startswith("SIG") and not name.startswith("SIG_")}
_handlers = {}


def default_int_handler(signalnum, frame, /):
    raise KeyboardInterrupt


def _reset():
    """Forget handlers set by the previous program."""
    _handlers.clear()
    _handlers[SIGINT] = default_int_handler


_reset()


def _check(signalnum):
    if not 1 <= signalnum < NSIG:
        raise ValueError("signal number out of range")


def getsignal(signalnum, /):
    _check(signalnum)
    return _handlers.get(signalnum, SIG_DFL)


def signal(signalnum, handler, /):
    _check(signalnum)
    if signalnum in (SIGKILL, SIGSTOP):
        raise OSError(22, "Invalid argument")
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    old = getsignal(signalnum)
    _handlers[signalnum] = handler
    return old


def raise_signal(signalnum, /):
    handler = getsignal(signalnum)
    if callable(handler):
        handler(signalnum, _sys._getframe(1))
    elif handler == SIG_DFL:
        raise SystemExit(128 + signalnum)


def set_wakeup_fd(fd, /, *, warn_on_full_buffer=True):
    return -1


def valid_signals():
    return set(range(1, NSIG))


def strsignal(signalnum, /):
    _check(signalnum)
    name = _NAMES.get(signalnum)
    return name and name[3:].title()


def siginterrupt(signalnum, flag, /):
    _check(signalnum)
