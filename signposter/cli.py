"""``signposter``: build, check and preview a site from the command line."""

from __future__ import annotations

import argparse
import csv
import gc
import logging
import re
import sys
import zipfile
from pathlib import Path

from signposter.build.atomic import AtomicPelican
from signposter.build.pelican_settings import load_settings
from signposter.languages import site_languages
from signposter.problems import BuildError

logger = logging.getLogger("signposter")


def build(settings) -> int:
    """Build the site atomically; print every problem and return an exit code."""
    try:
        AtomicPelican(settings).run()
    except BuildError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"Built the site into {settings['OUTPUT_PATH']}")
    return 0


def orgs_check(settings) -> int:
    """Validate every organisation file and countries.yaml; print all problems."""
    from signposter.directory.model import load_directory
    from signposter.hidden_characters import check_files, data_files
    from signposter.problems import Problems

    problems = Problems(strict=settings["SIGNPOSTER_STRICT"])
    directory = load_directory(settings, problems)
    check_files(data_files(settings), problems)
    for problem in problems.items:
        print(f"{problem.severity}: {problem}", file=sys.stderr)
    if problems.errors:
        print(f"{len(problems.errors)} error(s): nothing was built.", file=sys.stderr)
        return 1
    print(
        f"{len(directory.organisations)} organisations and "
        f"{len(directory.countries)} countries are valid"
        + (f" ({len(problems.warnings)} warning(s))" if problems.warnings else ".")
    )
    return 0


def report_language(settings_file: str, code: str | None):
    """The report's language (the site's default if ``code`` is None), with the
    directory's organisation names in it; raises CommandError for a language the
    site does not have."""
    from signposter.counting.report_language import (
        UnknownReportLanguage,
        report_language,
    )
    from signposter.package_files import TRANSLATIONS

    names, folder = {}, None
    codes = sorted(p.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES"))
    codes.insert(0, codes.pop(codes.index("en")))
    if Path(settings_file).is_file():
        from signposter.directory.model import load_directory
        from signposter.problems import Problems

        settings = settings_from(settings_file)
        codes = [language.code for language in site_languages(settings)]
        folder = Path(settings["SIGNPOSTER_TRANSLATIONS_DIR"])
        if not folder.is_absolute():
            folder = Path(settings["PATH"]).parent / folder
        # The same fallback as the pages: this language, the site's default, any.
        chosen = codes[0] if code is None else code
        directory = load_directory(settings, Problems())
        names = {o.id: o.name_in(chosen, codes[0])[0] for o in directory.organisations}
    try:
        return report_language(codes[0] if code is None else code, codes, folder, names)
    except UnknownReportLanguage as err:
        raise CommandError(str(err)) from None


def report(logs: list[str], output: str, plausible: str | None, lang) -> int:
    """Read access logs (or a Plausible export) and write the impact report."""
    from rich.progress import Progress

    from signposter.counting.log_parsing import LogReadError
    from signposter.counting.report import aggregate, aggregate_plausible
    from signposter.counting.report_page import write_report

    for log in logs:
        if not Path(log).is_file():
            what = "is a folder" if Path(log).is_dir() else "does not exist"
            print(f"error: {log} {what}: give access log files", file=sys.stderr)
            return 1
    total = sum(Path(p).stat().st_size for p in logs)
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("Reading logs", total=len(logs))
            result = aggregate(
                logs,
                progress=lambda n: bar.update(
                    task, description=f"Reading logs: {n:,} lines"
                ),
            )
            bar.update(task, completed=len(logs))
        if plausible:
            aggregate_plausible(Path(plausible), result)
    except LogReadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, csv.Error) as err:
        print(
            f"error: {plausible}: cannot read the Plausible export ({err})",
            file=sys.stderr,
        )
        return 1
    page = write_report(result, Path(output), lang)
    tally = result.tally
    print(
        f"Read {tally.lines:,} lines ({total / 1e6:.1f} MB) from {len(logs)} file(s)."
    )
    for reason, count in sorted(tally.left_out.items()):
        print(f"  left out, {reason}: {count:,}")
    for example in tally.malformed_examples:
        print(f"  e.g. {example}")
    print(f"Wrote {page} and the CSV files beside it.")
    return 0


