"""`_thread` for a browser worker, where WebAssembly has one thread and no way to start another.

Locks, thread-locals and identities work (single-threaded code that uses `threading.Lock` runs
as in CPython). Starting a thread raises a clear RuntimeError instead of silently running the
target on the spot and pretending it was concurrent; the course teaches threads with
simulations that do run here.
"""

# The interpreter imports this module while it starts, before the import system exists:
# it must not import anything at module level.

_NO_THREADS = ("threads are not available in the browser: WebAssembly runs Python on a single "
               "thread here. Run this example in CPython, or simulate the threads (for example "
               "with generators).")
_MAIN_THREAD_IDENT = 1

error = RuntimeError
TIMEOUT_MAX = float(2**31)


def get_ident():
    return _MAIN_THREAD_IDENT


def _get_main_thread_ident():
    return _MAIN_THREAD_IDENT


def _is_main_interpreter():
    return True


def _count():
    return 0


def _shutdown():
    pass


def stack_size(size=None):
    if size is not None:
        raise error("setting thread stack size not supported")
    return 0


def interrupt_main(signum=2):
    raise KeyboardInterrupt


def exit():
    raise SystemExit


class _ThreadHandle:
    """The handle of the one thread there is (threading's main thread)."""

    def __init__(self):
        self._ident = _MAIN_THREAD_IDENT
        self._done = False

    @property
    def ident(self):
        return self._ident

    def _set_done(self):
        self._done = True

    def is_done(self):
        return self._done

    def join(self, timeout=None):
        raise RuntimeError("cannot join the current thread")


def _make_thread_handle(ident):
    handle = _ThreadHandle()
    handle._ident = ident
    return handle


def get_native_id():
    return get_ident()


def daemon_threads_allowed():
    return True


def start_new_thread(function, args, kwargs={}):
    raise RuntimeError(_NO_THREADS)


def start_joinable_thread(function, handle=None, daemon=True):
    raise RuntimeError(_NO_THREADS)


start_new = start_new_thread


class LockType:
    """A real lock for one thread: acquiring a lock that is already held can never succeed,
    so a blocking acquire says so instead of hanging (CPython would deadlock)."""

    def __init__(self):
        self._locked = False

    def acquire(self, blocking=True, timeout=-1):
        if not self._locked:
            self._locked = True
            return True
        if not blocking:
            return False
        if timeout is not None and timeout >= 0:
            import time
            time.sleep(timeout)
            return False
        raise RuntimeError("deadlock: this lock is already held, and with a single thread "
                           "nothing can ever release it")

    acquire_lock = acquire
    __enter__ = acquire

    def __exit__(self, *exc_info):
        self.release()

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False

    release_lock = release

    def locked(self):
        return self._locked

    locked_lock = locked

    def _at_fork_reinit(self):
        self._locked = False

    def __repr__(self):
        state = "locked" if self._locked else "unlocked"
        return f"<{state} _thread.lock object at {id(self):#x}>"


lock = LockType


def allocate_lock():
    return LockType()


allocate = allocate_lock


class RLock:
    """A re-entrant lock: the one thread may take it again; counts must balance."""

    def __init__(self):
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        self._count += 1
        return True

    __enter__ = acquire

    def __exit__(self, *exc_info):
        self.release()

    def release(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1

    def _is_owned(self):
        return self._count > 0

    def _release_save(self):
        count, self._count = self._count, 0
        return count

    def _acquire_restore(self, count):
        self._count = count

    def _recursion_count(self):
        return self._count

    def locked(self):
        return self._count > 0

    def _at_fork_reinit(self):
        self._count = 0

    def __repr__(self):
        state = "locked" if self._count else "unlocked"
        return f"<{state} _thread.RLock object owner={get_ident() if self._count else 0} count={self._count} at {id(self):#x}>"


class _local:
    """Thread-local data. With exactly one thread, an ordinary per-instance namespace is the
    whole story (CPython's rules about initialisation arguments still apply)."""

    def __new__(cls, /, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        return object.__new__(cls)
