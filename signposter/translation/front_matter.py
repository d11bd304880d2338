"""A page's header: YAML front matter between ``---`` lines, read with line numbers.

Every tool reads pages through ``parse``: the build's reader and header
allowlist, stamps, status, safety tokens and the editor. YAML is what the
browser editor (Decap CMS) writes, and a real YAML parser reads a title such
as "Work: what to check" the way every other YAML reader does.

Pages still written with Pelican's ``Key: value`` lines are read the same way
(``style == "legacy"``) until `invoke pages-migrate` rewrites them.

Values are kept as text (YAML's "base" schema: ``2026-11-20`` and ``4`` stay
strings, as they were in ``Key: value`` headers); a list stays a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

DELIMITER = "---"
# Headers that hold several values: YAML lists in front matter, comma-separated
# in the old format.
LIST_HEADERS = ("countries", "languages", "topics")
_LEGACY_HEADER = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+)\s*:\s*(.*)$")
_YAML_FIX = (
    "write each header as `key: value` on its own line; put a value that "
    "holds a colon in double quotes"
)


@dataclass
class Header:
    """One header field: its value, the name as written, and its 1-based line."""

    value: str | list[str]
    written: str
    line: int

    @property
    def text(self) -> str:
        """The value as one line of text (a list joined with commas)."""
        if isinstance(self.value, list):
            return ", ".join(self.value)
        return self.value


@dataclass
class FrontMatter:
    """A page split into its headers (keyed in lower case) and its body."""

    headers: dict[str, Header]
    body: str
    body_line: int
    style: str  # "yaml", "legacy", or "none" (no headers at all)
    # (line, message, fix) for a header that could not be read
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def parse(text: str) -> FrontMatter:
    """Split a page's text into its headers and body."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if lines and lines[0].rstrip() == DELIMITER:
        return _parse_yaml(lines)
    return _parse_legacy(lines)


def _parse_yaml(lines: list[str]) -> FrontMatter:
    end = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (DELIMITER, "...")),
        None,
    )
    if end is None:
        return FrontMatter(
            {},
            "\n".join(lines[1:]),
            2,
            "yaml",
            [
                (
                    1,
                    "the header opened by --- on line 1 is never closed",
                    "add a line --- after the last header",
                )
            ],
        )
    found = FrontMatter({}, "\n".join(lines[end + 1 :]), end + 2, "yaml")
    try:
        node = yaml.compose("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or str(error)
        found.problems.append(
            (line, f"the header is not valid YAML ({reason})", _YAML_FIX)
        )
        return found
    if node is None:
        return found
    if not isinstance(node, yaml.MappingNode):
        found.problems.append((2, "the header must be `key: value` lines", _YAML_FIX))
        return found
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        if not isinstance(key_node, yaml.ScalarNode):
            found.problems.append((line, "a header's name must be a word", _YAML_FIX))
            continue
        value = _value(value_node)
        if value is None:
            found.problems.append(
                (line, f"{key_node.value!r} holds more than text or a list", _YAML_FIX)
            )
            continue
        found.headers.setdefault(
            key_node.value.lower(), Header(value, key_node.value, line)
        )
    return found


def _value(node) -> str | list[str] | None:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        return [item.value for item in node.value]
    return None


def _parse_legacy(lines: list[str]) -> FrontMatter:
    """Pelican's ``Key: value`` lines, ended by the first blank line."""
    headers: dict[str, Header] = {}
    last = None
    for index, line in enumerate(lines):
        if not line.strip():
            body_start = index + 1
            break
        match = _LEGACY_HEADER.match(line)
        if match:
            last = match.group(1).lower()
            headers.setdefault(
                last, Header(match.group(2).strip(), match.group(1), index + 1)
            )
        elif last and line.startswith("    "):
            headers[last].value = f"{headers[last].value} {line.strip()}"
        else:
            # Not a header: like Markdown's meta extension, the text starts here.
            body_start = index
            break
    else:
        body_start = len(lines)
    if not headers:
        return FrontMatter({}, "\n".join(lines), 1, "none")
    return FrontMatter(headers, "\n".join(lines[body_start:]), body_start + 1, "legacy")


def to_yaml(headers: dict[str, str | list[str]]) -> str:
    """Front matter in the project's style: lower-case keys in the given order,
    quotes only where YAML needs them, lists inline."""
    out = []
    for key, value in headers.items():
        out.append(
            yaml.safe_dump(
                {key: value},
                allow_unicode=True,
                sort_keys=False,
                # block style for text, inline for a list of words
                default_flow_style=False if isinstance(value, str) else None,
                width=float("inf"),
            ).rstrip("\n")
        )
    return "\n".join([DELIMITER, *out, DELIMITER]) + "\n"


def header_block(headers: dict, like: FrontMatter) -> str:
    """The text before a page's body, in the format of the page ``like``."""
    if like.style == "yaml":
        return to_yaml(headers)
    lines = []
    for key, value in headers.items():
        name = like.headers[key].written if key in like.headers else _legacy_name(key)
        lines.append(
            f"{name}: {', '.join(value) if isinstance(value, list) else value}"
        )
    return "\n".join(lines) + "\n\n"


def _legacy_name(key: str) -> str:
    return "_".join(part.capitalize() for part in key.split("_"))


def migrated(text: str) -> str | None:
    """The page rewritten with YAML front matter, or None if it needs no change.

    Values keep their text exactly, so stamps (which hash the title, summary
    and body) still match after the migration.
    """
    page = parse(text)
    if page.style != "legacy":
        return None
    headers: dict[str, str | list[str]] = {}
    for key, header in page.headers.items():
        value = header.text
        if key in LIST_HEADERS:
            value = [item.strip() for item in value.split(",") if item.strip()]
        headers[key] = value
    body = page.body.lstrip("\n")
    return to_yaml(headers) + "\n" + body


def set_header(text: str, key: str, value: str) -> str:
    """The page's text with one header set (added last if it is missing)."""
    page = parse(text)
    lines = text.split("\n")
    if page.style != "yaml":
        # Keep an old-format page in its format until it is migrated.
        new = f"{_legacy_name(key)}: {value}"
        if key in page.headers:
            lines[page.headers[key].line - 1] = new
        else:
            lines.insert(page.body_line - 2 if page.style == "legacy" else 0, new)
            if page.style == "none":
                lines.insert(1, "")
        return "\n".join(lines)
    new = to_yaml({key: value}).split("\n")[1]
    if key in page.headers:
        lines[page.headers[key].line - 1] = new
    else:
        lines.insert(page.body_line - 2, new)
    return "\n".join(lines)
