"""CSV files as spreadsheets really save them: any separator, any common encoding.

Excel in a Polish, German, French, Ukrainian or Russian locale separates cells
with semicolons; "Unicode text" is UTF-16 with tabs; "CSV" (not "CSV UTF-8") is
the Windows code page of the locale. Volunteers should not need to know which
one they chose, so the importer works it out and says what it found.
"""

from __future__ import annotations

import codecs
import re

# A byte-order mark names its encoding exactly; check the longest first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
)
# The Windows code pages spreadsheets write for "CSV" in the locales our
# volunteers use, in the order that breaks a tie (German text reads the same in
# 1250 and 1252, and Western European is the more common).
LEGACY = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
}
# The letters beyond ASCII of the languages those code pages are for. Text
# decoded with the wrong code page gives letters no single language uses
# together ("élčves"), symbols inside words ("wi¹zanie"), or Cyrillic letters
# inside Latin words ("fьr").
ALPHABETS = (
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian
    "čćđšž",  # Croatian, Slovenian
    "äöüß",  # German
    "àâæçéèêëîïôœùûüÿ",  # French
    "áéíñóúü",  # Spanish
    "àèéìíîòóùú",  # Italian
    "áâãàçéêíóôõú",  # Portuguese
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў",  # Russian, Ukrainian, Belarusian
)
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_MOJIBAKE = re.compile(r"[\u0080-\u009f\ufffd]")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[a-z\u00c0-\u024f]")


class SheetError(ValueError):
    """A file that is not a spreadsheet's text at all."""


def decode(data: bytes) -> tuple[str, str]:
    """The file's text, and the name of the encoding it was saved in.

    A byte-order mark decides; then strict UTF-8 (which legacy text almost never
    passes); then the Windows code page that charset-normalizer, limited to the
    three our volunteers' spreadsheets write, whose letters make the most sense
    (``plausibility``). A general detector was tried first: on a sheet's few
    hundred bytes it read French saved as Windows-1252 as Central European
    ("café ŕ la carte"); knowing the few languages involved does better.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec), name
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if data[:200].count(b"\x00") > 20:  # UTF-16 saved without a byte-order mark
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(codec, errors="replace"), "UTF-16 (no byte-order mark)"
    readings = {}
    for codec in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _MOJIBAKE.search(text):
            readings[codec] = text
    if not readings:
        raise SheetError("the file is not text in UTF-8, UTF-16 or a Windows code page")
    # max() keeps the first of equals: LEGACY's order breaks ties.
    codec = max(readings, key=lambda c: plausibility(readings[c]))
    if plausibility(readings[codec]) < 0.5:
        raise SheetError(
            "the file is not text in UTF-8, UTF-16 or a Windows code page "
            "(its letters make no sense in any of them)"
        )
    return readings[codec], LEGACY[codec]


def plausibility(text: str) -> float:
    """Share of the characters beyond ASCII that are letters of one language.

    Each word counts for the language whose alphabet holds most of its letters;
    the text gets the share for the language that explains it best.
    """
    beyond = [c for c in text if not c.isascii() and not c.isspace()]
    if not beyond:
        return 1.0
    explained = [0] * len(ALPHABETS)
    for word in _WORD.findall(text.lower()):
        letters = [c for c in word if not c.isascii()]
        if not letters or (_CYRILLIC.search(word) and _LATIN.search(word)):
            continue
        for index, alphabet in enumerate(ALPHABETS):
            explained[index] += sum(c in alphabet for c in letters)
    return max(explained) / len(beyond)


def separator(text: str) -> str:
    """The cell separator, sniffed from the header row.

    The header holds our column names (``id``, ``phones.0.number``), which
    contain no comma, semicolon or tab, so the most frequent of the three there
    is the separator.
    """
    header = text.split("\n", 1)[0]
    return max(SEPARATORS, key=header.count)
