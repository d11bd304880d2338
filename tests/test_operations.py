"""Operations that never lose or corrupt: one build at a time, a preview of its own,
deploy targets that refuse or clean up, arguments confined to content/."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from servers import free_port
from sites import REPO, Page, build_fixture, tree_digest, write_site
from test_publish import make_site, publish
from waiting import wait_until

from signposter.counting.contact_links import mark_contact_links
from signposter.publishing.deploy import MARKER


def cli(*args, cwd=REPO, env=None):
    return subprocess.run(
        [sys.executable, "-m", "signposter.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# -- 1. one build at a time ---------------------------------------------------------


def test_concurrent_builds_leave_a_complete_output(tmp_path):
    single = tmp_path / "single"
    assert cli("build", "-o", single).returncode == 0
    shared = tmp_path / "shared"
    command = [sys.executable, "-m", "signposter.cli", "build", "-o", str(shared)]
    first = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
    wait_until(lambda: (tmp_path / ".shared.lock").exists(), what="the first build")
    second = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
    assert first.wait() == 0 and second.wait() == 0
    assert files(shared) == files(single)


def test_a_build_writes_over_the_older_site_and_keeps_none_of_it(tmp_path):
    output = tmp_path / "output"
    staging = tmp_path / ".output-staging"
    assert cli("build", "-o", output).returncode == 0
    first = files(output)
    inode = (output / "en" / "index.html").stat().st_ino
    (output / "stale.html").write_text("from an older build")
    (output / "old" / "folder").mkdir(parents=True)
    (output / "old" / "folder" / "style.css").write_text("p {}")
    assert cli("build", "-o", output).returncode == 0
    # The replaced site is kept beside the new one, to be written over next time.
    assert (staging / "stale.html").exists()
    assert (staging / "en" / "index.html").stat().st_ino == inode  # renamed
    leftover = tmp_path / ".output-previous-1"  # a swap that was interrupted
    (leftover / "en").mkdir(parents=True)
    result = cli("build", "-o", output)
    assert result.returncode == 0, result.stderr
    assert files(output) == first
    assert (output / "en" / "index.html").stat().st_ino == inode  # rewritten
    assert not (output / "old").exists()
    wait_until(
        lambda: not list(tmp_path.glob(".output-previous-*")),
        what="the leftover to be deleted",
    )


def test_a_page_written_over_a_longer_one_keeps_none_of_it(tmp_path):
    write_site(
        tmp_path, {"content/pages/en/index.md": "Title: Home\n\n" + "Long. " * 500}
    )
    output = tmp_path / "output"
    for _ in range(2):  # the staging folder now holds the long page
        assert build_fixture(tmp_path, ["en"]) == 0
    write_site(tmp_path, {"content/pages/en/index.md": "Title: Home\n\nShort.\n"})
    assert build_fixture(tmp_path, ["en"]) == 0
    html = (output / "en" / "index.html").read_text()
    assert "Short." in html and "Long." not in html
    assert html.rstrip().endswith("</html>")


def test_a_link_left_in_the_staging_folder_is_not_written_through(tmp_path):
    output = tmp_path / "output"
    assert cli("build", "-o", output).returncode == 0
    assert cli("build", "-o", output).returncode == 0
    outside = tmp_path / "outside.html"
    outside.write_text("not the site's")
    target = tmp_path / ".output-staging" / "en" / "index.html"
    target.unlink()
    target.symlink_to(outside)
    (tmp_path / ".output-staging" / "linked").symlink_to(tmp_path)
    hard = tmp_path / "hard.html"
    hard.write_text("not the site's either")
    (tmp_path / ".output-staging" / "en" / "help" / "index.html").unlink()
    os.link(hard, tmp_path / ".output-staging" / "en" / "help" / "index.html")
    assert cli("build", "-o", output).returncode == 0
    assert outside.read_text() == "not the site's"
    assert hard.read_text() == "not the site's either"
    assert not (output / "en" / "index.html").is_symlink()
    assert not (output / "linked").exists()


# -- 2. the preview renders into its own folder -------------------------------------

PREVIEW_SITE = {
    "content/pages/en/index.md": "Title: Home\n\nFirst text.\n",
    "conf.py": f"""
    import sys
    sys.path.insert(0, {str(REPO)!r})
    from pelicanconf import *
    THEME = {str(REPO / "themes/signposter")!r}
    SIGNPOSTER_LANGUAGES = ["en"]
    SIGNPOSTER_TRANSLATIONS_DIR = {str(REPO / "translations")!r}
    """,
}


def test_serve_leaves_output_byte_identical(tmp_path):
    write_site(tmp_path, PREVIEW_SITE)
    assert cli("build", "-s", "conf.py", "-o", "output", cwd=tmp_path).returncode == 0
    before = tree_digest(tmp_path / "output")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "signposter.cli", "serve", "-s", "conf.py"]
        + ["-p", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def answers():
            try:
                return urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/en/", timeout=1
                ).read()
            except OSError:
                return None

        assert b"First text." in wait_until(answers, what="the preview")
    finally:
        process.terminate()
        process.wait()
    assert tree_digest(tmp_path / "output") == before
    assert (tmp_path / ".preview").is_dir()


# -- 3. deploy targets --------------------------------------------------------------


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path / "src")


def test_dir_target_refuses_a_folder_it_did_not_create(site, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "family-photos.jpg").write_bytes(b"not ours")
    result = publish(site, "--target", f"dir:{target}")
    assert result.returncode == 1
    assert f"{target} already holds files that `publish` did not put there" in (
        result.stderr
    )
    assert "--force" in result.stderr and "Nothing was deployed." in result.stderr
    assert "Traceback" not in result.stderr
    assert files(target) == ["family-photos.jpg"]
    forced = publish(site, "--target", f"dir:{target}", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (target / MARKER).exists() and (target / "en/about/index.html").exists()
    again = publish(site, "--target", f"dir:{target}")  # ours now: no --force needed
    assert again.returncode == 0, again.stderr


def test_host_configuration_printed_still_exists(site):
    result = publish(site)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "Host configuration" in x)
    host = Path(line.split(": ", 1)[1].split(" (nginx)")[0])
    assert (host / "nginx-site.conf").is_file()


def test_invoke_publish_takes_keep(site, tmp_path):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "invoke"), "publish", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert "--keep" in result.stdout and "--force" in result.stdout


needs_mount = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root"
)


@pytest.fixture
def small_disk(tmp_path):
    """A real 48 KB file system, which the site does not fit on."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mount)], check=True
    )
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@needs_mount
def test_full_disk_removes_partial_copies_and_a_retry_succeeds(site, small_disk):
    target = small_disk / "live"
    result = publish(site, "--target", f"dir:{target}")
    assert result.returncode == 1
    assert f"the disk holding {small_disk} is full" in result.stderr
    assert "Nothing was deployed." in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr) < 500
    assert leftovers(small_disk) == []
    subprocess.run(["mount", "-o", "remount,size=40m", str(small_disk)], check=True)
    retry = publish(site, "--target", f"dir:{target}")
    assert retry.returncode == 0, retry.stderr
    assert (target / "en/about/index.html").exists()


