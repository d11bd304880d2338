"""Wait for something that happens on its own time: a beacon, a server, a rebuild.

Browsers deliver beacons and service workers finish their work after the call
that started them returns, and servers start when they are ready; a test that
reads the result at once passes or fails with the machine's load. Poll until
it is true, and fail with what was awaited when the deadline passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Generous: a loaded two-core CI machine is slow, and a passing test returns
# as soon as its condition holds.
DEADLINE = 30.0


def wait_until(
    predicate: Callable[[], T], timeout: float = DEADLINE, what: str = ""
) -> T:
    """Return the predicate's first true value; AssertionError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            awaited = what or repr(predicate)
            raise AssertionError(f"waited {timeout:g} s for {awaited}, in vain")
        time.sleep(0.02)
