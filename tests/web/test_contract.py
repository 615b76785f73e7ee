"""The API against its own OpenAPI document: schemathesis generates requests for every
operation of a running server; any 5xx or any answer outside its schema fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.live import live_site

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
BUDGET_SECONDS = 120  # a bound on the whole run; it takes a few tens of seconds


@pytest.mark.slow
@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis (dev extra) not installed")
def test_the_api_keeps_its_contract(tmp_path: Path) -> None:
    with live_site(tmp_path, with_stub=False) as site:
        command = [
            str(SCHEMATHESIS),
            "run",
            f"{site.url}/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            "25",
            "--request-timeout",
            "10",
            "--generation-deterministic",
            # One worker: hypothesis draws in two threads at once hit CPython 3.11's
            # "AST constructor recursion depth mismatch" (a race in its AST state).
            "--workers",
            "1",
            "--no-color",
        ]
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=BUDGET_SECONDS,
            check=False,
            cwd=tmp_path,
        )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    tested = re.search(r"Tested: (\d+)", run.stdout)
    assert tested and int(tested.group(1)) >= 20, run.stdout[-3000:]  # every operation