@needs_mount
def test_read_only_target_says_so_and_deploys_nothing(site, small_disk):
    subprocess.run(["mount", "-o", "remount,ro,size=40m", str(small_disk)], check=True)
    result = publish(site, "--target", f"dir:{small_disk / 'live'}")
    assert result.returncode == 1
    assert f"{small_disk} is on a read-only file system" in result.stderr
    assert "Nothing was deployed." in result.stderr
    assert "Traceback" not in result.stderr
    assert leftovers(small_disk) == []


# -- 4. arguments are page keys, ids and languages, never paths ---------------------


@pytest.mark.parametrize(
    "key, lang, expected",
    [
        ("/tmp/x", "en", "'/tmp/x' is not a page key"),
        ("../../../tmp/x", "uk", "is not a page key"),
        ("about", "../../tmp", "'../../tmp' is not a language of this site"),
    ],
)
def test_translated_takes_only_keys_and_languages(tmp_path, key, lang, expected):
    result = cli("translated", key, lang)
    assert result.returncode == 2
    assert expected in result.stderr
    assert not Path("/tmp/x.md").exists()


def test_org_new_id_is_not_a_path(tmp_path):
    write_site(tmp_path, {"content/countries.yaml": 'PL:\n  emergency: ["112"]\n'})
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(tmp_path / 'content')!r}\n"
    )
    result = cli(
        "org-new", "-s", conf, "--name", "Night Line", "--countries", "PL",
        "--email", "night@example.org", "--languages", "pl", "--topics", "hotline",
        "--description", "Answers at night.", "--id", "../../escaped",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--id '../../escaped' is not an id" in result.stderr
    assert not list(tmp_path.rglob("escaped*"))


# -- 5. no tracebacks for bad input -------------------------------------------------


def bad_inputs(tmp: Path) -> dict[str, list]:
    folder = tmp / "a-folder"
    latin1 = tmp / "latin1.py"
    missing = tmp / "missing.py"
    return {
        name: args
        for name, args in {
            "build missing settings": ["build", "-s", missing],
            "build settings is a folder": ["build", "-s", folder],
            "build settings not UTF-8": ["build", "-s", latin1],
            "orgs-check missing settings": ["orgs-check", "-s", missing],
            "serve settings is a folder": ["serve", "-s", folder],
            "status missing settings": ["status", "-s", missing],
            "translated missing settings": ["translated", "-s", missing, "a", "en"],
            "translated unknown page": ["translated", "no-such-page", "uk"],
            "page-export missing settings": ["page-export", "-s", missing, "a", "en"],
            "page-import missing PO": ["page-import", "about", "uk", "--po", missing],
            "page-import PO is a folder": [
                "page-import",
                "about",
                "uk",
                "--po",
                folder,
            ],
            "orgs-export into a folder": ["orgs-export", "-o", folder],
            "orgs-import missing CSV": ["orgs-import", missing],
            "orgs-import CSV is a folder": ["orgs-import", folder],
            "orgs-import CSV not UTF-8": ["orgs-import", latin1],
            "orgs-stale bad months": ["orgs-stale", "--months", "soon"],
            "publish missing settings": ["publish", "-s", missing],
            "publish unknown target": ["publish", "--target", "ftp:x"],
            "init into a file": ["init", latin1],
            "report missing log": ["report", missing, "-o", tmp / "r"],
            "report log is a folder": ["report", folder, "-o", tmp / "r"],
            "report log not UTF-8": ["report", latin1, "-o", tmp / "r"],
            "report plausible missing": ["report", "--plausible", missing],
            "report plausible not a zip": ["report", "--plausible", latin1],
            "report into a file": ["report", tmp / "ok.log", "-o", latin1],
            "unknown command": ["frobnicate"],
        }.items()
    }


def test_every_command_answers_bad_input_in_one_line(tmp_path):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "latin1.py").write_bytes(b"SITENAME = 'Caf\xe9'\n\xff\xfe\n")
    (tmp_path / "ok.log").write_text("")
    env = {"SIGNPOSTER_SITEURL": "https://safety.signposter-demo.net"}
    failures = []
    for name, args in bad_inputs(tmp_path).items():
        result = cli(*args, env=env)
        if "Traceback" in result.stderr + result.stdout or result.returncode == 0:
            failures.append(f"{name}: exit {result.returncode}\n{result.stderr[-800:]}")
    assert not failures, "\n\n".join(failures)
    missing = cli("build", "-s", tmp_path / "missing.py")
    assert missing.stderr == (
        f"error: {tmp_path / 'missing.py'} does not exist: give the site's "
        "settings file\n"
    )


