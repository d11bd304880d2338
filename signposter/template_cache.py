"""Compiled templates shared by every generator and every rebuild of a process.

Pelican gives each generator its own Jinja2 environment and makes new ones on
every rebuild, so the theme would be compiled again and again; during a preview
that is a third of the time from saving a page to seeing it. Jinja2 checks each
template's source before reusing its bytecode, so an edited template is
recompiled.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Keeps compiled templates in memory for the life of the process."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self):
        self._store.clear()


SHARED = MemoryBytecodeCache()
