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
from pathlib import Path

import yaml

from signposter.directory.organisations import CheckOptions, check_source, schema
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
            node = node.get("additionalProperties", {"type": "string"})
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


def export_csv(folder: Path) -> str:
    """Every organisation file in ``folder`` as CSV text."""
    rows = [
        flatten(load_yaml(path).data) for path in sorted(Path(folder).glob("*.yaml"))
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns_for(rows), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def import_csv(csv_path: Path, folder: Path, options: CheckOptions) -> Problems:
    """Validate every row like a hand-written file; write the files only if all pass.

    Problems name ``file.csv:row: column``.
    """
    problems = Problems(strict=options.strict)
    files: dict[str, str] = {}
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row_number, row in enumerate(reader, start=2):
            data = unflatten({k: v for k, v in row.items() if k})
            identifier = str(data.get("id") or f"row-{row_number}")
            text = dump_organisation(data)
            source = load_yaml(f"{identifier}.yaml", text)
            row_problems = Problems(strict=options.strict)
            check_source(source, identifier, row_problems, options)
            for problem in row_problems.items:
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
    if not problems.errors:
        folder.mkdir(parents=True, exist_ok=True)
        for identifier, text in files.items():
            (folder / f"{identifier}.yaml").write_text(text, encoding="utf-8")
    return problems


def _column(field: str) -> str:
    """``phones[0].number`` (a YAML path) as the CSV column ``phones.0.number``."""
    return field.replace("[", ".").replace("]", "")
