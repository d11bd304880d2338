import os

import pytest
from sites import build_demo

# Every build and command in the tests (and their subprocesses) counts
# "months since last verified" from this date, never from the real today: the
# fixtures' dates must not turn stale next year.
FIXED_TODAY = "2026-11-29"
os.environ["SIGNPOSTER_TODAY"] = FIXED_TODAY


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo site, built once for the whole session."""
    output = tmp_path_factory.mktemp("demo") / "output"
    assert build_demo(output) == 0
    return output
