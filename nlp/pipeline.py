"""The Samvad spaCy pipeline: tokenizer, rule components and a small
multi-label text classifier whose features are NORM n-grams (and, behind `SUBWORDS`, pieces of the NORM words)."""
from __future__ import annotations

import hashlib
import re
from functools import cache, partial
from pathlib import Path
from typing import cast

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.ml.extract_ngrams import extract_ngrams
from spacy.ml.models.textcat import resize_and_set_ref
from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, with_cpu
from thinc.layers.resizable import resizable, resize_linear_weighted

import nlp.components  # noqa: F401 - registers the rule components
from nlp.lang import LANG
from nlp.verdict import LABELS

TEXTCAT = "textcat_multilabel"
PACKAGED_MODEL = Path(__file__).resolve().parent / "model"
HASH_LENGTH = 2**17
# How many whitespace-separated chunks ("report.", "બેઠકમાં") the tokenizer remembers the tokens of. Past spaCy's
# default, 10,000 (nearly half of it the lexicons' own phrases, 4,561 chunks, tokenized when the pipeline is
# built), every chunk not remembered goes through the prefix, suffix and infix searches again, message after
# message: the bot meets that within its first few thousand messages. An entry is a pointer per token (about
# 60 bytes with the map's slot), less than the lexeme and string that each new word adds to the vocabulary
# anyway, which spaCy keeps for good.
TOKENIZER_CACHE = 250_000

# Subword evidence in the classifier's bag (issue 12, char12m; /work/notes/rule13.md), beside the NORM unigrams and
# bigrams: "" none (the packaged model), "S" each word's first 4 and last 3 characters (words of 5+), "C" the
# character trigrams of "<" + word + ">" (words of 4+), "R" the consonant skeleton of each a-z word of 4+ in a
# romanised Gujarati or Hindi document (rule20, `romanised_skeleton`). Read when a pipeline is built
# (`build_pipeline`); a saved model keeps its own setting in its config. Off: the grouped CV found no candidate that
# met rule13 (nlp/README.md).
SUBWORDS = ""
SUBWORD_KINDS = ("", "S", "C", "R")
# Pieces are counted only for words with at least this many characters (code points, after NORM).
STEM_MIN_CHARS = 5
TRIGRAM_MIN_CHARS = 4
SKELETON_MIN_CHARS = 4
SKELETON_MIN_LENGTH = 3
# A document is romanised Gujarati or Hindi when at least this many of its words are their function words.
ROMANISED_MIN_MARKERS = 2
_ASCII_WORD = re.compile(r"[a-z][a-z]*")
_SKELETON_FOLDS = (
    (re.compile("ph"), "f"), (re.compile("w"), "v"), (re.compile("z"), "j"), (re.compile("q"), "k"),
    (re.compile("ck"), "k"), (re.compile("c(?!h)"), "k"), (re.compile("(?<=[kgcjtdpbs])h"), ""),
    (re.compile("y"), "i"), (re.compile(r"(.)\1+"), r"\1"),
)
_VOWELS = re.compile("[aeiou]")


def romanised_skeleton(word: str) -> str:
    """The consonant skeleton of a romanised word, which its common spellings share (rule20): ph/f, w/v, z/j,
    q/c/ck/k, aspirates (bh, ch, sh, th...) without their h, y as i, doubled letters single; then the first letter
    and the consonants after it. gopniya and gopaniya give "gpn", bhrashtachar and bhrastachaar "brstcr"."""
    for pattern, replacement in _SKELETON_FOLDS:
        word = pattern.sub(replacement, word)
    return word[:1] + _VOWELS.sub("", word[1:])


def _spacy_extract_ngrams(model: Model, docs, is_train: bool):
    from spacy.ml.extract_ngrams import forward

    return forward(model, docs, is_train)


class NormArray:
    """What the classifier reads of a document: its tokens' NORM ids (as `Doc.to_array([NORM])` gives them)
    and its length. Made once per message (`ContentFilter.annotate`); a sentence of a long message is a
    slice of its message's array, not a Doc of its own."""

    __slots__ = ("array",)

    def __init__(self, array) -> None:
        self.array = array

    def __len__(self) -> int:
        return int(self.array.shape[0])

    def to_array(self, attrs) -> object:
        """The NORM ids (the only attribute kept)."""
        if list(attrs) != [NORM]:
            raise ValueError(f"a NormArray holds NORM only, not {attrs!r}")
        return self.array


