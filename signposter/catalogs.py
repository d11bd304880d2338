"""The theme's gettext catalogs: read each language's .po, compile it in memory.

Reading the .po (not a committed .mo) at every build means a translator's save
is what the next build shows, and a broken catalog stops the build with its
line number instead of silently showing English.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from .languages import Language
from .problems import Problems

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
        with path.open("rb") as fileobj:
            catalog = read_po(fileobj, locale=language.code, abort_invalid=True)
    except PoFileError as err:
        problems.add(
            path,
            getattr(err, "lineno", None),
            "catalog",
            f"the file cannot be read: {err}",
            "fix the line (quotes must be closed, msgid before msgstr) or restore it "
            "from git",
        )
        return NullTranslations()
    except (ValueError, UnicodeDecodeError) as err:
        problems.add(
            path,
            None,
            "catalog",
            f"the file cannot be read: {err}",
            "save the file as UTF-8 PO",
        )
        return NullTranslations()
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
