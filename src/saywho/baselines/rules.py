"""A deterministic rule-based quote attributor: quotation marks, reporting verbs and noun-phrase patterns, no model.

The passes, each a linear scan of the article:

1. quote_pairs() pairs the quotation marks: curly and straight, double and single, an apostrophe never taken for a
   closing mark, a quote continued over paragraphs kept whole.
2. Headline patterns: "‘…,’ Says X", "X: …", "…, Warns X", "X Says …".
3. Direct quotes: a quoted stretch that opens a clause and has an attribution right after it ("…,” she said),
   right before it (She said: “…”) or shared with an earlier quote of its paragraph (a split or continued quote).
   Stretches without one are scare quotes, titles or fragments of indirect speech, never quotes of their own.
4. Indirect and mixed quotes: a reporting verb (cues.py) with a subject before it and a content clause after it
   ("said that …", "told reporters …"), or with the content before it ("…, the council said."), and "according
   to". A verb joined to an earlier attribution of its sentence (", adding that …") shares its speaker.
5. The attributions become spans on canonical token boundaries, overlapping ones give way to the surer pass, and
   the speakers are resolved by speakers.resolve_speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from saywho.baselines.cues import CUE_FORMS, find_cues, third_person
from saywho.baselines.speakers import (
    ANONYMOUS_HEADS,
    FUNCTION_WORDS,
    PLACE_WORDS,
    ROLE_ONLY_WORDS,
    bare,
    named_mentions,
    resolve_speakers,
)
from saywho.document import Document, Relation, Span
from saywho.tokenize import tokenize

# ---------------------------------------------------------------------------------------------------------------
# Quotation marks

_DOUBLE_MARKS = re.compile(r"[“”\"]")
_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?!\w)")
_CLOSERS = "”’\"'"


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A stretch in quotation marks: the opening mark at open, the closing mark at close; the content is
    text[open + 1 : close], and spans paragraphs when the quote is continued."""

    open: int
    close: int

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def line_starts(text: str) -> list[int]:
    """Offsets where a line begins; the first line is the headline."""
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def quote_pairs(text: str) -> list[QuotePair]:
    """The quoted stretches of a text in order: double marks first, then single marks outside them.

    >>> text = "“Go,” she said of the cafe’s ‘menu’.\\n\\n“One\\n\\n“Two.”"
    >>> [text[p.open + 1 : p.close] for p in quote_pairs(text)]
    ['Go,', 'menu', 'One\\n\\n“Two.']
    """
    starts = line_starts(text)
    doubles = list(_double_pairs(text, starts))
    opens = [pair.open for pair in doubles]
    singles = [pair for pair in _single_pairs(text) if _pair_around(doubles, opens, pair.open) is None]
    return sorted(doubles + singles, key=lambda pair: pair.open)


def _is_opening(text: str, i: int) -> bool:
    """Whether a straight double mark opens: at a line start or after a space, an opening bracket or a dash."""
    return i == 0 or text[i - 1] in " \n\t([—–-/"


def _double_pairs(text: str, starts: list[int]) -> Iterator[QuotePair]:
    """Pairs of double marks. An opening mark left open at the end of a paragraph carries on when the next
    paragraph begins with an opening mark: one quote over several paragraphs."""
    opened: int | None = None
    opened_line = -1
    for match in _DOUBLE_MARKS.finditer(text):
        i, mark = match.start(), match.group()
        line = bisect.bisect_right(starts, i) - 1
        opening = mark == "“" or mark == '"' and (opened is None or _is_opening(text, i))
        if opened is not None and line != opened_line:
            next_paragraph = text[starts[opened_line + 1] : starts[line]].strip() == ""
            if opening and i == starts[line] and next_paragraph:
                opened_line = line
                continue
            opened = None
        if opening:
            opened, opened_line = i, line
        elif opened is not None:
            yield QuotePair(opened, i)
            opened = None


def _single_pairs(text: str) -> Iterator[QuotePair]:
    """Pairs of single marks within a line. A closing mark ends a word, so "O’Neill" and "it’s" never close;
    "farmers’ leader" (a plural possessive before a lowercase word) is passed over for a later closing mark."""
    cursor = 0
    for open_match in _SINGLE_OPEN.finditer(text):
        i = open_match.start()
        if i < cursor:
            continue
        line_end = text.find("\n", i)
        line_end = len(text) if line_end < 0 else line_end
        closes = [m.start() for m in _SINGLE_CLOSE.finditer(text, i + 2, line_end)]
        likely = [c for c in closes if not (text[c - 1] == "s" and re.match(r" [a-z]", text[c + 1 : c + 3]))]
        if likely or closes:
            cursor = (likely or closes)[0]
            yield QuotePair(i, cursor)


def _pair_around(pairs: list[QuotePair], opens: list[int], position: int) -> QuotePair | None:
    """The pair whose marks enclose position, if any (pairs sorted and disjoint, opens their open offsets)."""
    k = bisect.bisect_left(opens, position) - 1
    return pairs[k] if k >= 0 and pairs[k].close > position else None


# ---------------------------------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = frozenset("mr mrs ms dr st prof rev gen col lt sgt capt jan feb aug sept oct nov dec vs".split())
_SENTENCE_END = re.compile(r"[.!?…][”’\"')]*(?=\s)|\n")
_DATELINE = re.compile(r"[A-Z][A-Z .’'-]+(?:,[^—–\n(]{0,40})?(?:\([^)\n]{1,60}\))?\s*[—–-]{1,2}\s")


