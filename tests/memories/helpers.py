"""Photos made in the test: a JPEG and a HEIC carrying GPS EXIF and XMP, a bomb, a renamed text file."""

from __future__ import annotations

import io
import struct
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pillow_heif.register_heif_opener()

GPS = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.2N"/></rdf:RDF></x:xmpmeta>'
)
METADATA_MARKERS = (b"Exif", b"EXIF", b"xmpmeta", b"XMP ", b"ns.adobe.com", b"PhoneCam")


def _exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "PhoneCam"  # camera model
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update(GPS)
    return exif.tobytes()


def picture(width: int = 600, height: int = 400) -> Image.Image:
    """Something photo-like: smooth gradients, so it compresses as a real photo does."""
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = red.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Image.merge("RGB", (red, green, blue))


def jpeg_with_gps(name: str = "beach.jpg", orientation: int = 6, size=(600, 400)) -> SimpleUploadedFile:
    out = io.BytesIO()
    picture(*size).save(out, "JPEG", quality=90, exif=_exif(orientation), xmp=XMP)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def heic_with_gps(name: str = "IMG_0001.HEIC") -> SimpleUploadedFile:
    out = io.BytesIO()
    picture(600, 400).save(out, "HEIF", exif=_exif(6), xmp=XMP)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/heic")


def png(name: str = "plain.png", size=(64, 48)) -> SimpleUploadedFile:
    out = io.BytesIO()
    picture(*size).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def decompression_bomb(name: str = "tiny.png") -> SimpleUploadedFile:
    """A valid little PNG whose header claims 100,000 × 100,000 pixels."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 100_000, 100_000)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return SimpleUploadedFile(name, bytes(data), content_type="image/png")


def renamed_text(name: str = "holiday.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"Dear diary, this is not a photo at all.\n" * 20, content_type="image/jpeg")


def truncated_jpeg(name: str = "half.jpg") -> SimpleUploadedFile:
    whole = jpeg_with_gps().read()
    return SimpleUploadedFile(name, whole[: len(whole) // 2], content_type="image/jpeg")


def has_metadata(data: bytes) -> list[bytes]:
    return [marker for marker in METADATA_MARKERS if marker in data]
