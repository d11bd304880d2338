"""Turn JSON Schema errors into messages a volunteer can act on.

jsonschema reports "'emial' was unexpected"; a volunteer needs the field, the
line, what was expected and how to fix it. The "how" comes from the schema's
own ``description`` of each field, so the schema stays the one place to edit.
"""

from __future__ import annotations

import difflib
import re

from jsonschema import Draft202012Validator, FormatChecker

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a set of fields",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|<\s*script|javascript:", re.IGNORECASE)


def make_validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=FormatChecker())


def field_name(path) -> str:
    """``phones[0].number`` from a path of keys and indexes."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(file)"


def _described(error) -> str:
    return (
        (error.schema or {}).get("description", "")
        if isinstance(error.schema, dict)
        else ""
    )


def explain(error, schema: dict) -> tuple[list, str, str, str]:
    """Return (path, field, what is wrong, how to fix it) for one schema error."""
    path = list(error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind == "required":
        # One error per missing field; its message starts with that field's name.
        absent = [m for m in error.validator_value if m not in (value or {})]
        missing = next(
            (m for m in absent if error.message.startswith(repr(m))), absent[0]
        )
        hint = _property_schema(error, missing).get("description", "")
        return (
            path,
            field_name([*path, missing]),
            f"'{missing}' is missing",
            (hint or f"add a line `{missing}: ...`"),
        )
    if kind == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        extra = sorted(set(value) - set(allowed))
        unknown = extra[0] if extra else "?"
        close = difflib.get_close_matches(str(unknown), allowed, n=1)
        fix = (
            f"did you mean '{close[0]}'?"
            if close
            else ("remove it; allowed fields are " + ", ".join(allowed))
        )
        return (
            [*path, unknown],
            field_name([*path, unknown]),
            (f"unknown field '{unknown}'"),
            fix,
        )
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return (
            path,
            field_name(path),
            f"{value!r} is not allowed",
            f"use one of: {choices}",
        )
    if kind == "type":
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        found = _TYPE_WORDS.get(_json_type(value), _json_type(value))
        return (
            path,
            field_name(path),
            f"expected {expected}, found {found} ({value!r})",
            (_described(error) or f"write {expected} here"),
        )
    if kind in ("minItems", "minProperties", "minLength"):
        return path, field_name(path), "is empty", _described(error) or "fill it in"
    if kind == "uniqueItems":
        return path, field_name(path), "lists the same value twice", "remove the repeat"
    if kind == "oneOf":
        return (
            path,
            field_name(path),
            f"{value!r} is not in the expected form",
            (_described(error) or "see docs/volunteers.md"),
        )
    return (
        path,
        field_name(path),
        f"{value!r} is not valid",
        (_described(error) or error.message),
    )


def _property_schema(error, name: str) -> dict:
    return ((error.schema or {}).get("properties") or {}).get(name, {})


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "nothing" if value is None else type(value).__name__


def strings_with_html(data, path=()):
    """Yield (path, text) for every string in ``data`` that contains markup."""
    if isinstance(data, str):
        if _HTML.search(data):
            yield list(path), data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_with_html(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_with_html(value, (*path, index))
