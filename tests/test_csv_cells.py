"""No cell written to a CSV runs as a formula in a spreadsheet."""

import pytest

from signposter.csv_cells import neutralise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '=HYPERLINK("https://evil.example","x")',
            '\'=HYPERLINK("https://evil.example","x")',
        ),
        ("+SUM(1)", "'+SUM(1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+48 22 000 00 00", "+48 22 000 00 00"),
        ("-12", "-12"),
        ("Plain text", "Plain text"),
        (42, 42),
    ],
)
def test_formula_cells_become_text_and_phones_stay(value, expected):
    assert neutralise(value) == expected
