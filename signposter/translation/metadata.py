"""Read the metadata translators write at the top of a page, with line numbers."""

from __future__ import annotations

import datetime
from pathlib import Path

from signposter.translation import front_matter


def metadata_line(source_path, key: str) -> int | None:
    """Return the 1-based line of the header ``key`` in the page, if it is there."""
    try:
        text = Path(source_path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    header = front_matter.parse(text).headers.get(key.lower())
    return header.line if header else None


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
