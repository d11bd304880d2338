"""What volunteers run: export/import CSV, add an organisation, list stale ones."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from signposter.directory.model import check_options
from signposter.directory.organisations import check_source, load_organisations
from signposter.directory.sheet_files import SEPARATORS
from signposter.directory.spreadsheet import dump_organisation, export_csv, import_csv
from signposter.directory.yaml_source import YamlSyntaxError, load_yaml
from signposter.problems import Problems
from signposter.settings import today


def organisations_folder(settings) -> Path:
    return Path(settings["PATH"]) / "organisations"


def _report(problems: Problems) -> None:
    for problem in problems.items:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def run_export(settings, output: str | None, include_confidential=False) -> int:
    try:
        export = export_csv(organisations_folder(settings), include_confidential)
    except YamlSyntaxError as err:
        print(
            f"error: an organisation file cannot be read ({err}): nothing was "
            "written. Run `.venv/bin/invoke orgs-check` to see where.",
            file=sys.stderr,
        )
        return 1
    if output:
        # With a byte-order mark Excel reads the file as UTF-8; without one it
        # shows Cyrillic and Arabic as the locale's code page (garbage).
        Path(output).write_text(export.text, encoding="utf-8-sig", newline="")
        print(f"Wrote {export.rows} organisations to {output}")
    else:
        sys.stdout.write(export.text)
    if include_confidential and export.secret_addresses:
        print(
            f"WARNING: the file holds {export.secret_addresses} confidential "
            "address(es) (keep_secret: true), such as shelters. Do not email it, "
            "upload it or leave it in Downloads; delete it when you are done.",
            file=sys.stderr,
        )
    elif export.secret_addresses:
        print(
            f"{export.secret_addresses} confidential address(es) left out (only "
            "their keep_secret cell is in the sheet; import keeps them). "
            "--include-confidential puts them in.",
            file=sys.stderr,
        )
    return 0


def run_import(settings, csv_file: str, delete: bool = False) -> int:
    folder = organisations_folder(settings)
    result = import_csv(Path(csv_file), folder, check_options(settings), delete)
    _report(result.problems)
    if result.encoding:
        print(
            f"Read {csv_file} as {result.encoding}, cells separated by "
            f"{SEPARATORS[result.separator]}.",
            file=sys.stderr,
        )
    missing = result.not_in_sheet
    if missing and not result.deleted:
        print(
            f"{len(missing)} organisation(s) are in {folder}/ but not in the sheet: "
            f"{', '.join(missing)}; --delete removes them.",
            file=sys.stderr,
        )
    if result.problems.errors:
        count = len(result.problems.errors)
        print(f"{count} error(s): no file was written.", file=sys.stderr)
        return 1
    for identifier in result.deleted:
        print(f"Deleted {folder / identifier}.yaml (not in the sheet).")
    print(f"Imported {csv_file} into {folder}/ ({len(result.written)} organisations).")
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


class NoAnswer(Exception):
    """Input ended (Ctrl-D, or a closed pipe) before a needed answer."""


def _ask(prompt: str, given, interactive: bool, required: bool = True) -> str:
    """The flag's value, or the volunteer's answer; asks again on an empty one."""
    if given or not interactive:
        return given or ""
    while True:
        try:
            answer = input(f"{prompt}: ").strip()
        except EOFError:
            raise NoAnswer(prompt) from None
        if answer or not required:
            return answer
        print("  This one is needed; please type an answer.", file=sys.stderr)


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
    try:
        name = _ask("Name of the organisation", name, interactive)
        countries = _ask("Countries served (e.g. PL, DE)", countries, interactive)
        languages = _ask("Languages spoken (e.g. pl, uk, en)", languages, interactive)
        topics = _ask("Topics (e.g. legal-advice, shelter)", topics, interactive)
        email = _ask("Email (or leave empty)", email, interactive, required=False)
        phone = _ask(
            "Phone with country code (or leave empty)", phone, interactive, False
        )
        description = _ask(
            "One-sentence description in English", description, interactive
        )
    except NoAnswer as missing:
        print(f"\nNo answer for {missing}: nothing was written.", file=sys.stderr)
        return 1
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
            f"{path} already exists",
            "choose another id with --id, or edit that file",
        )
    text = dump_organisation(data)
    check_source(
        load_yaml(str(path), text), identifier, problems, check_options(settings)
    )
    # The file does not exist yet: name the flag's field, never a line in it.
    for problem in problems.items:
        print(
            f"{problem.severity}: {problem.field}: {problem.message}"
            + (f" — {problem.fix}" if problem.fix else ""),
            file=sys.stderr,
        )
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
