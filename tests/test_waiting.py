"""The one way tests wait for what happens on its own time."""

import pytest
from waiting import wait_until


def test_wait_until_returns_the_first_true_value():
    calls = iter([0, None, "", "arrived"])
    assert wait_until(lambda: next(calls), 5, "a value") == "arrived"


def test_wait_until_fails_naming_what_it_waited_for():
    with pytest.raises(AssertionError, match="waited 0.1 s for the beacon, in vain"):
        wait_until(lambda: False, 0.1, "the beacon")
