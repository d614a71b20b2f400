"""Members post real files: multipart uploads, photos kept in Telegram's sizes, getFile and its 20 MB limit."""

from __future__ import annotations

import io

import aiohttp
import pytest
from PIL import Image
from telegram.error import BadRequest

from sandbox.client import SandboxError


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 30, 30)).save(out, "JPEG")
    return out.getvalue()


async def test_a_photo_is_kept_in_telegrams_sizes_and_downloads_as_jpeg(bot, client, office):
    posted = await client.send_photo(office.chat_id, office.ravi["id"], content=_jpeg(3000, 2000), caption="site")
    sizes = posted["photo"]
    assert [max(s["width"], s["height"]) for s in sizes] == [90, 320, 800, 1280, 2560]
    assert (sizes[-1]["width"], sizes[-1]["height"]) == (2560, 1707)
    largest = await bot.get_file(sizes[-1]["file_id"])
    assert "/file/bot" in largest.file_path and "/photos/file_" in largest.file_path  # PTB adds the file URL
    assert largest.file_path.endswith(".jpg")
    data = bytes(await largest.download_as_bytearray())
    assert len(data) == sizes[-1]["file_size"] == largest.file_size
    assert Image.open(io.BytesIO(data)).size == (2560, 1707)


async def test_a_small_photo_is_not_enlarged(client, office):
    posted = await client.send_photo(office.chat_id, office.ravi["id"], content=_jpeg(300, 200))
    assert [(s["width"], s["height"]) for s in posted["photo"]] == [(90, 60), (300, 200)]


async def test_photos_telegram_would_refuse_are_refused(client, office):
    with pytest.raises(SandboxError, match="IMAGE_PROCESS_FAILED"):
        await client.send_photo(office.chat_id, office.ravi["id"], content=b"not an image")
    with pytest.raises(SandboxError, match="PHOTO_INVALID_DIMENSIONS"):
        await client.send_photo(office.chat_id, office.ravi["id"], content=_jpeg(4000, 100))


async def test_a_document_is_uploaded_as_a_form_and_downloaded_through_get_file(bot, client, office, server):
    form = aiohttp.FormData()
    form.add_field("user_id", str(office.ravi["id"]))
    form.add_field("caption", "the 7/12 extract")
    form.add_field("file", b"%PDF-1.4 extract", filename="7-12.pdf", content_type="application/pdf")
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{server.base_url}/sandbox/chats/{office.chat_id}/documents", data=form) as answer:
            posted = (await answer.json())["result"]
    document = posted["document"]
    assert (document["file_name"], document["mime_type"], document["file_size"]) == ("7-12.pdf", "application/pdf", 16)
    assert document["file_id"] != document["file_unique_id"]
    file = await bot.get_file(document["file_id"])
    assert "/documents/file_" in file.file_path and file.file_path.endswith(".pdf")
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 extract"


async def test_get_file_refuses_files_over_twenty_megabytes_as_telegram_does(bot, client, office):
    posted = await client.send_document(office.chat_id, office.ravi["id"], file_name="big.pdf",
                                        content=b"%PDF" + b"0" * (20 * 1024 * 1024))
    assert posted["document"]["file_size"] == 20 * 1024 * 1024 + 4
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(posted["document"]["file_id"])


async def test_the_bot_sends_a_photo_by_upload_or_by_file_id(bot, client, office):
    theirs = await client.send_photo(office.chat_id, office.ravi["id"], content=_jpeg(1000, 800))
    again = await bot.send_photo(office.chat_id, theirs["photo"][-1]["file_id"], caption="restored")
    assert (again.photo[-1].width, again.photo[-1].height, again.caption) == (1000, 800, "restored")
    uploaded = await bot.send_photo(office.chat_id, _jpeg(200, 100))
    assert [(p.width, p.height) for p in uploaded.photo] == [(90, 45), (200, 100)]
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(office.chat_id, "no-such-file-id")
