"""The tests' PNG reader gives back the pixels that were written, whichever filter each row uses."""

from __future__ import annotations

import random
import struct
import zlib

import pytest
from pngcheck import _paeth, decode, has_ink


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _filtered(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    """The PNG specification's forward filter, written out byte by byte, independent of the reader."""
    out = bytearray()
    for x, value in enumerate(line):
        a = line[x - bpp] if x >= bpp else 0
        b = previous[x]
        c = previous[x - bpp] if x >= bpp else 0
        predictor = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
        out.append((value - predictor) & 255)
    return bytes(out)


def encode(rows: list[bytes], width: int, bpp: int, filters: list[int]) -> bytes:
    previous, raw = bytes(width * bpp), bytearray()
    for row, kind in zip(rows, filters, strict=True):
        raw += bytes([kind]) + _filtered(kind, row, previous, bpp)
        previous = row
    header = struct.pack(">IIBBBBB", width, len(rows), 8, 6 if bpp == 4 else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(raw)))
        + _chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("bpp", [3, 4])
def test_every_filter_decodes_to_the_pixels_written(bpp: int):
    chance = random.Random(bpp)  # noqa: S311 (test pixels, not secrets)
    width, height = 17, 15
    rows = [bytes(chance.randrange(256) for _ in range(width * bpp)) for _ in range(height)]
    filters = [y % 5 for y in range(height)]  # None, Sub, Up, Average, Paeth, and again
    assert decode(encode(rows, width, bpp, filters)) == (width, height, bpp, rows)


def test_ink_is_found_only_where_it_is():
    width, bpp = 8, 4
    white = bytes([255] * width * bpp)
    ink = bytearray(white)
    ink[5 * bpp : 5 * bpp + 3] = b"\x00\x00\x00"
    png = encode([white, bytes(ink), white], width, bpp, [1, 1, 4])
    assert has_ink(png, range(5, 6), range(1, 2))
    assert not has_ink(png, range(0, 5), range(0, 3))
    assert not has_ink(png, range(5, 6), range(2, 3))
