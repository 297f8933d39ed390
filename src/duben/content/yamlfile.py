"""YAML parsing that remembers line numbers, so errors can say ``path:line``.

PyYAML does the parsing; we only subclass its safe loader to attach the line of
every mapping key and list item to the containers it builds.
"""

from __future__ import annotations

from typing import Any

import yaml

from duben.errors import fail


class LineDict(dict[str, Any]):
    """A dict that knows the 1-based line of itself and of each key."""

    line: int = 0
    lines: dict[str, int]


class LineList(list[Any]):
    """A list that knows the 1-based line of itself and of each item."""

    line: int = 0
    lines: list[int]


# libyaml's parser when PyYAML was built with it (ten times faster on 85 glossary
# files); the constructors below are Python either way and keep line numbers.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [item.start_mark.line + 1 for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
# Dates stay strings: editors write 2024-05-24 and expect to see it back as is.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes a DubenError naming path and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise fail(path, line, f"invalid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise fail(path, None, f"invalid YAML: {exc}") from exc


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """The line of a key/item in a container from load_yaml, or of the container."""
    if key is not None:
        lines = getattr(container, "lines", None)
        if isinstance(lines, dict) and key in lines:
            return int(lines[key])
        if isinstance(lines, list) and isinstance(key, int) and key < len(lines):
            return int(lines[key])
    return getattr(container, "line", None) or None
