"""The topics an organisation can help with: ids from the schema, labels here.

The ids and their order are the ``topics`` enum of organisation.schema.json,
the one list volunteers' files are checked against. The labels are marked for
translation (``N_``) so `invoke i18n-extract` puts them in the theme's
catalogs; templates translate them per page language.
"""

from __future__ import annotations

import json

from signposter.catalog_marks import N_
from signposter.package_files import SCHEMAS

LABELS: dict[str, str] = {
    "report-trafficking": N_("Report trafficking or exploitation"),
    "hotline": N_("Helplines"),
    "shelter": N_("Safe place to stay"),
    "child-protection": N_("Children and young people"),
    "legal-advice": N_("Legal advice and documents"),
    "work-rights": N_("Rights at work"),
    "health": N_("Health"),
    "mental-health": N_("Mental health and support"),
    "interpreting": N_("Interpreting and translation"),
    "money": N_("Money and debt"),
}


def _topics() -> dict[str, str]:
    schema = json.loads((SCHEMAS / "organisation.schema.json").read_text())
    ids = schema["properties"]["topics"]["items"]["enum"]
    if set(ids) != set(LABELS):
        # A topic without a label (or a label without a topic) would make
        # organisations vanish from their page: fail at import, not silently.
        raise RuntimeError(
            f"topics in the schema {sorted(ids)} and labels in topics.py "
            f"{sorted(LABELS)} differ: give each schema topic one label"
        )
    return {topic: LABELS[topic] for topic in ids}


# In the order readers see the groups on a directory page: the schema's order.
TOPICS: dict[str, str] = _topics()
