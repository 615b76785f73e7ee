"""What is wrong with an input, as every import run reports it: file, line, field and reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# error: the row (or, at line 0, the whole file) is rejected.
# warning: the row is stored, without the value the problem names.
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 1 and up: a row; 0: the file itself
    field: str
    reason: str
    file: str = ""  # empty where the file is the one the caller is reading
    severity: Severity = "error"