class Sentences:
    """Sentence boundaries: a full stop, question or exclamation mark (with any closing marks) before a space,
    outside quotation marks and not after an abbreviation; every line break; the dash after a dateline."""

    def __init__(self, text: str, pairs: list[QuotePair]) -> None:
        self.text = text
        opens = [p.open for p in pairs]
        bounds = {0, len(text)}
        for match in _SENTENCE_END.finditer(text):
            if match.group() == "\n":
                bounds.update((match.start(), match.end()))
                continue
            inside = _pair_around(pairs, opens, match.end() - 1)
            if inside is None and not self._after_abbreviation(match.start()):
                bounds.add(match.end())
        for start in line_starts(text):
            dateline = _DATELINE.match(text, start)
            if dateline:
                bounds.add(dateline.end())
        self.bounds = sorted(bounds)

    def _after_abbreviation(self, dot: int) -> bool:
        word = re.search(r"(\w+)$", self.text[max(0, dot - 6) : dot])
        if self.text[dot] != "." or word is None:
            return False
        return word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1 and word.group(1).isalpha()

    def around(self, position: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding position, leading whitespace skipped."""
        k = bisect.bisect_right(self.bounds, position) - 1
        start, end = self.bounds[k], self.bounds[min(k + 1, len(self.bounds) - 1)]
        while start < end and self.text[start].isspace():
            start += 1
        return start, end


# ---------------------------------------------------------------------------------------------------------------
# Noun phrases: the speaker before or after a cue

# Words between a subject and its cue: auxiliaries, negation and adverbs ("has also said", "nonetheless said").
_BETWEEN_SUBJECT_AND_CUE = frozenset("""
    has have had also later then nonetheless again previously repeatedly separately would will did does do was
    recently quickly simply only once still flatly firmly publicly privately openly bluntly angrily calmly
    earlier already jointly together reportedly tersely curtly subsequently initially first now just
    """.split())
# Words that cannot be inside a subject noun phrase before its post-modifier: finite verbs and clause words.
_NOT_IN_NOUN_PHRASE = frozenset("""
    is was were are has have had be been being will would could can may might should must do does did not
    that which when if because although though while where than whether so who whose
    """.split())
_DETERMINERS = frozenset("the a an one two three four several some many his her its their our this these those".split())
PRONOUNS = frozenset("he she they we i it".split())
_QUANTIFIERS = frozenset("one two three four several some many".split())
_REFLEXIVES = frozenset("himself herself itself themselves".split())
# Heads of a phrase that names its source after "for" or "from": "a spokeswoman for X", "engineers from X".
_SOURCE_HEADS = frozenset("spokesman spokeswoman spokesperson representative engineers lawyers officials".split())
_CONJUNCTIONS = frozenset(
    "and but while as so yet then meanwhile however also although though because if when whereas since".split()
)
# Words that open a post-modifier of a noun phrase: "a spokesperson [for the board]", "people [familiar with …]".
_POST_MODIFIERS = frozenset(
    "of in at for with from on close familiar involved briefed who whose speaking cited based representing".split()
)
_NP_MAX_WORDS = 14
_NP_MAX_CORE = 6
_WORD_RE = re.compile(r"[\w’'\-.]+")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A stretch of the text: [start, end)."""

    start: int
    end: int


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, start, end))


