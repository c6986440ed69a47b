"""The cue lexicon: every inflected form of the reporting verbs and phrases that signal an attribution.

The forms are generated, not listed. Each reporting verb is a lemma; its forms are the lemma, the third person
singular, the past (simple and participle) and the -ing form, made by these rules:

- third person: +s; +es after s, x, z, ch, sh and o ("stress" -> "stresses"); consonant + y -> ies ("deny" ->
  "denies");
- past: +ed; +d after e ("argue" -> "argued"); consonant + y -> ied ("reply" -> "replied"); a final consonant is
  doubled for the lemmas in DOUBLING, whose last syllable is stressed ("admit" -> "admitted", "quip" -> "quipped");
- -ing: +ing; a final silent e is dropped ("argue" -> "arguing", but "agree" -> "agreeing"); doubling as above;
- IRREGULAR gives the past forms of the verbs that do not follow the rules ("say" -> "said", "write" -> "wrote",
  "written").

A phrasal verb ("point out") inflects its verb and keeps its particle ("pointed out"). Reporting phrases that do not
inflect ("according to") are listed in PHRASES. CUE_FORMS maps every form, lowercase, to its lemma; cue_pattern()
compiles the forms into one regular expression, longest first, so that "pointed out" wins over "pointed", and
find_cues() scans a text with it.

>>> sorted(inflections("deny"))
['denied', 'denies', 'deny', 'denying']
>>> CUE_FORMS["told"], CUE_FORMS["pointing out"], CUE_FORMS["according to"]
('tell', 'point out', 'according to')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# Verbs that report speech or a stated position, grouped by what they add to "say". Each lemma appears once.
SPEECH_VERBS = """
    say tell add state declare announce report write post tweet testify comment remark mention respond
    reply answer retort counter rejoin ask question wonder remind inform
    insist stress emphasise emphasize underline underscore highlight maintain contend assert affirm reiterate
    repeat argue claim allege reckon believe think suggest hint imply indicate signal doubt
    warn caution fear worry threaten predict forecast estimate expect hope
    deny admit concede acknowledge confirm disclose reveal explain note observe recall cite conclude
    accuse criticise criticize blast slam decry dismiss reject object protest complain grumble lament scoff
    charge defend hail praise celebrate
    urge demand plead recommend propose call
    promise vow pledge guarantee assure swear
    joke quip snap shout whisper muse boast describe find summarise summarize put
"""

# Verb + particle reporting phrases; the verb inflects, the particle stays ("pointed out", "hit back").
PHRASAL_VERBS = """
    point_out hit_out hit_back fire_back shoot_back sum_up call_for call_on make_clear spell_out
    lash_out warn_against ask_for play_down
"""

# Reporting phrases that do not inflect. "according to" is a cue of its own; "in a statement" usually goes with a
# verb ("said in a statement"), which is then the cue.
PHRASES = ("according to", "in a statement", "in a joint statement")

# Lemmas whose final consonant doubles before -ed and -ing (stress on the last syllable).
DOUBLING = frozenset("admit quip slam snap hit put".split())

# Past forms of the verbs the rules get wrong: lemma -> (simple past, past participle).
IRREGULAR: dict[str, tuple[str, str]] = {
    "say": ("said", "said"),
    "tell": ("told", "told"),
    "write": ("wrote", "written"),
    "think": ("thought", "thought"),
    "find": ("found", "found"),
    "forecast": ("forecast", "forecast"),
    "swear": ("swore", "sworn"),
    "hit": ("hit", "hit"),
    "shoot": ("shot", "shot"),
    "make": ("made", "made"),
    "put": ("put", "put"),
    "spell": ("spelled", "spelt"),
}

_VOWELS = "aeiou"


def third_person(verb: str) -> str:
    """The third person singular of a verb: "says", "stresses", "denies"."""
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    if verb in DOUBLING:
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _gerund(verb: str) -> str:
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if verb in DOUBLING:
        return verb + verb[-1] + "ing"
    return verb + "ing"


def inflections(lemma: str) -> set[str]:
    """Every form of a verb, or of a phrasal verb with its particle kept after the verb.

    >>> sorted(inflections("point out"))
    ['point out', 'pointed out', 'pointing out', 'points out']
    >>> sorted(inflections("admit"))
    ['admit', 'admits', 'admitted', 'admitting']
    """
    verb, _, particle = lemma.partition(" ")
    past = IRREGULAR.get(verb, (_past(verb), _past(verb)))
    forms = {verb, third_person(verb), _gerund(verb), *past}
    return {f"{form} {particle}" if particle else form for form in forms}


def _build_forms() -> dict[str, str]:
    lemmas = set(SPEECH_VERBS.split()) | {p.replace("_", " ") for p in PHRASAL_VERBS.split()}
    forms = {form: lemma for lemma in sorted(lemmas) for form in inflections(lemma)}
    forms.update({phrase: phrase for phrase in PHRASES})
    return forms


CUE_FORMS: dict[str, str] = _build_forms()


@cache
def cue_pattern() -> re.Pattern[str]:
    """One case-insensitive regular expression matching any cue form as whole words, longest form first.

    >>> cue_pattern().search("He pointed out that costs rose.").group()
    'pointed out'
    """
    alternatives = "|".join(re.escape(form) for form in sorted(CUE_FORMS, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


# The first words of the cue forms: only where one of them stands is the long cue pattern worth trying.
_FIRST_WORDS = frozenset(form.split()[0] for form in CUE_FORMS)
_WORD = re.compile(r"[A-Za-z]+")


def find_cues(text: str) -> Iterator[re.Match[str]]:
    """Every cue of a text in order, in one scan over its words: the cue pattern is tried only at a word that
    begins a cue form, which keeps the scan linear however long the lexicon.

    >>> [m.group() for m in find_cues("She said the plan, according to him, was pointed out to them.")]
    ['said', 'according to', 'pointed out']
    """
    pattern = cue_pattern()
    cursor = 0
    for word in _WORD.finditer(text):
        if word.start() >= cursor and word.group().lower() in _FIRST_WORDS:
            match = pattern.match(text, word.start())
            if match:
                cursor = match.end()
                yield match
