#!/usr/bin/env python3
"""Writes eng/icon.png (128x128 RGBA, the package icon) with the standard library only: a rounded dark-blue square,
a white 'T' and a green handshake bar under it. Run it again after changing the drawing; the output is deterministic."""
import struct
import zlib

SIZE = 128
BG = (0x1B, 0x3A, 0x5C, 255)
FG = (0xFF, 0xFF, 0xFF, 255)
ACCENT = (0x3C, 0xC4, 0x7C, 255)
CLEAR = (0, 0, 0, 0)
RADIUS = 22


def pixel(x, y):
    # Rounded corners: outside the corner circle is transparent.
    cx = min(max(x, RADIUS), SIZE - 1 - RADIUS)
    cy = min(max(y, RADIUS), SIZE - 1 - RADIUS)
    if (x - cx) ** 2 + (y - cy) ** 2 > RADIUS ** 2:
        return CLEAR
    if 26 <= y < 44 and 24 <= x < 104:      # T: the bar
        return FG
    if 44 <= y < 90 and 55 <= x < 73:       # T: the stem
        return FG
    if 98 <= y < 106 and 30 <= x < 98:      # the accent line
        return ACCENT
    return BG


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9))
       + chunk(b"IEND", b""))
with open(__file__.replace("make-icon.py", "icon.png"), "wb") as f:
    f.write(png)
