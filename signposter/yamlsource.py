"""Read YAML that volunteers write, keeping the line of every value.

PyYAML's node tree knows where each value starts; walking a validator's error
path through it gives ``file:line`` for any mistake, which no YAML or JSON
Schema library reports by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


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
class YamlSource:
    """A parsed YAML file: its data and its node tree for line look-ups."""

    path: str
    data: object
    node: yaml.Node | None

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
    """The file is not valid YAML; ``line`` is 1-based."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load_yaml_or_report(path, problems) -> YamlSource | None:
    """Parse a volunteer's YAML file; report a syntax error with its line instead."""
    try:
        return load_yaml(path)
    except YamlSyntaxError as err:
        problems.add(
            path,
            err.line,
            "(YAML)",
            f"the file is not valid YAML: {err}",
            "check the indentation and that every `key: value` has a space after "
            "the colon; put text with : or # (and phone numbers) in quotes",
        )
        return None


def load_yaml(path, text: str | None = None) -> YamlSource:
    """Parse a YAML file; raise YamlSyntaxError with the line of the mistake."""
    if text is None:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    try:
        loader = _TextLoader(text)
        try:
            # Parse once: the node tree gives the lines, and the data is built from it.
            node = loader.get_single_node()
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
    return YamlSource(str(path), data, node)
