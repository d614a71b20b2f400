"""Turns the raw parameters of a Bot API call into typed values, checked against the spec.

python-telegram-bot sends form fields where every non-string value is JSON text
("123", "true", '{"inline_keyboard": ...}'); JSON bodies may hold real values or
the same strings. Each parameter is decoded by the types the spec gives it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from sandbox.apispec import ApiSpec, FieldSpec, MethodSpec
from sandbox.errors import ApiError, bad_request
from sandbox.files import UploadedFile
from sandbox.schema import ShapeError, check_value

_INTEGER_TEXT = re.compile(r"-?\d+")
_ATTACH = "attach://"


def parse_params(
    spec: ApiSpec, method: MethodSpec, raw: Mapping[str, Any], uploads: Mapping[str, UploadedFile]
) -> dict[str, Any]:
    """Typed parameters of one call; ApiError(400) naming the first bad one."""
    params: dict[str, Any] = {}
    for name, value in raw.items():
        field = method.fields.get(name)
        if field is None:
            if name in uploads:
                continue  # a file part referenced by attach://name
            raise bad_request(f'unknown parameter "{name}"')
        params[name] = _coerce(field, value, uploads)
    for field in method.fields.values():
        if field.required and field.name not in params:
            raise bad_request(f'parameter "{field.name}" is required')
    for name, value in params.items():
        try:
            check_value(spec, method.fields[name].types, value, name)
        except ShapeError as error:
            raise bad_request(f'parameter "{error.path}" {error.problem}') from None
    return params


def _coerce(field: FieldSpec, value: Any, uploads: Mapping[str, UploadedFile]) -> Any:
    if isinstance(value, str):
        return _coerce_text(field, value, uploads)
    if "String" in field.types and "Integer" not in field.types and _is_number(value):
        return str(value)  # Telegram reads a JSON number where it wants a string
    return value


def _coerce_text(field: FieldSpec, text: str, uploads: Mapping[str, UploadedFile]) -> Any:
    if "InputFile" in field.types and text.startswith(_ATTACH):
        upload = uploads.get(text[len(_ATTACH):])
        if upload is None:
            raise bad_request(f'parameter "{field.name}" refers to a missing file part {text!r}')
        return upload
    if "String" in field.types:
        if "Integer" in field.types and _INTEGER_TEXT.fullmatch(text):
            return int(text)
        return text
    try:
        return json.loads(text)
    except ValueError:
        raise ApiError(
            400, f'Bad Request: parameter "{field.name}" must be {" or ".join(field.types)}'
        ) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
