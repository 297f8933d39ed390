"""Declarative schemas for editor-owned YAML files, and one validator.

Schemas are data (what fields exist, their types, whether required); the
validator turns every mismatch into a :class:`Problem` with the line it is on.
Keeping them apart means adding a field is one line here, nothing elsewhere.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from duben.content.yamlfile import line_of
from duben.errors import Problem


@dataclass(frozen=True)
class Field:
    kind: type | tuple[type, ...]
    required: bool = False
    doc: str = ""
    items: Any = None  # schema (dict) for list items / mapping values, or a type
    check: Callable[[Any], str | None] | None = None  # returns a message when wrong
    nonempty: bool = False


Schema = dict[str, Field]

_KIND_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a mapping", bool: "true/false"}


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)


def validate(data: Any, schema: Schema, path: str, where: str = "") -> list[Problem]:
    """Check a mapping against a schema; return every problem (never raises)."""
    problems: list[Problem] = []
    label = f"{where}: " if where else ""
    if not isinstance(data, dict):
        problems.append(Problem(path, line_of(data), f"{label}expected a mapping of fields"))
        return problems
    for key in data:
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known fields: {', '.join(schema)})"
            problems.append(Problem(path, line_of(data, key), f"{label}unknown field '{key}'{hint}"))
    for key, spec in schema.items():
        if key not in data or data[key] is None:
            if spec.required:
                problems.append(Problem(path, line_of(data), f"{label}missing required field '{key}'"))
            continue
        value = data[key]
        line = line_of(data, key)
        if not isinstance(value, spec.kind) or (isinstance(value, bool) and spec.kind is int):
            problems.append(
                Problem(path, line, f"{label}field '{key}' must be {_kind_name(spec.kind)}, "
                        f"not {type(value).__name__}")
            )
            continue
        if spec.nonempty and (value == "" or value == [] or (isinstance(value, str) and not value.strip())):
            problems.append(Problem(path, line, f"{label}field '{key}' must not be empty"))
            continue
        if spec.check is not None:
            message = spec.check(value)
            if message:
                problems.append(Problem(path, line, f"{label}field '{key}': {message}"))
        if spec.items is not None and isinstance(value, list):
            for index, item in enumerate(value):
                item_where = f"{where + '.' if where else ''}{key}[{index + 1}]"
                if isinstance(spec.items, dict):
                    problems.extend(validate(item, spec.items, path, item_where))
                elif not isinstance(item, spec.items):
                    problems.append(
                        Problem(path, line_of(value, index) or line,
                                f"{item_where} must be {_kind_name(spec.items)}")
                    )
    return problems


def one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"'{value}' is not one of {', '.join(choices)}"

    return check


#: Folder names, article and term ids: they become URLs and file names.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SLUG_RULE = "lower-case letters, digits and hyphens"


def slug_check(value: Any) -> str | None:
    return None if SLUG.match(str(value)) else f"use {SLUG_RULE}"
