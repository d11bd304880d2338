"""Campaign pages: landing pages with a phase, target countries and languages."""

from __future__ import annotations

from dataclasses import dataclass

from signposter.country_names import is_country_code
from signposter.problems import Problems
from signposter.translation.metadata import as_list, metadata_line


@dataclass(frozen=True)
class Campaign:
    """What a campaign page's metadata declares."""

    phase: int
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    topics: tuple[str, ...]


def is_campaign(page) -> bool:
    return getattr(page, "template", "") == "campaign"


def read_campaign(page, site_codes, problems: Problems) -> Campaign:
    """Return the campaign a page declares, reporting every bad value."""
    path = page.source_path
    meta = page.metadata

    def line(key):
        return metadata_line(path, key)

    phase = 0
    try:
        phase = int(str(meta.get("phase", "")).strip())
        if phase < 1:
            raise ValueError
    except ValueError:
        problems.add(
            path,
            line("phase"),
            "Phase",
            f"expected a campaign phase number such as 1, found {meta.get('phase')!r}",
            "write e.g. `Phase: 4`",
        )

    languages = as_list(meta.get("languages"))
    if not languages:
        problems.add(
            path,
            line("languages") or 1,
            "Languages",
            "a campaign must say which languages it is written for",
            "add e.g. `Languages: en, uk, ru`",
        )
    for code in languages:
        if code not in site_codes:
            problems.add(
                path,
                line("languages"),
                "Languages",
                f"{code!r} is not a language of this site (it has "
                f"{', '.join(site_codes)})",
                "remove it, or add the language to SIGNPOSTER_LANGUAGES "
                "in pelicanconf.py",
            )

    countries = as_list(meta.get("countries"))
    for code in countries:
        if not is_country_code(code):
            problems.add(
                path,
                line("countries"),
                "Countries",
                f"{code!r} is not an ISO 3166-1 country code",
                "use two capital letters, e.g. PL for Poland, GB for the "
                "United Kingdom",
            )

    return Campaign(
        phase, tuple(countries), tuple(languages), tuple(as_list(meta.get("topics")))
    )
