"""The directory as a spreadsheet: CSV export and import for volunteers.

One row per organisation. Top-level columns keep their HSDS names (``name``,
``email``, ``url``, ...); nested values get dotted column names
(``description.uk``, ``phones.0.number``); lists of codes share one cell,
separated by ``; ``. The JSON Schema says which cells are lists or yes/no
values, so import turns text back into exactly what export wrote.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from signposter.csv_cells import neutralise, restore
from signposter.directory.organisations import CheckOptions, check_source, schema
from signposter.directory.sheet_files import SheetError, decode, separator
from signposter.directory.yaml_source import load_yaml
from signposter.problems import Problems

LIST_SEPARATOR = "; "
EXAMPLE_HEADER = (
    "# EXAMPLE DATA: not a real organisation. Contact details are reserved or "
    "artificial.\n"
)


# -- the shape of a value, from the schema --------------------------------------


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _schema_at(path: list) -> dict:
    node = schema()
    for step in path:
        node = _resolve(node)
        if isinstance(step, int):
            node = node.get("items", {})
        elif "properties" in node and step in node["properties"]:
            node = node["properties"][step]
        elif "oneOf" in node:  # a name: text, or text per language
            node = {"type": "string"}
        else:
            extra = node.get("additionalProperties", {"type": "string"})
            # ``false`` (no such field): read it as text, and let validation
            # name the unknown column.
            node = extra if isinstance(extra, dict) else {"type": "string"}
    return _resolve(node)


def _is_scalar_list(path) -> bool:
    node = _schema_at(path)
    return (
        node.get("type") == "array"
        and _resolve(node.get("items", {})).get("type", "string") == "string"
    )


def _is_boolean(path) -> bool:
    return _schema_at(path).get("type") == "boolean"


# -- flatten and unflatten ----------------------------------------------------


def flatten(data, path=()) -> dict[str, str]:
    """{"phones.0.number": "+48 ..."} from an organisation's data."""
    cells: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            cells.update(flatten(value, (*path, key)))
    elif isinstance(data, list) and _is_scalar_list(list(path)):
        cells[".".join(map(str, path))] = LIST_SEPARATOR.join(map(str, data))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            cells.update(flatten(value, (*path, index)))
    elif isinstance(data, bool):
        cells[".".join(map(str, path))] = "true" if data else "false"
    else:
        cells[".".join(map(str, path))] = str(data)
    return cells


def unflatten(cells: dict[str, str]) -> dict:
    """The organisation's data from a row's non-empty cells."""
    data: dict = {}
    for column, text in cells.items():
        if text is None or text.strip() == "":
            continue
        steps = [int(s) if s.isdigit() else s for s in column.split(".")]
        value: object = text.strip()
        if _is_scalar_list(steps):
            value = [item.strip() for item in text.split(";") if item.strip()]
        elif _is_boolean(steps):
            value = {"true": True, "yes": True, "false": False, "no": False}.get(
                text.strip().lower(), text.strip()
            )
        _put(data, steps, value)
    return _lists_from_indexes(data)


def _put(data, steps, value) -> None:
    node = data
    for step in steps[:-1]:
        node = node.setdefault(step, {})
    node[steps[-1]] = value


def _lists_from_indexes(node):
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            return [_lists_from_indexes(node[k]) for k in sorted(node)]
        return {k: _lists_from_indexes(v) for k, v in node.items()}
    return node


# -- canonical YAML -------------------------------------------------------------


def _ordered(data, path=()):
    """Keys in the schema's order, so every tool writes the same file."""
    if isinstance(data, list):
        return [_ordered(v, (*path, i)) for i, v in enumerate(data)]
    if not isinstance(data, dict):
        return data
    order = list(_schema_at(list(path)).get("properties", {}))
    keys = sorted(data, key=lambda k: (order.index(k) if k in order else len(order), k))
    return {k: _ordered(data[k], (*path, k)) for k in keys}


class _Dumper(yaml.SafeDumper):
    """Lists of codes on one line (``languages: [pl, uk]``), as volunteers type them."""


