"""Writes a PNG as a signature pad sends one: a stroke across a white field, or the field alone.

    signature_png.py WIDTH HEIGHT DRAWN(1|0) PATH
"""
import struct
import sys
import zlib

width, height, drawn, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]


def ink(x, y):
    return drawn and width // 5 < x < 4 * width // 5 and abs(y - height // 2 - (x % 40) // 4) < 3


raw = b"".join(
    b"\0" + b"".join(b"\0\0\0\xff" if ink(x, y) else b"\xff\xff\xff\xff" for x in range(width))
    for y in range(height))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


with open(path, "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
              + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
