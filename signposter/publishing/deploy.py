"""Where a verified build goes: a folder, rsync over SSH, a gh-pages branch, S3.

Every target receives a complete, already-verified folder; none is touched when
the build or a check failed. ``--dry-run`` lists what would change instead.
"""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from signposter.publishing.host_config import cache_control


class DeployError(Exception):
    """The target refused the site; says which and why."""


# Written into every folder a dir: deploy creates. A non-empty folder without
# it holds someone else's files, which a deploy would delete.
MARKER = ".signposter-deploy"
MARKER_TEXT = (
    "This folder is replaced by `invoke publish --target dir:...`; "
    "files put here by hand are lost at the next deploy.\n"
)


def plain_cause(err: OSError, where) -> str:
    """What went wrong while writing to ``where``, in words an operator acts on."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {where} is full ({err.strerror})"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: this user cannot write into {where}"
    if err.errno == errno.EROFS:
        return f"{where} is on a read-only file system"
    if err.errno == errno.ENOENT and err.filename and "/" not in str(err.filename):
        return f"the program {err.filename!r} is not installed"
    return f"cannot write into {where}: {err.strerror or err}"


def file_digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.md5(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def changes(new: dict[str, str], old: dict[str, str]) -> list[str]:
    """ "+ path", "~ path", "- path" lines, sorted."""
    lines = [f"+ {p}" for p in new if p not in old]
    lines += [f"~ {p}" for p in new if p in old and old[p] != new[p]]
    lines += [f"- {p}" for p in old if p not in new]
    return sorted(lines, key=lambda line: line[2:])


# -- dir:PATH --------------------------------------------------------------------------


def deploy_dir(
    site: Path, destination: Path, dry_run: bool, force: bool = False
) -> list[str]:
    """Replace ``destination`` by renaming, never by copying into it.

    If ``destination`` is a symlink (or does not exist yet) it is pointed at a
    new versioned folder in one atomic step; a plain folder is swapped by two
    renames. A folder this command did not create is refused unless ``force``.
    A failed copy removes what it wrote, so the next try starts clean.
    """
    _refuse_foreign(destination, force)
    old = file_digests(destination) if destination.is_dir() else {}
    old.pop(MARKER, None)
    lines = changes(file_digests(site), old)
    if dry_run:
        return lines
    parent = destination.parent
    fresh = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{destination.name}-", dir=parent))
        copy_folder(site, fresh)
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        fresh.chmod(0o755)
        _swap(fresh, destination)
    except OSError as err:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise DeployError(plain_cause(err, parent)) from None
    return lines


def _refuse_foreign(destination: Path, force: bool) -> None:
    if destination.exists() and not destination.is_dir():
        raise DeployError(f"{destination} is a file, not a folder")
    if force or not destination.is_dir() or (destination / MARKER).exists():
        return
    if destination.is_symlink() and destination.resolve().name.startswith(
        f".{destination.name}-"
    ):
        return  # a versioned folder of an earlier deploy
    if any(destination.iterdir()):
        raise DeployError(
            f"{destination} already holds files that `publish` did not put there "
            f"(it has no {MARKER} file), and deploying would delete them. Choose a "
            "new or empty folder, or add --force to replace everything in it"
        )


def copy_folder(source: Path, into: Path) -> None:
    """Copy every file, stopping at the first error (which names its cause)."""
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (into / relative).mkdir(exist_ok=True)
        for name in files:
            shutil.copy2(Path(folder) / name, into / relative / name)


def _swap(fresh: Path, destination: Path) -> None:
    parent = destination.parent
    if destination.is_symlink() or not destination.exists():
        previous = destination.resolve() if destination.is_symlink() else None
        link = parent / f".{destination.name}-link"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(fresh.name)
        os.replace(link, destination)
        if previous and previous.parent == parent and previous != fresh:
            shutil.rmtree(previous, ignore_errors=True)
    else:
        retired = parent / f".{destination.name}-retired"
        shutil.rmtree(retired, ignore_errors=True)
        os.rename(destination, retired)
        os.rename(fresh, destination)
        shutil.rmtree(retired, ignore_errors=True)


# -- rsync -----


def deploy_rsync(site: Path, destination: str, dry_run: bool) -> list[str]:
    """rsync the site to ``user@host:path`` (over SSH) or a local path.

    SIGNPOSTER_RSYNC_RSH replaces the ssh command (to give a key or a port).
    """
    shell = os.environ.get("SIGNPOSTER_RSYNC_RSH", "ssh -o BatchMode=yes")
    command = [
        "rsync",
        "--archive",
        "--delete",
        "--checksum",
        "--itemize-changes",
        "--delay-updates",
        "-e",
        shell,
        f"{site}/",
        destination,
    ]
    if dry_run:
        command.insert(1, "--dry-run")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise DeployError(f"rsync to {destination} failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


# -- gh-pages -----


def deploy_gh_pages(site: Path, remote: str, dry_run: bool) -> list[str]:
    """Commit the site to the gh-pages branch of ``remote[#branch]`` with ghp-import."""
    remote, _, branch = remote.partition("#")
    branch = branch or "gh-pages"
    lines = [f"+ {p}" for p in file_digests(site)]
    if dry_run:
        return [f"would replace branch {branch} of {remote} with:", *lines]
    with tempfile.TemporaryDirectory(prefix="signposter-ghp-") as work:

        def git(*args):
            return subprocess.run(
                ["git", *args], cwd=work, capture_output=True, text=True
            )

        git("init", "-q")
        git("remote", "add", "target", remote)
        git("fetch", "-q", "target", f"{branch}:{branch}")  # may not exist yet
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Signposter",
            "GIT_AUTHOR_EMAIL": "publish@signposter.invalid",
            "GIT_COMMITTER_NAME": "Signposter",
            "GIT_COMMITTER_EMAIL": "publish@signposter.invalid",
        }
        result = subprocess.run(
            [
                shutil.which("ghp-import")
                or str(Path(sys.executable).parent / "ghp-import"),
                "--no-jekyll",
                "--push",
                "--force",
                "--remote",
                "target",
                "--branch",
                branch,
                "--message",
                "Publish the site",
                str(site),
            ],
            cwd=work,
            capture_output=True,
            text=True,
            env=env,
        )
        if result.returncode:
            raise DeployError(
                f"ghp-import to {remote} failed: "
                f"{(result.stderr or result.stdout).strip()}"
            )
    return lines


