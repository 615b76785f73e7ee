"""The PostgreSQL engine's pool under interruption: what reaches the caller, what it keeps."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from courseatlas.db.database import Database
from courseatlas.db.engine import make_engine

pytestmark = pytest.mark.postgres


class _CtrlCAfterSending(psycopg.Cursor[Any]):
    """A cursor whose query reaches the server, then Ctrl-C lands before its answer is read:
    the connection is left mid-command, as when Ctrl-C cuts off the pool's pre-ping."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        self.connection.pgconn.send_query(b"SELECT 1")
        raise KeyboardInterrupt


@pytest.mark.parametrize("db_settings", ["postgres"], indirect=True)
def test_ctrl_c_during_the_pre_ping_is_a_ctrl_c_and_the_busy_connection_is_dropped(
    db: Database,
) -> None:
    engine = make_engine(db.settings)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            pooled = connection.connection.driver_connection
        assert isinstance(pooled, psycopg.Connection)
        pooled.cursor_factory = _CtrlCAfterSending  # its next use is the pre-ping
        with pytest.raises(KeyboardInterrupt):
            engine.connect()
        assert pooled.closed
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT 41 + 1")) == 42
    finally:
        engine.dispose()
