"""Turning an uploaded photo into two clean files: a picture and a thumbnail.

The upload is read with Pillow (and pillow-heif, so a photo straight from an iPhone works),
checked, turned upright, then drawn onto a fresh image that carries nothing from the
original: no EXIF (the GPS location above all), no XMP, no maker notes, no embedded
thumbnail. The picture is saved as JPEG, at most `FULL_SIDE` on its long side; the
thumbnail as a small square WebP for the timeline and the grid.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a HEIC or JPEG from a phone is 2–8 MB
MAX_PIXELS = 60_000_000  # a 48-megapixel phone photo fits; a decompression bomb does not
FULL_SIDE = 2048
THUMB_SIDE = 240
READABLE = ("JPEG", "PNG", "WEBP", "HEIF", "GIF")  # a JPEG opener also reads MPO

NOT_A_PHOTO = "{name} isn't a photo we can open. Try a JPEG, PNG, WebP or HEIC picture."
TOO_BIG = "{name} is {size} MB; photos can be up to {limit} MB. A phone's ordinary photo fits."
TOO_MANY_PIXELS = "{name} is far larger than any photo (too many pixels), so we didn't open it."
DAMAGED = "{name} looks damaged or incomplete — it may not have finished copying. Try it again."


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumb: bytes
    width: int
    height: int


def _refuse(message: str, name: str, code: str, **extra) -> ValidationError:
    return ValidationError(message.format(name=f"“{name}”" if name else "That file", **extra), code=code)


def clean_photo(upload, name: str = "") -> CleanPhoto:
    """Check and re-encode one uploaded file, or raise a ValidationError that says why not."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _refuse(TOO_BIG, name, "too_big", size=round(size / 1024 / 1024, 1), limit=MAX_UPLOAD_BYTES // 1024 // 1024)
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=READABLE) as original:
                if original.width * original.height > MAX_PIXELS:
                    raise _refuse(TOO_MANY_PIXELS, name, "bomb")
                if original.format == "JPEG":
                    original.draft("RGB", (FULL_SIDE, FULL_SIDE))  # decode big JPEGs at a smaller scale
                original.seek(0)  # an animated GIF: its first frame
                original.load()  # a truncated file fails here, not later
                upright = ImageOps.exif_transpose(original)
                picture = _flatten(upright)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(TOO_MANY_PIXELS, name, "bomb") from None
    except UnidentifiedImageError:
        raise _refuse(NOT_A_PHOTO, name, "not_an_image") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, RuntimeError):
        raise _refuse(DAMAGED, name, "damaged") from None

    full = picture.copy()
    full.thumbnail((FULL_SIDE, FULL_SIDE), Image.Resampling.LANCZOS)
    thumb = ImageOps.fit(picture, (THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(
        image=_encode(full, "JPEG", quality=85, optimize=True, progressive=True),
        thumb=_encode(thumb, "WEBP", quality=65, method=4),
        width=full.width,
        height=full.height,
    )


def _flatten(image: Image.Image) -> Image.Image:
    """The pixels alone, in RGB, on a new image: nothing of the original's metadata comes along."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", rgba.size, (255, 255, 255))
        clean.paste(rgba, mask=rgba.getchannel("A"))
        return clean
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    return clean


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()