# -- S3 -----


def object_headers(key: str) -> dict[str, str]:
    """Content-Type, Content-Encoding and Cache-Control for one object."""
    name, encoding = key, None
    for suffix, coding in ((".br", "br"), (".gz", "gzip")):
        if key.endswith(suffix):
            name, encoding = key[: -len(suffix)], coding
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if mime.startswith("text/") or mime in (
        "application/javascript",
        "application/xml",
    ):
        mime += "; charset=utf-8"
    headers = {"ContentType": mime, "CacheControl": cache_control(key)}
    if encoding:
        headers["ContentEncoding"] = encoding
    return headers


def deploy_s3(site: Path, url: str, dry_run: bool) -> list[str]:
    """Upload changed objects and delete vanished ones: s3://bucket/prefix?endpoint=…"""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return _deploy_s3(site, url, dry_run)
    except (BotoCoreError, ClientError) as err:
        raise DeployError(f"S3 upload to {url} failed: {err}") from None


def _deploy_s3(site: Path, url: str, dry_run: bool) -> list[str]:
    import boto3

    parts = urlsplit(url)
    endpoint = parse_qs(parts.query).get("endpoint", [None])[0]
    bucket, prefix = parts.netloc, parts.path.strip("/")
    prefix = f"{prefix}/" if prefix else ""
    client = boto3.client("s3", endpoint_url=endpoint)
    remote = {}
    for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix
    ):
        for item in page.get("Contents", []):
            remote[item["Key"][len(prefix) :]] = item["ETag"].strip('"')
    local = file_digests(site)
    lines = changes(local, remote)
    if dry_run:
        return lines
    for key, digest in local.items():
        if remote.get(key) != digest:
            client.upload_file(
                str(site / key), bucket, prefix + key, ExtraArgs=object_headers(key)
            )
    stale = [{"Key": prefix + key} for key in remote if key not in local]
    for start in range(0, len(stale), 1000):
        client.delete_objects(
            Bucket=bucket, Delete={"Objects": stale[start : start + 1000]}
        )
    return lines


def deploy(site: Path, target: str, dry_run: bool, force: bool = False) -> list[str]:
    """Send ``site`` to ``target``: dir:PATH, rsync:DEST, gh-pages:REPO, s3://…"""
    kind, _, where = target.partition(":")
    try:
        if kind == "dir" and where:
            return deploy_dir(site, Path(where).absolute(), dry_run, force)
        if kind == "rsync" and where:
            return deploy_rsync(site, where, dry_run)
        if kind == "gh-pages" and where:
            return deploy_gh_pages(site, where, dry_run)
        if kind == "s3":
            return deploy_s3(site, target, dry_run)
    except OSError as err:
        raise DeployError(plain_cause(err, where)) from None
    raise DeployError(
        f"unknown target {target!r}: use dir:PATH, rsync:USER@HOST:PATH, "
        "gh-pages:REPOSITORY[#BRANCH] or s3://BUCKET[/PREFIX]?endpoint=URL"
    )
