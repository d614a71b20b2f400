"""HTML and MarkdownV2 to plain text and entities, with offsets in UTF-16 code units."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.errors import ApiError
from sandbox.formatting import render_text
from sandbox.html_entities import HtmlError, parse_html
from sandbox.markdown_entities import RESERVED, parse_markdown_v2
from sandbox.text_entities import Utf16Index, utf16_len


def no_users(user_id: int) -> None:
    return None


def _slices(text: str, entities: list[dict]) -> list[tuple[str, str]]:
    """What each entity covers, cut by UTF-16 offsets as a client would."""
    encoded = text.encode("utf-16-le")
    return [
        (e["type"], encoded[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le"))
        for e in entities
    ]


def test_gujarati_and_emoji_offsets():
    text, entities = render_text(
        "🙏 <b>જમીન</b> <i>રેકર્ડ 📄</i> <s>જૂનું</s>", parse_mode="HTML", entities=None, lookup_user=no_users
    )
    assert text == "🙏 જમીન રેકર્ડ 📄 જૂનું"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 3, 4),
        ("italic", 8, 9),  # six Gujarati code points, a space, a surrogate pair
        ("strikethrough", 18, 5),
    ]
    assert _slices(text, entities) == [("bold", "જમીન"), ("italic", "રેકર્ડ 📄"), ("strikethrough", "જૂનું")]


def test_pre_with_language_is_one_entity():
    text, entities = parse_html('<pre><code class="language-python">print("હા")</code></pre>', no_users)
    assert (text, entities) == ('print("હા")', [{"type": "pre", "offset": 0, "length": 11, "language": "python"}])


def test_spoilers_links_and_character_references():
    text, entities = parse_html(
        '<tg-spoiler>x</tg-spoiler><span class="tg-spoiler">y</span><a href="https://a.in/?p=1&amp;q=2">z</a>&#2768;&#x1F64F;',
        no_users,
    )
    assert text == "xyzૐ🙏"
    assert [e["type"] for e in entities] == ["spoiler", "spoiler", "text_link"]
    assert entities[2]["url"] == "https://a.in/?p=1&q=2"


def test_user_link_to_an_unknown_user_stays_a_link():
    _, entities = parse_html('<a href="tg://user?id=5">someone</a>', no_users)
    assert entities == [{"type": "text_link", "offset": 0, "length": 7, "url": "tg://user?id=5"}]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("ગ <marquee>", 'Unsupported start tag "marquee" at byte offset 4'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;" at byte offset 0'),
    ],
)
def test_html_errors_use_telegrams_wording(source, problem):
    with pytest.raises(HtmlError) as error:
        parse_html(source, no_users)
    assert str(error.value) == problem


def test_surrounding_whitespace_is_trimmed_and_entities_follow():
    text, entities = render_text("  \n<b>હા</b> ", parse_mode="HTML", entities=None, lookup_user=no_users)
    assert (text, entities) == ("હા", [{"type": "bold", "offset": 0, "length": 2}])


def test_markdown_v2_entities_and_escapes():
    text, entities = parse_markdown_v2(
        "*bold _italic_* __under__ ~gone~ ||secret|| `x\\`y` [site](https://a.in/\\)) \\. ```sql\nselect 1\n```",
        no_users,
    )
    assert text == "bold italic under gone secret x`y site . select 1\n"
    assert _slices(text, entities) == [
        ("bold", "bold italic"), ("italic", "italic"), ("underline", "under"), ("strikethrough", "gone"),
        ("spoiler", "secret"), ("code", "x`y"), ("text_link", "site"), ("pre", "select 1\n"),
    ]  # fmt: skip
    assert entities[6]["url"] == "https://a.in/)"
    assert entities[7]["language"] == "sql"


def test_markdown_v2_blockquote_lines():
    text, entities = parse_markdown_v2(">first\n>second\nafter", no_users)
    assert text == "first\nsecond\nafter"
    assert _slices(text, entities) == [("blockquote", "first\nsecond")]


@pytest.mark.parametrize("char", sorted(RESERVED - {"\\"}))
def test_markdown_v2_reserved_characters_must_be_escaped(char):
    source = f"a {char} b"
    with pytest.raises(ApiError, match="can't parse entities"):
        render_text(source, parse_mode="MarkdownV2", entities=None, lookup_user=no_users)
    text, _ = parse_markdown_v2(f"a \\{char} b", no_users)
    assert text == f"a {char} b"


def test_legacy_markdown_is_refused_clearly():
    with pytest.raises(ApiError, match="Markdown \\(legacy\\) is not implemented"):
        render_text("*x*", parse_mode="Markdown", entities=None, lookup_user=no_users)


text_strategy = st.text(
    alphabet=st.sampled_from(list("abc <>&\"'\n") + ["ગ", "ુ", "જ", "🙏", "📄", "ૐ"]), min_size=1, max_size=40
).filter(lambda t: t.strip() == t)


@given(text_strategy)
def test_escaped_text_round_trips_and_bold_covers_it_all(text):
    plain, entities = parse_html(f"<b>{html.escape(text)}</b>", no_users)
    assert plain == text
    assert entities == [{"type": "bold", "offset": 0, "length": utf16_len(text)}]


@given(st.text(max_size=30))
def test_utf16_index_agrees_with_the_encoding(text):
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.offset(i) == len(text[:i].encode("utf-16-le")) // 2
        assert index.index(index.offset(i)) == i
