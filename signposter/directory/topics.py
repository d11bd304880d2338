"""The fixed vocabulary of topics an organisation can help with, kept in one place.

The labels are marked for translation (``N_``) so `invoke i18n-extract` puts
them in the theme's catalogs; templates translate them per page language.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    return message


# In the order readers see the groups on a directory page.
TOPICS: dict[str, str] = {
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
