"""The two wire formats of the iPhone's host protocols, both carrying property lists.

usbmux: a 16-byte little-endian header (length including the header, version, message type, tag), then
an XML plist. lockdown and its services: a 4-byte big-endian length, then the plist.
"""

from __future__ import annotations

import plistlib
import socket
import struct
from typing import Any

USBMUX_HEADER = struct.Struct("<IIII")
USBMUX_VERSION, USBMUX_PLIST = 1, 8
SERVICE_LENGTH = struct.Struct(">I")
MAX_MESSAGE = 1 << 20


class Closed(Exception):
    """The other side closed the connection."""


def recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise Closed
        data += chunk
    return data


def read_usbmux(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """(tag, message)."""
    length, _version, _kind, tag = USBMUX_HEADER.unpack(recv_exact(sock, USBMUX_HEADER.size))
    if not USBMUX_HEADER.size <= length <= MAX_MESSAGE:
        raise Closed
    return tag, plistlib.loads(recv_exact(sock, length - USBMUX_HEADER.size))


def send_usbmux(sock: socket.socket, tag: int, message: dict[str, Any]) -> None:
    body = plistlib.dumps(message)
    sock.sendall(USBMUX_HEADER.pack(USBMUX_HEADER.size + len(body), USBMUX_VERSION, USBMUX_PLIST, tag) + body)


def read_service(sock: socket.socket) -> Any:
    (length,) = SERVICE_LENGTH.unpack(recv_exact(sock, SERVICE_LENGTH.size))
    if length > MAX_MESSAGE:
        raise Closed
    return plistlib.loads(recv_exact(sock, length))


def send_service(sock: socket.socket, message: dict[str, Any]) -> None:
    body = plistlib.dumps(message)
    sock.sendall(SERVICE_LENGTH.pack(len(body)) + body)
