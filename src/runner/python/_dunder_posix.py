"""The contents of the `posix` module in a browser worker.

There is no operating system here: no files, no processes, no users. What the browser can
honestly provide is provided (a working directory, an environment, randomness from
`crypto.getRandomValues`); everything else raises a clear OSError instead of pretending.
"""

import errno as _errno
import _dunder_host

# Values as on Linux, which is what the course's CPython output comes from.
F_OK, X_OK, W_OK, R_OK = 0, 1, 2, 4
O_RDONLY, O_WRONLY, O_RDWR = 0, 1, 2
O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK = 0o100, 0o200, 0o400, 0o1000, 0o2000, 0o4000
O_NOFOLLOW, O_CLOEXEC = 0o400000, 0o2000000
WNOHANG = 1
EX_OK = 0

_CWD = "/home/dunder"
environ = {
    b"HOME": _CWD.encode(),
    b"USER": b"dunder",
    b"LANG": b"C.UTF-8",
    b"PATH": b"/usr/local/bin:/usr/bin:/bin",
}

_have_functions = []


def getcwd():
    return _CWD


def getcwdb():
    return _CWD.encode()


def getpid():
    # A Web Worker has no process id; one fixed number keeps logging and tempfile happy.
    return 1


def getppid():
    return 0


def getuid():
    return 1000


geteuid = getuid


def getgid():
    return 1000


getegid = getgid


def cpu_count():
    # Python runs on exactly one worker thread.
    return 1


def urandom(size):
    return _dunder_host.urandom(size)


def strerror(code):
    from _dunder_errno import MESSAGES
    return MESSAGES.get(code, f"Unknown error {code}")


def putenv(key, value):
    # os.environ keeps the mapping; there is no child process to pass it to.
    pass


def unsetenv(key):
    pass


def _exit(status):
    # No process to end: stop the program here, skipping `finally` blocks is not possible.
    raise SystemExit(status)


def fspath(path):
    """CPython's os.fspath: str and bytes as they are, else the object's __fspath__()."""
    if isinstance(path, (str, bytes)):
        return path
    path_type = type(path)
    try:
        result = path_type.__fspath__(path)
    except AttributeError:
        if hasattr(path_type, "__fspath__"):
            raise
        raise TypeError("expected str, bytes or os.PathLike object, not " + path_type.__name__) from None
    if isinstance(result, (str, bytes)):
        return result
    raise TypeError(f"expected {path_type.__name__}.__fspath__() to return str or bytes, "
                    f"not {type(result).__name__}")


def device_encoding(fd):
    return None


def isatty(fd):
    return False


class terminal_size(tuple):
    """A size pair like CPython's `os.terminal_size`."""

    n_fields = n_sequence_fields = 2
    n_unnamed_fields = 0

    def __new__(cls, sequence):
        columns, lines = sequence
        return super().__new__(cls, (columns, lines))

    columns = property(lambda self: self[0])
    lines = property(lambda self: self[1])

    def __repr__(self):
        return f"os.terminal_size(columns={self[0]}, lines={self[1]})"


terminal_size.__module__ = "os"


class stat_result(tuple):
    """The shape of CPython's `os.stat_result` (nothing here can produce one: there are no
    files, but shutil, pathlib and tempfile refer to the type)."""

    n_sequence_fields = n_fields = 10
    n_unnamed_fields = 0
    _fields = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
               "st_atime", "st_mtime", "st_ctime")

    def __new__(cls, sequence, dict=None):
        return super().__new__(cls, tuple(sequence)[:10])


for _i, _field in enumerate(stat_result._fields):
    setattr(stat_result, _field, property(lambda self, _i=_i: self[_i]))
del _i, _field
stat_result.__module__ = "os"


def get_terminal_size(fd=1):
    raise OSError(_errno.ENOTTY, "Inappropriate ioctl for device")


def _unavailable(name, what):
    def unavailable(*args, **kwargs):
        raise OSError(_errno.ENOSYS, f"{name}() is not available in the browser: {what}")

    unavailable.__name__ = unavailable.__qualname__ = name
    return unavailable


for _name in ("stat", "lstat", "fstat", "listdir", "scandir", "open", "close", "read", "write",
              "mkdir", "rmdir", "unlink", "remove", "rename", "replace", "chdir", "access",
              "chmod", "utime", "readlink", "symlink", "link", "truncate", "ftruncate",
              "lseek", "fsync", "dup", "dup2", "pipe"):
    globals()[_name] = _unavailable(_name, "there is no file system (use io.StringIO or io.BytesIO)")
def waitstatus_to_exitcode(status):
    return status >> 8 if status & 0x7F == 0 else -(status & 0x7F)


def WIFSTOPPED(status):
    return status & 0xFF == 0x7F


def WSTOPSIG(status):
    return status >> 8 & 0xFF


for _name in ("kill", "waitpid", "system", "execv", "execve", "spawnv", "killpg"):
    globals()[_name] = _unavailable(_name, "there are no processes")
del _name
