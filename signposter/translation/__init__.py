"""Translations: campaigns, theme catalogs and their checks, page checks
(outdated, safety tokens, script), page exchange (PO) and status.
"""