def _piece_key(namespace: bytes, piece: str) -> int:
    """A subword piece's feature key: a 64-bit hash of its own (blake2b personalised by `namespace`), apart from
    spaCy's keys of NORM strings and of their bigrams."""
    return int.from_bytes(hashlib.blake2b(piece.encode("utf-8", "surrogatepass"), digest_size=8,
                                          person=namespace).digest(), "little")


def subword_pieces(kind: str, norm: str) -> list[tuple[bytes, str]]:
    """The pieces of one NORM word that `kind` adds to the bag, as (namespace, piece): nothing for a word without
    a letter or shorter than the kind's minimum."""
    if not kind or not any(c.isalpha() for c in norm):
        return []
    if kind == "S":
        if len(norm) < STEM_MIN_CHARS:
            return []
        return [(b"samvad-prefix4", norm[:4]), (b"samvad-suffix3", norm[-3:])]
    if kind == "C":
        if len(norm) < TRIGRAM_MIN_CHARS:
            return []
        marked = f"<{norm}>"
        return [(b"samvad-trigram", marked[i:i + 3]) for i in range(len(marked) - 2)]
    if kind == "R":
        if len(norm) < SKELETON_MIN_CHARS or not _ASCII_WORD.fullmatch(norm):
            return []
        skeleton = romanised_skeleton(norm)
        return [(b"samvad-skeleton", skeleton)] if len(skeleton) >= SKELETON_MIN_LENGTH else []
    raise ValueError(f"unknown subword kind {kind!r}; one of {SUBWORD_KINDS}")


class SubwordKeys(dict):
    """NORM id -> the feature keys of its word's pieces (a tuple, empty for most short words), worked out once per
    word and kept: the map from a NORM string to its pieces does not depend on the pipeline, since an id is the
    hash of its string. `stores`: the StringStores of the pipelines that use the map (`give_strings`), where a
    NORM id's string is looked up; a word a pipeline tokenized has its NORM string in that pipeline's store."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.stores: list = []

    def __missing__(self, norm_id: int) -> tuple[int, ...]:
        for strings in reversed(self.stores):
            if norm_id in strings:
                norm = strings[norm_id]
                break
        else:
            raise KeyError(f"NORM id {norm_id} is in none of the classifier's pipelines' strings")
        keys = tuple(_piece_key(namespace, piece) for namespace, piece in subword_pieces(self.kind, norm))
        self[norm_id] = keys
        return keys


_SUBWORD_KEYS: dict[str, SubwordKeys] = {}


def subword_keys(kind: str) -> SubwordKeys:
    """The process's one map of NORM ids to piece keys for `kind`."""
    if kind not in _SUBWORD_KEYS:
        _SUBWORD_KEYS[kind] = SubwordKeys(kind)
    return _SUBWORD_KEYS[kind]


def extract_ngrams_batched(ngram_size: int, attr: int, subwords: str = "") -> Model:
    """spaCy's `extract_ngrams` (unigrams and bigrams of `attr`, counted per doc), computed for the
    whole batch in a few array operations instead of five per document: the same keys, in the same
    order, with the same counts. With `subwords` ("S" or "C", see SUBWORDS) the NORM words' pieces are
    counted in the same bag, keyed apart."""
    if subwords not in SUBWORD_KINDS:
        raise ValueError(f"unknown subword kind {subwords!r}; one of {SUBWORD_KINDS}")
    if ngram_size != 2:
        if subwords:
            raise ValueError("subword pieces need ngram_size 2")
        return extract_ngrams(ngram_size, attr=attr)
    model: Model = Model("extract_ngrams_batched", _batched_forward)
    model.attrs["attr"] = attr
    model.attrs["ngram_size"] = ngram_size
    model.attrs["subwords"] = subwords
    return model


