"""Contact details: phone numbers through libphonenumber, messaging deep links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, shortnumberinfo

# An email address inside running text. ASCII only: in "legal@example.org-এ"
# (Bengali) the case ending after the hyphen is not part of the address.
EMAIL_IN_TEXT = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)


class ContactError(ValueError):
    """A contact detail that cannot be used; the message says why."""


@dataclass(frozen=True)
class Phone:
    e164: str  # for tel: links, e.g. +48220000001
    international: str  # shown to readers, e.g. +48 22 000 00 01
    national: str  # as dialled inside the country, e.g. 22 000 00 01
    region: str | None
    # phonenumbers.PhoneNumberType: premium-rate and shared-cost calls are not free
    number_type: int = PhoneNumberType.UNKNOWN

    @property
    def costs_extra(self) -> str | None:
        """ "premium-rate" or "shared-cost" if calling costs more than a normal call."""
        return _COSTLY.get(self.number_type)


_COSTLY = {
    PhoneNumberType.PREMIUM_RATE: "premium-rate",
    PhoneNumberType.SHARED_COST: "shared-cost",
}


def _refuse_letters(raw: str) -> None:
    # phonenumbers turns letters into keypad digits ("+48 22 CALL NOW" dials
    # +48 22 2255 669): a typo or a trick would become someone else's number.
    letters = "".join(ch for ch in raw if ch.isalpha())
    if letters:
        raise ContactError(
            f"{raw!r} contains letters ({letters!r}); phones turn letters into "
            "other digits"
        )


def parse_phone(text: str) -> Phone:
    """Parse a full number with its country code; raise ContactError if invalid."""
    raw = str(text).strip()
    _refuse_letters(raw)
    if not raw.startswith("+"):
        raise ContactError(f"{raw!r} has no country code")
    try:
        number = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException as err:
        raise ContactError(f"{raw!r} is not a phone number ({err})") from err
    if not phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_country_code(number.country_code)
        raise ContactError(f"{raw!r} is not a valid number for {region}")
    return Phone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        international=phonenumbers.format_number(
            number, PhoneNumberFormat.INTERNATIONAL
        ),
        national=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        region=phonenumbers.region_code_for_number(number),
        number_type=phonenumbers.number_type(number),
    )


def parse_local_number(text: str, country: str) -> Phone:
    """A hotline or emergency number as dialled in ``country`` (short or full)."""
    raw = str(text).strip()
    _refuse_letters(raw)
    if raw.startswith("+"):
        return parse_phone(raw)
    digits = "".join(ch for ch in raw if ch.isdigit())
    if shortnumberinfo.is_valid_short_number_for_region(
        phonenumbers.parse(digits, country), country
    ) or phonenumbers.is_emergency_number(digits, country):
        return Phone(e164=digits, international=digits, national=raw, region=country)
    try:
        return parse_phone(
            phonenumbers.format_number(
                phonenumbers.parse(raw, country), PhoneNumberFormat.E164
            )
        )
    except phonenumbers.NumberParseException as err:
        raise ContactError(f"{raw!r} is not a number that works in {country}") from err


def messaging_link(channel: str, number: Phone | None, username: str | None) -> str:
    """The standard deep link that opens a chat in the messaging app."""
    if channel == "telegram":
        return f"https://t.me/{quote(username or '')}"
    digits = number.e164.lstrip("+") if number else ""
    if channel == "whatsapp":
        return f"https://wa.me/{digits}"
    if channel == "viber":
        return f"viber://chat?number=%2B{digits}"
    if channel == "signal":
        return f"https://signal.me/#p/+{digits}"
    raise ContactError(f"unknown messaging channel {channel!r}")
