"""What volunteers run: export/import CSV, add an organisation, list stale ones."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from signposter.directory.model import check_options
from signposter.directory.organisations import check_source, load_organisations
from signposter.directory.spreadsheet import dump_organisation, export_csv, import_csv
from signposter.directory.yaml_source import load_yaml
from signposter.problems import Problems
from signposter.settings import today


def organisations_folder(settings) -> Path:
    return Path(settings["PATH"]) / "organisations"


def _report(problems: Problems) -> None:
    for problem in problems.items:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def run_export(settings, output: str | None) -> int:
    text = export_csv(organisations_folder(settings))
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"Wrote {text.count(chr(10)) - 1} organisations to {output}")
    else:
        sys.stdout.write(text)
    return 0


def run_import(settings, csv_file: str) -> int:
    problems = import_csv(
        Path(csv_file), organisations_folder(settings), check_options(settings)
    )
    _report(problems)
    if problems.errors:
        print(f"{len(problems.errors)} error(s): no file was written.", file=sys.stderr)
        return 1
    print(f"Imported {csv_file} into {organisations_folder(settings)}/")
    return 0


def run_stale(settings, months: float | None) -> int:
    options = check_options(settings)
    limit = int((months or settings["SIGNPOSTER_STALE_MONTHS"]) * 30.44)
    problems = Problems()
    organisations = load_organisations(
        organisations_folder(settings), problems, options
    )
    stale = [o for o in organisations if (options.today - o.last_verified).days > limit]
    for organisation in sorted(stale, key=lambda o: o.last_verified):
        age = (options.today - organisation.last_verified).days
        print(
            f"{organisation.path}: last verified {organisation.last_verified} "
            f"({age} days ago)"
        )
    print(
        f"{len(stale)} of {len(organisations)} organisations not verified in "
        f"{limit} days."
    )
    return 0


def _ask(prompt: str, given, interactive: bool) -> str:
    if given or not interactive:
        return given or ""
    return input(f"{prompt}: ").strip()


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


def file_id(name: str) -> str:
    """A file name for an organisation: lower-case ASCII letters, digits, hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or (
        "new-organisation"
    )


def run_new(
    settings,
    name=None,
    countries=None,
    email=None,
    phone=None,
    languages=None,
    topics=None,
    description=None,
    identifier=None,
) -> int:
    """Write content/organisations/<id>.yaml from flags, asking for what is missing."""
    interactive = sys.stdin.isatty()
    name = _ask("Name of the organisation", name, interactive)
    countries = _ask("Countries served (e.g. PL, DE)", countries, interactive)
    languages = _ask("Languages spoken (e.g. pl, uk, en)", languages, interactive)
    topics = _ask("Topics (e.g. legal-advice, shelter)", topics, interactive)
    email = _ask("Email (or leave empty)", email, interactive)
    phone = _ask("Phone with country code (or leave empty)", phone, interactive)
    description = _ask("One-sentence description in English", description, interactive)
    identifier = identifier or file_id(name)
    if identifier != file_id(identifier):
        # The id is the file's name: a path or odd characters would write
        # outside content/organisations/.
        print(
            f"error: --id {identifier!r} is not an id: use lower-case letters, "
            f"digits and hyphens (e.g. {file_id(identifier)!r}). Nothing was written.",
            file=sys.stderr,
        )
        return 2
    data = {
        "id": identifier,
        "name": name,
        "description": {"en": description} if description else {},
        "email": email,
        "phones": [{"number": phone}] if phone else [],
        "languages": _codes(languages),
        "countries": [c.upper() for c in _codes(countries)],
        "topics": _codes(topics),
        "last_verified": today(settings).isoformat(),
    }
    data = {k: v for k, v in data.items() if v not in ("", [], {})}
    path = organisations_folder(settings) / f"{identifier}.yaml"
    problems = Problems()
    if path.exists():
        problems.add(
            path,
            None,
            "id",
            "a file with this id already exists",
            "choose another id with --id, or edit that file",
        )
    text = dump_organisation(data)
    check_source(
        load_yaml(str(path), text), identifier, problems, check_options(settings)
    )
    _report(problems)
    if problems.errors:
        print(
            "Nothing was written. Fix the values above and run the command again.",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(
        f"Wrote {path}.\nNext: open it to add descriptions in other languages "
        "(description: uk: ...), opening hours and messaging apps; then run "
        "`invoke orgs-check` and `invoke build` to see it on the site."
    )
    return 0
