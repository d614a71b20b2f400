import pytest

from runtime.outbox import priority_of
from runtime.ratelimit import posts_a_message
from storage import outbox


@pytest.mark.parametrize(
    ("method", "posts"),
    [("sendMessage", True), ("sendDocument", True), ("copyMessage", True), ("forwardMessages", True),
     ("sendChatAction", False), ("deleteMessage", False), ("approveChatJoinRequest", False),
     ("editMessageText", False), ("banChatMember", False)],
)
def test_only_calls_that_post_a_message_count_against_a_groups_minute(method, posts):
    assert posts_a_message(method) is posts


def test_removing_and_admitting_go_before_warnings_and_warnings_before_the_rest():
    assert priority_of("deleteMessage", "moderation.delete") == outbox.URGENT
    assert priority_of("approveChatJoinRequest", "membership") == outbox.URGENT
    assert priority_of("sendMessage", "moderation.warning") == outbox.WARNING
    assert priority_of("sendMessage", "records.instruction") == outbox.NORMAL


def test_an_edit_of_a_delivered_message_goes_before_new_messages_to_that_chat():
    # An edit (a notice closed by a review decision) changes what is already there; it need not wait
    # behind newer notices owed to the same admin.
    assert priority_of("editMessageText", "moderation.notice_update") < priority_of("sendMessage", "moderation.notice")
    assert priority_of("editMessageText", "moderation.notice_update") > priority_of("deleteMessage", "moderation.delete")
