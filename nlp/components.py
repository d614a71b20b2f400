"""spaCy components: identifier recognisers and lexicon rules.

Both write evidence as (label, start, end, score, reason_code) tuples, in
offsets of the text the pipeline saw (the normalised text), to
`doc.user_data["samvad_evidence"]` (read it with `evidence_of`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter
from typing import Any, cast

from spacy.attrs import IDX, LENGTH, NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from nlp.imperatives import imperative_spans
from nlp.language import detect_language
from nlp.lexicons import all_cues
from nlp.names import find_person_names
from nlp.normalise import normalise
from nlp.recognisers import Allowlist, build_recognisers, find_identifiers
from nlp.rules import REGEX_CUES, REGEX_HINTS, RULES, STATE_CODE, STATE_CODES, Rule, has_any, number_cues
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS

# Evidence lives in doc.user_data (not a Doc extension: it is read for every message).
EVIDENCE_KEY = "samvad_evidence"

Span = tuple[int, int]
RawEvidence = tuple[str, int, int, float, str]
# A lexicon match: (cue class, first token, token after the last, start character, end character).
Match = tuple[str, int, int, int, int]


TEXT_KEY = "samvad_text"
CUES_KEY = "samvad_cues"
# The tokens' NORM ids (`Doc.to_array([NORM])`, a 1-D uint64 array): taken with the offsets the cues need, in one
# call, and kept for the classifier (`ContentFilter.annotate`), which reads nothing else of a Doc.
NORMS_KEY = "samvad_norms"
_ARRAY_ATTRS = [NORM, IDX, LENGTH]
# Cue classes whose rules ask whether a person is named nearby.
_NEEDS_PERSON = frozenset(
    {"pd_health", "pd_caste_religion", "pd_criminal", "pd_dispute", "pd_welfare", "pd_address",
     "conf_inquiry", "host_defame", "host_abuse_mild", "host_group"}  # fmt: skip
)


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc (spaCy rebuilds it from the tokens on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _add(doc: Doc, items: list[RawEvidence]) -> None:
    if items:
        doc.user_data.setdefault(EVIDENCE_KEY, []).extend(items)


def _token_offsets(doc: Doc, matches: list[tuple[str, int, int]]) -> dict[int, tuple[int, int]]:
    """(start, end) characters of the tokens that open or close a match: a handful, not the whole doc.

    The offsets come from one `to_array` of the doc (cheaper than a Token object per token), whose NORM
    column is kept in `doc.user_data[NORMS_KEY]` for the classifier."""
    array = doc.to_array(_ARRAY_ATTRS)
    doc.user_data[NORMS_KEY] = array[:, 0].copy()
    starts, lengths = array[:, 1].tolist(), array[:, 2].tolist()
    out = {}
    for _, s, e in matches:
        out[s] = (starts[s], starts[s] + lengths[s])
        e -= 1
        out[e] = (starts[e], starts[e] + lengths[e])
    return out


_END = itemgetter(1)


def _extents(found: dict[str, list[Span]]) -> dict[str, Span]:
    """Where each cue class found first starts and last ends."""
    out = {}
    for cls, spans in found.items():
        if len(spans) == 1:
            out[cls] = spans[0]
        elif spans:
            # min() of the (start, end) pairs has the least start.
            out[cls] = (min(spans)[0], max(map(_END, spans)))
    return out


def evidence_of(doc: Doc) -> list[RawEvidence]:
    """The raw evidence the components left on `doc`."""
    return doc.user_data.get(EVIDENCE_KEY, [])


class IdentifierRecogniser:
    """Finds Indian identifiers with validation; roster numbers and official domains are skipped."""

    def __init__(self, nlp: Language, name: str, official_email_domains: list[str]) -> None:
        self.name = name
        self.set_allowlist(Allowlist.build((), official_email_domains))

    def set_allowlist(self, allowlist: Allowlist) -> None:
        """Replace the official numbers and domains."""
        self.allowlist = allowlist
        self.recognisers = build_recognisers(allowlist)

    def __call__(self, doc: Doc) -> Doc:
        _add(doc, self.evidence(doc_text(doc)))
        return doc

    def evidence(self, text: str, spans: list[Span] | None = None) -> list[RawEvidence]:
        """The identifiers in normalised `text`, as evidence (`spans`: its runs of digits, when the caller has them)."""
        found = find_identifiers(self.recognisers, text, spans)
        return [("personal_data", f.start, f.end, f.score, f.reason_code) for f in found]

    def to_disk(self, path, exclude=()) -> None:  # noqa: D102 - the roster is runtime state, not model state
        pass

    def from_disk(self, path, exclude=()) -> IdentifierRecogniser:  # noqa: D102
        return self

    def to_bytes(self, exclude=()) -> bytes:  # noqa: D102
        return b""

    def from_bytes(self, data: bytes, exclude=()) -> IdentifierRecogniser:  # noqa: D102
        return self


class LexiconRules:
    """Matches the cue lexicons on NORM and applies `nlp.rules.RULES`."""

    def __init__(self, nlp: Language, name: str, rules: Iterable[Rule] = RULES) -> None:
        self.name = name
        self.rules = tuple(rules)
        self.rule_index = index_rules(self.rules)
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        separator = nlp.vocab[SEPARATOR].norm
        for cue_class, phrases in all_cues().items():
            docs = [nlp.make_doc(normalise(p).text) for p in phrases]
            if any(separator == token.norm for d in docs for token in d):
                # tokenize_many joins a batch's messages with it: a phrase across two messages would match.
                raise ValueError(f"a phrase of {cue_class} holds a line break")
            self.matcher.add(cue_class, [d for d in docs if len(d)])
        self.class_names = {nlp.vocab.strings.add(name): name for name in all_cues()}

    def cues(self, doc: Doc) -> dict[str, list[Span]]:
        """Each cue class found in `doc` with its character spans."""
        names = self.class_names
        matches = [(names[m], s, e) for m, s, e in self.matcher(doc)]
        located: list[Match] = []
        if matches:
            offsets = _token_offsets(doc, matches)
            located = [(cls, s, e, offsets[s][0], offsets[e - 1][1]) for cls, s, e in matches]
        return self.cues_of(doc_text(doc), located, len(doc))

    def cues_of(self, text: str, matches: list[Match], n_tokens: int,
                digits: list[Span] | None = None) -> dict[str, list[Span]]:
        """Each cue class found in `text` with its character spans, from the lexicon's matches on its
        `n_tokens` tokens: (cue class, first token, token after the last, start character, end character).
        `digits`: the text's runs of digits (`nlp.recognisers.digit_runs`), when the caller has them."""
        found: dict[str, list[Span]] = defaultdict(list)
        if matches:
            if NEGATABLE.isdisjoint([m[0] for m in matches]):
                # No marking word whose sense a negation or an ordinary use could undo (most messages).
                for cue_class, _, _, start_char, end_char in matches:
                    found[cue_class].append((start_char, end_char))
            else:
                negated = {s for cls, s, _, _, _ in matches if cls == "negation"}
                ordinary = [(s, e) for cls, s, e, _, _ in matches if cls == "conf_ordinary"]
                # A marking directly before a place or a piece of furniture names it.
                ordinary += [(s - 1, e) for cls, s, e, _, _ in matches if cls == "conf_container" and s > 0]
                for cue_class, start, end, start_char, end_char in matches:
                    if cue_class in NEGATABLE and _negated_or_ordinary(start, end, negated, ordinary):
                        continue
                    found[cue_class].append((start_char, end_char))
        if ("conf_marker_weak" in found or "conf_marker" in found) and (heading := REGEX_CUES["conf_heading"].match(text)):
            found["conf_heading"].append((heading.start(), heading.end()))
        lowered = text.lower()
        imperatives = imperative_spans(text, lowered)
        if imperatives:
            found["imperative"] = imperatives
        if digits if digits is not None else REGEX_HINTS["numbers"](text):
            for number_class, start, end in number_cues(text, lowered, digits):
                found[number_class].append((start, end))
            if has_any(text, STATE_CODES, STATE_CODE, lowered):
                plates = [(m.start(), m.end()) for m in REGEX_CUES["plate"].finditer(text)]
                if plates:
                    found["plate"] = plates
        if "designation" in found and (" to " in text or " To " in text):
            to_verb = REGEX_CUES["designation_to"]
            spans = [(s, m.end()) for s, e in found["designation"] if (m := to_verb.match(text, e))]
            # English grammar: romanised Gujarati uses "to" as a particle.
            if spans and detect_language(text) == "en":
                found["designation_to"] = spans
        if not _NEEDS_PERSON.isdisjoint(found):
            people = find_person_names(text, lowered)
            if people:
                found["person"].extend(people)
                # A community name inside a person's name (Mahesh Bharwad) is a surname.
                if "host_group" in found:
                    groups = [g for g in found["host_group"] if not any(s <= g[0] and g[1] <= e for s, e in people)]
                    if groups:
                        found["host_group"] = groups
                    else:
                        del found["host_group"]
        if "?" in text:
            found["question"] = [(m.start(), m.end()) for m in _QUESTION.finditer(text)]
            if "ins_peer_question" in found:
                found["peer_question"] = found["ins_peer_question"]
        if "ins_ack" in found and n_tokens <= 6:
            found["ins_ack_only"] = found["ins_ack"]
        return found

    def __call__(self, doc: Doc) -> Doc:
        found = self.cues(doc)
        if found:
            # Where each cue class first starts and last ends: the decision reads them as features (nlp.decision).
            doc.user_data[CUES_KEY] = _extents(found)
            _add(doc, apply_rules(self.rules, found, self.rule_index))
        return doc

    def annotate(self, text: str, matches: list[Match], n_tokens: int,
                 digits: list[Span] | None = None) -> tuple[dict[str, Span] | None, list[RawEvidence]]:
        """What `__call__` leaves on a doc, for a message tokenized elsewhere (`tokenize_many`): the cue classes'
        extents (None when no cue was found) and the rules' evidence. `digits`: the text's runs of digits
        (`nlp.recognisers.digit_runs`), when the caller has them."""
        found = self.cues_of(text, matches, n_tokens, digits)
        if found:
            return _extents(found), apply_rules(self.rules, found, self.rule_index)
        return None, []

    def to_disk(self, path, exclude=()) -> None:  # noqa: D102 - lexicons are code, not model state
        pass

    def from_disk(self, path, exclude=()) -> LexiconRules:  # noqa: D102
        return self

    def to_bytes(self, exclude=()) -> bytes:  # noqa: D102
        return b""

    def from_bytes(self, data: bytes, exclude=()) -> LexiconRules:  # noqa: D102
        return self


