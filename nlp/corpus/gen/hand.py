"""The hand-written training families (`hand_*`): `hand_written.jsonl`, messages written one at a time.

No templates, no slots, no styles applied, no variants: each line is its own scenario and wording, labelled by
hand (see "The hand-written training families" in nlp/corpus/README.md). When they are trained on,
`python -m nlp.corpus.gen` appends them to train.jsonl verbatim, after the generated families, numbered
`<family>.NNN` in file order; a text already in the corpus stops the build instead of being skipped, so the
generated lines never change because of them.

They are trained on (`IN_TRAIN = True`, acc12j): alone they failed the adoption rule fixed before they were
measured (family-grouped CV on the older families' held-out messages; README); with host12's hostile patterns
(acc12i) every grouped-CV figure of rule10 improved but the retrained model failed one fixed test, which a
decision rule for a marking heading (nlp/decision.py MARKING_HEADING) mends; the three together passed rule10
(nlp/README.md). `python -m nlp.corpus.gen --with-hand --output DIR` still writes a corpus with them, for trials.

The second wave (`hw2_*`, hand_written_2.jsonl, eight writers, 4 December 2026) follows the same rules and is
appended after the first when `IN_TRAIN_2` is on (`--with-second` for a trial corpus); the third (`hw3_*`,
hand_written_3.jsonl, eight writers, 4 December 2026) after the second when `IN_TRAIN_3` is on (`--with-third`);
see `WAVES` below.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HAND = Path(__file__).resolve().parent / "hand_written.jsonl"
PREFIX = "hand_"
# Whether train.jsonl holds them. Setting it True needs a rebuild and a retrain (the packaged model records the
# SHA-256 of the corpus it was trained on).
IN_TRAIN = True

# family -> (side, what it holds), for the README's family table.
FAMILIES: dict[str, tuple[str, str]] = {
    "hand_conf_talk_about": ("confidential-", "talk about confidentiality and the circular, leaks elsewhere, ordinary senses of the words (ખાનગી શાળા, Gupta ji, secret friend); admins' reminders are instruction"),
    "hand_conf_marked": ("confidential+", "a marking (heading, label, 'not for circulation', ગોપનીય, गोपनीय, 'bahar na jay', 'keep this within us') on the content it marks"),
    "hand_conf_unmarked": ("confidential+", "exam papers before the exam, court strategy, vigilance and inquiry findings, unopened bids, draft rates, VIP routes, raids: no marking word"),
    "hand_conf_public": ("confidential-", "the published counterparts: GRs, gazette drafts, bids opened in public, answer keys, court orders, reports sent in sealed cover"),
    "hand_instr_directive": ("instruction+", "directives from a superior to members: deadlines, VCs, control-room staffing, evacuation, minutes with action points, duty charts, relayed standing orders, voice-note orders"),
    "hand_instr_gu_polite": ("instruction+", "Gujarati -વું/-વી/-વા infinitive and -શો/-જો orders, Hindi polite requests, romanised forms"),
    "hand_instr_descriptive": ("instruction-", "the same Gujarati/Hindi forms describing, wishing or asking, directing no one"),
    "hand_info_not_directive": ("instruction-", "acknowledgements, reports of orders carried out, orders reported in the past, bulletins and helplines shared, captions, upward requests, peer questions, advice to the public"),
    "hand_info_more": ("instruction-", "more acknowledgements, leave notes, compliance reports and information"),
    "hand_who_says": ("instruction+-", "a superior's directive beside a subordinate's reply to it, upward requests"),
    "hand_pd_identifiers": ("personal_data+", "Aadhaar (spaced, run together, native digits, far from the word), PAN, EPIC, passport, bank account and IFSC, private mobiles of citizens"),
    "hand_pd_named_sensitive": ("personal_data+", "a named citizen with illness, caste, religion, address, criminal or land dispute, welfare benefit, mostly in Gujarati and Hindi"),
    "hand_pd_official_neg": ("personal_data-", "official CUG, control-room, helpline and office numbers, gujarat.gov.in mail, vehicle lists, firms, 12-digit decoys failing Verhoeff, aggregates, unnamed persons"),
    "hand_host_insinuation": ("hostile+", "insinuated bribery and veiled sarcasm about an identifiable officer or office, no abusive word"),
    "hand_host_enmity_threat": ("hostile+", "enmity towards castes, communities and regions (named or not), forwarded hate, threats of harm and shaming, abuse as address"),
    "hand_host_civil": ("hostile-", "firm criticism, disagreement, lawful appeal, neutral reports of clashes, sincere praise, figurative 'killed'/'war room'"),
    "hand_long_clean": ("all-", "long minutes, tables, forwards, bulletins, situation reports, voice notes and farewells with no label"),
    "hand_long_buried": ("all+", "the same kinds of long message with one violation after ordinary lines"),
    "hand_chat_short": ("all-", "greetings, thanks, condolences, weather and network chatter"),
    "hand_combo": ("all+", "two labels at once"),
    "hand_evasion": ("all+-", "dotted, spaced and digit-for-letter violations beside evasion-styled clean lines"),
}


def described_beside(path: Path) -> dict[str, tuple[str, str]]:
    """A later wave's families, family -> (side, what it holds), from the `.families.json` beside its lines."""
    return {family: (side, what) for family, (side, what)
            in json.loads(path.with_suffix(".families.json").read_text(encoding="utf-8")).items()}


