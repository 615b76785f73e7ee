"""Standard-library records (uvicorn's, libraries') go through the same structlog pipeline:
JSON lines in production, with the request id bound to the request that logged them."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import logging, structlog
from courseatlas.logging import configure_logging
from courseatlas.settings import Settings
configure_logging(Settings(log_format="json"))
structlog.contextvars.bind_contextvars(request_id="r-42")
logging.getLogger("uvicorn.error").warning("Child process [%d] died", 7)
structlog.get_logger("courseatlas.access").info("request", status=200)
"""


def test_stdlib_and_structlog_records_share_one_json_pipeline() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in run.stderr.splitlines()]
    assert [line["event"] for line in lines] == ["Child process [7] died", "request"]
    assert all(line["request_id"] == "r-42" and "timestamp" in line for line in lines)
    assert lines[0]["logger"] == "uvicorn.error" and lines[0]["level"] == "warning"
