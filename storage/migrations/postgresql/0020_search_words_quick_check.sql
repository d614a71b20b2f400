-- 0020: the search words skip NFC normalisation of a text that is NFC already (the same words, cheaper).
--
-- normalize(text, NFC) decomposes and recomposes every character; `text IS NFC NORMALIZED` answers most texts from
-- Unicode's quick-check table and normalises only where that table says "maybe", so it returns true exactly when
-- normalize() would give the text back unchanged. Measured on the 3,880 message texts of a `samvad bench` run
-- (3 Dec 2026, this 2-core VM): samvad_search_words 165-183 ms -> 126-128 ms over them (about 10 us a message
-- less, of about 43), with the same tsvector for every one of them (and for decomposed Latin and Gujarati samples).
-- It is the generated column's expression for messages, edits and attachments, so every stored message pays it.
-- Rows stored before keep their words, which are the same.
CREATE OR REPLACE FUNCTION samvad_search_words(words TEXT) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_tsvector('simple', regexp_replace(CASE WHEN coalesce(words, '') IS NFC NORMALIZED THEN coalesce(words, '')
                                                 ELSE normalize(words, NFC) END,
                                            '[!"#$%&''()*+,./:;<=>?@\[\\\]^_`{|}~-]', ' ', 'g'));