def status(settings, lang: str | None, fmt: str, strict: bool, html: str) -> int:
    """Print every page's and catalog's translation status; write the dashboard."""
    from signposter.translation.status import (
        PROBLEM_STATES,
        as_html,
        as_json,
        as_text,
        catalog_statuses,
        page_statuses,
    )

    pages, catalogs = page_statuses(settings), catalog_statuses(settings)
    if lang:
        pages = [p for p in pages if p.lang == lang]
        catalogs = [c for c in catalogs if c.lang == lang]
    print(as_json(pages, catalogs) if fmt == "json" else as_text(pages, catalogs))
    if html:
        Path(html).parent.mkdir(parents=True, exist_ok=True)
        Path(html).write_text(as_html(pages, catalogs, Path(html)), encoding="utf-8")
        if fmt != "json":
            print(f"Dashboard: {html}")
    problems = [p for p in pages if p.status in PROBLEM_STATES]
    return 1 if strict and problems else 0


PAGE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def page_argument_problem(settings, key: str, lang: str) -> str:
    """Why ``key``/``lang`` do not name a page of this site, or "".

    They become a path under content/pages/, so only a plain file name and a
    language of the site are taken: never a path that leads out of content/.
    """
    codes = [language.code for language in site_languages(settings)]
    if lang not in codes:
        return f"{lang!r} is not a language of this site; use one of: " + ", ".join(
            codes
        )
    if not PAGE_KEY.fullmatch(key) or ".." in key:
        return (
            f"{key!r} is not a page key: give the page's file name without .md "
            "(e.g. about), not a path"
        )
    return ""


def translated(settings, key: str, lang: str) -> int:
    """Stamp a translation as made from the source page as it is now."""
    code, lines = stamp_translation(settings, key, lang)
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


def stamp_translation(settings, key: str, lang: str) -> tuple[int, list[str]]:
    """`invoke translated` (and the editor's button): an exit code and what to say.

    Refused while a number, email or web address differs from the source: the
    stamp says "this translation is right", and a mistyped hotline is not.
    """
    from signposter.problems import Problems, display_path
    from signposter.translation.checks import read_page, stamp, token_mismatches

    why = page_argument_problem(settings, key, lang)
    if why:
        return 2, [f"error: {why}"]
    pages = Path(settings["PATH"]) / "pages"
    source = pages / settings["DEFAULT_LANG"] / f"{key}.md"
    target = pages / lang / f"{key}.md"
    for path in (source, target):
        if not path.exists():
            return 1, [f"error: {path} does not exist"]
    original = read_page(source)
    problems = Problems()
    for line, token, what in token_mismatches(read_page(target), original):
        problems.add(
            target,
            line,
            "safety tokens",
            f"{token!r} {what}",
            "copy it exactly from the source page" if line else "add it",
        )
    if problems.items:
        return 1, [
            f"error: not stamped: numbers, emails or web addresses in "
            f"{display_path(target)} differ from {display_path(source)}:",
            *(f"  {problem}" for problem in problems.items),
            f"Make them the same as in the source page, then run "
            f"`invoke translated {key} {lang}` again. (If the source page is wrong, "
            "correct it first: every translation will then show as mismatch.)",
        ]
    stamp(target, original)
    return 0, [f"Stamped {target}: it now matches {source}."]


