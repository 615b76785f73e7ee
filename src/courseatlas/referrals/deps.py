"""Request dependencies of referrals: the process's click recorder."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from courseatlas.referrals.recorder import ClickRecorder


async def get_recorder(request: Request) -> ClickRecorder | None:
    recorder: ClickRecorder | None = request.app.state.clicks
    return recorder


Recorder = Annotated[ClickRecorder | None, Depends(get_recorder)]
