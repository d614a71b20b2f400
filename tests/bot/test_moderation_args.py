import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.moderation_args import POLICY_USAGE, PolicyChange, describe_actions, parse_policy
from handlers.usage import UsageError


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", None),
        ("   ", None),
        ("confidential delete", PolicyChange("confidential", frozenset({"delete"}))),
        ("confidential delete notify", PolicyChange("confidential", frozenset({"delete", "notify"}))),
        ("Confidential DELETE+notify", PolicyChange("confidential", frozenset({"delete", "notify"}))),
        ("personal-data warn", PolicyChange("personal_data", frozenset({"warn"}))),
        ("hostile off", PolicyChange("hostile", frozenset())),
        ("instruction warn", PolicyChange("instruction", frozenset({"warn"}))),
    ],
)
def test_policy_arguments_are_understood(arguments, expected):
    assert parse_policy(arguments) == expected


@pytest.mark.parametrize(
    "arguments",
    ["confidential", "spam delete", "confidential shout", "hostile off warn", "confidential delete; DROP TABLE flags",
     "x" * 500],
)
def test_bad_policy_arguments_get_the_usage(arguments):
    with pytest.raises(UsageError) as caught:
        parse_policy(arguments)
    assert str(caught.value) == POLICY_USAGE


@given(st.text(max_size=300))
def test_policy_parsing_never_raises_anything_but_its_usage(arguments):
    try:
        change = parse_policy(arguments)
    except UsageError:
        return
    assert change is None or change.label in ("confidential", "personal_data", "hostile", "instruction")


def test_actions_read_as_people_write_them():
    assert describe_actions(frozenset({"notify", "delete"})) == "delete + notify"
    assert describe_actions(frozenset()) == "off"
