"""What the editor's preview pane shows: the same checks as a hand edit.

An entry from the form is written out exactly as it would be saved (an
organisation in the canonical YAML style, a page as front matter) and checked
by the code that checks files, so the form cannot save what the build refuses.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from signposter.directory.organisations import check_source
from signposter.directory.spreadsheet import dump_organisation
from signposter.directory.yaml_source import (
    YamlSyntaxError,
    load_yaml,
    load_yaml_or_report,
)
from signposter.problems import Problems
from signposter.translation import front_matter


def _plain(value):
    """Drop what an empty form field leaves behind (None, "", [])."""
    if isinstance(value, dict):
        kept = {k: _plain(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_plain(item) for item in value) if v not in (None, "", {})]
    return value


def check_organisation(data: dict, options) -> list[dict]:
    """Problems with an organisation as the form holds it (dicts with line, field…)."""
    data = _plain(data)
    ident = str(data.get("id") or "new-organisation")
    problems = Problems()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{ident}.yaml"
        path.write_text(dump_organisation(data), encoding="utf-8")
        source = load_yaml_or_report(path, problems)
        if source is not None:
            check_source(source, ident, problems, options)
    return [_as_dict(p) for p in problems.items]


def check_page(data: dict, allowed: dict) -> list[dict]:
    """Problems with a page's headers as the form holds them."""
    headers = {k: v for k, v in _plain(data).items() if k != "body"}
    text = front_matter.to_yaml({k: _text(v) for k, v in headers.items()})
    page = front_matter.parse(text + str(data.get("body", "")))
    found = [
        {"line": line, "field": "header", "message": message, "fix": fix}
        for line, message, fix in page.problems
    ]
    for key in page.headers:
        if key not in allowed:
            found.append(
                {
                    "line": page.headers[key].line,
                    "field": key,
                    "message": "this header is not allowed in pages",
                    "fix": "",
                }
            )
    return found


def _text(value):
    return [str(v) for v in value] if isinstance(value, list) else str(value)


def _as_dict(problem) -> dict:
    return {
        "line": problem.line,
        "field": problem.field,
        "message": problem.message,
        "fix": problem.fix,
        "severity": problem.severity,
    }


def canonical(path: Path) -> bool:
    """Rewrite a saved organisation in the project's YAML style; True if changed."""
    try:
        data = load_yaml(path).data
    except (YamlSyntaxError, OSError):  # left for the checks to report
        return False
    if not isinstance(data, dict):
        return False
    text = dump_organisation(_plain(data))
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def _end(lines: list[str]) -> int:
    """The line that closes a page's front matter (parse found one)."""
    return next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))


def _body(text: str) -> str:
    """Everything after the closing ``---``, as it is."""
    lines = text.split("\n")
    return "\n".join(lines[_end(lines) + 1 :])


_NULL = re.compile(r"([\w-]+): null")


def restyled_page(text: str, before: str | None) -> str | None:
    """A page Decap saved, as the project writes it; None if it is fine as it is.

    Decap rewrites every language's file when one is saved, in its own YAML
    style (``reviewed: 2026-11-20`` unquoted, long lines folded, its field
    order) and with ``key: null`` for each empty campaign field, which the
    build refuses (an empty header means no header). So: a file whose
    headers and text are what they were (``before``) gets its old bytes
    back; a changed one keeps its old header order and the project's quoting.
    """
    page = front_matter.parse(text)
    if page.style != "yaml" or page.problems:
        return None  # left for the checks to report
    lines = text.split("\n")
    end = _end(lines)
    body = _body(text)
    nulls = {m.group(1) for line in lines[1:end] if (m := _NULL.fullmatch(line))}
    headers = {
        key: header.value
        for key, header in page.headers.items()
        if header.written not in nulls
    }
    old = front_matter.parse(before) if before is not None else None
    if old is not None and old.style == "yaml" and not old.problems:
        was = {key: header.value for key, header in old.headers.items()}
        if was == headers and _body(before) == body:
            return before if text != before else None
        order = [key for key in was if key in headers]
        headers = {key: headers[key] for key in order + list(headers)}
    restyled = front_matter.to_yaml(headers) + body
    return restyled if restyled != text else None
