"""Real servers on 127.0.0.1 for the publishing tests: nginx, sshd, an S3 server."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from waiting import wait_until


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listens(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_port(port: int, process: subprocess.Popen | None = None) -> None:
    """Wait until something listens on ``port`` (failing at once if it died)."""

    def up() -> bool:
        if process is not None and process.poll() is not None:
            raise AssertionError(
                f"{process.args[0]} exited with {process.returncode} before "
                f"listening on 127.0.0.1:{port}"
            )
        return listens(port)

    wait_until(up, what=f"a server listening on 127.0.0.1:{port}")


@contextlib.contextmanager
def running(command: list[str], port: int):
    """Run a server until the block ends, once it listens on ``port``."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_port(port, process)
        yield process
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def nginx(work: Path, site_snippet: str, maps: str, root: Path):
    """Debian's nginx in the foreground, with the generated configuration."""
    port = free_port()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(
        ""
        # As root, nginx's workers would drop to "nobody", who cannot read pytest's
        # private temporary folders.
        + ("user root;\n" if os.geteuid() == 0 else "")
        + "daemon off;\nworker_processes 1;\n"
        f"pid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n"
        f"  access_log {work}/logs/access.log;\n"
        f"  client_body_temp_path {work}/body;\n  proxy_temp_path {work}/proxy;\n"
        f"  fastcgi_temp_path {work}/fcgi;\n  uwsgi_temp_path {work}/uwsgi;\n"
        f"  scgi_temp_path {work}/scgi;\n"
        f"{maps}\n  server {{\n    listen 127.0.0.1:{port};\n"
        + site_snippet.replace("{ROOT}", str(root))
        + "\n  }\n}\n"
    )
    with running(["nginx", "-c", str(conf), "-p", str(work)], port):
        yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def sshd(work: Path):
    """OpenSSH's server on 127.0.0.1, accepting one generated key for this user."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    for name in ("host_key", "client_key"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / name)],
            check=True,
        )
    keys = work / "authorized_keys"
    shutil.copy(work / "client_key.pub", keys)
    keys.chmod(0o600)
    Path("/run/sshd").mkdir(exist_ok=True)
    command = [
        shutil.which("sshd") or "/usr/sbin/sshd",
        "-D",
        "-e",
        "-f",
        "/dev/null",
        "-p",
        str(port),
        "-h",
        str(work / "host_key"),
        "-o",
        "ListenAddress=127.0.0.1",
        "-o",
        f"AuthorizedKeysFile={keys}",
        "-o",
        "PasswordAuthentication=no",
        "-o",
        "StrictModes=no",
        "-o",
        "PermitRootLogin=prohibit-password",
        "-o",
        f"PidFile={work}/sshd.pid",
        "-o",
        "UsePAM=no",
    ]
    with running(command, port):
        rsh = (
            f"ssh -i {work / 'client_key'} -p {port} -o BatchMode=yes "
            "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
        )
        yield rsh, f"{os.environ.get('USER') or 'root'}@127.0.0.1"


@contextlib.contextmanager
def s3_server():
    """moto's S3-compatible server (from PyPI) on 127.0.0.1."""
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with running(command, port):
        yield f"http://127.0.0.1:{port}"


APACHE_MODULES = ["mpm_event", "authz_core", "dir", "mime", "headers", "rewrite"]


@contextlib.contextmanager
def apache(work: Path, root: Path):
    """Debian's Apache in the foreground, serving ``root`` with its .htaccess.

    As root, Apache's workers drop to an unprivileged user (it refuses to run
    them as root), who cannot read pytest's private folders: give it a
    readable copy.
    """
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shared = Path(tempfile.mkdtemp(prefix="signposter-apache-"))
        shared.chmod(0o755)
        root = Path(shutil.copytree(root, shared / "site"))
        try:
            with _apache(work, root, port) as base:
                yield base
        finally:
            shutil.rmtree(shared)
        return
    with _apache(work, root, port) as base:
        yield base


@contextlib.contextmanager
def _apache(work: Path, root: Path, port: int):
    modules = "".join(
        f"LoadModule {name}_module /usr/lib/apache2/modules/mod_{name}.so\n"
        for name in APACHE_MODULES
    )
    conf = work / "apache2.conf"
    conf.write_text(
        f"ServerName 127.0.0.1\nListen 127.0.0.1:{port}\n{modules}"
        f"PidFile {work}/apache.pid\nDefaultRuntimeDir {work}\n"
        f"ErrorLog {work}/error.log\nLogLevel warn\n"
        "TypesConfig /etc/mime.types\nDirectoryIndex index.html\n"
        f'DocumentRoot "{root}"\n'
        f'<Directory "{root}">\n  AllowOverride All\n  Require all granted\n'
        "</Directory>\n"
    )
    command = [shutil.which("apache2") or "/usr/sbin/apache2"]
    command += ["-f", str(conf), "-DFOREGROUND"]
    with running(command, port):
        yield f"http://127.0.0.1:{port}"
