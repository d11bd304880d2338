"""Compiled templates, kept between generators, rebuilds and runs.

Pelican gives each generator its own Jinja2 environment and makes new ones on
every build, so the theme would be compiled again each time: a sixth of a
demo build, a third of a preview rebuild. Compiled templates are kept in
memory for the process and in ``cache/templates`` beside the site for the next
run. Jinja2 checks each template's source before reusing its bytecode, so an
edited template is recompiled.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache


class TemplateCache(BytecodeCache):
    """Bytecode in memory, backed by files in ``folder``."""

    def __init__(self):
        self._memory: dict[str, bytes] = {}
        self.folder: Path | None = None

    def _file(self, key: str) -> Path | None:
        return self.folder / f"{key}.jinja" if self.folder else None

    def load_bytecode(self, bucket):
        code = self._memory.get(bucket.key)
        path = self._file(bucket.key)
        if code is None and path is not None and path.exists():
            code = path.read_bytes()
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        code = bucket.bytecode_to_string()
        self._memory[bucket.key] = code
        path = self._file(bucket.key)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_bytes(code)
                temporary.replace(path)
            except OSError:
                pass  # a read-only checkout still builds, just slower


SHARED = TemplateCache()