def _strip_trailing(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in ".,":
        end -= 1
    return end


def speaker_phrases(text: str, start: int, end: int) -> list[Phrase] | None:
    """The SPEAKER spans of a noun phrase text[start:end]: the name alone when its head is a name (titles left
    out), each name of a joint subject, else the whole phrase from its determiner. None when it is no noun phrase.

    >>> t = "Caldorian Defence Minister Severin Dorrance"
    >>> [t[p.start:p.end] for p in speaker_phrases(t, 0, len(t))]
    ['Severin Dorrance']
    >>> t = "Quaine and Talvesh Chief Minister Taviel Ronu"
    >>> [t[p.start:p.end] for p in speaker_phrases(t, 0, len(t))]
    ['Quaine', 'Taviel Ronu']
    >>> t = "Sunniva Brekke of the Orvenna Institute"
    >>> [t[p.start:p.end] for p in speaker_phrases(t, 0, len(t))]
    ['Sunniva Brekke']
    >>> t = "A senior curator at the Dallow Museum"
    >>> [t[p.start:p.end] for p in speaker_phrases(t, 0, len(t))]
    ['A senior curator at the Dallow Museum']
    >>> t = "the league and the association"
    >>> [t[p.start:p.end] for p in speaker_phrases(t, 0, len(t))]
    ['the league', 'the association']
    >>> speaker_phrases("the council issued the order", 0, 28) is None
    True
    """
    start, end = _trim(text, start, _strip_trailing(text, end))
    words = _words(text, start, end)
    if not words or len(words) > _NP_MAX_WORDS or re.search(r"[;:“”\"()]", text[start:end]):
        return None
    if len(words) == 1 and words[0].group().lower() in PRONOUNS:
        return [Phrase(start, end)]
    if words[0].group().lower() in FUNCTION_WORDS - _DETERMINERS:
        return None
    if words[-1].group().lower() in _REFLEXIVES and len(words) > 1:
        return speaker_phrases(text, start, words[-2].end())  # "the prime minister himself"
    mentions = [(start + m.start, start + m.end) for m in named_mentions(text[start:end])]
    joint = re.search(r"\s+and\s+", text[start:end])
    portfolio = joint and re.search(r"\s(?:of|for)\s", text[start : start + joint.start()])
    if joint and not portfolio and not any(s < start + joint.start() and start + joint.end() < e for s, e in mentions):
        left = speaker_phrases(text, start, start + joint.start())
        right = speaker_phrases(text, start + joint.end(), end)
        if left and right:
            return left + right
    core = _core(words, mentions)
    lowered = [w.group().lower() for w in core]
    verbs = [w for w in lowered if w in _NOT_IN_NOUN_PHRASE or w in CUE_FORMS and w not in ANONYMOUS_HEADS]
    if verbs or lowered[-1] in FUNCTION_WORDS:
        return None
    core_end = core[-1].end()
    names = [m for m in mentions if m[0] >= core[0].start() and m[1] <= core_end]
    if names and names[-1][1] == _strip_possessive(text, core_end):
        return _joint_names(text, names)
    if not _common_noun_phrase(core, lowered):
        return None
    source = _named_source(text, core, mentions, end)
    return [source] if source else [Phrase(start, end)]


def _named_source(text: str, core: list[re.Match[str]], mentions: list[tuple[int, int]], end: int) -> Phrase | None:
    """The name a spokesperson or a group speaks for: "A spokeswoman for [Mirrenport Royal Infirmary]",
    "Engineers from [Pellam Structural]"."""
    after = re.match(r"\s+(?:for|from)\s+(?:the\s+)?", text[core[-1].end() : end])
    if after is None or bare(core[-1].group()) not in _SOURCE_HEADS:
        return None
    named = [m for m in mentions if m[0] == core[-1].end() + after.end()]
    return Phrase(*named[0]) if named else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _strip_possessive(text: str, end: int) -> int:
    return end - 2 if text[end - 2 : end] in ("’s", "'s") else end


def _core(words: list[re.Match[str]], mentions: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The words of a noun phrase before its first post-modifier, a post-modifier word inside a name excepted
    ("the Federation of Rail and Signal Workers")."""
    for k, word in enumerate(words[1:], start=1):
        inside_name = any(s <= word.start() < e for s, e in mentions)
        if word.group().lower() in _POST_MODIFIERS and not inside_name:
            return words[:k]
    return words


def _joint_names(text: str, names: list[tuple[int, int]]) -> list[Phrase]:
    """The last name and the names joined to it by "and": "Quaine and Chief Minister Taviel Ronu" (a joint subject
    the "and" split of speaker_phrases leaves whole when one side alone is no noun phrase)."""
    chosen = [names[-1]]
    for earlier in reversed(names[:-1]):
        if not re.fullmatch(r"\s+and\s+(?:[\w’'-]+\s+){0,4}", text[earlier[1] : chosen[0][0]]):
            break
        chosen.insert(0, earlier)
    return [Phrase(s, e) for s, e in chosen]


def _common_noun_phrase(core: list[re.Match[str]], lowered: list[str]) -> bool:
    """A noun phrase headed by a common noun: a determiner and a short core without a second determiner ("a
    senior Veskarian diplomat"), or a head that names a role or a group ("Union leaders", "police")."""
    if len(core) > _NP_MAX_CORE or any(w in _DETERMINERS for w in lowered[1:]):
        return False
    head = bare(lowered[-1])
    if lowered[0] in _DETERMINERS:
        return len(core) >= 2 or lowered[0] in _QUANTIFIERS  # "one [of the nurses]"
    if core[0].group()[0].islower() and lowered[0].endswith(("ed", "ing")):
        return False  # "wanted firm …" is a verb phrase
    return head in ROLE_ONLY_WORDS or head.endswith("s") and head[:-1] in ROLE_ONLY_WORDS | {"leader", "group", "paper"}


def subject_before(text: str, clause_start: int, cue_start: int) -> list[Phrase] | None:
    """The speaker phrases of the subject that ends just before a cue, within text[clause_start:cue_start].

    The subject is the last comma-separated segment, or the one before the appositions that end just before the
    cue ("Brigid Sallow, the regional secretary of the union, asked"); leading conjunctions and the adverbs and
    auxiliaries before the cue are left out.

    >>> t = "On Tuesday, Brigid Sallow, the regional secretary of the union, has also said"
    >>> [t[p.start:p.end] for p in subject_before(t, 0, t.index("said"))]
    ['Brigid Sallow']
    >>> t = "On Tuesday she told"
    >>> [t[p.start:p.end] for p in subject_before(t, 0, t.index("told"))]
    ['she']
    """
    words = _words(text, clause_start, _subject_end(text, clause_start, cue_start))
    if not words:
        return None
    end = words[-1].end()
    segments = _comma_segments(text, clause_start, end)
    if text[end:cue_start].strip().startswith(","):
        found = _subject_with_appositions(text, segments)
    else:
        found = speaker_phrases(text, *_drop_leading_conjunctions(text, *segments[-1]))
    if found:
        return found
    last = words[-1]
    return [Phrase(last.start(), last.end())] if last.group().lower() in PRONOUNS else None


def _subject_end(text: str, start: int, cue_start: int) -> int:
    """The end of the subject before a cue: the auxiliaries and adverbs right before the cue left out ("has also
    said"), never past a comma."""
    words = _words(text, start, cue_start)
    while (
        words
        and words[-1].group().lower() in _BETWEEN_SUBJECT_AND_CUE
        and not text[words[-1].end() : cue_start].strip()
    ):
        cue_start = words.pop().start()
    return cue_start


def _pronoun_after_adverbial(text: str, start: int, end: int) -> list[Phrase] | None:
    """The pronoun subject after a fronted adverbial: "in an interview on Wednesday [he]"."""
    words = _words(text, start, end)
    if (
        len(words) >= 2
        and words[0].group().lower() in FUNCTION_WORDS - _DETERMINERS
        and words[-1].group().lower() in PRONOUNS
    ):
        return [Phrase(words[-1].start(), words[-1].end())]
    return None


def _subject_with_appositions(text: str, segments: list[tuple[int, int]]) -> list[Phrase] | None:
    """The subject among comma-separated segments that end in an apposition: of the last three noun phrases,
    the name ("Its chief executive, [Bastian Kiel],", "[Brigid Sallow], the union’s secretary,"), else the nearer
    one; relative clauses and participles (", who …,", ", speaking privately,") are passed over."""
    found: list[list[Phrase]] = []
    for segment in reversed(segments):
        phrases = speaker_phrases(text, *_drop_leading_conjunctions(text, *segment))
        if phrases:
            found.append(phrases)
        elif not _is_apposition(text, segment):
            break
        if len(found) == 3:
            break
    names = [phrases for phrases in found if _is_name(text, phrases[0])]
    return names[0] if names else (found[0] if found else None)


def _is_name(text: str, phrase: Phrase) -> bool:
    first = text[phrase.start : phrase.end].split()[0]
    return first[0].isupper() and first.lower() not in _DETERMINERS | PRONOUNS


def _comma_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segments, cursor = [], start
    for comma in re.finditer(r",", text[start:end]):
        segments.append((cursor, start + comma.start()))
        cursor = start + comma.end()
    segments.append((cursor, end))
    return [(s, e) for s, e in segments if text[s:e].strip()]


def _is_apposition(text: str, segment: tuple[int, int]) -> bool:
    """A relative clause, participle or age after a subject: ", who …," ", speaking privately," ", 41,"."""
    first = text[segment[0] : segment[1]].split()[0]
    return first[0].islower() or first[0].isdigit()


def _drop_leading_conjunctions(text: str, start: int, end: int) -> tuple[int, int]:
    words = _words(text, start, end)
    while words and words[0].group().lower() in _CONJUNCTIONS:
        words.pop(0)
    return (words[0].start(), end) if words else (end, end)


_IRREGULAR_PASTS = frozenset(
    "made took gave went came got held kept left met ran saw sent won lost paid cut put set".split()
)


def _verb_like(word: str) -> bool:
    """A lowercase past form that ends a clause's opening rather than a noun phrase ("welcomed", "made")."""
    return word.islower() and (word.endswith("ed") or word in _IRREGULAR_PASTS)


def clause_subject(text: str, start: int, end: int, limit: int = 8) -> list[Phrase] | None:
    """The subject that opens a clause of text[start:end], for a participle or a second verb without one ("The
    minister tried to calm such fears, saying …"): the longest noun phrase of at most `limit` words at the start
    of the stretch or after one of its commas that a lowercase word (its verb) follows, and that does not itself
    end in a verb ("The agency made").

    >>> t = "At City Hall, Mayor Liesl Armady stood by the overhaul, saying"
    >>> [t[p.start:p.end] for p in clause_subject(t, 0, t.index("saying"))]
    ['Liesl Armady']
    """
    for segment_start, segment_end in _comma_segments(text, start, end):
        words = _words(text, segment_start, segment_end)
        for n in range(min(limit, len(words) - 1), 0, -1):
            if words[n].group()[0].islower() and not _verb_like(words[n - 1].group()):
                found = speaker_phrases(text, words[0].start(), words[n - 1].end())
                if found:
                    return found
    return None


_AFTER_SPEAKER = re.compile(
    r"\s+(?:in|at|on|during|after|before|as|when|outside|last|yesterday|today|who|told|to|while)\b"
)


def phrase_after(text: str, start: int, limit: int) -> list[Phrase] | None:
    """The speaker of an inverted attribution, "said [Mireva Ossa], spokeswoman …": the noun phrase after a cue,
    up to punctuation, a quotation mark or an adverbial.

    >>> t = " said Education Minister Sabine Corlett."
    >>> [t[p.start:p.end] for p in phrase_after(t, 5, len(t))]
    ['Sabine Corlett']
    """
    match = re.match(r"\s+([^,.;:!?“”\"‘\n]+)", text[start:limit])
    if match is None:
        return None
    np_start, np_end = start + match.start(1), start + match.end(1)
    stop = _AFTER_SPEAKER.search(text, np_start, np_end)
    return speaker_phrases(text, np_start, stop.start() if stop else np_end)


# ---------------------------------------------------------------------------------------------------------------
# Attributions


@dataclass(frozen=True, slots=True)
class Attribution:
    """One statement found by a pass: its QUOTE stretches (start, end, form), its speakers and its cue.

    rank orders the passes by how sure they are: when spans of two attributions overlap, the lower rank stays."""

    quotes: tuple[tuple[int, int, str], ...]
    speakers: tuple[Phrase, ...]
    cue: Phrase
    rank: int


_RANK_HEADLINE, _RANK_DIRECT, _RANK_INDIRECT, _RANK_REVERSE = range(4)

# Cues whose addressee comes between the cue and the content: "told reporters …", "assured them …".
_ADDRESSEE_LEMMAS = frozenset({"tell", "assure", "remind", "inform"})
# Reporting verbs too vague to report speech without an explicit "that" or a quoted fragment in the content
# ("called the plan “a disgrace”" is a quote, "called the meeting" is not).
_WEAK_LEMMAS = frozenset("""
    call find think believe hope expect fear describe praise hail celebrate charge cite defend blast slam
    dismiss reject object protest post report signal worry recall observe conclude recommend propose put answer
    """.split()) | {"play down", "spell out", "sum up"}
# Verbs whose content may be an infinitive: "vowed [to fight on]".
_INFINITIVE_LEMMAS = frozenset("promise vow pledge threaten".split())
# Verbs that report with subject and verb inverted after the content: "…, said the minister."
_INVERTING_LEMMAS = frozenset(
    "say add write ask insist warn explain reply note admit argue claim recall concede".split()
)
# Reporting phrases that accompany a verb rather than cue on their own ("said in a statement").
_ADVERBIAL_CUES = frozenset({"in a statement", "in a joint statement"})
_ADDRESSEE = re.compile(
    r"\s+(?:him|her|them|us|me|you|"
    r"(?:[a-z]+\s+){0,2}(?:reporters|journalists|media|members|staff|councillors|parliament|lawmakers|MPs|workers|"
    r"residents|supporters|delegates|colleagues|listeners|viewers|deputies|crowds?)|"
    r"(?:the|a|an|his|her|their|its)\s+(?:(?:[a-z]+\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|[a-z][\w’'-]*)|"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})(?=[\s,:.])"
)
_ADVERBIAL = re.compile(
    r"\s*,?\s+(?:in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|interview|letter|post|message|"
    r"briefing|speech|report|email|address|conference|filing|note|notice|submission|video|reply|response)"
    r"(?:\s+(?:on|to)\s+(?:[A-Z]\w+|the\s+\w+))?"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:conference|briefing|meeting|hearing|rally|ceremony|event|session)"
    r"|to\s+(?:reporters|journalists|(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
    r"|in\s+(?:parliament|the\s+chamber|the\s+capital|court)|last\s+(?:week|month|year|night)|earlier|yesterday|"
    r"today|on\s+Twitter|for\s+months|for\s+years|repeatedly|again|jointly|together|publicly|privately)(?!\w)"
)
# "that" opens the content, after an adverbial the cue may have: "argued after the ruling that …".
_THAT = re.compile(
    r"\s+(?:(?:after|from|on|in|at|before|during|for|with|throughout|since)\s+(?:[\w’'-]+\s+){1,3}?)?that\s+"
)
# Where a content clause stops: before an apposition on the whole clause (", a figure that …"), and before a
# clause with a reporting verb of its own (", and the union said …", " and demanded …").
_APPOSITION_TAIL = re.compile(r",\s+(?:a|an)\s")
_CLAUSE_BOUNDARY = re.compile(r",?\s+(?:and|but|while|yet|though|although)\s+|,\s+|;\s+")
_NOT_CLAUSE_START = frozenset("""
    to by of for with on in from as and or but into out down off after before during outside while when at
    within without across through under against since until among despite amid is was are were be been has have
    had goodbye sorry
    """.split())