# The second wave (`hw2_*`, 4 December 2026): eight writers, one area each (confidential twice, instruction,
# personal data, hostile twice, Indian-language-only lines across all labels, and ordinary/long/two-label
# messages), written under the same rules; each family described in
# hand_written_2.families.json. Trained on since it passed the adoption rule (rule16, after rule14 and rule15 had
# failed on one figure and one fixed test: nlp/README.md, "A second wave of hand-written lines").
HAND_2 = HAND.with_name("hand_written_2.jsonl")
PREFIX_2 = "hw2_"
IN_TRAIN_2 = True
FAMILIES_2 = described_beside(HAND_2)


# The third wave (`hw3_*`, 4 December 2026): eight writers, one area each (hostility without abusive words; veiled
# sarcasm and enmity; confidential without a marking word; marking against mention; instructions against
# informational posts; personal data against official contacts; long messages; romanised and code-mixed lines),
# briefed from labels.md, the circular and issue 12's list of failure families; each family described in
# hand_written_3.families.json. Not trained on: it passed the grouped-CV items of its adoption rule (rule17), but the
# model retrained with it failed one fixed test (untouched false alarms 3.1% against the floor of 2.5%; nlp/README.md,
# "A third wave of hand-written lines"). `--with-third` writes a trial corpus with it.
HAND_3 = HAND.with_name("hand_written_3.jsonl")
PREFIX_3 = "hw3_"
IN_TRAIN_3 = False
# Only its hard-negative families (hard_negative: every label the family's side names marked '-'): not trained on
# either. Under rule18 they passed the grouped-CV items (held-out false alarms down) but the retrained model's
# calibration micro F1 fell 0.938 -> 0.928 (nlp/README.md, "The third wave's hard negatives").
# `--with-third-negatives` writes a trial corpus with them.
IN_TRAIN_3_NEGATIVES = False
FAMILIES_3 = described_beside(HAND_3)


@dataclass(frozen=True)
class Wave:
    """One wave of hand-written lines: its file, its families' prefix and descriptions, whether train.jsonl holds it."""
    path: Path
    prefix: str
    families: dict[str, tuple[str, str]]
    in_train: bool


FIRST = Wave(HAND, PREFIX, FAMILIES, IN_TRAIN)
SECOND = Wave(HAND_2, PREFIX_2, FAMILIES_2, IN_TRAIN_2)
THIRD = Wave(HAND_3, PREFIX_3, FAMILIES_3, IN_TRAIN_3)
WAVES = (FIRST, SECOND, THIRD)


def described(family: str) -> tuple[str, str] | None:
    """(side, what it holds) of a hand-written family of any wave, or None."""
    for wave in WAVES:
        if family in wave.families:
            return wave.families[family]
    return None


def hard_negative(side: str) -> bool:
    """Whether a family's stated side makes it a hard negative only: each label it names marked '-' ('hostile-',
    'all-'), none '+' ('confidential- instruction+' is not)."""
    return all(part.endswith("-") for part in side.split())


def rows(seen: set[str], norm, wave: Wave = FIRST, *, negatives_only: bool = False) -> list[dict]:
    """One wave's lines as corpus rows; `seen` (folded texts already in the corpus) is extended. negatives_only: only
    the lines of its hard-negative families (whole families, their lines' labels as written)."""
    out: list[dict] = []
    count: Counter[str] = Counter()
    for n, line in enumerate(wave.path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        family = row["family"]
        if family not in wave.families or not family.startswith(wave.prefix):
            raise SystemExit(f"{wave.path.name}:{n}: family {family!r} is not one of this wave's described families")
        if negatives_only and not hard_negative(wave.families[family][0]):
            continue
        key = norm(row["text"])
        if key in seen:
            raise SystemExit(f"{wave.path.name}:{n}: text already in the corpus: {row['text'][:60]!r}")
        seen.add(key)
        count[family] += 1
        out.append({"id": f"{family}.{count[family]:03d}", "text": row["text"], "labels": sorted(row["labels"]),
                    "lang": row["lang"], "family": family, "style": row.get("style", "plain")})
    return out
