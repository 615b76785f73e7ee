"""Screenshots of the main pages for the README, taken in Debian's Chromium.

    make screenshots        # PYTHONPATH=. .venv/bin/python scripts/screenshots.py

Serves the demo catalog on a free local port (tests/web/live.py), photographs each page at
1024 px wide (and the search and career pages at phone width), and writes small palette PNGs to
docs/screenshots/, each under 150 KB.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser

from tests.web.live import chromium, live_site

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
MAX_BYTES = 150_000
# name, path, viewport width, viewport height
SHOTS = [
    ("home", "/", 1024, 760),
    ("search", "/search?q=python", 1024, 900),
    ("course", "/courses/sql-fundamentals-querying-relational-data", 1024, 900),
    ("topic", "/topics/databases", 1024, 760),
    ("career", "/careers/backend-engineer", 1024, 900),
    ("career-path", "/careers/backend-engineer#learning-path", 1024, 900),
    ("compare", "/compare?ids=1,2,3", 1024, 900),
    ("providers", "/providers", 1024, 760),
    ("search-phone", "/search?q=guitar&kind=course", 390, 844),
    ("career-phone", "/careers/backend-engineer", 390, 844),
]


def shoot(browser: Browser, base_url: str, path: str, width: int, height: int) -> bytes:
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("networkidle")
    png = page.screenshot()
    context.close()
    return png


def small_png(png: bytes) -> bytes:
    """The picture with a 128-colour palette: text and flat colours survive, bytes do not."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as data_dir,
        live_site(Path(data_dir), with_stub=False) as site,
        chromium() as browser,
    ):
        for name, path, width, height in SHOTS:
            picture = small_png(shoot(browser, site.url, path, width, height))
            if len(picture) > MAX_BYTES:
                sys.exit(f"{name}.png is {len(picture):,} bytes, over {MAX_BYTES:,}")
            (OUT / f"{name}.png").write_bytes(picture)
            print(f"docs/screenshots/{name}.png  {width}x{height}  {len(picture) / 1000:.0f} KB")


if __name__ == "__main__":
    main()
