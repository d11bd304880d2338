"""`signposter init DIR`: a new site for another organisation, ready to build.

The starter files ship inside the package (``starter/``); ``$name``,
``$lang`` and ``$today`` in them become the site's name, default language and
the date it was created.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from string import Template

from babel import Locale, UnknownLocaleError

from signposter.package_files import STARTER
from signposter.settings import today

# Renamed on the way out: a file called .gitignore would be left out of the wheel.
RENAMED = {"gitignore": ".gitignore"}
_PLAIN_NAME = re.compile(r"[^\"\\\n\r$]{1,80}")


class InitError(ValueError):
    """The new site cannot be created; the message says why and what to do."""


def create_site(target: Path, name: str, lang: str = "en") -> list[Path]:
    """Write the starter site into ``target`` (new or empty); return the files."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} already exists and is not empty: choose another")
    if not _PLAIN_NAME.fullmatch(name):
        raise InitError(
            f"{name!r} cannot be the site's name: use up to 80 characters, without "
            'quotes ("), backslashes or $'
        )
    try:
        Locale.parse(lang)
    except (ValueError, UnknownLocaleError) as err:
        raise InitError(f"{lang!r} is not a language code Babel knows") from err
    # The example organisation counts as checked today (the day builds count
    # from: SIGNPOSTER_TODAY if set), so a new site's first build has no "not
    # verified for months" warning.
    checked = today({"SIGNPOSTER_TODAY": os.environ.get("SIGNPOSTER_TODAY")})
    values = {"name": name, "lang": lang, "today": checked.isoformat()}
    written = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        if source.suffix == ".pyc" or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(STARTER).as_posix().replace("LANG", lang)
        relative = RENAMED.get(relative, relative)
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            Template(source.read_text(encoding="utf-8")).safe_substitute(values),
            encoding="utf-8",
        )
        path.chmod(source.stat().st_mode)
        written.append(path)
    return written
