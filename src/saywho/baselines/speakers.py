"""Speaker resolution shared by the baselines: who a SPEAKER span refers to, and how it names them.

resolve_speakers() fills speaker_id (a slug of the source's full name, or 'unknown') and mention (name, nominal,
pronoun, anonymous) on predicted SPEAKER spans. It needs nothing but the article text:

- named_mentions() finds the proper names of the body with a capitalisation heuristic, titles split off;
- EntityIndex merges them into entities in reading order (a surname or a short organisation name joins the full
  name seen before it) and records each entity's roles ("minister", "spokeswoman") and gender evidence;
- a name speaker is looked up in the index; a pronoun goes to the nearest compatible entity before it (gender,
  person or organisation), preferring among the few nearest one that has already spoken or carries a title; a
  nominal ("the minister", "the union") goes to the nearest entity with that role or that word in its name; an
  anonymous description ("a senior official") to 'unknown'.

The headline precedes the article that introduces its people, so headline speakers look forward instead.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from saywho.baselines.cues import CUE_FORMS
from saywho.document import Document, Span
from saywho.inventory import UNKNOWN_SPEAKER

# Words that name a role rather than a person; they stay outside the name ("Defence Minister [Severin Dorrance]").
TITLE_WORDS = frozenset("""
    minister secretary mayor president chancellor councillor councilor spokesman spokeswoman spokesperson chief
    executive director chair chairman chairwoman chairperson leader governor senator judge justice prosecutor
    dr mr mrs ms miss professor prof sir dame lord lady general admiral captain commissioner inspector
    superintendent officer head manager deputy ceo mp mep king queen prince princess premier ambassador envoy
    coach boss owner founder commander colonel sergeant lieutenant detective constable reverend bishop editor
    curator headteacher teacher principal dean economist analyst lawyer attorney campaigner activist pupil student
    skipper fisherman fishmonger pensioner landlord landlady shopkeeper trader farmer nurse doctor midwife surgeon
    engineer scientist researcher author novelist writer artist player referee treasurer clerk registrar
    warden regulator auditor ombudsman negotiator diplomat harbourmaster postmistress postmaster hotelier
    greengrocer signaller publican baker butcher grocer vicar organiser organizer chairs pm rider cyclist
    athlete runner swimmer
    """.split())

# Last words of organisation names ("Tarrow Valley Constabulary", "Ostrel Energy"), and the words that open an
# "X of Y" organisation name ("Ministry of Defence", "Guild of Brenholt Midwives").
ORGANISATION_WORDS = frozenset("""
    council ministry party union federation association board authority command police service group forum fund
    trust foundation league club guild office commission agency department court bank company corporation corp
    inc ltd plc institute university college school hospital museum coalition alliance navy army constabulary
    directorate government chamber systems energy power instruments press news committee parliament assembly
    watch network society institution organisation organization bureau cooperative confederation lobby campaign
    movement front congress senate cabinet secretariat tribunal inquiry panel railways airlines airways holdings
    industries partners enterprises works mills marine motors transport utilities festival library gallery
    theatre orchestra academy trustees inspectorate centre center admiralty observatory fishermen workers
    consultants yards shipyards growers farmers traders parents rescue
    """.split())

# Nominal heads that refer to an organisation with another word in its name ("the police" -> "Tarrow Valley
# Constabulary"), or to whichever organisation was named last (None).
ORGANISATION_NOMINALS: dict[str, frozenset[str] | None] = {
    "police": frozenset({"police", "constabulary"}),
    "force": frozenset({"police", "constabulary"}),
    "union": frozenset({"union", "federation", "guild", "association"}),
    "government": frozenset({"government", "ministry", "cabinet"}),
    **{head: None for head in "company firm utility operator developer regulator organisers body watchdog".split()},
}

# Subject pronouns a SPEAKER span may be, with the kind of source they can refer to.
PRONOUN_KIND = {
    "he": "male",
    "she": "female",
    "i": "person",
    "you": "person",
    "they": "group",
    "we": "group",
    "it": "organisation",
}

# Determiners of an unidentified source: "a senior official", "two people familiar with ...", "some sources".
INDEFINITE_DETERMINERS = frozenset("a an one two three four several some many other others".split())
# Heads of anonymous groups named without a determiner: "Critics said", "Sources close to the talks".
ANONYMOUS_HEADS = frozenset("""
    sources source officials critics experts insiders people reports diplomats analysts observers others
    authorities residents campaigners opponents supporters witnesses economists lawyers aides allies readers
    """.split())
# Heads that speak for an organisation even with an indefinite article ("a spokesperson for the board").
SPOKES_HEADS = frozenset("spokesman spokeswoman spokesperson representative".split())
# Capitalised words that are never part of a name: sentence openers, title-case auxiliaries, weekdays, months.
FUNCTION_WORDS = frozenset("""
    the a an and but or if in on at of for to from by with as so yet after before when while since although
    though because this that these those there here it its he she they we i you his her their our my your
    according speaking meanwhile however also still even only both every each all no not more most what why
    how who where which then now once today yesterday tomorrow last next was were is are has have had will did does
    do
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december
    """.split())
_FEMALE_MARKERS = frozenset("she her mrs ms miss spokeswoman chairwoman dame lady queen princess landlady".split())
_MALE_MARKERS = frozenset("he his him mr spokesman chairman sir lord king prince landlord".split())

# Last words of place names, which are never speakers ("Saddler Bay", "Market Street", "Brook Street Hall").
PLACE_WORDS = frozenset("""
    bay strait street road lane square row park hall bridge river sea ocean islands island isle hills hill valley
    cross point quay harbour port coast ward north south east west moor pass head cafe café arms inn pub prison
    primary station airport estate centre way avenue gate gates field fields wood forest lake loch glen
    """.split())

# A single capitalised word from these lists names a role, not someone ("Police said", "Council").
ROLE_ONLY_WORDS = TITLE_WORDS | ORGANISATION_WORDS | ANONYMOUS_HEADS | ORGANISATION_NOMINALS.keys()

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_CAPITALISED = re.compile(r"[A-Z\u00C0-\u00DE]")
_POSSESSIVE = ("’s", "'s")
_CONNECTORS = frozenset({"of", "for", "and", "de", "van", "von", "der", "da", "la", "le"})


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
    }
)


def slugify(name: str) -> str:
    """The speaker_id of a name: accents folded, lowercase ASCII, apostrophes dropped, hyphens between words.

    >>> slugify("Pete Hegseth"), slugify("Åsa Nørgård-Lind"), slugify("Aurellian Teachers’ Guild")
    ('pete-hegseth', 'asa-norgard-lind', 'aurellian-teachers-guild')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSABLE))
    folded = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    folded = re.sub(r"['’]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def bare(word: str) -> str:
    """A word lowercased, without a possessive or a plural possessive mark.

    >>> bare("Party’s"), bare("Teachers’")
    ('party', 'teachers')
    """
    word = word.lower()
    return word[:-2] if word.endswith(_POSSESSIVE) else word.rstrip("’'")


def is_organisation_name(name: str) -> bool:
    """Whether a name names an organisation: an organisation word last or before "of"/"for", or an acronym.

    >>> is_organisation_name("Guild of Brenholt Midwives"), is_organisation_name("Energy Minister Anna Lind")
    (True, False)
    """
    words = name.split()
    heads = [words[-1]] + [w for w, nxt in zip(words, words[1:]) if nxt in ("of", "for")]
    return any(bare(w) in ORGANISATION_WORDS for w in heads) or (len(words) == 1 and len(name) > 1 and name.isupper())


@dataclass(frozen=True, slots=True)
class NamedMention:
    """A proper name in the text, without its titles; titles holds the role words written just before it."""

    start: int
    end: int
    name: str
    titles: tuple[str, ...]

    @property
    def is_organisation(self) -> bool:
        return is_organisation_name(self.name)


@lru_cache(maxsize=4096)
def named_mentions(text: str) -> tuple[NamedMention, ...]:
    """Every proper name in the text: runs of capitalised words, joined by "of", "for" and "and" only inside an
    organisation or a title, cut after their last title word; the titles keep the lowercase role words before.
    Cached: the baselines ask again for the same article body and the same short phrases.

    >>> [(m.name, m.titles) for m in named_mentions("Ostrel’s foreign ministry spokeswoman Lidia Harkova said.")]
    [('Ostrel', ()), ('Lidia Harkova', ('foreign', 'ministry', 'spokeswoman'))]
    >>> [m.name for m in named_mentions("Minister for Energy and Climate Tove Arnsdal met the Guild of Brenholt "
    ...                                 "Midwives and Varnholt and Achterlund at Ostrel Energy’s site.")]
    ['Tove Arnsdal', 'Guild of Brenholt Midwives', 'Varnholt', 'Achterlund', 'Ostrel Energy']
    """
    words = list(_WORD.finditer(text))
    mentions: list[NamedMention] = []
    for first, end in _capitalised_runs(text, words):
        for seg_first, seg_end in _split_run([w.group() for w in words[first:end]]):
            mention = _mention(text, words, first + seg_first, first + seg_end)
            if mention is not None:
                mentions.append(mention)
    return tuple(mentions)


def _is_name_word(word: str) -> bool:
    """A capitalised word that can belong to a name: not a sentence opener, and not an inflected reporting verb
    of a title-case headline ("Says", "Warns"); a bare form can be a name word ("Signal Workers")."""
    lowered = word.lower()
    return (
        bool(_CAPITALISED.match(word)) and lowered not in FUNCTION_WORDS and CUE_FORMS.get(lowered, lowered) == lowered
    )


def _capitalised_runs(text: str, words: list[re.Match[str]]) -> Iterator[tuple[int, int]]:
    """Half-open word index ranges of capitalised runs: words one space apart, connectors allowed between
    capitalised words, ending after a possessive ("Ostrel Energy’s") unless it is part of the name ("Fishermen’s
    Association")."""
    i = 0
    while i < len(words):
        if not _is_name_word(words[i].group()):
            i += 1
            continue
        last = i
        j = i + 1
        while (
            j < len(words)
            and text[words[j - 1].end() : words[j].start()] == " "
            and (
                not words[j - 1].group().endswith(_POSSESSIVE)
                or _group_possessive(words[j - 1].group(), words[j].group())
            )
        ):
            word = words[j].group()
            if _is_name_word(word):
                last = j
            elif word not in _CONNECTORS:
                break
            j += 1
        yield i, last + 1
        i = last + 1


def _group_possessive(possessor: str, following: str) -> bool:
    """A possessive inside an organisation's name: a plural group before an organisation word ("Fishermen’s
    Association", "Women’s Ice League"), not a place's ("Veskaria’s Directorate of Defence")."""
    return bare(possessor).lower().endswith(("men", "ers")) and bare(following) in ORGANISATION_WORDS


def _split_run(run: list[str]) -> Iterator[tuple[int, int]]:
    """Split a run at a connector that does not belong inside a name: "and" joins only inside one organisation
    ("Brenholt and Corrandale Health Board", not "the Federation and Kessary Borough Council"), "of"/"for" only
    after an organisation or title word."""
    start = 0
    # "and" also joins one word after an "of"/"for" that joined: "Minister for Energy and Climate", "Federation of
    # Rail and Signal Workers".
    joined_of = -2  # index of the last joining "of"/"for"; -2: none yet
    ends_in_organisation = bare(run[-1]) in ORGANISATION_WORDS
    for k, word in enumerate(run):
        if word in ("of", "for"):
            joins = bare(run[k - 1]) in ORGANISATION_WORDS | TITLE_WORDS
            joined_of = k if joins else -2
        elif word == "and":
            one_organisation = ends_in_organisation and not any(bare(w) in ORGANISATION_WORDS for w in run[start:k])
            joins = one_organisation or k == joined_of + 2
        else:
            joins = True
        if not joins:
            yield start, k
            start = k + 1
    yield start, len(run)


def _mention(text: str, words: list[re.Match[str]], first: int, end: int) -> NamedMention | None:
    """The mention of words[first:end] with its titles split off; None when nothing but titles remains."""
    run = [w.group() for w in words[first:end]]
    cut = 0 if is_organisation_name(" ".join(run)) else _title_cut(run)
    while cut < len(run) and (run[cut].lower() in _CONNECTORS or not _is_name_word(run[cut])):
        cut += 1
    if cut >= len(run) or cut == len(run) - 1 and bare(run[cut]) in ROLE_ONLY_WORDS:
        return None
    start, stop = words[first + cut].start(), words[end - 1].end()
    if text[start:stop].endswith(_POSSESSIVE):
        stop -= 2
    titles = _role_words_before(text, words, first) + tuple(w.lower() for w in run[:cut])
    return NamedMention(start, stop, text[start:stop], titles)


def _title_cut(run: list[str]) -> int:
    """Index of the first name word of a person's run: after the last title word; after a portfolio
    ("Minister for Energy and Climate Tove Arnsdal"), the last two words."""
    titled = [k for k, w in enumerate(run) if bare(w) in TITLE_WORDS]
    if not titled:
        return 0
    cut = titled[-1] + 1
    if cut < len(run) and run[cut] in _CONNECTORS:
        return max(cut, len(run) - 2)
    return cut


def _role_words_before(text: str, words: list[re.Match[str]], first: int, limit: int = 4) -> tuple[str, ...]:
    """Up to `limit` lowercase words right before a name, in the same clause: "foreign ministry spokeswoman"."""
    collected: list[str] = []
    j = first - 1
    while j >= 0 and len(collected) < limit:
        word = words[j].group()
        if text[words[j].end() : words[j + 1].start()] != " " or not word.islower() or word in FUNCTION_WORDS:
            break
        collected.append(bare(word))
        j -= 1
    return tuple(reversed(collected))


def _apposition_roles(text: str, end: int) -> set[str]:
    """Role words of an apposition or relative clause right after a name, up to the next comma or full stop:
    "Gordon Fey, a retired engineer, ..." -> {a, retired, engineer}; "Bertram Oakes, who leads the opposition
    bloc on the council, ..." adds "councillor", the role of whoever sits on a council."""
    match = re.match(r", ([^,.;:“”\"\n]{3,80})", text[end : end + 90])
    if match is None:
        return set()
    words = {bare(w) for w in _WORD.findall(match.group(1))}
    if "council" in words:
        words.add("councillor")
    return words


@dataclass(slots=True)
class Entity:
    """A source of the article: its full name, where it is first named, and what the text says about it."""

    name: str
    is_organisation: bool
    first: int
    roles: set[str] = field(default_factory=set)
    gender: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def is_person(self) -> bool:
        """A person: no organisation or place, and a full name or a title ("Mayor Olander"); a lone capitalised
        word is more often a place."""
        if self.is_organisation or bare(self.name.split()[-1]) in PLACE_WORDS or self.name.startswith("St "):
            return False
        return " " in self.name or bool(self.roles & TITLE_WORDS)


class EntityIndex:
    """The entities of one article, built from the named mentions of its body in reading order; the outlet's own
    name is left out."""

    def __init__(self, text: str, outlet: str = "") -> None:
        self.text = text
        self.headline_end = text.find("\n") if "\n" in text else len(text)
        self.entities: list[Entity] = []
        self.mentions: list[tuple[NamedMention, Entity]] = []
        for mention in named_mentions(text[self.headline_end :]):
            mention = replace(mention, start=mention.start + self.headline_end, end=mention.end + self.headline_end)
            if text[mention.start - 1] in "“‘\"'" or mention.name == outlet or _in_heading(text, mention.start):
                continue  # a title in quotation marks, the outlet in its dateline, a title-case subheading
            entity = self._known(mention.name.split()) or self._add(mention)
            entity.roles.update(mention.titles, _apposition_roles(text, mention.end))
            entity.gender = entity.gender or _gender_evidence(text, mention)
            self.mentions.append((mention, entity))

    def _add(self, mention: NamedMention) -> Entity:
        entity = Entity(mention.name, mention.is_organisation, mention.start)
        self.entities.append(entity)
        return entity

    def _known(self, tokens: list[str], before: int | None = None) -> Entity | None:
        """The entity whose full name is `tokens`, or ends or starts with them ("Harkova" -> "Lidia Harkova",
        "Aldercrest" -> "Aldercrest Launch Systems"): the latest introduced before `before`, else the first."""
        candidates = [e for e in self.entities if _names_match(e.name.split(), tokens)]
        if not candidates:
            return None
        earlier = [e for e in candidates if before is not None and e.first < before]
        return max(earlier, key=lambda e: e.first) if earlier else min(candidates, key=lambda e: e.first)

    def named(self, surface: str, position: int) -> Entity | None:
        """The entity a name speaker refers to; leading words that are not in any name are dropped one by one
        ("Energy Minister Annika Roode" -> "Annika Roode")."""
        tokens = [t for t in re.split(r"\s+", surface) if t]
        if tokens and tokens[-1].endswith(_POSSESSIVE):
            tokens[-1] = tokens[-1][:-2]
        for k in range(len(tokens)):
            entity = self._known(tokens[k:], before=position)
            if entity is not None:
                return entity
        return None

    def nearest(self, position: int, fits: Callable[[Entity], bool]) -> Entity | None:
        """The entity of the nearest named mention before position that fits; from a headline position, the first
        one of the body."""
        return next(self.candidates(position, fits), None)

    def candidates(self, position: int, fits: Callable[[Entity], bool]) -> Iterator[Entity]:
        """The entities that fit, each once, from the nearest mention before position back (from a headline
        position, the body's in reading order)."""
        if position < self.headline_end:
            ordered = [e for _, e in self.mentions]
        else:
            ordered = [e for m, e in reversed(self.mentions) if m.end <= position]
        seen: set[int] = set()
        for entity in ordered:
            if id(entity) not in seen and fits(entity):
                seen.add(id(entity))
                yield entity


def _in_heading(text: str, position: int) -> bool:
    """Whether position lies on a subheading: a short line without a final full stop ("What Was Stolen")."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line.split()) <= 8 and not line.endswith((".", "”", '"', ":"))


def _names_match(full: list[str], tokens: list[str]) -> bool:
    if full == tokens:
        return True
    return 0 < len(tokens) < len(full) and (full[-len(tokens) :] == tokens or full[: len(tokens)] == tokens)


def _gender_evidence(text: str, mention: NamedMention) -> str | None:
    """A person's gender from a gendered title, else from the first he/she/his/her in the next 200 characters,
    unless another full name comes first."""
    if mention.is_organisation:
        return None
    for word in mention.titles:
        if word in _FEMALE_MARKERS:
            return "female"
        if word in _MALE_MARKERS:
            return "male"
    window = text[mention.end : mention.end + 200]
    match = re.search(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er|[A-Z]\w+ [A-Z]\w+)\b", window)
    if match is None:
        return None
    word = match.group().lower()
    return "female" if word in _FEMALE_MARKERS else "male" if word in _MALE_MARKERS else None


def mention_type(surface: str) -> str:
    """How a SPEAKER surface names its source.

    >>> [mention_type(s) for s in ("Lidia Harkova", "she", "the minister", "a senior official", "Critics",
    ...                            "Council Leader", "Tarrow Valley Constabulary", "a spokesperson for the board")]
    ['name', 'pronoun', 'nominal', 'anonymous', 'anonymous', 'nominal', 'name', 'nominal']
    """
    words = surface.split()
    first = words[0].lower()
    head = head_word(surface)
    if len(words) == 1 and first in PRONOUN_KIND:
        return "pronoun"
    if first in INDEFINITE_DETERMINERS:
        return "nominal" if head in SPOKES_HEADS else "anonymous"
    if head in ANONYMOUS_HEADS and first not in ("the", "his", "her", "its", "their"):
        return "anonymous"
    if first in FUNCTION_WORDS or not _names_someone(words):
        return "nominal"
    return "name"


def _names_someone(words: list[str]) -> bool:
    """Whether a phrase contains a name rather than only capitalised roles ("Council Leader", "Police")."""
    if bare(words[-1]) in TITLE_WORDS:
        return False
    generic = TITLE_WORDS | ORGANISATION_WORDS | ANONYMOUS_HEADS
    return any(_CAPITALISED.match(w) and bare(w) not in generic for w in words)


def head_word(surface: str) -> str:
    """The head noun of a speaker noun phrase, lowercase: its last word before a post-modifier.

    >>> head_word("a spokesperson for the board who asked not to be named"), head_word("Kessary’s mayor")
    ('spokesperson', 'mayor')
    """
    core = re.split(r",|\s(?:for|of|at|in|on|with|who|from|close|familiar|involved|briefed|speaking)\s", surface)[0]
    return bare(core.split()[-1]) if core.split() else ""


def _owner(surface: str) -> str | None:
    """The organisation a spokesperson speaks for: "a spokesperson for the board" -> "the board"."""
    match = re.search(r"\s(?:for|of|at)\s+(.+)$", surface)
    return match.group(1) if match else None


def _fits_pronoun(entity: Entity, kind: str) -> bool:
    if kind == "organisation":
        return entity.is_organisation
    if kind == "group":
        return entity.is_organisation or entity.is_person
    return entity.is_person and entity.gender in (None, kind) if kind in ("male", "female") else entity.is_person


class _Resolver:
    """Resolves the speakers of one article in reading order against its entity index, remembering who has
    spoken: a pronoun goes first to the nearest entity that is surely a person."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.index = EntityIndex(doc.text, doc.outlet)
        self.spoken: set[int] = set()

    def resolve(self, span: Span) -> Span:
        surface = self.text[span.start : span.end]
        mention = mention_type(surface)
        entity = self._entity(surface, mention, span.start)
        if entity is not None:
            self.spoken.add(id(entity))
            speaker_id = entity.slug
        elif mention == "name":
            speaker_id = slugify(surface)
        else:
            speaker_id = UNKNOWN_SPEAKER
        return replace(span, speaker_id=speaker_id, mention=mention)

    def _entity(self, surface: str, mention: str, position: int) -> Entity | None:
        if mention == "name":
            return self.index.named(surface, position)
        if mention == "pronoun":
            return self._pronoun(PRONOUN_KIND[surface.lower()], position)
        if mention == "nominal":
            return self._nominal(surface, position)
        return None

    def _pronoun(self, kind: str, position: int, reach: int = 4) -> Entity | None:
        """Among the few nearest entities the pronoun fits (gender included, when known): the first surely a
        person (one who has spoken or was introduced with a role), else the nearest."""
        near = list(itertools.islice(self.index.candidates(position, lambda e: _fits_pronoun(e, kind)), reach))
        return next((e for e in near if self._surely_person(e, kind)), None) or (near[0] if near else None)

    def _surely_person(self, entity: Entity, kind: str) -> bool:
        """A person beyond doubt: one who has spoken, or was introduced with a role; organisations for "it" and
        "they" need no such proof."""
        if kind in ("organisation", "group") and entity.is_organisation:
            return True
        return id(entity) in self.spoken or bool(entity.roles & TITLE_WORDS)

    def _nominal(self, surface: str, position: int) -> Entity | None:
        """ "the minister" -> the latest person introduced with that role; "the union" -> the latest organisation
        with that word in its name, else the latest organisation; "a spokesperson for the board" -> the board."""
        head = head_word(surface)
        if head in SPOKES_HEADS:
            owner = _owner(surface)
            if owner:
                return self._nominal(owner, position)
            modifiers = {bare(w) for w in surface.split()[:-1]}
            return self.index.nearest(position, lambda e: e.is_organisation and bool(modifiers & _name_words(e)))
        singular = head[:-1] if head.endswith("s") and head[:-1] in ORGANISATION_WORDS else head
        if singular in ORGANISATION_WORDS or singular in ORGANISATION_NOMINALS:
            name_words = ORGANISATION_NOMINALS.get(singular, frozenset({singular}))
            named = name_words and self.index.nearest(
                position, lambda e: e.is_organisation and bool(name_words & _name_words(e))
            )
            return named or self.index.nearest(position, lambda e: e.is_organisation)
        with_role = self.index.nearest(position, lambda e: e.is_person and head in e.roles)
        return with_role or self.index.nearest(position, lambda e: e.is_person)


def _name_words(entity: Entity) -> set[str]:
    return {bare(w) for w in entity.name.split()}


def resolve_speakers(doc: Document, speakers: list[Span]) -> list[Span]:
    """The SPEAKER spans with speaker_id and mention filled, resolved against doc.text.

    >>> text = "Talks Stall\\n\\nForeign Minister Anna Lind said talks had stalled. Lind said she would return."
    >>> doc = Document("d", "e", "o", "wire", "2026-01-01", "composed", "sport", text)
    >>> spans = [Span("s1", 30, 39, "SPEAKER"), Span("s2", 64, 68, "SPEAKER"), Span("s3", 74, 77, "SPEAKER")]
    >>> [(s.speaker_id, s.mention) for s in resolve_speakers(doc, spans)]
    [('anna-lind', 'name'), ('anna-lind', 'name'), ('anna-lind', 'pronoun')]
    """
    resolver = _Resolver(doc)
    resolved = {span.id: resolver.resolve(span) for span in sorted(speakers, key=lambda s: s.start)}
    return [resolved[span.id] for span in speakers]
