"""Read the metadata translators write at the top of a page, with line numbers."""

from __future__ import annotations

import datetime
import re
from pathlib import Path


def metadata_line(source_path, key: str) -> int | None:
    """Return the 1-based line of ``Key:`` in the page's header, if it is there."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        with Path(source_path).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return None  # the header ends at the first blank line
                if pattern.match(line):
                    return number
    except OSError:
        return None
    return None


def as_list(value) -> list[str]:
    """Split a comma-separated metadata value into its stripped items."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [item.strip() for item in str(value).split(",") if item.strip()]


def as_date(value) -> datetime.date:
    """Read an ISO date (YYYY-MM-DD); raise ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())
