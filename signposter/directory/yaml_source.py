"""Read YAML that volunteers write, keeping the line of every value.

PyYAML's node tree knows where each value starts; walking a validator's error
path through it gives ``file:line`` for any mistake, which no YAML or JSON
Schema library reports by itself.

YAML forgives what volunteers must not be forgiven: a key written twice keeps
the last value silently (a second ``keep_secret: false`` would publish a
shelter's address), and anchors and aliases let a few lines expand into
millions of values. Both are refused here, as is a file not saved as UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from signposter.directory.validation import field_name


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that leaves dates as the text the volunteer typed.

    JSON Schema checks text; the date is parsed by the validation step.
    """


_TextLoader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for key, resolvers in _TextLoader.yaml_implicit_resolvers.items()
}


@dataclass
class DuplicateKey:
    """A key written twice in one mapping; lines are 1-based."""

    path: list
    key: str
    first_line: int
    second_line: int


@dataclass
class YamlSource:
    """A parsed YAML file: its data and its node tree for line look-ups."""

    path: str
    data: object
    node: yaml.Node | None
    duplicates: list[DuplicateKey] = field(default_factory=list)

    def line(self, path=()) -> int:
        """The 1-based line of the value at ``path`` (keys and list indexes).

        Falls back to the nearest enclosing value the path reaches.
        """
        node = self.node
        if node is None:
            return 1
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    def key_line(self, path, key) -> int:
        """The line of ``key`` inside the mapping at ``path``."""
        node = self.node
        for step in path:
            node = _child(node, step) or node
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + 1
        return self.line(path)


def _child(node, step):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return node.value[step]
    return None


class YamlSyntaxError(ValueError):
    """The file cannot be used as YAML; ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None, fix: str = "", what="(YAML)"):
        super().__init__(message)
        self.line = line
        self.fix = fix
        self.what = what


_SYNTAX_FIX = (
    "check the indentation and that every `key: value` has a space after "
    "the colon; put text with : or # (and phone numbers) in quotes"
)
_SAVE_AS_UTF8 = (
    "open the file in your editor and save it as UTF-8 (Notepad: File > Save as > "
    "Encoding: UTF-8; LibreOffice: Save as > Edit filter settings > Unicode (UTF-8))"
)


def load_yaml_or_report(path, problems) -> YamlSource | None:
    """Parse a volunteer's YAML file; report why it cannot be used instead.

    A key written twice is reported too, but the data is still returned so the
    volunteer sees the file's other mistakes in the same run.
    """
    try:
        source = load_yaml(path)
    except YamlSyntaxError as err:
        message = str(err) if err.fix else f"the file is not valid YAML: {err}"
        problems.add(path, err.line, err.what, message, err.fix or _SYNTAX_FIX)
        return None
    for duplicate in source.duplicates:
        problems.add(
            path,
            duplicate.second_line,
            field_name([*duplicate.path, duplicate.key]),
            f"{duplicate.key!r} is written twice in the same place, on lines "
            f"{duplicate.first_line} and {duplicate.second_line}; only the last "
            "one would count",
            "delete the line that is wrong",
        )
    return source


def read_text(path) -> str:
    """The file's text; raise YamlSyntaxError if it is not UTF-8."""
    with open(path, "rb") as handle:
        data = handle.read()
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if data.startswith(bom):
            raise YamlSyntaxError(
                f'the file is saved as {name} ("Unicode"), not UTF-8',
                1,
                _SAVE_AS_UTF8,
                "(encoding)",
            )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise YamlSyntaxError(
            f"the file is not saved as UTF-8 (byte {data[err.start]:#04x} on this "
            'line; Windows "ANSI" encodings such as cp1250, cp1251 or cp1252 '
            "write letters like this)",
            line,
            _SAVE_AS_UTF8,
            "(encoding)",
        ) from err


def load_yaml(path, text: str | None = None) -> YamlSource:
    """Parse a YAML file; raise YamlSyntaxError with the line of the mistake."""
    if text is None:
        text = read_text(path)
    try:
        if "&" in text or "*" in text:
            _refuse_anchors(text)
        loader = _TextLoader(text)
        try:
            # Parse once: the node tree gives the lines, and the data is built from it.
            node = loader.get_single_node()
            duplicates = _duplicate_keys(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "the file is not valid YAML"
        if err.context and err.context_mark and err.context_mark.line != mark.line:
            # "while parsing a flow sequence" started where the bracket was opened
            problem += (
                f" ({err.context} that starts on line {err.context_mark.line + 1})"
            )
        raise YamlSyntaxError(problem, mark.line + 1 if mark else None) from err
    except yaml.YAMLError as err:
        raise YamlSyntaxError(str(err), None) from err
    return YamlSource(str(path), data, node, duplicates)


def _refuse_anchors(text: str) -> None:
    """Raise at the first anchor (&name) or alias (*name): nobody needs them here."""
    for event in yaml.parse(text, Loader=_TextLoader):
        if isinstance(event, yaml.AliasEvent):
            sign = f"*{event.anchor}"
        elif getattr(event, "anchor", None):
            sign = f"&{event.anchor}"
        else:
            continue
        raise YamlSyntaxError(
            f"{sign!r} is a YAML anchor or alias, which is not allowed here",
            event.start_mark.line + 1,
            "write the value out in full in each place it is needed; if it is text "
            "that starts with & or *, put it in quotes",
        )


def _duplicate_keys(root) -> list[DuplicateKey]:
    found = []
    pending = [([], root)] if root is not None else []
    while pending:
        path, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                line = key_node.start_mark.line + 1
                if key is not None and key in seen:
                    found.append(DuplicateKey(path, key, seen[key], line))
                elif key is not None:
                    seen[key] = line
                pending.append(([*path, key], value_node))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(([*path, i], child) for i, child in enumerate(node.value))
    return sorted(found, key=lambda d: d.second_line)
