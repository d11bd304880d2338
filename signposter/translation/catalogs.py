"""The theme's gettext catalogs: read each language's .po, compile it in memory.

Reading the .po (not a committed .mo) at every build means a translator's save
is what the next build shows, and a broken catalog stops the build with its
line number instead of silently showing English.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from signposter.languages import Language
from signposter.problems import Problems
from signposter.translation.catalog_checks import check_catalog, check_lines

DOMAIN = "messages"


def catalog_path(translations_dir: Path, code: str) -> Path:
    return Path(translations_dir) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(
    translations_dir: Path, language: Language, default: Language, problems: Problems
) -> NullTranslations:
    """Return the language's translations, or English source strings if it has none.

    A missing catalog is a warning (a new language may start without one); a
    catalog that does not parse, or whose plural forms do not match the
    language, is an error.
    """
    path = catalog_path(translations_dir, language.code)
    if not path.exists():
        if language != default:
            problems.warn(
                path,
                None,
                "catalog",
                "no catalog for this language yet",
                "run `invoke i18n-update` to create it, then translate it",
            )
        return NullTranslations()
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.add(
            path,
            data.count(b"\n", 0, err.start) + 1,
            "catalog",
            "the file is not saved as UTF-8",
            "open it in Poedit or a text editor and save it with the encoding UTF-8",
        )
        return NullTranslations()
    if not check_lines(path, text, problems):
        return NullTranslations()
    charset = re.search(rb"charset=([-\w]+)", data)
    if charset and charset.group(1).lower().replace(b"-", b"") != b"utf8":
        # Babel would decode the file as the header says (UTF-7 can spell a
        # direction override in plain ASCII), past the checks above.
        problems.add(
            path,
            data.count(b"\n", 0, charset.start()) + 1,
            "catalog",
            f"the header says charset={charset.group(1).decode()}",
            "save the file as UTF-8 and write charset=UTF-8 in its header",
        )
        return NullTranslations()
    try:
        catalog = read_po(io.BytesIO(data), locale=language.code, abort_invalid=True)
    except PoFileError as err:
        # Babel counts lines from 0 in its errors (and from 1 in Message.lineno).
        problems.add(
            path,
            err.lineno + 1 if isinstance(err.lineno, int) else None,
            "catalog",
            f"the file cannot be read: {str(err).removesuffix(f' on {err.lineno}')}",
            "fix the line (quotes must be closed, msgid before msgstr) or restore it "
            "from git",
        )
        return NullTranslations()
    except ValueError as err:
        problems.add(
            path,
            None,
            "catalog",
            f"the file cannot be read: {err}",
            "save the file as UTF-8 PO",
        )
        return NullTranslations()
    check_catalog(path, catalog, text, problems)
    if catalog.num_plurals != language.plural_forms:
        problems.add(
            path,
            None,
            "Plural-Forms",
            f"the catalog has {catalog.num_plurals} plural forms but "
            f"{language.english_name} needs {language.plural_forms}",
            f'set the header line to "Plural-Forms: {language.plural_header}\\n"',
        )
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
