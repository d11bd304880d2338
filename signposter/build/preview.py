"""The translators' preview: rebuild on every save and reload the open browser tab.

One process keeps Pelican, the compiled templates and Babel's data warm. A save
re-reads, validates and links the sources; each page is then rendered when the
browser asks for it (``DeferredWriter``), not all pages of all languages at
once. Pages are served on 127.0.0.1 with a small script added on the fly (never
to built files) that listens for "rebuilt" events and reloads, or shows the
build's errors when a save broke something (the last good pages stay served).
It renders into its own folder (``.preview/`` beside the settings file) and
never touches output/: use `invoke build` for the files you publish.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from pathlib import Path

from watchfiles import watch

from signposter.build.atomic import AtomicPelican
from signposter.problems import BuildError

EVENTS_PATH = "/__preview/events"
# Where the preview renders, beside the settings file; never output/.
PREVIEW_FOLDER = ".preview"
RELOADER = (
    "<script>(function(){var s=new EventSource('" + EVENTS_PATH + "');"
    "s.addEventListener('rebuilt',function(){location.reload()});"
    "s.addEventListener('failed',function(e){var p=document.getElementById('preview-"
    "errors')||document.body.insertBefore(document.createElement('pre'),document.body"
    ".firstChild);p.id='preview-errors';p.style.cssText='background:#b00020;color:#fff;"
    "padding:1em;white-space:pre-wrap;margin:0';p.textContent=JSON.parse(e.data)})})()"
    "</script>"
)


class BuildState:
    """The latest build: its number, outcome and pages, which every tab waits on."""

    def __init__(self):
        self.changed = threading.Condition()
        self.generation = 0
        self.error = ""
        self.pages: dict = {}

    def publish(self, error: str = "") -> None:
        with self.changed:
            self.generation += 1
            self.error = error
            self.changed.notify_all()


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/; adds the reloader to HTML; streams build events."""

    state: BuildState

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == EVENTS_PATH:
            return self._events()
        name = self.path.split("?")[0].lstrip("/")
        if name == "" or name.endswith("/"):
            name += "index.html"
        render = self.state.pages.get(name)
        if render is not None:
            try:
                html = render()
            except Exception as err:  # noqa: BLE001 - show it in the tab instead
                html = f"<pre>{type(err).__name__}: {err}</pre></body>"
            body = html.encode().replace(b"</body>", RELOADER.encode() + b"</body>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().do_GET()

    def _events(self):
        state = self.state
        # Note the build this tab has seen before answering: once the tab has
        # its answer, no later build can be missed.
        with state.changed:
            seen = state.generation
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                with state.changed:
                    state.changed.wait_for(
                        lambda seen=seen: state.generation != seen, timeout=15
                    )
                    generation, error = state.generation, state.error
                if generation == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = generation
                    event = "failed" if error else "rebuilt"
                    self.wfile.write(
                        f"event: {event}\ndata: {json.dumps(error)}\n\n".encode()
                    )
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def _build(pelican, state: BuildState) -> str:
    """Run one build; return '' or the problems that stopped it."""
    started = time.perf_counter()
    pages: dict = {}
    pelican.settings["SIGNPOSTER_PREVIEW_PAGES"] = pages
    try:
        pelican.run()
    except BuildError as err:
        return str(err)
    except Exception as err:  # noqa: BLE001 - a preview must survive any bad save
        return f"{type(err).__name__}: {err}"
    state.pages = pages
    print(f"Rebuilt in {time.perf_counter() - started:.2f} s")
    return ""


def watched_paths(settings, settings_file: str) -> list[str]:
    root = Path(settings["PATH"]).parent
    paths = [
        settings["PATH"],
        settings["THEME"],
        settings_file,
        str(root / settings["SIGNPOSTER_TRANSLATIONS_DIR"]),
    ]
    return [p for p in paths if Path(p).exists()]


def serve(settings, settings_file: str, bind: str, port: int, ready=None) -> None:
    """Build, serve on bind:port and rebuild on every save until interrupted."""
    pelican = AtomicPelican(settings)
    state = BuildState()
    error = _build(pelican, state)
    if error:
        print(error)
    output = settings["OUTPUT_PATH"]
    handler = functools.partial(PreviewHandler, directory=output)
    PreviewHandler.state = state
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview on http://{bind}:{server.server_port}/ — saving a page reloads it.")
    if ready:
        ready(server.server_port)
    try:
        for _changes in watch(
            *watched_paths(settings, settings_file),
            debounce=30,
            step=10,
            rust_timeout=0,
        ):
            error = _build(pelican, state)
            if error:
                print(error)
            state.publish(error)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
