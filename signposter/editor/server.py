"""`invoke edit`: Decap CMS on http://127.0.0.1:8080/admin/, writing into content/.

Two local processes: Decap's own server (``decap-server``, from node_modules)
reads and writes the repository's files on 127.0.0.1:8081, and this server
gives the browser the admin page, Decap's bundle (straight from node_modules,
never a CDN, never copied into output/), the configuration generated from the
schema, and ``/admin/check``, which runs the project's checks on the entry
being edited. Both listen on 127.0.0.1 only: the local editor has no login.
"""

from __future__ import annotations

import json
import mimetypes
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from signposter.directory.model import check_options
from signposter.editor.checks import (
    canonical,
    check_organisation,
    check_page,
    page_without_nulls,
)
from signposter.editor.config import LOCAL_BACKEND_PORT, config_yaml

HERE = Path(__file__).parent
ADMIN_FILES = HERE / "admin"


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


def make_handler(settings, root: Path, backend_port: int = LOCAL_BACKEND_PORT):
    dist = decap_dist(root)
    options = check_options(settings)
    allowed = {k.lower() for k in settings["SIGNPOSTER_PAGE_HEADERS"]}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the terminal is the volunteer's
            pass

        def do_GET(self):
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
            for folder in (ADMIN_FILES, dist):
                file = (folder / name).resolve()
                if file.parent == folder.resolve() and file.is_file():
                    kind = (
                        mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                    )
                    return self._send(file.read_bytes(), kind)
            self.send_error(404)

        def do_POST(self):
            if self.path != "/admin/check":
                return self.send_error(404)
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            data = request.get("data") or {}
            if request.get("collection") == "organisations":
                found = check_organisation(data, options)
            else:
                found = check_page(data, allowed)
            self._send(json.dumps(found).encode(), "application/json")

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def keep_canonical(content: Path, stop: threading.Event) -> None:
    """Rewrite each organisation the editor saves in the project's YAML style,
    and each page without the empty headers Decap adds."""
    from watchfiles import watch

    folders = [content / "organisations", content / "pages"]
    for changes in watch(*[f for f in folders if f.is_dir()], stop_event=stop):
        for _, name in changes:
            path = Path(name)
            if path.suffix == ".yaml" and path.exists():
                canonical(path)
            elif path.suffix == ".md" and path.exists():
                page_without_nulls(path)


def serve(
    settings, root: Path, port: int = 8080, backend_port: int = LOCAL_BACKEND_PORT
) -> None:
    handler = make_handler(settings, root, backend_port)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    backend = start_decap_server(root, backend_port)
    stop = threading.Event()
    threading.Thread(
        target=keep_canonical, args=(Path(settings["PATH"]), stop), daemon=True
    ).start()
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