# A label's evidence inside a question counts for this much.
ASKING_DAMPS = {"instruction": 0.35}

# Marking words whose sense a negation ("not confidential") or an ordinary
# use ("the confidential section") undoes.
NEGATABLE = frozenset({"conf_marker", "conf_marker_weak"})


def _negated_or_ordinary(start: int, end: int, negated: set[int], ordinary: list[tuple[int, int]]) -> bool:
    """Token span [start, end) has a negation within 3 tokens before or 2 after, or lies in an ordinary use."""
    if any(s <= start and end <= e for s, e in ordinary):
        return False if not ordinary else True
    return any(start - 3 <= i < start or end <= i < end + 2 for i in negated)


# A sentence that ends in a question mark.
_QUESTION = re.compile(r"[^.!?\u0964\n]*\?")


def _gap(a: Span, b: Span) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def index_rules(rules: tuple[Rule, ...]) -> dict[str, tuple[int, ...]]:
    """For each cue class, the rules (by position) whose first group names it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, rule in enumerate(rules):
        for cls in rule.first_classes:
            index[cls].append(i)
    return {cls: tuple(ids) for cls, ids in index.items()}


def apply_rules(rules: tuple[Rule, ...], found: dict[str, list[Span]],
                index: dict[str, tuple[int, ...]] | None = None) -> list[RawEvidence]:
    """Evidence from every rule whose cue classes co-occur in `found`."""
    evidence: list[RawEvidence] = []
    if index is None:
        index = index_rules(tuple(rules))
    # The rules whose first group a class found names, in the rules' order (each index entry is in that order).
    firsts = [index[cls] for cls in found if cls in index]
    if not firsts:
        return evidence
    candidates = firsts[0] if len(firsts) == 1 else sorted(set().union(*firsts))
    present = found.keys()
    for i in candidates:
        rule = rules[i]
        groups = []
        for group in rule.class_groups:
            if len(group) == 1:
                spans = found.get(group[0])
            elif present.isdisjoint(group):
                break  # (the list of the group's spans would be empty)
            else:
                spans = [s for cls in group for s in found.get(cls, ())]
            if not spans:
                break
            groups.append(spans)
        else:
            if len(groups) == 1:
                # One group: the first occurrence is the span.
                span: tuple[int, int] | None = (groups[0][0][0], groups[0][0][1])
            else:
                span = _first_fit(groups, rule.window)
            if span is None:
                continue
            score = rule.score
            if not present.isdisjoint(rule.unless):
                score *= rule.damp
            if rule.label in ASKING_DAMPS and "question" in present and any(
                q[0] <= span[0] and span[1] <= q[1] for q in found["question"]
            ):
                # Asked, not directed: "Will the VC be at 11 or 11:30?"
                score *= ASKING_DAMPS[rule.label]
            evidence.append((rule.label, span[0], span[1], score, rule.reason_code))
    return evidence


def _first_fit(groups: list[list[Span]], window: int) -> Span | None:
    """The tightest span covering one occurrence per group near the first group's occurrence."""
    for anchor in groups[0]:
        a0, a1 = anchor
        chosen = [anchor]
        for spans in groups[1:]:
            # The first of the spans nearest the anchor (`_gap`, written out), within the window.
            best, best_gap = None, 0
            for s in spans:
                s0, s1 = s
                gap = s0 - a1 if a1 <= s0 else (a0 - s1 if s1 <= a0 else 0)
                if gap <= window and (best is None or gap < best_gap) and s != anchor and s not in chosen:
                    best, best_gap = s, gap
            if best is None:
                break
            chosen.append(best)
        else:
            return min(s[0] for s in chosen), max(s[1] for s in chosen)
    return None


