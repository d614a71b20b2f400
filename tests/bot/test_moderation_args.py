"""What people type after /policy, /missed and /check: tables of cases, and hypothesis for anything at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordination.moderation_policy import ChangePolicy
from handlers.moderation_args import (
    AwaitDraft,
    CheckDraft,
    ArgsError,
    ShowPolicy,
    command_arguments,
    parse_check,
    parse_missed_labels,
    parse_policy,
)
from storage.policies import canonical


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ShowPolicy()),
        ("   ", ShowPolicy()),
        ("confidential delete", ChangePolicy("confidential", frozenset({"delete"}))),
        ("Confidential DELETE+notify", ChangePolicy("confidential", frozenset({"delete", "notify"}))),
        ("personal_data delete, notify", ChangePolicy("personal_data", frozenset({"delete", "notify"}))),
        ("personal-data warn", ChangePolicy("personal_data", frozenset({"warn"}))),
        ("personal data warn", ChangePolicy("personal_data", frozenset({"warn"}))),
        ("hostile warn notify", ChangePolicy("hostile", frozenset({"warn", "notify"}))),
        ("hostile off", ChangePolicy("hostile", frozenset())),
        ("hostile default", ChangePolicy("hostile", None)),
    ],
)
def test_policy_arguments_are_read(typed, expected):
    assert parse_policy(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("secrets delete", "Unknown label “secrets”"),
        ("hostile", "Say what to do about hostile"),
        ("hostile shout", "Unknown action “shout”"),
        ("hostile delete off", "“off” stands alone"),
        ("hostile default warn", "“default” stands alone"),
        ("instruction warn", "Instructions are not moderated"),
        ("x" * 100 + " warn", "Unknown label “" + "x" * 29 + "…”"),
    ],
)
def test_malformed_policy_arguments_say_what_is_wrong_and_give_the_usage(typed, problem):
    parsed = parse_policy(typed)
    assert isinstance(parsed, ArgsError)
    assert problem in parsed.problem
    assert "/policy LABEL ACTION" in parsed.message


@given(st.text())
def test_policy_parsing_never_raises_and_sets_only_known_actions(typed):
    parsed = parse_policy(typed)
    assert isinstance(parsed, ShowPolicy | ChangePolicy | ArgsError)
    if isinstance(parsed, ChangePolicy) and parsed.actions is not None:
        assert canonical(parsed.actions) <= {"warn", "delete", "notify"}


@given(st.lists(st.sampled_from(["confidential", "hostile", "warn", "delete", "notify", "off", "+", ",", "\n", "🙂"])))
def test_policy_parsing_never_raises_on_near_misses(words):
    assert parse_policy(" ".join(words)) is not None


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("/check", AwaitDraft()),
        ("/check   ", AwaitDraft()),
        ("/check@samvad_bot", AwaitDraft()),
        ("/check Relief camp opened", CheckDraft("Relief camp opened")),
        ("/check@samvad_bot Relief camp opened", CheckDraft("Relief camp opened")),
        ("/check\nLine one\nLine two", CheckDraft("Line one\nLine two")),
        ("Relief camp opened", CheckDraft("Relief camp opened")),
    ],
)
def test_check_arguments_are_read(message, expected):
    assert parse_check(message) == expected


@given(st.text())
def test_check_parsing_never_raises_and_keeps_the_draft_whole(message):
    parsed = parse_check(message)
    assert isinstance(parsed, CheckDraft | AwaitDraft)
    if isinstance(parsed, CheckDraft):
        assert parsed.text and parsed.text in message


@given(st.text(), st.text())
def test_the_text_after_a_command_is_everything_after_it(draft, noise):
    assert command_arguments(f"/check {draft}") == draft.strip()
    assert command_arguments(noise) in noise


@pytest.mark.parametrize(("typed", "expected"), [
    ("hostile", {"hostile"}),
    ("Personal Data", {"personal_data"}),
    ("privacy, hostile", {"personal_data", "hostile"}),
    ("policy+instructions", {"confidential", "instruction"}),
    ("confidential confidential", {"confidential"}),
])
def test_missed_labels_are_read(typed, expected):
    assert parse_missed_labels(typed) == frozenset(expected)


@pytest.mark.parametrize(("typed", "problem"), [
    ("", "Say which label the filter missed."),
    ("rude", "Unknown label “rude”."),
    ("hostile rude", "Unknown label “rude”."),
])
def test_malformed_missed_labels_say_what_is_wrong_and_give_the_usage(typed, problem):
    parsed = parse_missed_labels(typed)
    assert isinstance(parsed, ArgsError)
    assert parsed.message == problem + "\n\n/missed LABEL [LABEL ...], in reply to a message the filter should have" \
        " labelled (the group's admin posts)\nLABEL: confidential, personal_data, hostile or instruction"


@given(st.text(max_size=60))
def test_missed_parsing_never_raises_and_gives_only_known_labels(typed):
    parsed = parse_missed_labels(typed)
    assert isinstance(parsed, ArgsError) or (parsed and parsed <= {"confidential", "personal_data", "hostile",
                                                                          "instruction"})
