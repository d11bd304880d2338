"""Tasks to build, preview and check the site (see `.venv/bin/invoke --list`)."""

import sys

from invoke import task

SIGNPOSTER = f"{sys.executable} -m signposter.cli"


@task(help={"strict": "treat every warning as an error"})
def build(c, strict=False):
    """Build the site into output/; on any error output/ is left as it was."""
    c.run(f"{SIGNPOSTER} build" + (" --strict" if strict else ""), pty=False)


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Preview on http://127.0.0.1:8000/; every save rebuilds and reloads the tab."""
    c.run(f"{SIGNPOSTER} serve -p {port}")


@task(name="orgs-check")
def orgs_check(c):
    """Check every organisation file and content/countries.yaml."""
    c.run(f"{SIGNPOSTER} orgs-check", pty=False)


@task
def status(c):
    """Show which translations are missing or out of date."""
    c.run(f"{SIGNPOSTER} status", pty=False)


@task(help={"target": "dir:PATH, rsync:HOST:PATH, gh-pages:REPO or s3://BUCKET"})
def publish(c, target=""):
    """Production build (strict, verified), then deploy to the target."""
    c.run(f"{SIGNPOSTER} publish" + (f" --target {target}" if target else ""))


@task
def test(c):
    """Build the site in a temporary folder and check what it wrote."""
    c.run(f"{sys.executable} -m pytest -q tests", pty=False)
