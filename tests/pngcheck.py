"""Just enough PNG decoding for tests: the rows of an 8-bit RGB(A) image, to look for ink where none belongs."""

from __future__ import annotations

import struct
import zlib
from itertools import accumulate


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode(png: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows) of an 8-bit, non-interlaced RGB or RGBA PNG."""
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            if depth != 8 or colour not in (2, 6):
                msg = "only 8-bit RGB(A) PNGs"
                raise ValueError(msg)
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += data
    raw, stride = zlib.decompress(idat), width * bpp
    previous, rows = bytearray(stride), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind == 0:
            pass
        elif kind == 1:  # Sub: each channel is a running sum modulo 256, summed in C rather than byte by byte
            for channel in range(bpp):
                line[channel::bpp] = bytes(map((255).__and__, accumulate(line[channel::bpp])))
        else:
            _unfilter(kind, line, previous, bpp)
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    """Undo filter Up, Average or Paeth in place, one byte at a time."""
    for x in range(len(line)):
        a = line[x - bpp] if x >= bpp else 0
        b, c = previous[x], previous[x - bpp] if x >= bpp else 0
        line[x] = (line[x] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 255


def has_ink(png: bytes, columns: range, lines: range, darker_than: int = 128) -> bool:
    """Whether any pixel in ``columns`` × ``lines`` has a red channel darker than ``darker_than``."""
    _, _, bpp, rows = decode(png)
    return any(rows[y][x * bpp] < darker_than for y in lines for x in columns)
