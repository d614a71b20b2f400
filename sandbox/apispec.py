"""The Telegram Bot API description (sandbox/spec/api.json) as typed lookups."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

# A subtype names its variant in a field described as "must be <value>".
_DISCRIMINATOR_FIELDS = ("type", "status", "source")
_MUST_BE = re.compile(r"(?:must be|always) [“\"]?(\w+)")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One parameter of a method or one field of an object."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """An object type: its fields, or the subtypes it stands for."""

    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...]
    # (field name, fixed value) that tells this subtype from its siblings
    discriminator: tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class MethodSpec:
    """A Bot API method: its parameters and what it returns."""

    name: str
    fields: dict[str, FieldSpec]
    returns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ApiSpec:
    """Every method and type of the Bot API, looked up by name."""

    version: str
    methods: dict[str, MethodSpec]
    types: dict[str, TypeSpec]
    _methods_by_lower_name: dict[str, MethodSpec]

    def method(self, name: str) -> MethodSpec | None:
        """The method called `name`, matched case-insensitively as Telegram does."""
        return self._methods_by_lower_name.get(name.lower())


def load_spec() -> ApiSpec:
    """Read the bundled api.json."""
    text = resources.files("sandbox.spec").joinpath("api.json").read_text(encoding="utf-8")
    return parse_spec(json.loads(text))


def parse_spec(document: dict) -> ApiSpec:
    """Build an ApiSpec from the decoded api.json document."""
    methods = {
        name: MethodSpec(name, _fields(raw), tuple(raw.get("returns", ())))
        for name, raw in document["methods"].items()
    }
    types = {name: _type(name, raw) for name, raw in document["types"].items()}
    return ApiSpec(
        version=document.get("version", ""),
        methods=methods,
        types=types,
        _methods_by_lower_name={name.lower(): spec for name, spec in methods.items()},
    )


def _fields(raw: dict) -> dict[str, FieldSpec]:
    return {
        field["name"]: FieldSpec(field["name"], tuple(field["types"]), bool(field["required"]))
        for field in raw.get("fields", ())
    }


def _type(name: str, raw: dict) -> TypeSpec:
    return TypeSpec(
        name=name,
        fields=_fields(raw),
        subtypes=tuple(raw.get("subtypes", ())),
        discriminator=_discriminator(raw),
    )


def _discriminator(raw: dict) -> tuple[str, str] | None:
    if not raw.get("subtype_of"):
        return None
    for field in raw.get("fields", ()):
        if field["name"] in _DISCRIMINATOR_FIELDS:
            found = _MUST_BE.search(field.get("description", ""))
            if found:
                return field["name"], found.group(1)
    return None
