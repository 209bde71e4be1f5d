"""`_posixsubprocess` for a browser worker: there are no processes to start."""

import errno as _errno


def fork_exec(*args, **kwargs):
    raise OSError(_errno.ENOSYS, "subprocesses are not available in the browser")