def page_exchange(
    settings, action: str, key: str, lang: str, po: str | None, fmt: str = "po"
) -> int:
    """Write a page's template and PO (merged), or import a translated PO;
    with ``fmt`` "xliff", the same through an XLIFF 2 file (no template)."""
    from signposter.languages import site_languages
    from signposter.translation import page_exchange as exchange
    from signposter.translation import page_xliff

    codes = [language.code for language in site_languages(settings)]
    # Keys and codes only: never a path, so nothing outside content/ is read.
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", key):
        print(
            f"error: {key!r} is not a page key (a file name without .md)",
            file=sys.stderr,
        )
        return 2
    if lang not in codes[1:]:
        print(
            f"error: {lang!r} is not one of the site's translation languages "
            f"({', '.join(codes[1:])}); add it to SIGNPOSTER_LANGUAGES first",
            file=sys.stderr,
        )
        return 2
    root = Path(settings["PATH"]).parent
    pages = Path(settings["PATH"]) / "pages"
    source = pages / settings["DEFAULT_LANG"] / f"{key}.md"
    target = pages / lang / f"{key}.md"
    xliff = fmt == "xliff"
    default = page_xliff.xliff_path if xliff else exchange.po_path
    po_path = Path(po) if po else default(root, key, lang)
    flag = " --format xliff" if xliff else ""
    if not source.exists():
        print(f"error: {source} does not exist", file=sys.stderr)
        return 1
    if action == "page-export":
        existing = po_path.read_bytes() if po_path.exists() else None
        if xliff:
            try:
                data = page_xliff.export_page(source, lang, target, existing)
            except exchange.PagePoError as err:
                print(f"error: {po_path}: {err}; nothing was written", file=sys.stderr)
                return 1
            po_path.parent.mkdir(parents=True, exist_ok=True)
            po_path.write_bytes(data)
            print(
                f"Wrote {po_path}: translate it, then "
                f"`.venv/bin/invoke page-import {key} {lang}{flag}`."
            )
            return 0
        pot_path = exchange.template_path(root, key)
        for path, data in (
            (pot_path, exchange.template(source)),
            (po_path, exchange.export_page(source, lang, target, existing)),
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        print(
            f"Wrote {po_path} (and the template {pot_path}): translate it, then "
            f"`.venv/bin/invoke page-import {key} {lang}`."
        )
        return 0
    try:
        reader = page_xliff.import_page if xliff else exchange.import_page
        imported = reader(po_path.read_bytes(), source, target)
    except (OSError, exchange.PagePoError) as err:
        print(f"error: {po_path}: {err}; nothing was written", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.text, encoding="utf-8")
    print(f"Wrote {target} from {po_path}.")
    if imported.fuzzy:
        print(
            f"{len(imported.fuzzy)} entry(ies) marked fuzzy (their source changed), "
            "so the page is not stamped as up "
            f"to date: {', '.join(imported.fuzzy)}. "
            + (
                "Review them and mark them translated (XLIFF state 'initial' "
                "means not finished), then import again."
                if xliff
                else "Review them in the PO, remove the fuzzy mark, and import again."
            ),
            file=sys.stderr,
        )
    if imported.mismatches:
        print(
            "Not stamped as up to date: numbers, emails or web addresses differ "
            f"from the source page: {'; '.join(imported.mismatches)}. Correct them "
            "in the PO (copy them exactly from the source) and import again.",
            file=sys.stderr,
        )
    return 0


def serve(settings_file: str, bind: str, port: int) -> int:
    """Preview on bind:port, rebuilding and reloading the browser on every save."""
    from signposter.build.preview import PREVIEW_FOLDER
    from signposter.build.preview import serve as preview

    # Its own folder: the preview renders pages on demand, so its folder is
    # never a whole site and must not replace output/ (what `build` publishes).
    folder = Path(settings_file).absolute().parent / PREVIEW_FOLDER
    settings = settings_from(settings_file, str(folder))
    preview(settings, settings_file, bind, port)
    return 0


def init(folder: str, name: str, lang: str) -> int:
    """Create a new site from the package's starter files."""
    from signposter.new_site import InitError, create_site

    try:
        create_site(Path(folder), name, lang)
    except InitError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(
        f"Created a new site in {folder}. Next:\n  cd {folder}\n"
        "  scripts/build.sh    # installs everything and builds the site into output/"
    )
    return 0


def _volunteer_tools():
    # Only for these commands: the directory's schema validator is slow to load.
    from signposter.directory import volunteer_tools

    return volunteer_tools


VOLUNTEER_COMMANDS = {
    "orgs-export": lambda settings, a: _volunteer_tools().run_export(
        settings, a.output, a.include_confidential
    ),
    "orgs-import": lambda settings, a: _volunteer_tools().run_import(
        settings, a.csv_file, a.delete
    ),
    "orgs-stale": lambda settings, a: _volunteer_tools().run_stale(settings, a.months),
    "org-new": lambda settings, a: _volunteer_tools().run_new(
        settings,
        a.name,
        a.countries,
        a.email,
        a.phone,
        a.languages,
        a.topics,
        a.description,
        a.id,
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signposter", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in [
        ("build", "build the site into output/ (all or nothing)"),
        ("orgs-check", "validate the organisation files"),
        ("serve", "preview on 127.0.0.1:8000, rebuilding on save"),
    ]:
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("-s", "--settings", default="pelicanconf.py")
        cmd.add_argument("-o", "--output", default=None)
        cmd.add_argument(
            "--strict", action="store_true", help="treat every warning as an error"
        )
    for name, text in [
        ("orgs-export", "write the directory as CSV"),
        ("orgs-import", "turn a CSV back into organisation files"),
        ("orgs-stale", "list organisations not verified recently"),
        ("org-new", "write a new organisation file"),
    ]:
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("-s", "--settings", default="pelicanconf.py")
    sub.choices["orgs-export"].add_argument("-o", "--output", default=None)
    sub.choices["orgs-export"].add_argument(
        "--include-confidential",
        action="store_true",
        help="also write confidential (keep_secret) addresses such as shelters",
    )
    state = sub.add_parser("status", help="what is missing or out of date")
    state.add_argument("-s", "--settings", default="pelicanconf.py")
    state.add_argument("--lang", default=None)
    state.add_argument("--format", choices=["text", "json"], default="text")
    state.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if anything is missing, outdated, mismatch or script",
    )
    state.add_argument(
        "--html",
        default="status/index.html",
        help="where to write the dashboard ('' for none)",
    )
    for name, text in [
        ("page-export", "write a page as a PO file to translate"),
        ("page-import", "turn a translated PO file back into a page"),
    ]:
        exchange = sub.add_parser(name, help=text)
        exchange.add_argument("-s", "--settings", default="pelicanconf.py")
        exchange.add_argument("key")
        exchange.add_argument("lang")
        exchange.add_argument(
            "--po",
            default=None,
            help="the file (default translations/pages/<lang>/<key>.po or .xlf)",
        )
        exchange.add_argument(
            "--format",
            choices=("po", "xliff"),
            default="po",
            help="PO (Weblate, Crowdin, Poedit) or XLIFF 2.0 (CAT tools)",
        )
    ship = sub.add_parser("publish", help="build for production, verify, deploy")
    ship.add_argument("-s", "--settings", default="publishconf.py")
    ship.add_argument(
        "--target",
        default=None,
        help="dir:PATH, rsync:[USER@HOST:]PATH, gh-pages:REPO[#BRANCH], "
        "s3://BUCKET[/PREFIX][?endpoint=URL]",
    )
    ship.add_argument("--dry-run", action="store_true", help="list what would change")
    ship.add_argument("--keep", default=None, help="keep the verified build here")
    ship.add_argument(
        "--force",
        action="store_true",
        help="let a dir: target replace a folder that publish did not create",
    )
    stamp = sub.add_parser("translated", help="stamp a translation as up to date")
    stamp.add_argument("-s", "--settings", default="pelicanconf.py")
    stamp.add_argument("key")
    stamp.add_argument("lang")
    sub.choices["orgs-import"].add_argument("csv_file")
    sub.choices["orgs-import"].add_argument(
        "--delete",
        action="store_true",
        help="remove organisation files whose id is not in the sheet",
    )
    sub.choices["orgs-stale"].add_argument("--months", type=float, default=None)
    new = sub.choices["org-new"]
    for flag in (
        "name",
        "countries",
        "email",
        "phone",
        "languages",
        "topics",
        "description",
        "id",
    ):
        new.add_argument(f"--{flag}", default=None)
    init = sub.add_parser("init", help="create a new site in a new folder")
    init.add_argument("folder")
    init.add_argument("--name", default="Safety information and help")
    init.add_argument("--lang", default="en", help="the default language's code")
    reporting = sub.add_parser("report", help="impact report from access logs")
    reporting.add_argument("logs", nargs="*", help="access logs (.log or .gz)")
    reporting.add_argument(
        "--plausible", help="a Plausible CSV export (.zip or folder)"
    )
    reporting.add_argument("-o", "--output", default="report")
    reporting.add_argument(
        "-s",
        "--settings",
        default="pelicanconf.py",
        help="the site's settings, for organisation names (skipped if absent)",
    )
    reporting.add_argument(
        "--lang", default=None, help="the report's language (default: the site's)"
    )
    sub.choices["serve"].add_argument("-b", "--bind", default="127.0.0.1")
    sub.choices["serve"].add_argument("-p", "--port", type=int, default=8000)
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return _run(args)
    except BuildError as err:
        print(str(err), file=sys.stderr)
        return 1
    except CommandError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    # The last net under every command: a file that is missing, unreadable or a
    # folder gets one line naming it, never a traceback.
    except UnicodeDecodeError as err:
        print(
            f"error: a file is not UTF-8 text ({err.reason} at byte {err.start}); "
            "save it as UTF-8",
            file=sys.stderr,
        )
        return 1
    except OSError as err:
        print(f"error: {_os_error(err)}", file=sys.stderr)
        return 1


class CommandError(Exception):
    """A command's argument is wrong; the message says which and what to give."""


def _os_error(err: OSError) -> str:
    where = err.filename or "a file"
    if isinstance(err, FileNotFoundError):
        return f"{where} does not exist"
    if isinstance(err, IsADirectoryError):
        return f"{where} is a folder; give a file"
    if isinstance(err, NotADirectoryError):
        return f"{where} is not a folder"
    if isinstance(err, PermissionError):
        return f"{where}: permission denied"
    return f"{where}: {err.strerror or err}"


def settings_from(path: str, output: str | None = None, **overrides):
    """load_settings, with a missing, foldered or broken settings file said plainly."""
    file = Path(path)
    if not file.exists():
        raise CommandError(f"{path} does not exist: give the site's settings file")
    if not file.is_file():
        raise CommandError(f"{path} is not a file: give the site's settings file")
    try:
        return load_settings(path, output, **overrides)
    except SyntaxError as err:
        raise CommandError(
            f"{path}:{err.lineno}: not a Python settings file ({err.msg})"
        ) from None


def _run(args) -> int:
    if args.command == "init":
        return init(args.folder, args.name, args.lang)
    if args.command == "report":
        if not args.logs and not args.plausible:
            print("error: give access logs and/or --plausible EXPORT", file=sys.stderr)
            return 2
        lang = report_language(args.settings, args.lang)
        return report(args.logs, args.output, args.plausible, lang)
    if args.command == "serve":
        return serve(args.settings, args.bind, args.port)
    if args.command == "publish":
        from signposter.publishing.pipeline import publish

        settings = settings_from(args.settings)
        return publish(settings, args.target, args.dry_run, args.keep, args.force)
    if args.command in ("status", "translated", "page-export", "page-import"):
        settings = settings_from(args.settings)
        if args.command.startswith("page-"):
            return page_exchange(
                settings, args.command, args.key, args.lang, args.po, args.format
            )
        if args.command == "translated":
            return translated(settings, args.key, args.lang)
        return status(settings, args.lang, args.format, args.strict, args.html)
    if args.command in VOLUNTEER_COMMANDS:
        settings = settings_from(args.settings)
        return VOLUNTEER_COMMANDS[args.command](settings, args)
    overrides = {"SIGNPOSTER_STRICT": True} if args.strict else {}
    settings = settings_from(args.settings, args.output, **overrides)
    if args.command == "orgs-check":
        return orgs_check(settings)
    return build(settings)


def run() -> None:
    """The ``signposter`` command: ``main``, then exit."""
    code = main()
    # Python's last collection at exit walks every object a build made (a
    # tenth of a second on a big site); nothing is left for it to free that
    # the exit does not free anyway.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
