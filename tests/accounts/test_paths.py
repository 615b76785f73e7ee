"""A career's learning path saved as a list, its progress on the career page, and "more like
what you saved" on the home page, over the demo catalog."""

from __future__ import annotations

import re
import uuid

from fastapi.testclient import TestClient

from courseatlas.accounts import service
from courseatlas.app import create_app
from courseatlas.db.database import Database
from tests.accounts.conftest import PASSWORD, sign_in


def test_save_a_career_path_and_see_progress(demo_db: Database) -> None:
    email = f"path-{uuid.uuid4().hex[:8]}@example.org"  # the demo database is shared: a new learner
    with demo_db.session() as session:
        service.create_user(session, email, PASSWORD)
    with TestClient(create_app(demo_db.settings, demo_db), raise_server_exceptions=False) as client:
        token = sign_in(client, email)
        career = client.get("/careers/backend-engineer")
        assert "Save this path as a list" in career.text
        steps = len(re.findall(r'class="path-steps"|<li>\s*<article class="card">', career.text))
        saved = client.post(
            "/careers/backend-engineer/save-path",
            data={"csrf_token": token},
            follow_redirects=False,
        )
        list_id = int(saved.headers["location"].rsplit("/", 1)[1])
        detail = client.get(f"/api/v1/lists/{list_id}").json()
        assert detail["career_slug"] == "backend-engineer" and detail["item_count"] >= 3
        first = detail["items"][0]["resource"]["id"]
        client.patch(
            f"/api/v1/lists/{list_id}/items/{first}",
            json={"status": "done"},
            headers={"X-CSRF-Token": token},
        )
        again = client.get("/careers/backend-engineer")
        assert f"Your progress: 1 of {detail['item_count']} done" in again.text
        assert steps >= 1
        # Saving again keeps the progress and makes no second list.
        client.post("/careers/backend-engineer/save-path", data={"csrf_token": token})
        lists = client.get("/api/v1/lists").json()["results"]
        assert [entry["career_slug"] for entry in lists].count("backend-engineer") == 1

        home = client.get("/")
        assert 'hx-get="/lists/for-you"' in home.text
        more = client.get("/lists/for-you")
        found = re.findall(r'<h3 class="card-title"><a href="([^"]+)"', more.text)
        saved_pages = {item["resource"]["url"] for item in detail["items"]}
        assert found and not set(found) & saved_pages  # like what was saved, never what was
