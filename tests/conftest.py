import pytest
from sites import build_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo site, built once for the whole session."""
    output = tmp_path_factory.mktemp("demo") / "output"
    assert build_demo(output) == 0
    return output
