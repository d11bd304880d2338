"""Publishing: a verified, atomic deploy, tested against real servers here."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from servers import nginx, s3_server, sshd
from sites import REPO, tree_digest, write_site

ORG = """
id: night-line
name: Night Line
description: {en: A helpline that answers at night.}
email: night@example.org
phones: [{number: "+48 22 000 00 06", free: true}]
languages: [pl, uk, en]
countries: [PL]
topics: [hotline]
last_verified: "2026-11-20"
"""


def make_site(root: Path, extra: dict | None = None) -> Path:
    write_site(
        root,
        {
            "content/pages/en/index.md": "Title: Home\nSummary: Help.\n\nCall 112.\n",
            "content/pages/en/about.md": "Title: About\nSummary: Us.\n\nWho we are.\n",
            "content/organisations/night-line.yaml": ORG,
            "content/countries.yaml": 'PL:\n  emergency: ["112"]\n',
            "conf.py": f"""
            import sys
            sys.path.insert(0, {str(REPO)!r})
            from publishconf import *
            THEME = {str(REPO / "themes/signposter")!r}
            SIGNPOSTER_LANGUAGES = ["en"]
            SIGNPOSTER_TRANSLATIONS_DIR = {str(REPO / "translations")!r}
            SIGNPOSTER_REPORTING_APP = None
            """,
            **(extra or {}),
        },
    )
    return root


# A made-up domain that is not a reserved placeholder: publishing refuses those.
SITEURL = "https://safety.signposter-demo.net"


def publish(site: Path, *args, env=None):
    env = {**os.environ, "SIGNPOSTER_SITEURL": SITEURL, **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "signposter.cli",
            "publish",
            "-s",
            str(site / "conf.py"),
            *args,
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path / "src")


@pytest.fixture
def built(site, tmp_path):
    result = publish(site, "--keep", str(tmp_path / "work"))
    assert result.returncode == 0, result.stderr
    return tmp_path / "work"


def test_production_build_is_minified_fingerprinted_and_compressed(built):
    site = built / "site"
    html = (site / "en/about/index.html").read_text()
    assert html.startswith("<!doctype html><html")
    assert "\n" not in html.strip()
    css = list((site / "theme/css").glob("site.*.css"))
    assert len(css) == 1 and css[0].name in html
    assert not (site / "theme/css/site.css").exists()
    assert (
        gzip.decompress((site / "en/about/index.html.gz").read_bytes()).decode() == html
    )
    assert (site / "en/about/index.html.br").exists()
    assert f"{SITEURL}/en/about/" in html  # absolute URLs


def test_two_builds_are_byte_identical(site, built, tmp_path):
    assert publish(site, "--keep", str(tmp_path / "again")).returncode == 0
    assert tree_digest(built / "site") == tree_digest(tmp_path / "again/site")


def test_broken_build_deploys_nothing_anywhere(site, tmp_path):
    target = tmp_path / "live"
    assert publish(site, "--target", f"dir:{target}").returncode == 0
    before = tree_digest(target)
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    (site / "content/organisations/night-line.yaml").write_text(
        ORG.replace("+48 22 000 00 06", "+48 22 0")
    )
    for destination in (
        f"dir:{target}",
        f"rsync:{tmp_path / 'mirror'}",
        f"gh-pages:{bare}",
    ):
        result = publish(site, "--target", destination)
        assert result.returncode == 1
        assert "night-line.yaml:6: phones[0].number" in result.stderr
        assert "Nothing was deployed." in result.stderr
    assert tree_digest(target) == before
    assert not (tmp_path / "mirror").exists()
    branches = subprocess.run(
        ["git", "--git-dir", str(bare), "branch"], capture_output=True, text=True
    ).stdout
    assert branches == ""


def test_example_organisations_are_refused(site):
    (site / "content/organisations/night-line.yaml").write_text(ORG + "example: true\n")
    result = publish(site)
    assert result.returncode == 1
    assert (
        "night-line.yaml:11: example: this is an example organisation" in result.stderr
    )


def test_dir_target_swaps_atomically_and_dry_run_changes_nothing(site, tmp_path):
    target = tmp_path / "live"
    assert publish(site, "--target", f"dir:{target}").returncode == 0
    assert target.is_symlink() and (target / "en/about/index.html").exists()
    first = target.resolve()
    (site / "content/pages/en/about.md").write_text(
        "Title: About\nSummary: Us.\n\nNew.\n"
    )
    dry = publish(site, "--target", f"dir:{target}", "--dry-run")
    assert "~ en/about/index.html" in dry.stdout
    assert target.resolve() == first
    assert publish(site, "--target", f"dir:{target}").returncode == 0
    assert target.resolve() != first and not first.exists()
    assert "New." in (target / "en/about/index.html").read_text()


@pytest.mark.skipif(not shutil.which("nginx"), reason="needs Debian's nginx")
def test_nginx_serves_every_page_with_the_generated_headers(built, tmp_path):
    site = built / "site"
    snippet = (built / "host/nginx-site.conf").read_text()
    maps = (built / "host/nginx-maps.conf").read_text()
    headers = {}  # the first block of _headers: what every path gets
    for line in (site / "_headers").read_text().splitlines()[2:]:
        if not line.startswith("  "):
            break
        name, _, value = line.strip().partition(": ")
        headers[name] = value
    assert "Content-Security-Policy" in headers
    with nginx(tmp_path / "nginx", snippet, maps, site) as base:
        for page in sorted(site.rglob("*.html")):
            path = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
            with urllib.request.urlopen(base + path) as response:
                assert response.status == 200, path
                for name, value in headers.items():
                    assert response.headers[name] == value, (path, name)
        for encoding in ("br", "gzip"):
            request = urllib.request.Request(
                base + "/en/about/", headers={"Accept-Encoding": encoding}
            )
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == encoding
                assert response.headers["Content-Type"] == "text/html; charset=utf-8"
                expected = (site / f"en/about/index.html.{encoding[:2]}").read_bytes()
                assert response.read() == expected
        css = next((site / "theme/css").glob("site.*.css")).name
        with urllib.request.urlopen(base + f"/theme/css/{css}") as response:
            assert "immutable" in response.headers["Cache-Control"]
        with urllib.request.urlopen(base + "/leave/") as response:
            assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
        try:
            urllib.request.urlopen(base + "/nowhere/")
        except urllib.error.HTTPError as err:
            assert err.code == 404


@pytest.mark.skipif(not shutil.which("rsync"), reason="needs rsync")
def test_rsync_over_ssh_to_a_local_server(site, tmp_path):
    target = tmp_path / "remote/www"
    target.mkdir(parents=True)
    (target / "stale.html").write_text("old")
    with sshd(tmp_path / "ssh") as (rsh, login):
        env = {"SIGNPOSTER_RSYNC_RSH": rsh}
        dry = publish(
            site, "--target", f"rsync:{login}:{target}/", "--dry-run", env=env
        )
        assert dry.returncode == 0, dry.stderr
        assert (target / "stale.html").exists() and "stale.html" in dry.stdout
        result = publish(site, "--target", f"rsync:{login}:{target}/", env=env)
        assert result.returncode == 0, result.stderr
    assert (target / "en/about/index.html").exists()
    assert not (target / "stale.html").exists()


def test_gh_pages_into_a_local_bare_repository(site, tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    assert publish(site, "--target", f"gh-pages:{bare}").returncode == 0
    files = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
    ).stdout.split()
    assert "en/about/index.html" in files and ".nojekyll" in files


def test_s3_uploads_only_changes_and_removes_vanished_objects(
    site, tmp_path, monkeypatch
):
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with s3_server() as endpoint:
        client = boto3.client("s3", endpoint_url=endpoint)
        client.create_bucket(Bucket="site")
        target = f"s3://site/www?endpoint={endpoint}"
        assert publish(site, "--target", target).returncode == 0
        head = client.head_object(Bucket="site", Key="www/en/about/index.html.br")
        assert head["ContentType"] == "text/html; charset=utf-8"
        assert head["ContentEncoding"] == "br"
        assert head["CacheControl"] == "public, max-age=300"
        css = [
            o["Key"]
            for o in client.list_objects_v2(Bucket="site")["Contents"]
            if o["Key"].endswith(".css")
        ]
        assert (
            "immutable" in client.head_object(Bucket="site", Key=css[0])["CacheControl"]
        )
        again = publish(site, "--target", target)
        assert "0 change(s)" in again.stdout
        (site / "content/pages/en/about.md").unlink()
        result = publish(site, "--target", target)
        assert "- en/about/index.html" in result.stdout
        keys = {o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"]}
        assert "www/en/about/index.html" not in keys
        assert "www/en/index.html" in keys


def test_csp_allows_exactly_the_chosen_analytics_endpoint():
    from signposter.counting.analytics import Analytics
    from signposter.publishing.host_config import content_security_policy

    none = content_security_policy(Analytics("none", "", ""))
    assert "connect-src 'self';" in none and "script-src 'self';" in none
    plausible = content_security_policy(
        Analytics("plausible", "https://plausible.io/api/event", "example.org")
    )
    assert "connect-src 'self' https://plausible.io;" in plausible
    own = content_security_policy(Analytics("self", "/t/", ""))
    assert "connect-src 'self';" in own
