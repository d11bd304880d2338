"""The support directory: organisations, countries, contacts, topics, the
YAML they are written in, validation and spreadsheets.
"""
