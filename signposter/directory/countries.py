"""content/countries.yaml: each country's emergency numbers and national hotlines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from signposter.country_names import is_country_code
from signposter.directory.contacts import ContactError, Phone, parse_local_number
from signposter.directory.validation import explain, make_validator, strings_with_html
from signposter.directory.yaml_source import load_yaml_or_report
from signposter.package_files import SCHEMAS
from signposter.problems import Problems

SCHEMA_PATH = SCHEMAS / "countries.schema.json"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass
class Hotline:
    names: dict[str, str]
    phone: Phone
    verified: bool
    free: bool


# Numbers that answer every kind of emergency wherever they work.
GENERAL_NUMBERS = {"112", "911", "999"}


@dataclass(frozen=True)
class EmergencyNumber:
    """An emergency number and the service it reaches (all, police, ambulance, fire)."""

    phone: Phone
    service: str

    @property
    def e164(self) -> str:
        return self.phone.e164

    @property
    def national(self) -> str:
        return self.phone.national


@dataclass
class Country:
    code: str
    emergency: list[EmergencyNumber]
    hotlines: list[Hotline] = field(default_factory=list)
    exit_url: str | None = None


def load_countries(path: Path, problems: Problems) -> dict[str, Country]:
    """Validate countries.yaml; return the countries by code (empty if absent)."""
    if not Path(path).exists():
        return {}
    source = load_yaml_or_report(path, problems)
    if source is None:
        return {}
    data = source.data or {}
    errors = list(make_validator(schema()).iter_errors(data))
    for error in errors:
        where, name, what, fix = explain(error, schema())
        problems.add(path, source.line(where), name, what, fix)
    for where, _text in strings_with_html(data):
        problems.add(
            path,
            source.line(where),
            ".".join(map(str, where)),
            "contains HTML or code",
            "write plain text only",
        )
    if errors or not isinstance(data, dict):
        return {}
    countries = {}
    for code, entry in data.items():
        if not is_country_code(code):
            problems.add(
                path,
                source.key_line([], code),
                code,
                f"{code!r} is not a country code",
                "use two capital letters",
            )
            continue
        emergency = _emergency_numbers(path, source, problems, code, entry["emergency"])
        hotlines = []
        for index, spec in enumerate(entry.get("hotlines", [])):
            phones = _numbers(
                path,
                source,
                problems,
                code,
                [spec["number"]],
                ["hotlines", index, "number"],
            )
            if phones and spec.get("free") and phones[0].costs_extra:
                problems.add(
                    path,
                    source.line([code, "hotlines", index, "free"]),
                    f"{code}.hotlines.{index}.free",
                    f"{spec['number']!r} is a {phones[0].costs_extra} number: calls "
                    "to it are not free",
                    "remove `free: true`, and check the number with the hotline",
                )
            elif phones:
                hotlines.append(
                    Hotline(
                        spec["name"],
                        phones[0],
                        spec["verified"],
                        bool(spec.get("free")),
                    )
                )
        countries[code] = Country(code, emergency, hotlines, entry.get("exit_url"))
    return countries


def _emergency_numbers(path, source, problems, code, items) -> list[EmergencyNumber]:
    numbers = [item if isinstance(item, str) else item["number"] for item in items]
    services = [
        item["service"]
        if isinstance(item, dict)
        else ("all" if item.replace(" ", "") in GENERAL_NUMBERS else "")
        for item in items
    ]
    found = []
    for index, (number, service) in enumerate(zip(numbers, services, strict=True)):
        where = ["emergency", index]
        phones = _numbers(path, source, problems, code, [number], where)
        found += [EmergencyNumber(phone, service) for phone in phones]
    return found


def _numbers(path, source, problems, code, numbers, where) -> list[Phone]:
    parsed = []
    for index, number in enumerate(numbers):
        try:
            parsed.append(parse_local_number(number, code))
        except ContactError as err:
            line_path = [code, *where] + ([index] if where == ["emergency"] else [])
            problems.add(
                path,
                source.line(line_path),
                ".".join(map(str, line_path)),
                str(err),
                "write the number exactly as dialled in the country",
            )
    return parsed
