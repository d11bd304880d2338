"""The schema's field titles and descriptions, for the gettext catalogs.

The editor's form labels and hints are the ``title`` and ``description`` of
each property in organisation.schema.json. babel.cfg names ``extract`` as the
extractor of that file, so `invoke i18n-extract` puts them in messages.pot
beside the theme's strings, and the editor shows them in its own language.
"""

from __future__ import annotations

import json

SHOWN = ("title", "description")


def property_texts(node) -> list[str]:
    """Every title and description of a property, anywhere in the schema."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for prop in value.values():
                    found += [prop[k] for k in SHOWN if isinstance(prop.get(k), str)]
            found += property_texts(value)
    elif isinstance(node, list):
        for value in node:
            found += property_texts(value)
    return found


def extract(fileobj, keywords, comment_tags, options):
    """Babel's extractor interface: (line, function, message, comments)."""
    text = fileobj.read().decode("utf-8")
    for message in dict.fromkeys(property_texts(json.loads(text))):
        at = text.find(json.dumps(message, ensure_ascii=False))
        yield text.count("\n", 0, max(at, 0)) + 1, None, message, []