# -- 8. every tappable contact is counted -------------------------------------------


def test_footer_112_and_markdown_contacts_carry_counting_attributes(tmp_path):
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\n"
            "Call [+48 22 000 00 06](tel:+48220000006) or write to "
            "[night@example.org](mailto:night@example.org); "
            "in danger, [112](tel:112).\n",
            "content/organisations/night-line.yaml": """
            id: night-line
            name: Night Line
            description: {en: A helpline that answers at night.}
            email: night@example.org
            phones: [{number: "+48 22 000 00 06"}]
            languages: [pl, en]
            countries: [PL]
            topics: [hotline]
            last_verified: "2026-11-20"
            """,
            "content/countries.yaml": 'PL:\n  emergency: ["112"]\n',
        },
    )
    assert build_fixture(tmp_path, languages=("en",)) == 0
    page = Page(tmp_path / "output/en/index.html")
    footer = page.first("a", href="tel:112", dir="ltr")  # the footer's
    assert "data-from" not in footer
    assert (footer["data-org"], footer["data-channel"], footer["data-lang"]) == (
        "emergency",
        "phone",
        "en",
    )
    by_href = {a["href"]: a for a in page.find_all("a") if "data-from" in a}
    assert by_href["tel:+48220000006"]["data-org"] == "night-line"
    assert by_href["mailto:night@example.org"]["data-channel"] == "email"
    assert by_href["tel:112"]["data-org"] == "emergency"
    assert by_href["tel:112"]["data-lang"] == "en"


def test_other_addresses_are_counted_as_in_page():
    marked = mark_contact_links(
        '<p><a href="tel:+48221111111">+48 22 111 11 11</a> '
        '<a href="https://example.org/">site</a></p>',
        "uk",
        {},
    )
    assert (
        '<a href="tel:+48221111111" data-org="in-page" data-channel="phone" '
        'data-lang="uk" data-from="page">' in marked
    )
    assert '<a href="https://example.org/">' in marked
