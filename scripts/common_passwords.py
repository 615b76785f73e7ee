"""Regenerate src/courseatlas/accounts/common-passwords.txt from Django's maintained list.

Django ships the 20,000 most common passwords (Royce Williams' list, cleaned) as
``django/contrib/auth/common-passwords.txt.gz``. Sign-up refuses anything shorter than 10
characters anyway, so only the entries of 10 characters or more are kept:

    pip download --no-deps django==5.2.19 -d /tmp/django
    python scripts/common_passwords.py /tmp/django/django-5.2.19-py3-none-any.whl
"""

from __future__ import annotations

import gzip
import sys
import zipfile
from pathlib import Path

MEMBER = "django/contrib/auth/common-passwords.txt.gz"
TARGET = Path(__file__).resolve().parent.parent / "src/courseatlas/accounts/common-passwords.txt"
MIN_LENGTH = 10


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        words = gzip.decompress(archive.read(MEMBER)).decode().split()
    kept = sorted({w.lower() for w in words if len(w) >= MIN_LENGTH})
    header = f"# {len(kept)} common passwords of {MIN_LENGTH}+ characters, from {MEMBER} in {Path(wheel).name}\n"
    TARGET.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept)} passwords to {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])
