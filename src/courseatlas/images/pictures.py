"""Turning fetched bytes into a picture the site serves: checked, bounded, resized, re-encoded.

Re-encoding is what makes serving safe: the site never sends a byte it did not write itself.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_SIDE = 480  # pixels of the longest side, enough for a page's picture at 2x
WEBP_QUALITY = 80
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})


class Rejected(Exception):
    """A fetched answer that is not a picture the site will serve; the message says why."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5_000_000
    max_pixels: int = 40_000_000  # beyond this a "picture" is a decompression bomb


@dataclass(frozen=True)
class Picture:
    data: bytes  # WebP
    width: int
    height: int


def resized(data: bytes, limits: Limits) -> Picture:
    """The picture in ``data``, at most MAX_SIDE on its longest side, as WebP."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise Rejected(f"not a JPEG, PNG, GIF or WebP picture ({image.format})")
            if image.width * image.height > limits.max_pixels:
                raise Rejected(f"{image.width}x{image.height} pixels is too large")
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Rejected("not a picture that can be read") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise Rejected(f"a broken picture: {str(error)[:200]}") from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    converted = image.convert("RGBA" if _has_alpha(image) else "RGB")
    out = io.BytesIO()
    converted.save(out, "WEBP", quality=WEBP_QUALITY)
    return Picture(out.getvalue(), converted.width, converted.height)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
