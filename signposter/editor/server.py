"""`invoke edit`: Decap CMS on http://127.0.0.1:8080/admin/, writing into content/.

Two local processes: Decap's own server (``decap-server``, from node_modules)
reads and writes the repository's files on 127.0.0.1:8081, and this server
gives the browser the admin page, Decap's bundle (straight from node_modules,
never a CDN, never copied into output/), the configuration generated from the
schema, ``/admin/check``, which runs the project's checks on the entry being
edited, ``/admin/status``, the page's translation states as `invoke status`
gives them, and ``/admin/translated``, which stamps a translation as
`invoke translated` does. Both listen on 127.0.0.1 only: the local editor has
no login. Since any website open in the same browser could still send
requests to 127.0.0.1, this server answers only requests addressed to itself
by name (a DNS-rebinding page's Host is its own), and takes a POST only from
its own page: same Origin, and the token that page carries.
"""

from __future__ import annotations

import json
import mimetypes
import os
import secrets
import subprocess
import threading
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from signposter.cli import stamp_translation
from signposter.directory.model import check_options
from signposter.editor.checks import (
    canonical,
    check_organisation,
    check_page,
    restyled_page,
)
from signposter.editor.config import LOCAL_BACKEND_PORT, config_yaml

HERE = Path(__file__).parent
ADMIN_FILES = HERE / "admin"
TOKEN_HEADER = "X-Signposter-Token"


def decap_dist(root: Path) -> Path:
    dist = root / "node_modules" / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").exists():
        raise SystemExit(
            "error: Decap CMS is not installed — run `npm ci` in the project folder"
        )
    return dist


def start_decap_server(root: Path, port: int = LOCAL_BACKEND_PORT) -> subprocess.Popen:
    """Decap's local backend, writing straight into the files of ``root``."""
    script = root / "node_modules" / "decap-server" / "dist" / "index.js"
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(root),
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    return subprocess.Popen(["node", str(script)], cwd=root, env=env)


def js_yaml(root: Path) -> Path:
    """The YAML reader the organisation format uses in the browser (pinned by
    package.json, as Decap is)."""
    return root / "node_modules" / "js-yaml" / "dist"


def make_handler(
    settings, root: Path, backend_port: int = LOCAL_BACKEND_PORT, port: int = 8080
):
    dist = decap_dist(root)
    options = check_options(settings)
    allowed = {k.lower() for k in settings["SIGNPOSTER_PAGE_HEADERS"]}
    token = secrets.token_urlsafe(24)
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    index = (
        (ADMIN_FILES / "index.html")
        .read_text(encoding="utf-8")
        .replace("{token}", token)
        .replace("{default_lang}", settings["DEFAULT_LANG"])
        .replace("{locale}", settings["SIGNPOSTER_EDITOR_LOCALE"])
        .encode()
    )

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the terminal is the volunteer's
            pass

        def _addressed_here(self) -> bool:
            if self.headers.get("Host") in hosts:
                return True
            self.send_error(403, "not addressed to this editor")
            return False

        def _from_the_admin(self) -> bool:
            """A POST from the admin page itself, not from another website."""
            origin = self.headers.get("Origin")
            if origin is not None and origin.removeprefix("http://") not in hosts:
                self.send_error(403, "not from the editor's page")
                return False
            if not secrets.compare_digest(self.headers.get(TOKEN_HEADER, ""), token):
                self.send_error(403, "not from the editor's page")
                return False
            return True

        def do_GET(self):
            if not self._addressed_here():
                return
            path = self.path.split("?", 1)[0]
            if path in ("/", "/admin"):
                self.send_response(302)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return
            if path == "/admin/config.yml":
                # Generated on every load: a new language or field shows at once.
                return self._send(
                    config_yaml(settings, backend_port=backend_port).encode(),
                    "text/yaml",
                )
            name = path.removeprefix("/admin/") or "index.html"
            if name == "index.html":
                return self._send(index, "text/html; charset=utf-8")
            for folder in (ADMIN_FILES, dist, js_yaml(root)):
                file = (folder / name).resolve()
                if file.parent == folder.resolve() and file.is_file():
                    kind = (
                        mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                    )
                    return self._send(file.read_bytes(), kind)
            self.send_error(404)

        def do_POST(self):
            if not (self._addressed_here() and self._from_the_admin()):
                return
            action = {
                "/admin/check": self._check,
                "/admin/status": self._status,
                "/admin/translated": self._translated,
            }.get(self.path)
            if action is None:
                return self.send_error(404)
            length = int(self.headers.get("Content-Length", 0))
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return self.send_error(400)
            if not isinstance(request, dict):
                return self.send_error(400)
            answer = action(request)
            self._send(json.dumps(answer).encode(), "application/json")

        def _check(self, request: dict):
            data = request.get("data") or {}
            if request.get("collection") == "organisations":
                return check_organisation(data, options)
            return check_page(data, allowed)

        def _status(self, request: dict):
            """Every language of one page, as `invoke status` reports it."""
            from signposter.translation.status import page_statuses

            key = request.get("key")
            return [asdict(s) for s in page_statuses(settings) if s.key == key]

        def _translated(self, request: dict):
            code, lines = stamp_translation(
                settings, str(request.get("key")), str(request.get("lang"))
            )
            return {"stamped": code == 0, "message": "\n".join(lines)}

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def keep_canonical(
    content: Path, stop: threading.Event, ready: threading.Event | None = None
) -> None:
    """Rewrite each organisation the editor saves in the project's YAML style,
    and give each page Decap saves back its own style (restyled_page)."""
    from watchfiles import watch

    # What each page was: the bytes to give back when Decap rewrites a
    # language it did not change.
    known = {
        path: path.read_text(encoding="utf-8")
        for path in (content / "pages").glob("*/*.md")
    }
    folders = [f for f in (content / "organisations", content / "pages") if f.is_dir()]
    if ready is not None:
        ready.set()
    for changes in watch(*folders, stop_event=stop):
        for _, name in changes:
            path = Path(name)
            if path.suffix == ".yaml" and path.exists():
                canonical(path)
            elif path.suffix == ".md" and path.exists():
                known[path] = _restyle(path, known.get(path))


def _restyle(path: Path, before: str | None) -> str:
    """Restyle a page just saved; what it holds afterwards."""
    text = path.read_text(encoding="utf-8")
    new = restyled_page(text, before)
    if new is None:
        return text
    # Written to a new file and moved over the page, and only if Decap is
    # not writing it still: never a half-written page read and put back.
    spare = path.with_name(f".{path.name}.restyled")
    spare.write_text(new, encoding="utf-8")
    if path.read_text(encoding="utf-8") != text:
        spare.unlink()
        return text
    os.replace(spare, path)
    return new


def serve(
    settings, root: Path, port: int = 8080, backend_port: int = LOCAL_BACKEND_PORT
) -> None:
    handler = make_handler(settings, root, backend_port, port)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    stop, ready = threading.Event(), threading.Event()
    threading.Thread(
        target=keep_canonical, args=(Path(settings["PATH"]), stop, ready), daemon=True
    ).start()
    ready.wait(timeout=30)
    backend = start_decap_server(root, backend_port)
    print(f"Editor: http://127.0.0.1:{port}/admin/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        backend.terminate()
        backend.wait(timeout=10)
        server.server_close()