def _batched_forward(model: Model, docs, is_train: bool):
    import numpy

    ops = model.ops
    attr = model.attrs["attr"]
    subwords = model.attrs.get("subwords", "")
    if len(docs) == 1 and not subwords:
        # One message (`check`): spaCy's own per-document path has fewer array operations.
        return _spacy_extract_ngrams(model, docs, is_train)
    # One attribute: to_array gives one dimension. A NormArray (see above) holds the NORM ids already.
    arrays = [doc.array if type(doc) is NormArray and attr == NORM else doc.to_array([attr]) for doc in docs]
    sizes = numpy.fromiter((a.shape[0] for a in arrays), dtype="int64", count=len(arrays))
    unigrams = numpy.concatenate(arrays) if arrays else numpy.zeros((0,), dtype="uint64")
    doc_of = numpy.repeat(numpy.arange(len(arrays), dtype="int64"), sizes)
    if unigrams.shape[0] > 1:
        # thinc types its arrays (Ints1d, Floats1d) apart from numpy's ndarray, though on CPU they are ndarrays
        # (the ignores here and in the two returns below).
        bigrams = numpy.asarray(ops.ngrams(2, unigrams))  # type: ignore[arg-type]
        # A pair that spans two documents is no bigram of either.
        keep = doc_of[:-1] == doc_of[1:]
        keys = numpy.concatenate([unigrams, bigrams[keep]])
        owners = numpy.concatenate([doc_of, doc_of[:-1][keep]])
    else:
        keys, owners = unigrams, doc_of
    if subwords and unigrams.shape[0]:
        pieces, piece_owners = _piece_keys(subword_keys(subwords), unigrams, doc_of)
        if pieces.shape[0]:
            keys = numpy.concatenate([keys, pieces])
            owners = numpy.concatenate([owners, piece_owners])
    # Sorted by document, then key: the keys sorted first (quicksort; equal keys of one document are merged
    # below, so their order does not matter), then a stable sort by document (a radix sort on small integers).
    # The same order as numpy.lexsort((keys, owners)), in about half the time.
    by_key = numpy.argsort(keys)
    small = owners.astype(numpy.uint16) if len(arrays) <= 0xFFFF else owners
    order = by_key[numpy.argsort(small[by_key], kind="stable")]
    keys, owners = keys[order], owners[order]
    if keys.shape[0]:
        starts = numpy.flatnonzero(numpy.concatenate([[True], (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])]))
        counts = numpy.diff(numpy.append(starts, keys.shape[0]))
        keys, owners = keys[starts], owners[starts]
    else:
        counts = numpy.zeros((0,), dtype="int64")
    lengths = ops.asarray(numpy.bincount(owners, minlength=len(arrays)), dtype="int32")  # type: ignore[arg-type]

    def backprop(dY):
        return []

    return (ops.asarray(keys), ops.asarray(counts, dtype="f"), lengths), backprop  # type: ignore[arg-type]


@cache
def romanised_marker_ids():
    """The NORM ids of the romanised function words (a NORM id is the hash of its string; such a word's NORM is
    itself), sorted, for `numpy.isin`; worked out once."""
    import numpy
    from spacy.strings import get_string_id

    from nlp.language import ROMANISED_FUNCTION_WORDS

    return numpy.array(sorted(get_string_id(w) for w in ROMANISED_FUNCTION_WORDS), dtype="uint64")


def romanised_words(unigrams, doc_of):
    """Which of a batch's words (NORM ids, with the document of each) stand in a romanised Gujarati or Hindi
    document: one with ROMANISED_MIN_MARKERS or more of their function words."""
    import numpy

    markers = numpy.isin(unigrams, romanised_marker_ids())
    per_doc = numpy.bincount(doc_of[markers], minlength=int(doc_of[-1]) + 1 if doc_of.shape[0] else 0)
    return (per_doc >= ROMANISED_MIN_MARKERS)[doc_of]


def _piece_keys(keys_of: SubwordKeys, unigrams, doc_of):
    """The piece keys of a batch's words (`unigrams`: their NORM ids, in order) and the document of each. Skeletons
    ("R") only for the words of romanised documents."""
    import numpy

    if keys_of.kind == "R":
        keep = romanised_words(unigrams, doc_of)
        unigrams, doc_of = unigrams[keep], doc_of[keep]
    per_word = list(map(keys_of.__getitem__, unigrams.tolist()))
    sizes = numpy.fromiter(map(len, per_word), dtype="int64", count=len(per_word))
    total = int(sizes.sum())
    flat = numpy.fromiter((k for ks in per_word for k in ks), dtype="uint64", count=total)
    return flat, numpy.repeat(doc_of, sizes)


