"""Settings for the production build: pelicanconf.py plus strictness."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The address readers use, e.g. SIGNPOSTER_SITEURL=https://help.your-charity.org.
# Publishing refuses to run without it (or with a placeholder such as example.org).
SITEURL = os.environ.get("SIGNPOSTER_SITEURL", "")
SIGNPOSTER_CANONICAL_BASE = SITEURL
# Every warning is an error: a missing declared translation does not go live.
SIGNPOSTER_STRICT = True
# The quick exit passes through /leave/, which the generated host configuration
# answers with Clear-Site-Data.
SIGNPOSTER_EXIT_VIA_SITE = True
