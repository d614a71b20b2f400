"""Sending, editing, deleting and pinning, with Telegram's checks and its text entities."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity
from telegram.error import BadRequest

from sandbox.client import SandboxError

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Approve", callback_data="approve:17")]])


async def test_html_gives_plain_text_and_utf16_entities(bot, office):
    text = '<b>નમસ્તે 🙏</b> <i>મામલતદાર</i> <a href="https://revenue.gujarat.gov.in">portal</a> <code>7/12</code>'
    sent = await bot.send_message(office.chat_id, text, parse_mode="HTML")
    assert sent.text == "નમસ્તે 🙏 મામલતદાર portal 7/12"
    parsed = sent.parse_entities()  # PTB reads the offsets as UTF-16, as Telegram means them
    assert sorted((e.type, piece) for e, piece in parsed.items()) == [
        ("bold", "નમસ્તે 🙏"),
        ("code", "7/12"),
        ("italic", "મામલતદાર"),
        ("text_link", "portal"),
    ]
    bold = next(e for e in sent.entities if e.type == "bold")
    assert (bold.offset, bold.length) == (0, 9)  # the emoji counts as two UTF-16 units


async def test_html_mentions_quotes_and_nesting(bot, office):
    ravi = office.ravi["id"]
    text = f'<blockquote>Order <b>no. <u>42</u></b></blockquote><a href="tg://user?id={ravi}">Ravi</a> &lt;ok&gt;'
    sent = await bot.send_message(office.chat_id, text, parse_mode="HTML")
    assert sent.text == "Order no. 42Ravi <ok>"
    kinds = {(e.type, piece) for e, piece in sent.parse_entities().items()}
    assert kinds == {("blockquote", "Order no. 42"), ("bold", "no. 42"), ("underline", "42"), ("text_mention", "Ravi")}
    mention = next(e for e in sent.entities if e.type == MessageEntity.TEXT_MENTION)
    assert mention.user.id == ravi


async def test_markdown_v2_gives_the_same_entities(bot, office):
    sent = await bot.send_message(office.chat_id, "*નમસ્તે 🙏* _ok_ \\(fine\\)", parse_mode="MarkdownV2")
    assert sent.text == "નમસ્તે 🙏 ok (fine)"
    assert {(e.type, piece) for e, piece in sent.parse_entities().items()} == {("bold", "નમસ્તે 🙏"), ("italic", "ok")}


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [("<b>unclosed", "HTML"), ("<blink>old</blink>", "HTML"), ("a < b", "HTML"), ("1.5 lakh", "MarkdownV2")],
)
async def test_bad_markup_cannot_be_parsed(bot, office, text, parse_mode):
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(office.chat_id, text, parse_mode=parse_mode)


async def test_commands_mentions_and_links_are_detected(bot, client, office):
    sent = await client.send_message(office.chat_id, office.ravi["id"], "/status@samvad_bot ask @asha_patel https://example.org")
    assert [(e["type"], e["offset"], e["length"]) for e in sent["entities"]] == [
        ("bot_command", 0, 18),
        ("mention", 23, 11),
        ("url", 35, 19),
    ]


async def test_text_checks(bot, office):
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(office.chat_id, "   ")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(office.chat_id, "ક" * 4097)
    await bot.send_message(office.chat_id, "ક" * 4096)


async def test_callback_data_over_64_bytes_is_refused(bot, office):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="ક" * 22)]])  # 66 bytes
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(office.chat_id, "choose", reply_markup=markup)


async def test_reply_to_a_missing_message_is_refused(bot, office):
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(office.chat_id, "re", reply_to_message_id=999)
    sent = await bot.send_message(office.chat_id, "re", reply_to_message_id=999, allow_sending_without_reply=True)
    assert sent.reply_to_message is None


async def test_edit_without_markup_removes_the_keyboard(bot, client, office):
    sent = await bot.send_message(office.chat_id, "Approve the mutation?", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("Approved by Asha", office.chat_id, sent.message_id)
    assert edited.reply_markup is None and edited.edit_date is not None
    (stored,) = await client.bot_messages(office.chat_id)
    assert (stored["text"], "reply_markup" in stored, stored["deleted"]) == ("Approved by Asha", False, False)


async def test_edit_with_the_same_content_is_not_modified(bot, office):
    sent = await bot.send_message(office.chat_id, "<b>Same</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<b>Same</b>", office.chat_id, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(office.chat_id, sent.message_id, reply_markup=KEYBOARD)


async def test_edit_checks_the_message(bot, client, office):
    theirs = await client.send_message(office.chat_id, office.ravi["id"], "mine")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("hijack", office.chat_id, theirs["message_id"])
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("ghost", office.chat_id, 999)
    document = await bot.send_document(office.chat_id, b"%PDF", filename="a.pdf")
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("text", office.chat_id, document.message_id)


async def test_delete_rights(bot, client, office):
    theirs = await client.send_message(office.chat_id, office.ravi["id"], "off-topic")
    mine = await bot.send_message(office.chat_id, "notice")
    await client.set_bot_rights(office.chat_id, admin=True, rights={"can_delete_messages": False}, by=office.asha["id"])
    with pytest.raises(BadRequest, match="Message can't be deleted"):
        await bot.delete_message(office.chat_id, theirs["message_id"])
    await bot.delete_message(office.chat_id, mine.message_id)  # its own, always
    await client.set_bot_rights(office.chat_id, admin=True, by=office.asha["id"])
    await bot.delete_message(office.chat_id, theirs["message_id"])
    assert await client.deleted_message_ids(office.chat_id) == [theirs["message_id"], mine.message_id]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(office.chat_id, theirs["message_id"])
    kept = {m["message_id"]: m["deleted"] for m in await client.messages(office.chat_id)}
    assert kept[theirs["message_id"]] is True


async def test_delete_messages_skips_missing_ones(bot, client, office):
    a = await client.send_message(office.chat_id, office.ravi["id"], "a")
    b = await client.send_message(office.chat_id, office.ravi["id"], "b")
    assert await bot.delete_messages(office.chat_id, [a["message_id"], 999, b["message_id"]])
    assert await client.deleted_message_ids(office.chat_id) == [a["message_id"], b["message_id"]]


async def test_private_chat_deletes_both_ways(bot, client, office):
    started = await client.start_bot(office.ravi["id"])
    await bot.delete_message(office.ravi["id"], started["message_id"])
    assert await client.deleted_message_ids(office.ravi["id"]) == [started["message_id"]]


async def test_pin_needs_the_right(bot, client, office):
    sent = await bot.send_message(office.chat_id, "Office timings: 10:30 to 18:10")
    await bot.pin_chat_message(office.chat_id, sent.message_id)
    assert (await bot.get_chat(office.chat_id)).pinned_message.message_id == sent.message_id
    assert (await client.messages(office.chat_id))[-1]["pinned_message"]["message_id"] == sent.message_id
    await client.set_bot_rights(office.chat_id, admin=True, rights={"can_pin_messages": False}, by=office.asha["id"])
    with pytest.raises(BadRequest, match="Not enough rights to manage pinned messages in the chat"):
        await bot.unpin_chat_message(office.chat_id, sent.message_id)


async def test_documents_both_ways(bot, client, office):
    sent = await bot.send_document(office.chat_id, b"%PDF-1.4 circular", filename="circular.pdf", caption="<b>Circular</b>", parse_mode="HTML")
    assert (sent.document.file_name, sent.document.mime_type, sent.caption) == ("circular.pdf", "application/pdf", "Circular")
    assert await client.file_content(sent.document.file_id) == b"%PDF-1.4 circular"
    theirs = await client.send_document(office.chat_id, office.ravi["id"], file_name="7-12.pdf", content=b"%PDF extract", caption="my extract")
    downloaded = await (await bot.get_file(theirs["document"]["file_id"])).download_as_bytearray()
    assert bytes(downloaded) == b"%PDF extract"
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(office.chat_id, "no-such-file-id")


async def test_users_post_photos_contacts_and_forwards(bot, client, office):
    ravi = office.ravi["id"]
    channel = await client.create_channel("Collector Gandhinagar", creator_id=office.asha["id"])
    photo = await client.send_photo(office.chat_id, ravi, caption="site visit")
    own = await client.send_contact(office.chat_id, ravi, phone_number="+919812345678", first_name="Ravi", contact_user_id=ravi)
    card = await client.send_contact(office.chat_id, ravi, phone_number="+919800000000", first_name="Kaka", forwarded_from=office.asha["id"])
    from_user = await client.forward_message(office.chat_id, ravi, "fwd", origin_user_id=office.asha["id"])
    hidden = await client.forward_message(office.chat_id, ravi, "fwd", origin_name="Anonymous Talati")
    from_channel = await client.forward_message(office.chat_id, ravi, "fwd", origin_chat_id=channel["id"], origin_message_id=7)
    updates = {u.message.message_id: u.message for u in await bot.get_updates() if u.message}
    assert updates[photo["message_id"]].photo[-1].width == 1280
    assert updates[own["message_id"]].contact.user_id == ravi
    assert updates[card["message_id"]].forward_origin.sender_user.id == office.asha["id"]
    assert updates[from_user["message_id"]].forward_origin.type == "user"
    assert updates[hidden["message_id"]].forward_origin.sender_user_name == "Anonymous Talati"
    assert (updates[from_channel["message_id"]].forward_origin.chat.id, updates[from_channel["message_id"]].forward_origin.message_id) == (channel["id"], 7)


async def test_a_forward_carries_its_original_date_as_telegram_gives_it(bot, client, office):
    # A directive of 1 March 2025, 10:30 IST (05:00 UTC), forwarded today.
    old = 1740805200
    forwarded = await client.forward_message(office.chat_id, office.ravi["id"], "old directive",
                                             origin_user_id=office.asha["id"], origin_date=old)
    [update] = [u for u in await bot.get_updates() if u.message and u.message.message_id == forwarded["message_id"]]
    origin = update.message.forward_origin
    assert (origin.type, origin.sender_user.id, int(origin.date.timestamp())) == ("user", office.asha["id"], old)
    assert forwarded["forward_origin"]["date"] == old
    with pytest.raises(SandboxError, match="not a Unix time in the past"):
        await client.forward_message(office.chat_id, office.ravi["id"], "from the future",
                                     origin_name="Someone", origin_date=forwarded["date"] + 3600)


async def test_users_edit_only_their_own_messages(bot, client, office):
    sent = await client.send_message(office.chat_id, office.ravi["id"], "draft")
    with pytest.raises(SandboxError, match="did not send"):
        await client.edit_message(office.chat_id, sent["message_id"], office.asha["id"], "not yours")
    edited = await client.edit_message(office.chat_id, sent["message_id"], office.ravi["id"], "final")
    assert edited["text"] == "final" and "edit_date" in edited