def _represent_list(dumper, items):
    flow = all(not isinstance(item, (dict, list)) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_organisation(data: dict) -> str:
    """The canonical YAML text of one organisation."""
    text = yaml.dump(
        _ordered(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=False,
    )
    return (EXAMPLE_HEADER if data.get("example") else "") + text


# -- export and import ------------------------------------------------------------


def columns_for(rows: list[dict[str, str]]) -> list[str]:
    order = list(schema()["properties"])
    seen = {column for row in rows for column in row}

    def key(column):
        steps = column.split(".")
        top = order.index(steps[0]) if steps[0] in order else len(order)
        return (top, [(0, int(s), "") if s.isdigit() else (1, 0, s) for s in steps[1:]])

    return sorted(seen, key=key)


@dataclass
class Export:
    """The CSV text, and how many confidential addresses it holds or left out."""

    text: str
    rows: int
    secret_addresses: int


def export_csv(folder: Path, include_confidential: bool = False) -> Export:
    """Every organisation file in ``folder`` as CSV text.

    A confidential address (``keep_secret: true``, a shelter) is left out unless
    asked for: only its ``keep_secret`` cell stays, so the sheet shows that one
    exists and import keeps it from the file. Every cell is neutralised so no
    spreadsheet runs it as a formula.
    """
    rows, secret = [], 0
    for path in sorted(Path(folder).glob("*.yaml")):
        data = load_yaml(path).data
        addresses = data.get("addresses") if isinstance(data, dict) else None
        if isinstance(addresses, list):
            secret += sum(_is_secret(a) for a in addresses)
            if not include_confidential:
                data = {
                    **data,
                    "addresses": [
                        {"keep_secret": True} if _is_secret(a) else a for a in addresses
                    ],
                }
        rows.append({k: neutralise(v) for k, v in flatten(data).items()})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns_for(rows), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return Export(buffer.getvalue(), len(rows), secret)


def _is_secret(address) -> bool:
    return isinstance(address, dict) and address.get("keep_secret") is True


@dataclass
class Import:
    """What an import found: problems, and what it wrote or would delete."""

    problems: Problems
    encoding: str = ""
    separator: str = ","
    written: list[str] = field(default_factory=list)
    not_in_sheet: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def import_csv(
    csv_path: Path, folder: Path, options: CheckOptions, delete: bool = False
) -> Import:
    """Validate every row like a hand-written file; write the files only if all pass.

    Problems name ``file.csv:row: column``. Files whose id is not in the sheet
    are listed, and removed only with ``delete``.
    """
    result = Import(Problems(strict=options.strict))
    problems = result.problems
    try:
        text, result.encoding = decode(Path(csv_path).read_bytes())
    except SheetError as err:
        problems.add(
            csv_path,
            None,
            "encoding",
            str(err),
            'save it from the spreadsheet as "CSV UTF-8"',
        )
        return result
    result.separator = separator(text)
    files: dict[str, str] = {}
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=result.separator)
    for row_number, row in enumerate(reader, start=2):
        cells = {k.strip(): restore(v) for k, v in row.items() if k and v is not None}
        data = unflatten(cells)
        identifier = str(data.get("id") or f"row-{row_number}")
        lost = _restore_secret_addresses(data, folder / f"{identifier}.yaml")
        for column in lost:
            problems.add(
                csv_path,
                row_number,
                f"{column}.keep_secret",
                f"this confidential address was left out of the export and "
                f"{identifier}.yaml no longer has it",
                "export again with --include-confidential, or type the address in",
            )
        text = dump_organisation(data)
        source = load_yaml(f"{identifier}.yaml", text)
        row_problems = Problems(strict=options.strict)
        check_source(source, identifier, row_problems, options)
        failed = {_column(problem.field) for problem in row_problems.items}
        mangled = _mangled_phones(cells, failed)
        for column, (message, fix) in mangled.items():
            problems.add(csv_path, row_number, column, message, fix)
        for problem in row_problems.items:
            column = _column(problem.field)
            if column in mangled or any(column.startswith(c) for c in lost):
                continue
            problems.add(
                csv_path,
                row_number,
                _column(problem.field),
                problem.message,
                problem.fix,
                problem.severity,
            )
        if identifier in files:
            problems.add(
                csv_path,
                row_number,
                "id",
                f"the id {identifier!r} appears twice",
                "give each row its own id",
            )
        files[identifier] = text
    on_disk = sorted(p.stem for p in Path(folder).glob("*.yaml"))
    result.not_in_sheet = [i for i in on_disk if i not in files]
    if problems.errors:
        return result
    folder.mkdir(parents=True, exist_ok=True)
    for identifier, text in files.items():
        (folder / f"{identifier}.yaml").write_text(text, encoding="utf-8")
        result.written.append(identifier)
    if delete:
        for identifier in result.not_in_sheet:
            (folder / f"{identifier}.yaml").unlink()
        result.deleted = result.not_in_sheet
    return result


def _restore_secret_addresses(data: dict, existing: Path) -> list[str]:
    """Put back the confidential addresses an export left out, from the file.

    Returns the columns of those it could not find.
    """
    addresses = data.get("addresses")
    if not isinstance(addresses, list):
        return []
    placeholders = [i for i, a in enumerate(addresses) if a == {"keep_secret": True}]
    if not placeholders:
        return []
    kept = []
    if existing.exists():
        old = load_yaml(existing).data.get("addresses") or []
        kept = [a for a in old if _is_secret(a)]
    for index, address in zip(placeholders, kept, strict=False):
        addresses[index] = address
    return [f"addresses.{index}" for index in placeholders[len(kept) :]]


# A spreadsheet that read a phone number as a number drops the "+" and, for
# long ones, shows it in scientific notation ("4.8220000009E+10").
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")
_PLUS_LOST = re.compile(r"[1-9]\d{7,14}(?:[.,]0+)?")


def _mangled_phones(cells: dict[str, str], failed: set[str]) -> dict:
    """A specific message for each phone cell a spreadsheet changed.

    A number without its "+" can still be a valid national number, so that is
    only blamed on the spreadsheet when the number did not pass the check.
    """
    found = {}
    for column, value in cells.items():
        value = (value or "").strip()
        if not column.endswith(".number") or not value:
            continue
        fix = (
            "format the column as Text in the spreadsheet, then type the number "
            "again with + and the country code (e.g. +48 22 000 00 00)"
        )
        if _SCIENTIFIC.fullmatch(value):
            found[column] = (
                f"{value!r}: the spreadsheet turned this phone number into a number "
                "in scientific notation and lost its digits",
                fix,
            )
        elif column in failed and _PLUS_LOST.fullmatch(value.replace(" ", "")):
            found[column] = (
                f"{value!r}: the + before the country code is missing (spreadsheets "
                "drop it when they read a phone number as a number)",
                fix,
            )
    return found


def _column(field: str) -> str:
    """``phones[0].number`` (a YAML path) as the CSV column ``phones.0.number``."""
    return field.replace("[", ".").replace("]", "")
