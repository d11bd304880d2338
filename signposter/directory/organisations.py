"""Support organisations: one YAML file each, validated before anything is built.

Every problem in every file is collected (schema first, then what a schema
cannot check: phone numbers, emails, language and country codes, dates, ids),
so a volunteer sees all their mistakes in one run.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email

from signposter.country_names import is_country_code
from signposter.directory.contacts import (
    ContactError,
    Phone,
    messaging_link,
    parse_phone,
)
from signposter.directory.validation import (
    explain,
    field_name,
    make_validator,
    strings_with_html,
)
from signposter.directory.yaml_source import YamlSource, load_yaml_or_report
from signposter.languages import parse_language
from signposter.package_files import SCHEMAS
from signposter.problems import Problems

SCHEMA_PATH = SCHEMAS / "organisation.schema.json"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def validator():
    """One compiled validator per process: building it costs more than using it."""
    return make_validator(schema())


@dataclass
class Contact:
    """One contact link as readers see it, in a fixed order on every page."""

    channel: str  # email, phone, whatsapp, telegram, viber, signal, web
    href: str
    label: str
    free: bool = False
    confidential_calls: bool = False  # the "Confidential" badge; the number is shown
    languages: tuple[str, ...] = ()


@dataclass
class Organisation:
    """A validated organisation file."""

    id: str
    path: str
    data: dict
    phones: list[Phone] = field(default_factory=list)
    _contacts: list[Contact] | None = field(default=None, repr=False, compare=False)

    @property
    def example(self) -> bool:
        return bool(self.data.get("example"))

    @property
    def countries(self) -> list[str]:
        return self.data["countries"]

    @property
    def languages(self) -> list[str]:
        return self.data["languages"]

    @property
    def topics(self) -> list[str]:
        return self.data["topics"]

    @property
    def last_verified(self) -> datetime.date:
        return datetime.date.fromisoformat(self.data["last_verified"])

    def name_in(self, code: str, default: str) -> tuple[str, str | None]:
        """The name in language ``code`` (or the default); (text, language or None).

        A plain-text name is the organisation's own and has no language to mark.
        """
        name = self.data["name"]
        if isinstance(name, str):
            return name, None
        return _pick(name, code, default)

    def description_in(self, code: str, default: str) -> tuple[str, str]:
        return _pick(self.data["description"], code, default)

    def contacts(self) -> list[Contact]:
        """Email, phones, messaging, website — the same order on every page."""
        if self._contacts is None:
            self._contacts = self._build_contacts()
        return self._contacts

    def _build_contacts(self) -> list[Contact]:
        found = []
        if self.data.get("email"):
            email = self.data["email"]
            found.append(Contact("email", f"mailto:{email}", email))
        for spec, phone in zip(self.data.get("phones", []), self.phones, strict=False):
            extension = spec.get("extension")
            href = f"tel:{phone.e164}" + (f";ext={extension}" if extension else "")
            label = phone.international + (f" ({extension})" if extension else "")
            found.append(
                Contact(
                    "phone",
                    href,
                    label,
                    bool(spec.get("free")),
                    bool(spec.get("confidential_calls")),
                    tuple(spec.get("languages", ())),
                )
            )
        for spec in self.data.get("messaging", []):
            number = parse_phone(spec["number"]) if spec.get("number") else None
            label = (
                f"@{spec['username']}" if spec.get("username") else number.international
            )
            found.append(
                Contact(
                    spec["channel"],
                    messaging_link(spec["channel"], number, spec.get("username")),
                    label,
                )
            )
        if self.data.get("url"):
            url = self.data["url"]
            found.append(Contact("web", url, url.removeprefix("https://").rstrip("/")))
        return found

    def public_addresses(self) -> list[dict]:
        """Addresses readers may see; one to keep secret (a shelter's) never is."""
        return [a for a in self.data.get("addresses", []) if not a.get("keep_secret")]


def _pick(texts: dict, code: str, default: str) -> tuple[str, str]:
    for candidate in (code, default, *texts):
        if candidate in texts:
            return texts[candidate], candidate
    raise KeyError(code)


@dataclass
class CheckOptions:
    today: datetime.date
    stale_after_days: int
    strict: bool = False


def check_source(
    source: YamlSource, expected_id: str, problems: Problems, options: CheckOptions
) -> Organisation | None:
    """Validate one parsed file; return the Organisation if it has no errors."""
    before = len(problems.errors)
    data = source.data
    if not isinstance(data, dict):
        problems.add(
            source.path,
            1,
            "(file)",
            "the file has no fields",
            "start from docs/volunteers.md's example, or run `invoke org-new`",
        )
        return None
    explained = _renamed_fields(source, data, problems)
    for error in sorted(
        validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    ):
        path, name, what, fix = explain(error, schema())
        if name in explained:
            continue
        line = (
            source.key_line(path[:-1], path[-1])
            if path and error.validator == ("additionalProperties")
            else source.line(path)
        )
        problems.add(source.path, line, name, what, fix)
    for path, text in strings_with_html(data):
        snippet = text if len(text) < 40 else text[:37] + "..."
        problems.add(
            source.path,
            source.line(path),
            field_name(path),
            f"contains HTML or code ({snippet!r})",
            "write plain text only; put a website in `url:`",
        )
    if data.get("id") and data["id"] != expected_id:
        problems.add(
            source.path,
            source.line(["id"]),
            "id",
            f"the id {data['id']!r} does not match the file name "
            f"{expected_id + '.yaml'!r}",
            f"write `id: {expected_id}` or rename the file to {data['id']}.yaml",
        )
    phones = _check_contacts(source, data, problems)
    _check_codes(source, data, problems)
    _check_dates(source, data, problems, options)
    if data.get("hours", {}).get("timezone"):
        try:
            ZoneInfo(str(data["hours"]["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            problems.add(
                source.path,
                source.line(["hours", "timezone"]),
                "hours.timezone",
                f"{data['hours']['timezone']!r} is not a time zone",
                "write a zone such as Europe/Warsaw or Europe/London",
            )
    if data.get("example") and options.strict:
        problems.add(
            source.path,
            source.line(["example"]),
            "example",
            "this is an example organisation and cannot be published",
            "replace it with a real, verified organisation or delete the file",
        )
    if len(problems.errors) > before:
        return None
    return Organisation(expected_id, source.path, data, phones)


# Field names that meant two different things; each now has its own name.
_RENAMED = {
    "addresses": (
        "keep_secret",
        "on an address `confidential:` is no longer used",
        "write `keep_secret: true` if the address must never be published (a "
        "shelter's), or `keep_secret: false` if readers may see it",
    ),
    "phones": (
        "confidential_calls",
        "on a phone `confidential:` is no longer used",
        "write `confidential_calls: true` to show readers a 'Confidential' badge "
        "(the number itself is still published); to hide a number, leave it out",
    ),
}


def _renamed_fields(source, data, problems) -> set[str]:
    """Report old field names; return the schema messages they make redundant."""
    covered = set()
    for list_name, (new, what, fix) in _RENAMED.items():
        items = data.get(list_name)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and "confidential" in item:
                where = [list_name, index]
                problems.add(
                    source.path,
                    source.key_line(where, "confidential"),
                    field_name([*where, "confidential"]),
                    what,
                    fix,
                )
                covered |= {
                    field_name([*where, "confidential"]),
                    field_name([*where, new]),
                }
    return covered


def _checked_phone(source, problems, where: list, text: str) -> Phone | None:
    """The parsed number at ``where``, or None after reporting why it is unusable."""
    try:
        return parse_phone(text)
    except ContactError as err:
        problems.add(
            source.path,
            source.line([*where, "number"]),
            f"{where[0]}[{where[1]}].number",
            str(err),
            "write the full number with its country code in quotes, "
            'e.g. "+48 22 000 00 00"',
        )
        return None


def _check_contacts(source, data, problems) -> list[Phone]:
    phones = []
    for index, spec in enumerate(data.get("phones") or []):
        if not isinstance(spec, dict) or not isinstance(spec.get("number"), str):
            continue
        phone = _checked_phone(source, problems, ["phones", index], spec["number"])
        if phone:
            phones.append(phone)
            _check_phone_use(source, data, problems, ["phones", index], spec, phone)
    for index, spec in enumerate(data.get("messaging") or []):
        if not isinstance(spec, dict):
            continue
        channel = spec.get("channel")
        if channel == "telegram" and not spec.get("username"):
            problems.add(
                source.path,
                source.line(["messaging", index]),
                f"messaging[{index}]",
                "Telegram needs a username",
                "add `username: name_of_account` (without @)",
            )
        elif channel in ("whatsapp", "viber", "signal"):
            if not spec.get("number"):
                problems.add(
                    source.path,
                    source.line(["messaging", index]),
                    f"messaging[{index}]",
                    f"{channel} needs a phone number",
                    'add `number: "+48 22 000 00 00"`',
                )
            else:
                where = ["messaging", index]
                phone = _checked_phone(source, problems, where, spec["number"])
                if phone:
                    _check_phone_use(source, data, problems, where, spec, phone)
    if isinstance(data.get("email"), str):
        try:
            validate_email(data["email"], check_deliverability=False)
        except EmailNotValidError as err:
            problems.add(
                source.path,
                source.line(["email"]),
                "email",
                f"{data['email']!r} is not a valid email address ({err})",
                "write one address such as help@example.org, with no spaces",
            )
    return phones


def _check_phone_use(source, data, problems, where, spec, phone: Phone) -> None:
    """A valid number can still be wrong for readers: what it costs, where it rings.

    ``where``: ["phones", i] or ["messaging", i] (a chat costs nothing extra,
    but a chat number from another country is as suspect as a phone's).
    """
    kind, index = where
    if kind != "phones":
        pass  # no cost to check for a chat
    elif phone.costs_extra and spec.get("free") is True:
        problems.add(
            source.path,
            source.line([*where, "free"]),
            f"phones[{index}].free",
            f"{spec['number']!r} is a {phone.costs_extra} number: calls to it are "
            "not free",
            "remove `free: true`, and check the number with the organisation",
        )
    elif phone.costs_extra:
        problems.warn(
            source.path,
            source.line([*where, "number"]),
            f"phones[{index}].number",
            f"{spec['number']!r} is a {phone.costs_extra} number: calls cost more "
            "than a normal call",
            "ask the organisation for an ordinary or free number",
        )
    countries = data.get("countries") if isinstance(data.get("countries"), list) else []
    # "001" is libphonenumber's region for numbers of no country (+800, +808...).
    if (
        phone.region not in (*countries, "001", None)
        and spec.get("international") is not True
    ):
        problems.warn(
            source.path,
            source.line([*where, "number"]),
            f"{kind}[{index}].number",
            f"{spec['number']!r} is a number in {phone.region}, which this "
            f"organisation does not serve (countries: {', '.join(countries)})",
            "check the number; if readers in other countries are meant to call it, "
            "add `international: true` beside this number",
        )


def _language_code_problems(source, problems, path, codes):
    for index, code in enumerate(codes if isinstance(codes, list) else []):
        try:
            parse_language(code)
        except ValueError:
            problems.add(
                source.path,
                source.line([*path, index]),
                field_name([*path, index]),
                f"{code!r} is not a language code",
                "use a two-letter code such as uk, ru, ar, fa, en, pl",
            )


def _check_codes(source, data, problems) -> None:
    _language_code_problems(source, problems, ["languages"], data.get("languages"))
    for index, spec in enumerate(data.get("phones") or []):
        if isinstance(spec, dict):
            _language_code_problems(
                source, problems, ["phones", index, "languages"], spec.get("languages")
            )
    for key in ("name", "description"):
        if isinstance(data.get(key), dict):
            for code in data[key]:
                try:
                    parse_language(code)
                except ValueError:
                    problems.add(
                        source.path,
                        source.key_line([key], code),
                        f"{key}.{code}",
                        f"{code!r} is not a language code",
                        "use a two-letter code such as en, uk or ar",
                    )
    countries = data.get("countries") if isinstance(data.get("countries"), list) else []
    for index, code in enumerate(countries):
        if not is_country_code(code):
            problems.add(
                source.path,
                source.line(["countries", index]),
                f"countries[{index}]",
                f"{code!r} is not a country code",
                "use two capital letters, e.g. PL for Poland, GB for the "
                "United Kingdom, MD for Moldova",
            )
    if isinstance(data.get("description"), dict) and "en" not in data["description"]:
        problems.warn(
            source.path,
            source.line(["description"]),
            "description",
            "has no English text, which is what readers of languages "
            "without a description see",
            "add `en: ...`",
        )


def _check_dates(source, data, problems, options: CheckOptions) -> None:
    text = data.get("last_verified")
    if not isinstance(text, str):
        return
    try:
        checked = datetime.date.fromisoformat(text)
    except ValueError:
        return  # the schema's date format already reported it
    if checked > options.today:
        problems.add(
            source.path,
            source.line(["last_verified"]),
            "last_verified",
            f"{text} is in the future",
            "write the date you actually checked the details",
        )
    elif (options.today - checked).days > options.stale_after_days:
        problems.warn(
            source.path,
            source.line(["last_verified"]),
            "last_verified",
            f"last checked on {text}, more than "
            f"{options.stale_after_days // 30} months ago",
            "check the details with the organisation and update the date",
        )


def load_organisations(
    folder: Path, problems: Problems, options: CheckOptions
) -> list[Organisation]:
    """Validate every content/organisations/*.yaml; return the valid ones, by id."""
    organisations: dict[str, Organisation] = {}
    seen_ids: dict[str, str] = {}
    shared: dict[tuple[str, str], str] = {}
    for path in organisation_files(folder, problems):
        source = load_yaml_or_report(path, problems)
        if source is None:
            continue
        source.path = str(path)
        organisation = check_source(source, path.stem, problems, options)
        declared = source.data.get("id") if isinstance(source.data, dict) else None
        if declared in seen_ids:
            problems.add(
                path,
                source.line(["id"]),
                "id",
                f"the id {declared!r} is already used by {seen_ids[declared]}",
                "give each organisation its own id (and file name)",
            )
            organisations.pop(declared, None)
            continue
        if declared:
            seen_ids[declared] = path.name
        if organisation:
            organisations[organisation.id] = organisation
            _warn_if_shared(organisation, source, problems, shared)
    return sorted(organisations.values(), key=lambda o: o.id)


def organisation_files(folder: Path, problems: Problems) -> list[Path]:
    """The ``*.yaml`` files in ``folder``; warn about every other file there.

    Only the exact suffix ``.yaml`` is read, on every system, so that the file
    name is the id; a ``.yml``, ``.YAML`` or ``.yaml.txt`` would otherwise be
    read on one computer and skipped on another, or never.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    read = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # editors' and systems' hidden files
        if path.is_file() and path.suffix == ".yaml":
            read.append(path)
            continue
        stem = path.name.split(".")[0]
        looks_yaml = ".yml" in path.name.lower() or ".yaml" in path.name.lower()
        problems.warn(
            path,
            None,
            "(file)",
            "this "
            + ("folder" if path.is_dir() else "file")
            + " is not read: only files whose names end in .yaml are",
            f"rename it to {stem}.yaml"
            if looks_yaml and path.is_file()
            else "move it out of content/organisations/ (to import a spreadsheet, "
            "run `invoke orgs-import file.csv`)",
        )
    return read


def _warn_if_shared(organisation, source, problems, shared: dict) -> None:
    """Warn when two files give the same phone, email or name (naming both)."""
    data = organisation.data
    values = []
    for index, phone in enumerate(organisation.phones):
        values.append((["phones", index, "number"], "phone", phone.e164))
    if data.get("email"):
        values.append((["email"], "email", data["email"].casefold()))
    names = data["name"] if isinstance(data["name"], dict) else {None: data["name"]}
    for code, name in names.items():
        where = ["name", code] if code else ["name"]
        values.append((where, "name", " ".join(name.casefold().split())))
    for where, kind, value in values:
        other = shared.setdefault((kind, value), Path(source.path).name)
        if other != Path(source.path).name:
            problems.warn(
                source.path,
                source.line(where),
                field_name(where),
                f"the same {kind} is given in {other}",
                "if both files describe one organisation, delete one of them; "
                "otherwise check which one is right",
            )
