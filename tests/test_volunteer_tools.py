"""The volunteer commands, run as a volunteer would run them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sites import REPO, run_cli

GOOD = (Path(__file__).parent / "data" / "good_organisation.yaml").read_text()


def signposter(site: Path, *args, stdin="") -> subprocess.CompletedProcess:
    return run_cli(site, *args, "-s", site / "conf.py", stdin=stdin)


def make_site(tmp_path: Path, organisations: dict[str, str] | None = None) -> Path:
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(tmp_path / 'content')!r}\n"
        f"THEME = {str(REPO / 'themes/signposter')!r}\n"
    )
    folder = tmp_path / "content" / "organisations"
    folder.mkdir(parents=True)
    for name, text in (organisations or {}).items():
        (folder / f"{name}.yaml").write_text(text)
    return tmp_path


def test_csv_round_trip_gives_back_identical_files(tmp_path):
    site = make_site(tmp_path)
    shutil.copytree(
        REPO / "content/organisations",
        site / "content/organisations",
        dirs_exist_ok=True,
    )
    export = signposter(site, "orgs-export", "-o", "orgs.csv", "--include-confidential")
    assert export.returncode == 0
    header = (site / "orgs.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,example,name")
    originals = {
        p.name: p.read_bytes() for p in (site / "content/organisations").iterdir()
    }
    shutil.rmtree(site / "content/organisations")
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 0, result.stderr
    again = {p.name: p.read_bytes() for p in (site / "content/organisations").iterdir()}
    assert again == originals


def test_csv_import_reports_row_and_column_and_writes_nothing(tmp_path):
    site = make_site(tmp_path, {"good": GOOD.replace("GOODID", "good")})
    assert signposter(site, "orgs-export", "-o", "orgs.csv").returncode == 0
    text = (site / "orgs.csv").read_text(encoding="utf-8-sig")
    bad_row = (
        text.splitlines()[1]
        .replace("+48 22 000 00 09", "+48 12 3")
        .replace("good", "second", 1)
    )
    (site / "orgs.csv").write_text(text + bad_row + "\n")
    before = sorted(p.name for p in (site / "content/organisations").iterdir())
    result = signposter(site, "orgs-import", "orgs.csv")
    assert result.returncode == 1
    assert (
        "orgs.csv:3: phones.0.number: '+48 12 3' is not a valid number for PL — "
        "write the full number"
    ) in result.stderr
    assert sorted(p.name for p in (site / "content/organisations").iterdir()) == before


def test_org_new_writes_a_valid_file_from_flags(tmp_path):
    site = make_site(tmp_path)
    result = signposter(
        site,
        "org-new",
        "--name",
        "Example Night Shelter",
        "--countries",
        "PL",
        "--languages",
        "pl,uk",
        "--topics",
        "shelter",
        "--email",
        "night@example.org",
        "--phone",
        "+48 22 000 00 05",
        "--description",
        "Beds for women and children.",
    )
    assert result.returncode == 0, result.stderr
    assert "Next:" in result.stdout
    written = site / "content/organisations/example-night-shelter.yaml"
    assert "languages: [pl, uk]" in written.read_text()
    assert signposter(site, "orgs-check").returncode == 0


def test_org_new_refuses_bad_values_and_writes_nothing(tmp_path):
    site = make_site(tmp_path)
    result = signposter(
        site,
        "org-new",
        "--name",
        "Bad",
        "--countries",
        "XX",
        "--languages",
        "pl",
        "--topics",
        "shelter",
        "--description",
        "Text.",
    )
    assert result.returncode == 1
    assert "countries[0]: 'XX' is not a country code" in result.stderr
    assert not list((site / "content/organisations").iterdir())


def test_orgs_stale_lists_old_entries(tmp_path):
    site = make_site(
        tmp_path,
        {
            "fresh": GOOD.replace("GOODID", "fresh").replace(
                "2026-11-01", "2026-11-20"
            ),
            "old": GOOD.replace("GOODID", "old").replace("2026-11-01", "2024-01-01"),
        },
    )
    result = signposter(site, "orgs-stale", "--months", "6")
    assert result.returncode == 0
    assert "old.yaml: last verified 2024-01-01" in result.stdout
    assert "fresh.yaml" not in result.stdout


def test_org_new_asks_again_when_an_answer_is_left_empty(tmp_path):
    """At a real terminal: an empty answer to a needed question is asked again,
    never taken as an answer and never left hanging."""
    import os
    import pty

    site = make_site(tmp_path)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "signposter.cli", "org-new", "-s", site / "conf.py"],
        cwd=site,
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(terminal)
    answers = [
        "",  # the name, left empty: asked again
        "Help Centre Warsaw",
        "PL",
        "pl, uk",
        "legal-advice",
        "help-centre@example.org",
        "+48 22 000 00 07",
        "Free legal advice for people from Ukraine.",
    ]
    os.write(controller, ("\n".join(answers) + "\n").encode())
    out, err = process.communicate(timeout=60)
    os.close(controller)
    assert "This one is needed; please type an answer." in err
    assert (
        err.count("Name of the organisation") + out.count("Name of the organisation")
        >= 2
    )
    written = site / "content/organisations/help-centre-warsaw.yaml"
    assert written.is_file(), out + err
    assert "name: Help Centre Warsaw" in written.read_text()
