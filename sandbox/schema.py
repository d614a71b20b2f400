"""Checks a JSON value against a type of the Bot API description.

Used both ways: on what the bot sends (parameters, nested objects such as
reply_markup) and, in the tests, on what the sandbox answers.
"""

from __future__ import annotations

from typing import Any

from sandbox.apispec import ApiSpec, TypeSpec
from sandbox.files import UploadedFile

_ARRAY_OF = "Array of "


class ShapeError(Exception):
    """A value does not have the shape its type asks for."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def check_value(spec: ApiSpec, types: tuple[str, ...], value: Any, path: str) -> None:
    """Raise ShapeError unless `value` is one of `types` (names as api.json spells them)."""
    if len(types) == 1:
        _check_one(spec, types[0], value, path)
        return
    errors: list[ShapeError] = []
    for type_name in types:
        try:
            _check_one(spec, type_name, value, path)
            return
        except ShapeError as error:
            errors.append(error)
    raise _most_relevant(spec, types, value, errors, path)


def _check_one(spec: ApiSpec, type_name: str, value: Any, path: str) -> None:
    if type_name.startswith(_ARRAY_OF):
        if not isinstance(value, list):
            raise ShapeError(path, f"must be an {type_name}")
        item_type = (type_name[len(_ARRAY_OF):],)
        for index, item in enumerate(value):
            check_value(spec, item_type, item, f"{path}[{index}]")
        return
    primitive = _PRIMITIVES.get(type_name)
    if primitive is not None:
        if not primitive(value):
            raise ShapeError(path, f"must be {_article(type_name)} {type_name}")
        return
    type_spec = spec.types.get(type_name)
    if type_spec is None:
        raise ShapeError(path, f"has type {type_name}, which the API description lacks")
    if type_name == "KeyboardButton" and isinstance(value, str):
        return  # the API lets a plain string stand for a text-only button
    _check_object(spec, type_spec, value, path)


def _check_object(spec: ApiSpec, type_spec: TypeSpec, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise ShapeError(path, f"must be {_article(type_spec.name)} {type_spec.name} object")
    if type_spec.subtypes:
        _check_object(spec, _pick_subtype(spec, type_spec, value, path), value, path)
        return
    for key in value:
        if key not in type_spec.fields:
            raise ShapeError(f"{path}.{key}", f"is not a field of {type_spec.name}")
    for field in type_spec.fields.values():
        if field.name in value:
            check_value(spec, field.types, value[field.name], f"{path}.{field.name}")
        elif field.required:
            raise ShapeError(f"{path}.{field.name}", f"is required in {type_spec.name}")
    if type_spec.discriminator:
        key, expected = type_spec.discriminator
        if value.get(key) != expected:
            raise ShapeError(f"{path}.{key}", f"must be {expected!r} in {type_spec.name}")


def _pick_subtype(spec: ApiSpec, type_spec: TypeSpec, value: dict, path: str) -> TypeSpec:
    candidates = [spec.types[name] for name in type_spec.subtypes if name in spec.types]
    for candidate in candidates:
        if candidate.discriminator:
            key, expected = candidate.discriminator
            if value.get(key) == expected:
                return candidate
    undiscriminated = [c for c in candidates if not c.discriminator]
    if undiscriminated:
        # e.g. MaybeInaccessibleMessage: tell the variants apart by their fields
        return max(undiscriminated, key=lambda c: len(c.fields.keys() & value.keys()))
    allowed = sorted(c.discriminator[1] for c in candidates if c.discriminator)
    key = candidates[0].discriminator[0] if candidates and candidates[0].discriminator else "type"
    raise ShapeError(f"{path}.{key}", f"must be one of {', '.join(allowed)}")


def _most_relevant(
    spec: ApiSpec, types: tuple[str, ...], value: Any, errors: list[ShapeError], path: str
) -> ShapeError:
    """Of a union's failures, the one from the variant the value most resembles."""
    if isinstance(value, dict):
        best_index, best_overlap = None, 0
        for index, type_name in enumerate(types):
            type_spec = spec.types.get(type_name)
            if type_spec and not type_spec.subtypes:
                overlap = len(type_spec.fields.keys() & value.keys())
                if overlap > best_overlap:
                    best_index, best_overlap = index, overlap
        if best_index is not None:
            return errors[best_index]
    return ShapeError(path, f"must be {' or '.join(types)}")


def _article(type_name: str) -> str:
    return "an" if type_name[:1] in "AEIOU" else "a"


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_float(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_PRIMITIVES = {
    "Integer": _is_integer,
    "Float": _is_float,
    "Boolean": lambda value: isinstance(value, bool),
    "True": lambda value: value is True,
    "String": lambda value: isinstance(value, str),
    "InputFile": lambda value: isinstance(value, UploadedFile),
}