_HEADLINE_STOP = re.compile(r"\s+(?:as|after|As|After|Amid|amid)\s")
# Headline verbs that are more often nouns ("Regulator Grounds Launches", "a Question").
_HEADLINE_NOUNS = frozenset("question report signal charge post call find answer put note state snap".split())


class _Article:
    """One article with its quote marks, sentences and cues, and the passes that attribute its quotes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headline_end = text.find("\n") if "\n" in text else len(text)
        self.pairs = quote_pairs(text)
        self.opens = [p.open for p in self.pairs]
        self.closes = [p.close for p in self.pairs]
        self.sentences = Sentences(text, self.pairs)
        self.starts = line_starts(text)
        self.cues = [m for m in find_cues(text) if m.group().lower() not in _ADVERBIAL_CUES]
        self.cue_starts = [m.start() for m in self.cues]

    # -- helpers ------------------------------------------------------------------------------------------------

    def _paragraph(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def _cues_between(self, start: int, end: int) -> list[re.Match[str]]:
        k = bisect.bisect_left(self.cue_starts, start)
        found = []
        while k < len(self.cues) and self.cues[k].end() <= end:
            found.append(self.cues[k])
            k += 1
        return found

    def _quoted(self, position: int) -> QuotePair | None:
        return _pair_around(self.pairs, self.opens, position)

    def _clause_start(self, sentence_start: int, cue_start: int) -> int:
        """Where the clause of a cue begins: after the last closing quotation mark, colon, semicolon or dash of its
        sentence before it."""
        stretch = self.text[sentence_start:cue_start]
        breaks = [stretch.rfind(mark) for mark in ":;—–"]
        return max(sentence_start + max(breaks) + 1, self._last_close(sentence_start, cue_start) + 1)

    def _last_close(self, start: int, end: int) -> int:
        """The last closing mark in [start, end), or start - 1."""
        k = bisect.bisect_left(self.closes, end) - 1
        return self.closes[k] if k >= 0 and self.closes[k] >= start else start - 1

    def _next_open(self, after: int, limit: int) -> int:
        k = bisect.bisect_right(self.opens, after)
        return min(limit, self.opens[k]) if k < len(self.opens) else limit

    def _starts_clause(self, pair: QuotePair) -> bool:
        """A quote opens a clause: at a paragraph or sentence start, after a colon, comma or dash, or after a
        closing mark; never inside a noun phrase ("the so-called “…”")."""
        before = self.text[self.starts[self._paragraph(pair.open)] : pair.open].rstrip()
        return not before or before[-1] in ".!?:,;—–-(" or before[-1] in _CLOSERS

    # -- direct quotes ------------------------------------------------------------------------------------------

    def direct(self) -> list[Attribution]:
        """Quoted stretches with an attribution of their own or shared with an earlier quote of the paragraph."""
        found: list[Attribution] = []
        last_in_paragraph: dict[int, Attribution] = {}
        for pair in self.pairs:
            if pair.open < self.headline_end or not self._starts_clause(pair):
                continue
            paragraph = self._paragraph(pair.open)
            attribution = self._direct_attribution(pair)
            if attribution is None and paragraph in last_in_paragraph and self._is_sentence(pair):
                attribution = replace(last_in_paragraph[paragraph], quotes=((*pair.content, "direct"),))
            if attribution is not None:
                found.append(attribution)
                last_in_paragraph[self._paragraph(pair.close)] = attribution
        return found

    def _is_sentence(self, pair: QuotePair) -> bool:
        """Quoted words that make a sentence of their own end in punctuation ("…,” she said. “It is."), unlike a
        title or slogan ("“Sixteen and Counting”")."""
        return self.text[pair.close - 1] in ".,!?…—–-"

    def _direct_attribution(self, pair: QuotePair) -> Attribution | None:
        found = self._attribution_after(pair) or self._attribution_before(pair)
        if found is None:
            return None
        speakers, cue = found
        return Attribution(((*pair.content, "direct"),), tuple(speakers), cue, _RANK_DIRECT)

    def _attribution_after(self, pair: QuotePair) -> tuple[list[Phrase], Phrase] | None:
        """“…,” she said / “…,” said the minister / “…,” Defence Minister X told reporters; the first cue of
        the sentence with a speaker ("“…,” one owner, who asked not to be named, told the Ledger")."""
        if self.text[pair.close - 1] == ".":
            return None  # a quote that ends in a full stop ends its sentence: its attribution came before it
        _, sentence_end = self.sentences.around(pair.close + 1)
        limit = self._next_open(pair.close, sentence_end)
        for cue in self._cues_between(pair.close + 1, limit):
            if self.text[pair.close + 1 : cue.start()].strip(" ,") == "":
                speakers = phrase_after(self.text, cue.end(), limit)
            else:
                speakers = subject_before(self.text, pair.close + 1, cue.start())
            if speakers:
                return speakers, Phrase(cue.start(), cue.end())
        return None

    def _attribution_before(self, pair: QuotePair) -> tuple[list[Phrase], Phrase] | None:
        """She said: “…” / Gavin Roe, who …, said:¶“…” / “…,” she said, “…” (the second half of a split quote)."""
        sentence_start, _ = self.sentences.around(pair.open)
        intro_end = pair.open
        previous = self.text[:intro_end].rstrip()
        if sentence_start == pair.open and previous.endswith(":"):
            intro_end = len(previous)
            sentence_start, _ = self.sentences.around(intro_end - 1)
        intro = self.text[sentence_start:intro_end].rstrip()
        if not intro or intro[-1] not in ":,":
            return None
        cue = self._intro_cue(sentence_start, sentence_start + len(intro) - 1, colon=intro[-1] == ":")
        if cue is None:
            return None
        clause_start = self._clause_start(sentence_start, cue.start())
        speakers = self._speaker_of(cue, clause_start, sentence_start, [])
        return (speakers, Phrase(cue.start(), cue.end())) if speakers else None

    def _intro_cue(self, start: int, end: int, colon: bool) -> re.Match[str] | None:
        """The last cue of an intro: it ends the intro, with at most an addressee or adverbials after it; before
        a colon anything may follow it ("called the timetable political:")."""
        for cue in reversed(self._cues_between(start, end)):
            if self._quoted(cue.start()):
                continue
            if colon or _skip_addressee_and_adverbials(self.text, cue, cue.end()) >= end - 1:
                return cue
        return None

    # -- indirect and mixed quotes ------------------------------------------------------------------------------

    def indirect(self, found: list[Attribution]) -> list[Attribution]:
        """Reporting verbs outside quotes and unused by earlier passes, with a subject and a content clause."""
        taken = sorted((q[0], q[1]) for a in found for q in a.quotes)
        used = {a.cue.start for a in found}
        known = list(found)
        new: list[Attribution] = []
        for cue in self.cues:
            if cue.start() < self.headline_end or cue.start() in used or self._quoted(cue.start()):
                continue
            if _inside_spans(cue.start(), taken):
                continue
            lemma = CUE_FORMS[cue.group().lower()]
            if lemma == "according to":
                attribution = self._according_to(cue)
            else:
                attribution = self._forward(cue, lemma, known) or self._reverse(cue)
            if attribution is not None and not any(_inside_spans(q[0], taken) for q in attribution.quotes):
                new.append(attribution)
                known.append(attribution)
                taken = sorted(taken + [(q[0], q[1]) for q in attribution.quotes])
        return new

    def _content(self, start: int, end: int, lemma: str = "") -> tuple[int, int, str] | None:
        """The content clause in text[start:end] with its form: up to a clause with a cue of its own or an
        apposition on the whole clause, without the final full stop; None for what is no clause ("to comment",
        "after the vote"), though a promise may be "to …" (lemma: the cue's)."""
        start, end = _trim(self.text, start, end)
        end = min(end, self._own_clause_start(start, end))
        tail = _APPOSITION_TAIL.search(self.text, start, end)
        end = tail.start() if tail else end
        end = _strip_trailing(self.text, end)
        while end > start and self.text[end - 1] in " ,;:—–-":
            end -= 1
        words = self.text[start:end].split()
        if len(words) < 3 or not self.text[start].isalnum() or not _opens_clause(" ".join(words[:2]), lemma):
            return None
        return start, end, self._form(start, end)

    def _form(self, start: int, end: int) -> str:
        """mixed when a quoted fragment sits inside an indirect content, else indirect."""
        return "mixed" if any(start <= p.open and p.close < end for p in self.pairs) else "indirect"

    def _own_clause_start(self, start: int, end: int) -> int:
        """Where a later clause with a reporting verb of its own begins: at a clause boundary followed by the
        verb's subject (", and she noted …", ", and its spokeswoman, Leanne Varro, said …") or by the verb itself
        after "and" (" and demanded …"); end when there is none."""
        for cue in self._cues_between(start + 1, end):
            if not self._reports(cue):
                continue
            for boundary in _CLAUSE_BOUNDARY.finditer(self.text, max(start, cue.start() - 80), cue.start()):
                between = self.text[boundary.end() : cue.start()]
                joined = re.search(r"\b(?:and|but)\b", boundary.group()) or cue.group().endswith("ing")
                if not between.strip() and joined or between.strip() and self._lead(boundary.end(), cue.start()):
                    return boundary.start()
        return end

    def _reports(self, cue: re.Match[str]) -> bool:
        """Whether a cue inside a clause reports speech: a lowercase active verb, not a noun ("his promise"),
        followed by a content clause rather than "to …" ("asked to cover"); a weak verb only before "that" or a
        quoted fragment ("described the plan as “a stunt”")."""
        if self._quoted(cue.start()) or not cue.group()[0].islower() or _is_passive(self.text, cue.start()):
            return False
        if _is_noun(self.text, cue.start()):
            return False
        start = _skip_addressee_and_adverbials(self.text, cue, cue.end())
        that = _THAT.match(self.text, start)
        if that is None and CUE_FORMS[cue.group().lower()] in _WEAK_LEMMAS and not self._fragment_follows(start):
            return False  # "considered and rejected last week" reports nothing
        following = self.text[that.end() if that else start :].split(maxsplit=1)
        return bool(following) and _opens_clause(following[0], CUE_FORMS[cue.group().lower()])

    def _fragment_follows(self, start: int, words: int = 8) -> bool:
        """Whether a quoted fragment opens within a few words of start, in the same sentence."""
        k = bisect.bisect_left(self.opens, start)
        if k == len(self.opens) or self.opens[k] >= self.sentences.around(start)[1]:
            return False
        return len(self.text[start : self.opens[k]].split()) <= words

    def _lead(self, start: int, cue_start: int) -> list[Phrase] | None:
        """The speakers when text[start:cue_start] is nothing but a subject: a noun phrase, or a noun phrase and
        its apposition between commas ("its spokeswoman, Leanne Varro,")."""
        segments = _comma_segments(self.text, start, cue_start)
        apposed = self.text[start:cue_start].rstrip().endswith(",")
        if len(segments) == 1 and not apposed:
            end = _subject_end(self.text, start, cue_start)
            start, end = _drop_leading_conjunctions(self.text, start, end)
            return speaker_phrases(self.text, start, end) or _pronoun_after_adverbial(self.text, start, end)
        if len(segments) == 2 and apposed:
            return _subject_with_appositions(self.text, segments)
        return None

    def _forward(self, cue: re.Match[str], lemma: str, known: list[Attribution]) -> Attribution | None:
        """SUBJECT cue (addressee) (adverbials) (that) CONTENT; a cue joined to an earlier attribution of its
        sentence (", adding that …", " and warned …") shares its speakers."""
        if not cue.group()[0].islower() or _is_passive(self.text, cue.start()) or _is_noun(self.text, cue.start()):
            return None
        sentence_start, sentence_end = self.sentences.around(cue.start())
        clause_start = self._clause_start(sentence_start, cue.start())
        speakers = self._speaker_of(cue, clause_start, sentence_start, known)
        if not speakers:
            return None
        start = _skip_addressee_and_adverbials(self.text, cue, cue.end())
        that = _THAT.match(self.text, start)
        start = that.end() if that else start
        if re.match(r"\s*[,:]?\s*[“\"‘]", self.text[start:sentence_end]):
            return None
        content = self._content(start, self._next_quoted_sentence(start, sentence_end), lemma)
        weak = lemma in _WEAK_LEMMAS or _after_modal(self.text, cue.start())
        if content is None or weak and that is None and content[2] != "mixed":
            return None
        return Attribution((content,), tuple(speakers), Phrase(cue.start(), cue.end()), _RANK_INDIRECT)

    def _speaker_of(
        self, cue: re.Match[str], clause_start: int, sentence_start: int, known: list[Attribution]
    ) -> list[Phrase] | None:
        """The speakers of a cue: its subject; for a cue joined to what precedes it, a participle after a comma
        (", adding …") or a verb after "and" (" and added …"), the speakers of the sentence's latest attribution,
        else the subject of the sentence."""
        lead = self.text[max(sentence_start, cue.start() - 12) : cue.start()]
        participle = cue.group().endswith("ing") and re.search(r",\s*$", lead)
        if participle or re.search(r"\b(?:and|but)\s+(?:also\s+)?$", lead):
            earlier = [a for a in known if sentence_start <= a.cue.start < cue.start()]
            if earlier:
                return list(max(earlier, key=lambda a: a.cue.start).speakers)
            return clause_subject(self.text, sentence_start, cue.start())
        return subject_before(self.text, clause_start, cue.start())

    def _next_quoted_sentence(self, start: int, end: int) -> int:
        """An indirect content stops where a quoted sentence begins after a full stop or colon."""
        k = bisect.bisect_left(self.opens, start)
        while k < len(self.pairs) and self.opens[k] < end:
            before = self.text[start : self.opens[k]].rstrip()
            if before.endswith((".", ":")):
                return start + len(before)
            k += 1
        return end

    def _reverse(self, cue: re.Match[str]) -> Attribution | None:
        """CONTENT, SUBJECT cue. / CONTENT, cue SUBJECT. — the attribution ends its sentence (or a participle
        clause follows: "…, the utility said on Tuesday, putting 640 jobs at risk.")."""
        if not cue.group()[0].islower():
            return None
        sentence_start, sentence_end = self.sentences.around(cue.start())
        comma, speakers = self._subject_after_comma(sentence_start, cue)
        if comma is not None and speakers:
            rest_start = _skip_addressee_and_adverbials(self.text, cue, cue.end())
        elif comma is not None and CUE_FORMS[cue.group().lower()] in _INVERTING_LEMMAS:
            speakers = phrase_after(self.text, cue.end(), sentence_end)
            rest_start = speakers[-1].end if speakers else sentence_end
        else:
            return None
        if not speakers or not _ends_attribution(self.text, rest_start, sentence_end):
            return None
        content = self._content(sentence_start, comma)
        if content is None:
            return None
        return Attribution((content,), tuple(speakers), Phrase(cue.start(), cue.end()), _RANK_REVERSE)

    def _subject_after_comma(self, sentence_start: int, cue: re.Match[str]) -> tuple[int | None, list[Phrase] | None]:
        """The comma that ends a content clause before its attribution, and the subject between it and the cue:
        ", the utility said", ", Priya Dunsford, director of public health, told"; (comma, None) for an
        inverted ", said X"; (None, None) when the cue has no such comma."""
        commas = [m.start() for m in re.finditer(",", self.text[sentence_start : cue.start()])][-3:]
        for comma in reversed([sentence_start + c for c in commas]):
            if self._quoted(comma):
                return None, None
            lead = self.text[comma + 1 : cue.start()]
            if not lead.strip():
                continue
            speakers = self._lead(comma + 1, cue.start())
            if speakers:
                return comma, speakers
        if commas and not self.text[sentence_start + commas[-1] + 1 : cue.start()].strip():
            return sentence_start + commas[-1], None
        return None, None

    def _according_to(self, cue: re.Match[str]) -> Attribution | None:
        """According to SOURCE, CONTENT. / CONTENT, according to SOURCE."""
        sentence_start, sentence_end = self.sentences.around(cue.start())
        source_end = self.text.find(",", cue.end(), sentence_end)
        if self.text[sentence_start : cue.start()].strip() == "" and source_end > 0:
            speakers = speaker_phrases(self.text, cue.end(), source_end)
            content = self._content(source_end + 1, sentence_end)
        else:
            comma = self.text.rfind(",", sentence_start, cue.start())
            if comma < 0 or self.text[comma + 1 : cue.start()].strip():
                return None
            speakers = speaker_phrases(self.text, cue.end(), source_end if source_end > 0 else sentence_end)
            content = self._content(sentence_start, comma)
        if not speakers or content is None:
            return None
        return Attribution((content,), tuple(speakers), Phrase(cue.start(), cue.end()), _RANK_INDIRECT)

    # -- headline -----------------------------------------------------------------------------------------------

    def headline(self, body_names: set[str]) -> list[Attribution]:
        """The attribution patterns of a headline: "‘Q,’ Says X", "‘Q’ X Asks", "Q, Warns X", "Q, X Says",
        "X: Q", "X Says Q as …", "X Declares: ‘Q’"."""
        line = self.text[: self.headline_end]
        verb = self._headline_verb(line)
        if verb is not None:
            return self._verb_headline(line, verb, body_names)
        colon = line.find(":")
        return self._colon_headline(line, colon, body_names) if colon > 0 else []

    def _headline_verb(self, line: str) -> re.Match[str] | None:
        """A capitalised reporting verb of a headline in the present tense ("Says", "Warn"), outside quotes."""
        for cue in self._cues_between(0, len(line)):
            form = cue.group().lower()
            lemma = CUE_FORMS[form]
            present = form in (lemma, third_person(lemma))
            if cue.group()[0].isupper() and cue.start() > 0 and present and lemma not in _HEADLINE_NOUNS:
                if not self._quoted(cue.start()):
                    return cue
        return None

    def _colon_headline(self, line: str, colon: int, body_names: set[str]) -> list[Attribution]:
        """X: Q — X a short speaker-like phrase ("Mayor", "Café Owner on Bribery Verdict", "Farmer in Film Row")."""
        speaker_text = re.match(r"(.*?)(?:\s+(?:on|in|at|over)\s+.*)?$", line[:colon]).group(1)
        if not _speaker_like(speaker_text, body_names):
            return []
        quote = self._headline_content(colon + 1, _headline_end(line, colon + 1))
        if quote is None:
            return []
        speakers = _headline_speaker(line, 0, len(speaker_text))
        return [Attribution((quote,), speakers, Phrase(colon, colon + 1), _RANK_HEADLINE)]

    def _verb_headline(self, line: str, cue: re.Match[str], body_names: set[str]) -> list[Attribution]:
        """‘Q,’ Says X / Q, Warns X (content before, speaker after); X Says Q / X Declares: ‘Q’ (speaker before,
        content after); Q, X Says / ‘Q’ X Asks (speaker before, content before it)."""
        before = line[: cue.start()].rstrip()
        after = re.match(r"\s+((?:[A-Z][\w’'\-]*\s?)+)", line[cue.end() : _headline_end(line, cue.end())])
        run_before = re.search(r"((?:[A-Z][\w’'\-]*\s)+)$", line[: cue.start()])
        content_before_ends = before.endswith((",", *_CLOSERS))
        if content_before_ends and after and _speaker_like(after.group(1).strip(), body_names):
            speaker_start = cue.end() + after.start(1)
            speakers = _headline_speaker(line, speaker_start, speaker_start + len(after.group(1).rstrip()))
            quote = self._headline_content(line.rfind(":", 0, cue.start()) + 1, len(before.rstrip(",")))
        elif run_before and _speaker_like(_last_words(run_before.group(1)), body_names):
            words = _last_words(run_before.group(1))
            speaker_end = len(before)
            speakers = _headline_speaker(line, speaker_end - len(words), speaker_end)
            prefix = line[: speaker_end - len(words)].rstrip()
            quote = self._headline_content(
                cue.end() + (line[cue.end() : cue.end() + 1] == ":"), _headline_end(line, cue.end())
            )
            if quote is None and prefix.endswith((",", *_CLOSERS)):
                quote = self._headline_content(line.rfind(":", 0, len(prefix)) + 1, len(prefix.rstrip(",")))
        else:
            return []
        return [Attribution((quote,), speakers, Phrase(cue.start(), cue.end()), _RANK_HEADLINE)] if quote else []

    def _headline_content(self, start: int, end: int) -> tuple[int, int, str] | None:
        """A headline quote: the content of the quotation marks that fill the stretch (direct), else the stretch
        itself of two words or more (mixed when it holds marks)."""
        start, end = _trim(self.text, start, end)
        while end > start and self.text[end - 1] == ",":
            end -= 1
        for pair in self.pairs:
            if pair.open == start and end - 2 <= pair.close <= end - 1:
                return pair.open + 1, pair.close, "direct"
        if len(self.text[start:end].split()) < 2:
            return None
        marked = any(start <= p.open and p.close < end for p in self.pairs)
        return start, end, "mixed" if marked else "indirect"


def _skip_addressee_and_adverbials(text: str, cue: re.Match[str], position: int) -> int:
    """The position after the addressee of "told" ("told reporters", "told the Post") and any adverbials
    ("in a statement", "on Tuesday")."""
    if CUE_FORMS[cue.group().lower()] in _ADDRESSEE_LEMMAS:
        addressee = _ADDRESSEE.match(text, position)
        position = addressee.end() if addressee else position
    while (adverbial := _ADVERBIAL.match(text, position)) is not None:
        position = adverbial.end()
    return position


def _opens_clause(words: str, lemma: str) -> bool:
    """Whether the first words after a cue can open its content: not a preposition or a verb ("said after the
    vote", "asked to cover"), except "at least"; "to …" after a promise ("vowed to fight on")."""
    first = words.split()[0].lower().strip(",;:")
    if first == "to":
        return lemma in _INFINITIVE_LEMMAS
    return first not in _NOT_CLAUSE_START or words.lower().startswith(("at least", "at most"))


def _after_modal(text: str, cue_start: int) -> bool:
    """A cue after a modal ("can claim", "would argue") reports nothing yet: it needs "that" like a weak verb."""
    return bool(
        re.search(r"\b(?:can|could|may|might|must|should|would|will)\s+$", text[max(0, cue_start - 8) : cue_start])
    )


def _is_noun(text: str, cue_start: int) -> bool:
    """A cue form used as a noun after a determiner: "a claim", "his promise", "the call"."""
    before = text[max(0, cue_start - 8) : cue_start].split()
    return bool(before) and before[-1].lower() in _DETERMINERS | {"that", "this", "no"}


def _is_passive(text: str, cue_start: int) -> bool:
    """A passive reporting verb ("has been asked", "was told") has no speaker as its subject; "are asking" is
    active."""
    if text[cue_start:].split(maxsplit=1)[0].endswith("ing"):
        return False
    return bool(re.search(r"\b(?:been|being|is|are|was|were|be)\s+$", text[max(0, cue_start - 8) : cue_start]))


def _ends_attribution(text: str, start: int, end: int) -> bool:
    """Whether the attribution ends its sentence: nothing left but the full stop, or a participle or adverbial
    clause (", putting 640 jobs at risk", ", as part of …")."""
    return bool(re.fullmatch(r"[\s.!?]*|,\s+(?:\w+ing|as|after|before)\b.*", text[start:end], re.S))


def _inside_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= position < spans[k][1]


def _last_words(run: str, limit: int = 4) -> str:
    """The last one to four words of a capitalised headline run: the part that can be a speaker."""
    return " ".join(run.split()[-limit:])


def _speaker_like(phrase: str, body_names: set[str]) -> bool:
    """A headline phrase that can name a speaker: one to four capitalised words ending in a role or organisation
    word ("Council Leader", "Police") or in a name of the article's body ("Treharne"), not a place."""
    words = phrase.split()
    if not 1 <= len(words) <= 4 or not all(w[0].isupper() for w in words):
        return False
    last = bare(words[-1])
    if last in PLACE_WORDS or last in FUNCTION_WORDS:
        return False
    return any(bare(w) in ROLE_ONLY_WORDS for w in words) or bare(words[-1]) in body_names


def _headline_speaker(line: str, start: int, end: int) -> tuple[Phrase, ...]:
    """The SPEAKER span of a headline phrase: the name alone after a title ("Mayor [Varonen]"), else the whole
    phrase ("[Council Leader]")."""
    titled = [m for m in named_mentions(line[start:end]) if start + m.end == end and m.start > 0 and m.titles]
    return (Phrase(start + titled[-1].start, end),) if titled else (Phrase(start, end),)


def _headline_end(line: str, start: int) -> int:
    stop = _HEADLINE_STOP.search(line, start)
    return stop.start() if stop else len(line)


def _body_names(text: str, headline_end: int) -> set[str]:
    """The words of the names in an article's body, to recognise a surname speaker in its headline."""
    return {bare(word) for mention in named_mentions(text[headline_end:]) for word in mention.name.split()}


# ---------------------------------------------------------------------------------------------------------------
# From attributions to a document


def _resolve_overlaps(attributions: list[Attribution]) -> list[Attribution]:
    """Keep attributions in rank order whose spans overlap no span kept before (spans of one layer never overlap);
    identical speaker and cue spans may be shared."""
    kept: list[Attribution] = []
    occupied: list[tuple[int, int, str]] = []
    for attribution in sorted(attributions, key=lambda a: (a.rank, a.quotes[0][0])):
        spans = [(q[0], q[1], "QUOTE") for q in attribution.quotes]
        spans += [(s.start, s.end, "SPEAKER") for s in attribution.speakers]
        spans.append((attribution.cue.start, attribution.cue.end, "CUE"))
        if not any(_clashes(span, occupied) for span in spans):
            kept.append(attribution)
            occupied.extend(spans)
    return sorted(kept, key=lambda a: a.quotes[0][0])


def _clashes(span: tuple[int, int, str], occupied: list[tuple[int, int, str]]) -> bool:
    start, end, label = span
    return any(
        start < o_end and o_start < end and not (label != "QUOTE" and (start, end, label) == (o_start, o_end, o_label))
        for o_start, o_end, o_label in occupied
    )


class _TokenSnapper:
    """Moves span ends onto canonical token boundaries: a start to the start of its token, an end to the end."""

    def __init__(self, text: str) -> None:
        tokens = tokenize(text)
        self.starts = [t.start for t in tokens]
        self.ends = [t.end for t in tokens]

    def snap(self, start: int, end: int) -> tuple[int, int]:
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        if first >= len(self.starts) or last < first:
            return start, end
        return self.starts[first], self.ends[last]


def _to_document(doc: Document, attributions: list[Attribution]) -> Document:
    """The attributions as QUOTE, SPEAKER and CUE spans with said_by and cued_by relations; a speaker or cue span
    shared by several quotes (a split quote) is one span."""
    snapper = _TokenSnapper(doc.text)
    ids: dict[tuple[int, int, str], str] = {}
    spans: list[Span] = []
    relations: list[Relation] = []

    def span_id(start: int, end: int, label: str, form: str | None = None) -> str:
        start, end = snapper.snap(start, end)
        key = (start, end, label)
        if key not in ids:
            ids[key] = f"{label[0].lower()}{len(ids) + 1}"
            spans.append(Span(ids[key], start, end, label, form=form))
        return ids[key]

    for attribution in attributions:
        speaker_ids = [span_id(s.start, s.end, "SPEAKER") for s in attribution.speakers]
        cue_id = span_id(attribution.cue.start, attribution.cue.end, "CUE")
        for start, end, form in attribution.quotes:
            quote_id = span_id(start, end, "QUOTE", form)
            relations.extend(Relation("said_by", quote_id, s) for s in speaker_ids)
            relations.append(Relation("cued_by", quote_id, cue_id))
    resolved = {s.id: s for s in resolve_speakers(doc, [s for s in spans if s.label == "SPEAKER"])}
    spans = [resolved.get(s.id, s) for s in spans]
    return replace(doc, spans=tuple(sorted(spans, key=lambda s: (s.start, -s.end))), relations=tuple(relations))


class RulesSystem:
    """Deterministic rule-based attribution of direct, indirect and mixed quotes; no model, no training."""

    name = "rules"

    def predict(self, doc: Document) -> Document:
        article = _Article(doc.text)
        found = article.headline(_body_names(doc.text, article.headline_end)) + article.direct()
        found += article.indirect(found)
        return _to_document(doc, _resolve_overlaps(found))
