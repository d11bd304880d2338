"""The support directory: organisations and countries, as each language shows them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from signposter.country_names import country_name
from signposter.directory.countries import Country, load_countries
from signposter.directory.organisations import (
    CheckOptions,
    Organisation,
    load_organisations,
)
from signposter.directory.topics import TOPICS
from signposter.problems import Problems
from signposter.settings import today as settings_today


@dataclass
class Directory:
    organisations: list[Organisation]
    countries: dict[str, Country]

    def serving(self, country: str) -> list[Organisation]:
        return [o for o in self.organisations if country in o.countries]

    def for_reader(
        self, orgs: list[Organisation], language: str, topics=()
    ) -> list[tuple[str, list[Organisation]]]:
        """Group by each organisation's first topic (in vocabulary order), those
        speaking the reader's language first, then by id; keep only ``topics``
        when given."""
        if topics:
            orgs = [o for o in orgs if set(o.topics) & set(topics)]
        groups = []
        for topic in TOPICS:
            members = [o for o in orgs if _primary_topic(o, topics) == topic]
            members.sort(key=lambda o: (language not in o.languages, o.id))
            if members:
                groups.append((topic, members))
        return groups

    def contact_channels(self) -> set[tuple[str, str]]:
        """Every (organisation id, channel) a contact link on the site can carry."""
        pairs = {(o.id, c.channel) for o in self.organisations for c in o.contacts()}
        for code, country in self.countries.items():
            pairs.add(("emergency", "phone"))
            if country.hotlines:
                pairs.add((f"hotline-{code.lower()}", "phone"))
        return pairs

    def country_codes(self) -> list[str]:
        """Every country with an entry in countries.yaml or an organisation."""
        codes = set(self.countries)
        for organisation in self.organisations:
            codes.update(organisation.countries)
        return sorted(codes)

    def countries_by_name(self, locale: str) -> list[tuple[str, str]]:
        return sorted(
            ((code, country_name(code, locale)) for code in self.country_codes()),
            key=lambda pair: pair[1].casefold(),
        )


def _primary_topic(organisation: Organisation, wanted=()) -> str:
    for topic in organisation.topics:
        if not wanted or topic in wanted:
            return topic
    return organisation.topics[0]


def check_options(settings, today: datetime.date | None = None) -> CheckOptions:
    return CheckOptions(
        today=today or settings_today(settings),
        stale_after_days=int(settings["SIGNPOSTER_STALE_MONTHS"] * 30.44),
        strict=settings["SIGNPOSTER_STRICT"],
    )


def load_directory(
    settings, problems: Problems, today: datetime.date | None = None
) -> Directory:
    """Validate and load content/organisations/*.yaml and content/countries.yaml."""
    content = Path(settings["PATH"])
    options = check_options(settings, today)
    organisations = load_organisations(content / "organisations", problems, options)
    countries = load_countries(content / "countries.yaml", problems)
    return Directory(organisations, countries)
