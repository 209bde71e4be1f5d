"""`_socket` for a browser worker: there is no network stack, so creating a socket is an
honest OSError. The constants and helpers exist so that `socket` (and asyncio) import."""

import errno as _errno

AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6 = 0, 1, 2, 10
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = 1, 2, 3
SOL_SOCKET, SO_REUSEADDR, SO_KEEPALIVE, SO_ERROR, SO_TYPE = 1, 2, 9, 4, 3
IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6 = 0, 6, 17, 41
TCP_NODELAY = 1
SHUT_RD, SHUT_WR, SHUT_RDWR = 0, 1, 2
AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST = 1, 2, 4
NI_NUMERICHOST, NI_NUMERICSERV = 1, 2
MSG_PEEK, MSG_DONTWAIT = 2, 64
SOMAXCONN = 4096
has_ipv6 = False

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_NO_NETWORK = "there is no network in the browser sandbox"
_default_timeout = None


class socket:
    """Every construction fails: the class exists so `socket.socket` can subclass it."""

    __slots__ = ()  # socket.socket adds __weakref__ itself, as over CPython's C type

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        raise OSError(_errno.ENOSYS, f"sockets are not available: {_NO_NETWORK}")


SocketType = socket


def socketpair(family=None, type=SOCK_STREAM, proto=0):
    raise OSError(_errno.ENOSYS, f"socketpair() is not available: {_NO_NETWORK}")


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    raise gaierror(-3, f"Temporary failure in name resolution ({_NO_NETWORK})")


def gethostbyname(name):
    raise gaierror(-3, f"Temporary failure in name resolution ({_NO_NETWORK})")


def gethostname():
    return "localhost"


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(value):
    global _default_timeout
    _default_timeout = value


def htons(x):
    return ((x & 0xFF) << 8) | ((x >> 8) & 0xFF)


ntohs = htons


def htonl(x):
    return int.from_bytes(x.to_bytes(4, "little"), "big")


ntohl = htonl
