"""The interactive API docs (/docs, /redoc) from vendored assets, under a content policy.

Swagger UI and ReDoc come from the pinned ``fastapi-offline`` package, served from this site:
no CDN, so the docs work offline and the policy can name the one inline script they run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
TITLE = "courseatlas API"
_OPENAPI = "/openapi.json"

router = APIRouter(include_in_schema=False)


def _swagger() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=_OPENAPI,
        title=TITLE,
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon.png",
    )


def _redoc() -> HTMLResponse:
    return get_redoc_html(
        openapi_url=_OPENAPI,
        title=TITLE,
        redoc_js_url=f"{ASSETS}/redoc.standalone.js",
        redoc_favicon_url=f"{ASSETS}/favicon.png",
        with_google_fonts=False,
    )


def _inline_script_hashes(*pages: HTMLResponse) -> list[str]:
    hashes = []
    for page in pages:
        for script in re.findall(r"<script>(.*?)</script>", bytes(page.body).decode(), re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return hashes


# Swagger UI and ReDoc set styles from script, and ReDoc runs a worker from a blob.
DOCS_CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        " ".join(["script-src 'self'", *_inline_script_hashes(_swagger(), _redoc())]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src blob:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    return _swagger()


@router.get("/redoc")
def redoc() -> HTMLResponse:
    return _redoc()


def install_docs(app: FastAPI) -> None:
    """The docs pages and their assets; create the app with docs_url=None, redoc_url=None."""
    app.include_router(router)
    folder = resources.files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(folder)), name="docs-assets")