@registry.architectures("samvad.TextCatBOW.v1")
def build_norm_bow(
    exclusive_classes: bool, ngram_size: int, no_output_layer: bool, length: int = HASH_LENGTH, nO: int | None = None,
    subwords: str = "",
) -> Model:
    """spaCy's bag-of-n-grams classifier, keyed on NORM (undone evasions, stemmed Gujarati) instead of ORTH; with
    `subwords` ("S", "C"; see SUBWORDS), the NORM words' pieces in the same bag. The pieces' keys need the
    pipeline's strings: `build_pipeline` and `load_pipeline` give them (`give_strings`)."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill_defaults: dict[str, float] = {"b": 0, "W": 0}
    with Model.define_operators({">>": chain}):
        output_layer = None
        if not no_output_layer:
            fill_defaults["b"] = -10.0
            output_layer = Logistic()
        resizable_layer: Model = resizable(
            sparse_linear, resize_layer=partial(resize_linear_weighted, fill_defaults=fill_defaults)
        )
        model = extract_ngrams_batched(ngram_size, attr=NORM, subwords=subwords) >> resizable_layer
        model = with_cpu(model, model.ops)
        if output_layer:
            model = model >> with_cpu(output_layer, output_layer.ops)
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model


TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "samvad.TextCatBOW.v1",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": HASH_LENGTH,
    },
}


def textcat_config(subwords: str | None = None) -> dict:
    """TEXTCAT_CONFIG with the classifier's subword setting (SUBWORDS unless given); none is the packaged model's
    config as it was before the setting existed."""
    kind = SUBWORDS if subwords is None else subwords
    if not kind:
        return TEXTCAT_CONFIG
    model = cast(dict, TEXTCAT_CONFIG["model"])
    return {**TEXTCAT_CONFIG, "model": {**model, "subwords": kind}}


def build_pipeline(with_classifier: bool = True, subwords: str | None = None) -> Language:
    """A fresh, untrained pipeline (rules work at once; the classifier needs training). `subwords`: the
    classifier's subword pieces (SUBWORDS unless given)."""
    pipeline = _remember_chunks(_norm_only(spacy.blank(LANG)))
    pipeline.add_pipe("samvad_identifiers")
    pipeline.add_pipe("samvad_lexicon_rules")
    if with_classifier:
        # spaCy types every pipe as Callable[[Doc], Doc]; this name makes a multi-label text categoriser.
        textcat = cast(MultiLabel_TextCategorizer, pipeline.add_pipe(TEXTCAT, config=textcat_config(subwords)))
        for label in LABELS:
            textcat.add_label(label)
    return give_strings(pipeline)


def give_strings(pipeline: Language) -> Language:
    """The classifier's piece map reads NORM strings from the pipeline's StringStore (an id is the hash of its
    string, so the map holds for any pipeline)."""
    if TEXTCAT not in pipeline.pipe_names:
        return pipeline
    for node in pipeline.get_pipe(TEXTCAT).model.walk():  # type: ignore[attr-defined]
        kind = node.attrs.get("subwords", "") if node.name == "extract_ngrams_batched" else ""
        if kind:
            stores = subword_keys(kind).stores
            if not any(strings is pipeline.vocab.strings for strings in stores):
                stores.append(pipeline.vocab.strings)
    return pipeline


def load_pipeline(model_dir: Path | None = None) -> Language:
    """Load a saved pipeline (the packaged one by default); nothing is downloaded."""
    from nlp.errors import ModelNotFoundError

    path = Path(model_dir) if model_dir is not None else PACKAGED_MODEL
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(f"no trained pipeline at {path}; run `samvad nlp train`")
    return give_strings(_remember_chunks(_norm_only(spacy.load(path))))


def _remember_chunks(pipeline: Language) -> Language:
    """The tokenizer remembers up to TOKENIZER_CACHE chunks' tokens (the same tokens, without the affix searches)."""
    # (The Cython class has the attribute; Language types its tokenizer as a callable.)
    pipeline.tokenizer.max_cache_size = TOKENIZER_CACHE  # type: ignore[union-attr]
    return pipeline


def _norm_only(pipeline: Language) -> Language:
    """New lexemes made with their NORM only. spaCy would also work out some twenty lexical attributes of each
    new word (shape, prefix, suffix, like_num, like_url, ...) and store their strings, which nothing here reads
    (the lexicon matcher and the classifier read NORM, the rules read the text): that took a third of the time
    of a message whose words the process had not seen yet."""
    # (spaCy's NORM getter: `samvad_norm` behind its table of punctuation and currency norms.)
    # (Vocab's stub does not declare the attribute, which the Cython class has.)
    pipeline.vocab.lex_attr_getters = {NORM: pipeline.vocab.lex_attr_getters[NORM]}  # type: ignore[attr-defined]
    return pipeline
