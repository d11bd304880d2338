"""python -m signposter.editor [-s pelicanconf.py] [--port 8080] [--config]

[--backend-port 8081]: where Decap's local backend listens.
[--locale uk]: the editor's own language (SIGNPOSTER_EDITOR_LOCALE otherwise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signposter.cli import load_settings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="signposter.editor", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-p", "--port", type=int, default=8080)
    parser.add_argument(
        "--backend-port", type=int, default=8081, help="Decap's local backend"
    )
    parser.add_argument("--locale", help="the editor's language, e.g. uk")
    parser.add_argument(
        "--config", action="store_true", help="print the generated Decap configuration"
    )
    args = parser.parse_args(argv)
    overrides = {"SIGNPOSTER_EDITOR_LOCALE": args.locale} if args.locale else {}
    settings = load_settings(args.settings, **overrides)
    if args.config:
        from signposter.editor.config import config_yaml

        sys.stdout.write(config_yaml(settings))
        return 0
    from signposter.editor.server import serve

    serve(settings, Path.cwd(), args.port, args.backend_port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
