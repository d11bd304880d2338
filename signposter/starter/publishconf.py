"""Settings for the production build: pelicanconf.py plus strictness."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The public address, e.g. https://help.your-charity.org (publish refuses none).
SITEURL = os.environ.get("SIGNPOSTER_SITEURL", "")
SIGNPOSTER_CANONICAL_BASE = SITEURL
# Every warning is an error: nothing doubtful goes live.
SIGNPOSTER_STRICT = True
SIGNPOSTER_EXIT_VIA_SITE = True
