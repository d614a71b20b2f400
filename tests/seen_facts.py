"""A chat and a member as updates show them, before and after a rename: shared by the tests of how a record notes
a chat's and a sender's facts (tests/coordination/test_recording_batch.py, tests/storage/test_facts_across_instances.py)."""

from coordination.recording import ChatSeen, PersonSeen

KUTCH = ChatSeen(chat_id=-4, type="supergroup", title="District Kutch", username=None)
KUTCH_RENAMED = ChatSeen(chat_id=-4, type="supergroup", title="Collectorate Kutch", username=None)
POOJA = PersonSeen(user_id=11, is_bot=False, first_name="Pooja", last_name="Bhatt", username=None, language_code="gu")
POOJA_MARRIED = PersonSeen(user_id=11, is_bot=False, first_name="Pooja", last_name="Shah", username=None,
                           language_code="gu")
