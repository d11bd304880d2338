"""Tasks to build, preview, translate and test the site (see `invoke --list`)."""

import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

PY = sys.executable
ROOT = Path(__file__).parent
POT = "translations/messages.pot"


def _languages():
    from signposter.cli import load_settings

    settings = load_settings(str(ROOT / "pelicanconf.py"))
    return settings["SIGNPOSTER_LANGUAGES"]


@task(help={"strict": "treat every warning as an error", "output": "output folder"})
def build(c, strict=False, output="output"):
    """Build the site into output/; on any error output/ is left as it was."""
    flag = " --strict" if strict else ""
    c.run(
        f"{PY} -m signposter.cli build -s pelicanconf.py -o {output}{flag}", pty=False
    )


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Preview on http://127.0.0.1:8000/; every save rebuilds and reloads the tab."""
    c.run(f"{PY} -m signposter.cli serve -b 127.0.0.1 -p {port}")


@task
def clean(c):
    """Remove the built site and caches."""
    for folder in (
        "output",
        ".output-staging",
        ".output-previous",
        ".preview",
        "cache",
    ):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(
    help={
        "target": "dir:PATH, rsync:USER@HOST:PATH, gh-pages:REPO[#BRANCH] or "
        "s3://BUCKET[/PREFIX]?endpoint=URL (none: build and verify only)",
        "dry_run": "list what would change on the target, change nothing",
        "keep": "keep the verified build and host configuration in this folder",
        "force": "let a dir: target replace a folder publish did not create",
    }
)
def publish(c, target="", dry_run=False, keep="", force=False):
    """Build with publishconf.py, verify (strict, links, weight), then deploy."""
    args = (f" --target {target}" if target else "") + (" --dry-run" if dry_run else "")
    args += (f" --keep {keep}" if keep else "") + (" --force" if force else "")
    c.run(f"{PY} -m signposter.cli publish{args}", pty=False)


@task(
    help={
        "k": "only tests matching this expression",
        "browser": "include browser tests",
    }
)
def test(c, k="", browser=True):
    """Run the whole test suite (browser tests use /usr/bin/chromium)."""
    args = [] if browser else ["-m", "not browser"]
    if k:
        args += ["-k", k]
    c.run(f"{PY} -m pytest {' '.join(args)}", pty=False)


@task(name="i18n-extract")
def i18n_extract(c):
    """Collect the theme's strings into translations/messages.pot."""
    c.run(
        f"{PY} -m babel.messages.frontend extract -F babel.cfg -o {POT} "
        "--no-location --sort-output --omit-header . "
    )


@task(name="i18n-update", pre=[i18n_extract])
def i18n_update(c):
    """Create or update every language's messages.po from messages.pot."""
    for code in _languages():
        po = ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        c.run(
            f"{PY} -m babel.messages.frontend {action} -i {POT} -d translations "
            f"-l {code} --no-wrap"
            + (" --ignore-obsolete --no-fuzzy-matching" if po.exists() else "")
        )


@task(name="i18n-compile")
def i18n_compile(c):
    """Compile every messages.po to .mo for gettext tools (the build reads .po)."""
    c.run(f"{PY} -m babel.messages.frontend compile -d translations --statistics")


@task(name="orgs-check", help={"strict": "also fail on warnings and example entries"})
def orgs_check(c, strict=False):
    """Check every content/organisations/*.yaml file and content/countries.yaml."""
    flag = " --strict" if strict else ""
    c.run(f"{PY} -m signposter.cli orgs-check -s pelicanconf.py{flag}", pty=False)


@task(
    name="orgs-export",
    help={
        "output": "CSV file to write",
        "include_confidential": "also write keep_secret addresses (shelters)",
    },
)
def orgs_export(c, output="organisations.csv", include_confidential=False):
    """Write every organisation as one CSV row, for spreadsheets."""
    flag = " --include-confidential" if include_confidential else ""
    c.run(f"{PY} -m signposter.cli orgs-export -o {output}{flag}", pty=False)


@task(
    name="orgs-import",
    help={
        "csv_file": "the CSV to read",
        "delete": "remove organisations that are not in the sheet",
    },
)
def orgs_import(c, csv_file, delete=False):
    """Turn a CSV back into organisation files (only if every row is valid)."""
    flag = " --delete" if delete else ""
    c.run(f"{PY} -m signposter.cli orgs-import {csv_file}{flag}", pty=False)


@task(name="orgs-stale", help={"months": "how many months counts as stale (default 6)"})
def orgs_stale(c, months=None):
    """List organisations not verified within the last N months."""
    flag = f" --months {months}" if months else ""
    c.run(f"{PY} -m signposter.cli orgs-stale{flag}", pty=False)


