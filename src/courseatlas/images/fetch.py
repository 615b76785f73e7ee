"""Downloading a feed's picture: one bounded GET that refuses what is not a picture early."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx2

from courseatlas.images.pictures import Limits, Rejected


def download(client: httpx2.Client, url: str, limits: Limits) -> bytes:
    """The body at ``url`` if it answers 200 with an image type and no more than max_bytes."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Rejected("not an http(s) address")
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise Rejected(f"answered HTTP {response.status_code}")
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if not media_type.startswith("image/"):
                raise Rejected(f"not a picture ({media_type or 'no content type'})")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise Rejected(f"{int(declared):,} bytes is more than {limits.max_bytes:,}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise Rejected(f"more than {limits.max_bytes:,} bytes")
            return bytes(body)
    except httpx2.HTTPError as error:
        raise Rejected(f"no answer ({type(error).__name__})") from None
