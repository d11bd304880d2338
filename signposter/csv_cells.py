"""Cells a spreadsheet would run as formulas, made plain text (OWASP's rule).

Every CSV Signposter writes (the impact report, ``orgs-export``) passes its
cells through ``neutralise``: a value from an access log or a data file that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would
otherwise run as a formula in Excel, LibreOffice or Google Sheets.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A phone number stays readable and stays a phone number: "+48 22 000 00 00".
_PHONE = re.compile(r"\+[0-9][0-9 ()./-]*")
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


def neutralise(value):
    """Return ``value`` so that no spreadsheet runs it; numbers and phones stay."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if _PHONE.fullmatch(value) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def restore(value):
    """Undo ``neutralise`` when a sheet comes back: ``'=x`` is ``=x`` again."""
    if (
        isinstance(value, str)
        and value[:1] == "'"
        and value[1:2].startswith(FORMULA_START)
    ):
        return value[1:]
    return value
