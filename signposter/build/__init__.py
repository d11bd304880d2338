"""The build: Pelican signals, atomic output, reading and sanitizing pages,
linking translations, writing, site files and the live preview.

With the publishing pipeline, the only part of Signposter that imports Pelican.
"""
