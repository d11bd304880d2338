"""Rewrite every page's `Key: value` header as YAML front matter (pages-migrate).

Run once per site; pages already in front matter are left untouched, so it is
safe to run again. Stamps stay valid: the title, summary and body keep their
exact text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from signposter.translation.front_matter import migrated


def migrate(pages: Path) -> list[Path]:
    """Migrate every Markdown page under ``pages``; return the files rewritten."""
    changed = []
    for path in sorted(pages.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        new = migrated(text)
        if new is not None:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="?", default="content/pages")
    parser.add_argument(
        "--check", action="store_true", help="only list pages still to migrate"
    )
    args = parser.parse_args(argv)
    pages = Path(args.pages)
    if args.check:
        left = [
            p
            for p in sorted(pages.rglob("*.md"))
            if migrated(p.read_text(encoding="utf-8-sig")) is not None
        ]
        for path in left:
            print(
                f"{path}: still has `Key: value` headers — run `invoke pages-migrate`"
            )
        return 1 if left else 0
    changed = migrate(pages)
    print(f"{len(changed)} page(s) moved to YAML front matter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