@task(
    name="org-new",
    help={
        "name": "the organisation's name",
        "countries": "e.g. PL,DE",
        "email": "email address",
        "phone": "with country code, e.g. +48 22 000 00 00",
        "languages": "e.g. pl,uk,en",
        "topics": "e.g. legal-advice,shelter",
        "description": "one sentence in English",
        "id": "file name without .yaml",
    },
)
def org_new(
    c,
    name="",
    countries="",
    email="",
    phone="",
    languages="",
    topics="",
    description="",
    id="",
):
    """Write a new organisation file from the answers, validated, and say what next."""
    import shlex

    args = [
        f"--{flag} {shlex.quote(value)}"
        for flag, value in [
            ("name", name),
            ("countries", countries),
            ("email", email),
            ("phone", phone),
            ("languages", languages),
            ("topics", topics),
            ("description", description),
            ("id", id),
        ]
        if value
    ]
    c.run(f"{PY} -m signposter.cli org-new {' '.join(args)}", pty=True)


@task(
    help={
        "logs": "access logs, comma-separated (.log or .gz)",
        "output": "folder",
        "plausible": "a Plausible CSV export (.zip or folder)",
        "lang": "the report's language, one of the site's (default: its default)",
    }
)
def report(c, logs="", output="report", plausible="", lang=""):
    """Write the impact report (HTML with charts, and CSV files) from access logs."""
    files = " ".join(logs.split(","))
    extra = f" --plausible {plausible}" if plausible else ""
    extra += f" --lang {shlex.quote(lang)}" if lang else ""
    c.run(f"{PY} -m signposter.cli report {files} -o {output}{extra}", pty=False)


@task(help={"into": "folder for the PNG files"})
def screenshots(c, into="docs/screenshots"):
    """Capture every kind of page at 360x740 in en, uk, ar and bn (Chromium)."""
    c.run(f"{PY} scripts/screenshots.py output --into {into}", pty=False)


@task(
    help={
        "lang": "only this language",
        "format": "text or json",
        "strict": "exit 1 if anything is missing, outdated, mismatch or script",
    }
)
def status(c, lang="", format="text", strict=False):
    """Show each translation ok/outdated/missing/mismatch/script."""
    args = (f" --lang {lang}" if lang else "") + f" --format {format}"
    args += " --strict" if strict else ""
    c.run(f"{PY} -m signposter.cli status{args}", pty=False)


@task(help={"page": "the page's key (its file name without .md)", "lang": "e.g. uk"})
def translated(c, page, lang):
    """Stamp PAGE's LANG translation (refused if its numbers differ)."""
    c.run(f"{PY} -m signposter.cli translated {page} {lang}", pty=False)


@task(
    name="page-export",
    help={
        "page": "the page's key",
        "lang": "target language",
        "po": "PO file (default translations/pages/<lang>/<page>.po)",
        "format": "po (default) or xliff (XLIFF 2.0, <page>.xlf)",
    },
)
def page_export(c, page, lang, po="", format="po"):
    """Write (or update) a page's PO file and template for Weblate, Crowdin, Poedit."""
    flag = (f" --po {po}" if po else "") + f" --format {format}"
    c.run(f"{PY} -m signposter.cli page-export {page} {lang}{flag}", pty=False)


@task(
    name="page-import",
    help={
        "page": "the page's key",
        "lang": "the PO's language",
        "po": "PO file (default translations/pages/<lang>/<page>.po)",
        "format": "po (default) or xliff (XLIFF 2.0, <page>.xlf)",
    },
)
def page_import(c, page, lang, po="", format="po"):
    """Write content/pages/<lang>/<page>.md from a translated PO file (stamped)."""
    flag = (f" --po {po}" if po else "") + f" --format {format}"
    c.run(f"{PY} -m signposter.cli page-import {page} {lang}{flag}", pty=False)


@task(
    help={
        "port": "port for the editor (default 8080)",
        "backend-port": "port for Decap's local backend (default 8081)",
        "locale": "the editor's own language, e.g. uk (default: "
        "SIGNPOSTER_EDITOR_LOCALE)",
    }
)
def edit(c, port=8080, backend_port=8081, locale=""):
    """Edit organisations and pages in the browser: http://127.0.0.1:8080/admin/."""
    language = f" --locale {locale}" if locale else ""
    c.run(
        f"{PY} -m signposter.editor --port {port} --backend-port {backend_port}"
        f"{language}",
        pty=False,
    )


@task(name="pages-migrate", help={"check": "only list pages still to migrate"})
def pages_migrate(c, check=False):
    """Move every page's `Key: value` header to YAML front matter (once)."""
    flag = " --check" if check else ""
    c.run(
        f"{PY} -m signposter.translation.migrate_pages content/pages{flag}", pty=False
    )
