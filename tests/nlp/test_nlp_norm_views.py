"""The classifier reads a message's sentences from slices of the message's NORM ids (nlp.pipeline.NormArray),
not from a Doc built per sentence: the scores must be those of a Doc of the sentence's words."""
from __future__ import annotations

import pytest
from spacy.attrs import NORM
from spacy.tokens import Doc

from nlp.decision import segments
from nlp.pipeline import NormArray

LONG_UPDATE = ("Good morning all, rainfall in Sanand was 42 mm overnight and every road is open again.\n"
               "સાહેબશ્રી, આજે સાંજે 5 વાગ્યા સુધીમાં તમામ મામલતદારોએ નુકસાનનો અહેવાલ મોકલવો.\n"
               "Also, not for circulation: the dr4ft jantri proposes a 30% increase for commercial plots.")


def test_a_sentence_scored_from_a_slice_scores_as_a_doc_of_its_words(content_filter):
    text = content_filter._normalise(LONG_UPDATE).text
    doc = content_filter.nlp.tokenizer(text)
    ids = doc.to_array([NORM])
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in segments(text)]
    assert len(spans) == 3
    textcat = content_filter._textcat
    from_words = textcat.predict([Doc(content_filter.nlp.vocab, words=[t.text for t in span]) for span in spans])
    from_slices = textcat.predict([NormArray(ids[span.start:span.end]) for span in spans])
    assert from_slices.tolist() == from_words.tolist()
    # One sentence alone takes spaCy's own path through the classifier (one document): the same scores.
    assert textcat.predict([NormArray(ids[spans[1].start:spans[1].end])]).tolist() == from_words[1:2].tolist()


def test_a_whole_message_scores_alike_from_its_doc_and_from_its_ids(content_filter):
    texts = ["Send the relief figures by 5 pm.", "ખાનગી: ટેન્ડરના દર કોઈને આપવા નહીં.", "Noted sir"]
    docs = [content_filter.nlp.tokenizer(t) for t in texts]
    textcat = content_filter._textcat
    views = [NormArray(d.to_array([NORM])) for d in docs]
    assert textcat.predict(views).tolist() == textcat.predict(docs).tolist()


def test_a_norm_array_gives_only_norm():
    import numpy

    view = NormArray(numpy.arange(3, dtype="uint64"))
    assert len(view) == 3
    with pytest.raises(ValueError):
        view.to_array(["ORTH"])