# The messages of a batch are tokenized as one text, joined by this separator (see `tokenize_many`).
SEPARATOR = "\n"
_BATCH_ATTRS = [NORM, IDX, LENGTH]


class _BatchTokens:
    """The token columns of a batch's one Doc, as lists (shared by the batch's `Annotated` messages): where each
    token starts and ends; where its trailing whitespace ends, worked out only when a message is cut into
    sentences (`Annotated.token_span`)."""

    __slots__ = ("idx", "ends", "_size", "_reach")

    def __init__(self, array: Any, size: int) -> None:
        # `array`: the Doc's to_array(_BATCH_ATTRS) columns (NORM, IDX, LENGTH); `size`: the length of its text.
        self.idx: list[int] = array[:, 1].tolist()
        self.ends: list[int] = (array[:, 1] + array[:, 2]).tolist()
        self._size = size
        self._reach: list[int] | None = None

    @property
    def reach(self) -> list[int]:
        """Where each token's trailing whitespace ends (its end when it has none): where the next token starts, or
        the end of the text for the last (a Doc's text is its tokens' texts, each with its trailing whitespace, in
        a row). Not read from the Doc's SPACY column: `to_array` costs a call per token per attribute."""
        if self._reach is None:
            self._reach = self.idx[1:] + [self._size] if self.idx else []
        return self._reach


