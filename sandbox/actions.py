"""What a person can do in the sandbox, each written once: a world function and its route.

A world function in sandbox.user_actions is decorated with the control API path
that performs it and with how its result is shown:

    @action("/chats/{chat_id}/messages", view=message_view)
    def send_message(world: World, chat_id: int, user_id: int, text: str, *, reply_to: int | None = None) -> Message:

Its signature is the action's schema. The control API (sandbox.control) reads
each parameter from the request by its type: `{...}` in the path are integers,
the rest come from the JSON body, where null is the default and a missing
parameter without a default is a 400 naming it. The client (sandbox.client)
derives a method with the same parameters (the world left out) that POSTs them
there. The decorated function is still a plain function of the world.

The types a parameter may have: int, str, bool, float, dict, list, a
Sequence[int|str] (a JSON array of them), any of these `| None`, and bytes:
one upload, sent as a multipart form's "file" part, or in JSON as
`<name>_base64`. An upload's file name and content type fill the parameters
named file_name and mime_type, when the action has them and the form leaves
them out.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:
    from sandbox.world import World

P = ParamSpec("P")
R = TypeVar("R")
J = TypeVar("J")

# An upload's file name and content type go to the parameters of these names.
UPLOAD_FILE_NAME = "file_name"
UPLOAD_MIME_TYPE = "mime_type"

_PATH_NAME = re.compile(r"{(\w+)}")
# The Python type a parameter is annotated with, and the JSON values it takes.
_JSON_KINDS: dict[object, tuple[type, ...]] = {
    int: (int,),
    str: (str,),
    bool: (bool,),
    float: (int, float),
    dict: (dict,),
    list: (list,),
}


class Shape(Enum):
    """How a parameter travels."""

    VALUE = auto()  # one JSON value (in the path: an integer)
    LIST = auto()  # a JSON array whose items are all of `kinds`
    UPLOAD = auto()  # bytes: a multipart form's "file" part, or <name>_base64 in JSON


@dataclass(frozen=True)
class Param:
    """One parameter of an action, as the control API reads it and the client sends it."""

    name: str
    shape: Shape
    kinds: tuple[type, ...]  # the JSON types of the value (of each item, for a list)
    default: Any  # inspect.Parameter.empty when required
    in_path: bool

    @property
    def required(self) -> bool:
        return self.default is inspect.Parameter.empty

    @property
    def base64_name(self) -> str:
        """The JSON field that carries an upload as base64."""
        return f"{self.name}_base64"


class Action(Generic[P, R, J]):
    """A world function of a person's action, with its control API path and the view of its result."""

    def __init__(
        self,
        function: Callable[Concatenate[World, P], R],
        *,
        path: str,
        view: Callable[[World, Any], J] | None,
        waits: str | None = None,
    ) -> None:
        self.function = function
        self.path = path
        self._view = view
        self.name = function.__name__
        self.signature = _signature_without_world(function)
        self.params = _params(function.__name__, self.signature, path)
        self.waits = waits
        if waits is not None and waits not in {p.name for p in self.params}:
            raise TypeError(f"action {self.name} waits for {waits!r}, which is not one of its parameters")
        functools.update_wrapper(self, function)

    def __call__(self, world: World, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return self.function(world, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<action {self.name}: POST {self.path}>"

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.in_path)

    @property
    def body_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if not p.in_path)

    @property
    def upload(self) -> Param | None:
        return next((p for p in self.params if p.shape is Shape.UPLOAD), None)

    def bind(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Every parameter's value for a call (TypeError as for the function itself), defaults filled in."""
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return dict(bound.arguments)

    async def perform(self, world: World, arguments: dict[str, Any]) -> J:
        """Do it in the world and show the result as the control API answers it."""
        result: Any = self.function(world, **arguments)  # type: ignore[call-arg]
        if inspect.isawaitable(result):
            result = await result
        return result if self._view is None else self._view(world, result)


def action(
    path: str, *, view: Callable[[World, R], J]
) -> Callable[[Callable[Concatenate[World, P], R]], Action[P, R, J]]:
    """Make a world function an action at POST /sandbox{path}, its result shown by view."""

    def make(function: Callable[Concatenate[World, P], R]) -> Action[P, R, J]:
        return Action(function, path=path, view=view)

    return make


def awaited_action(
    path: str, *, waits: str
) -> Callable[[Callable[Concatenate[World, P], Coroutine[Any, Any, J]]], Action[P, Coroutine[Any, Any, J], J]]:
    """An action that waits for the bot (its result is already the answer); waits names its seconds parameter."""

    def make(function: Callable[Concatenate[World, P], Coroutine[Any, Any, J]]) -> Action[P, Coroutine[Any, Any, J], J]:
        return Action(function, path=path, view=None, waits=waits)

    return make


def _signature_without_world(function: Callable[..., Any]) -> inspect.Signature:
    """The function's parameters less the world, their annotations resolved to types (no result: views differ)."""
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters or parameters[0].name != "world":
        raise TypeError(f"action {function.__name__} must take the world first")
    return inspect.Signature([p.replace(annotation=hints.get(p.name, p.annotation)) for p in parameters[1:]])


def _params(name: str, signature: inspect.Signature, path: str) -> tuple[Param, ...]:
    in_path = set(_PATH_NAME.findall(path))
    missing = in_path - set(signature.parameters)
    if missing:
        raise TypeError(f"action {name}: its path names {sorted(missing)}, which it does not take")
    params = []
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            raise TypeError(f"action {name} must name each of its parameters")
        shape, kinds = _shape(name, parameter.name, parameter.annotation)
        param = Param(parameter.name, shape, kinds, parameter.default, parameter.name in in_path)
        if param.in_path and (shape is not Shape.VALUE or kinds != (int,) or not param.required):
            raise TypeError(f"action {name}: path parameter {param.name} must be a required int")
        params.append(param)
    if sum(p.shape is Shape.UPLOAD for p in params) > 1:
        raise TypeError(f"action {name} takes more than one upload")
    return tuple(params)


def _shape(action_name: str, name: str, hint: object) -> tuple[Shape, tuple[type, ...]]:
    """How a parameter of this annotation travels, and the JSON types it takes."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        others = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(others) == 1:
            hint = others[0]
    if hint is bytes:
        return Shape.UPLOAD, (bytes,)
    if hint in _JSON_KINDS:
        return Shape.VALUE, _JSON_KINDS[hint]
    (item, *more) = typing.get_args(hint) or (None,)
    if typing.get_origin(hint) in (list, Sequence) and not more and item in (int, str):
        return Shape.LIST, _JSON_KINDS[item]
    raise TypeError(f"action {action_name}: the control API cannot carry parameter {name} of type {hint}")