class Annotated:
    """What the filter keeps of one message's tokens instead of a spaCy Doc: the tokens' NORM ids (all the
    classifier reads), their number, and, in `user_data` as on a Doc, the components' evidence and cues."""

    __slots__ = ("user_data", "norms", "_batch", "_first", "_base")

    def __init__(self, norms: Any, batch: _BatchTokens, first: int, base: int) -> None:
        self.user_data: dict[str, Any] = {}
        self.norms = norms
        self._batch, self._first, self._base = batch, first, base

    def __len__(self) -> int:
        return int(self.norms.shape[0])

    def _token_by_char(self, char: int) -> int:
        # spaCy's token_by_char: the token whose characters, or trailing space, hold `char`; -1 if none.
        b, first = self._batch, self._first
        at = self._base + char
        i = bisect_right(b.idx, at, first, first + len(self)) - 1
        if i < first or at >= b.reach[i]:
            return -1
        return i - first

    def token_span(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """`Doc.char_span(start, end, alignment_mode="expand")` of the message's own Doc: (first token, token after
        the last, start character, end character), or None where spaCy gives None."""
        first = self._token_by_char(start)
        if first < 0:
            return None
        last = self._token_by_char(end - 1)
        if last < 0:
            return None
        b, at = self._batch, self._first
        if start == b.ends[at + first] - self._base:
            first += 1  # the trailing whitespace is not the token's
        last += 1
        if last <= first:
            return first, first, 0, 0
        return first, last, b.idx[at + first] - self._base, b.ends[at + last - 1] - self._base


def tokenize_many(tokenizer: Any, matcher: PhraseMatcher, class_names: dict[int, str],
                  texts: list[str]) -> list[tuple[Annotated, list[Match]]]:
    """Each text's tokens and lexicon matches, as a Doc of the text alone and `LexiconRules.cues` would give them,
    worked out with one tokenizer call, one `PhraseMatcher` call and one `to_array` for the whole batch.

    spaCy's tokenizer cuts a text at whitespace and tokenizes each piece on its own (no special cases here), so
    texts joined by a line break, which is a token of its own, give each text's tokens in turn, one break token
    between them. A text that starts or ends with whitespace would share a piece with the break and is tokenized
    alone. A lexicon phrase never holds a line break (`LexiconRules` checks), so no match crosses from one text to the next.
    """
    import numpy

    out: list[tuple[Annotated, list[Match]] | None] = [None] * len(texts)
    joined = [i for i, t in enumerate(texts) if t and not t[0].isspace() and not t[-1].isspace()]
    groups: list[tuple[list[int], str]] = []
    if joined:
        groups.append((joined, SEPARATOR.join(texts[i] for i in joined)))
    if len(joined) < len(texts):
        chosen = set(joined)
        groups += [([i], texts[i]) for i in range(len(texts)) if i not in chosen]
    for members, text in groups:
        doc = tokenizer(text)
        array = doc.to_array(_BATCH_ATTRS) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        batch = _BatchTokens(array, len(text))
        idx, ends = batch.idx, batch.ends
        norms = array[:, 0].copy()
        bases, base = [], 0
        for i in members:
            bases.append(base)
            base += len(texts[i]) + len(SEPARATOR)
        firsts = [bisect_left(idx, b) for b in bases]
        lasts = [bisect_left(idx, b + len(texts[i])) for b, i in zip(bases, members)]
        # One break token between two texts, none after the last.
        if lasts[-1] != len(idx) or any(lasts[k] + 1 != firsts[k + 1] for k in range(len(members) - 1)):
            raise RuntimeError("a batch's texts did not tokenize as the texts alone")
        found: list[list[Match]] = [[] for _ in members]
        k = 0
        # The text the matches come from, its first token, the token after its last, its first character.
        matched, first, last, base = found[0], firsts[0], lasts[0], bases[0]
        for key, s, e in matcher(doc):
            if s >= last:
                while s >= lasts[k]:
                    k += 1
                matched, first, last, base = found[k], firsts[k], lasts[k], bases[k]
            if e > last:  # (LexiconRules keeps line breaks out of its phrases)
                raise RuntimeError("a lexicon match crossed from one text to the next")
            matched.append((class_names[key], s - first, e - first, idx[s] - base, ends[e - 1] - base))
        for k, i in enumerate(members):
            out[i] = (Annotated(norms[firsts[k]:lasts[k]], batch, firsts[k], bases[k]), found[k])
    return cast("list[tuple[Annotated, list[Match]]]", out)


@Language.factory(
    "samvad_identifiers",
    default_config={"official_email_domains": list(OFFICIAL_EMAIL_DOMAINS)},
)
def make_identifier_recogniser(nlp: Language, name: str, official_email_domains: list[str]) -> IdentifierRecogniser:
    """Factory for the identifier recogniser component."""
    return IdentifierRecogniser(nlp, name, official_email_domains)


@Language.factory("samvad_lexicon_rules", default_config={})
def make_lexicon_rules(nlp: Language, name: str) -> LexiconRules:
    """Factory for the lexicon-and-rules component."""
    return LexiconRules(nlp, name)
