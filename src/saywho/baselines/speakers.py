"""Speaker resolution shared by the baselines: who a SPEAKER span refers to, and how it names them.

resolve_speakers() fills speaker_id (a slug of the source's full name, or 'unknown') and mention (name, nominal,
pronoun, anonymous) on predicted SPEAKER spans. It needs nothing but the article text: the named mentions of the
article are found with a capitalisation heuristic (named_mentions), merged into entities (a surname or a short
organisation name joins the full name seen before it), and pronouns and nominals go to the nearest compatible
entity before them. Headline speakers look forward instead, because the headline precedes the article that
introduces them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from saywho.document import Document, Span
from saywho.inventory import UNKNOWN_SPEAKER

# Words that name a role rather than a person; they stay outside the name ("Defence Minister [Severin Dorrance]").
TITLE_WORDS = frozenset(
    """
    minister secretary mayor president chancellor councillor councilor spokesman spokeswoman spokesperson chief
    executive director chair chairman chairwoman chairperson leader governor senator judge justice prosecutor dr
    mr mrs ms miss professor prof sir dame lord lady general admiral captain commissioner inspector superintendent
    officer head manager deputy ceo mp mep king queen prince princess premier ambassador envoy coach boss owner
    founder president-elect vice commander colonel major sergeant lieutenant detective constable rev reverend
    father bishop archbishop pope cardinal chief-executive editor curator headteacher teacher principal dean
    economist analyst lawyer attorney campaigner activist pupil student skipper fisherman fishmonger pensioner
    landlord landlady shopkeeper trader farmer nurse doctor midwife surgeon engineer scientist researcher author
    writer artist player striker goalkeeper midfielder defender referee umpire mp speaker whip treasurer clerk
    registrar sheriff warden governor-general regulator auditor ombudsman negotiator diplomat official member
    """.split()
)

# Head words of organisation names; a name containing one is an organisation ("Tarrow Valley Constabulary").
ORGANISATION_WORDS = frozenset(
    """
    council ministry party union federation association board authority command police service group forum fund
    trust foundation league club guild office commission agency department court bank company corporation corp
    inc ltd plc institute university college school hospital museum coalition alliance navy army air force
    constabulary directorate government chamber systems energy power instruments press news committee parliament
    assembly watch network society institution organisation organization bureau council's cooperative co-op
    federation's confederation lobby campaign movement front congress senate cabinet secretariat unit team
    tribunal inquiry panel railways airlines airways holdings industries group's partners enterprises works
    mills marine motors launch transport utilities utility water festival library gallery theatre orchestra
    academy trustees inspectorate executive
    """.split()
)

# Subject pronouns a SPEAKER span may be, with the kind of source they can refer to.
PRONOUN_KIND = {
    "he": "male",
    "she": "female",
    "i": "person",
    "they": "group",
    "we": "group",
    "it": "organisation",
    "you": "person",
}

# Determiners of an unidentified source: "a senior official", "two people familiar with ...", "some sources".
INDEFINITE_DETERMINERS = frozenset("a an one two three four several some many other others".split())
# Heads of anonymous groups named without a determiner: "Critics said", "Sources close to the talks".
ANONYMOUS_HEADS = frozenset(
    """
    sources source officials critics experts insiders people reports diplomats analysts observers others
    authorities residents campaigners opponents supporters witnesses economists lawyers aides allies readers
    """.split()
)
# Heads that speak for an organisation even with an indefinite article ("a spokesperson for the board").
SPOKES_HEADS = frozenset("spokesman spokeswoman spokesperson representative".split())
# Capitalised words that open a sentence without being part of a name.
FUNCTION_WORDS = frozenset(
    """
    the a an and but or if in on at of for to from by with as so yet after before when while since although
    though because this that these those there here it its he she they we i you his her their our my your
    according speaking asked meanwhile however also still even only both every each all no not more most
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december mr mrs ms dr
    """.split()
)
_FEMALE_MARKERS = frozenset("she her mrs ms miss spokeswoman chairwoman dame lady queen princess landlady".split())
_MALE_MARKERS = frozenset("he his him mr spokesman chairman sir lord king prince landlord fisherman".split())
_NAME_CONNECTORS = frozenset({"of", "for", "and", "de", "van", "von", "der", "da", "le", "la"})

_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_CAPITALISED = re.compile(r"[A-Z\u00C0-\u00DE]")


def slugify(name: str) -> str:
    """The speaker_id of a name: accents folded, lowercase ASCII, apostrophes dropped, hyphens between words.

    >>> slugify("Pete Hegseth"), slugify("Åsa Nørgård-Lind"), slugify("Aurellian Teachers’ Guild")
    ('pete-hegseth', 'asa-nrgard-lind', 'aurellian-teachers-guild')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    folded = re.sub(r"['’]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass(frozen=True, slots=True)
class NamedMention:
    """A proper name in the text, without its titles; descriptor holds the role words written around it."""

    start: int
    end: int
    name: str
    titles: tuple[str, ...]

    @property
    def is_organisation(self) -> bool:
        return is_organisation_name(self.name)


def is_organisation_name(name: str) -> bool:
    """Whether a name names an organisation: an organisation head word in it, or an acronym ("NATO")."""
    words = name.split()
    return any(w.lower().strip("’'") in ORGANISATION_WORDS for w in words) or (
        len(words) == 1 and len(name) > 1 and name.isupper()
    )


def _is_name_word(word: str) -> bool:
    return bool(_CAPITALISED.match(word)) and word.lower() not in FUNCTION_WORDS


def named_mentions(text: str) -> list[NamedMention]:
    """Every proper name in the text: runs of capitalised words (joined by "of", "and" ... inside a name),
    split at the last title word, which goes to titles together with the lowercase role words just before.

    >>> [(m.name, m.titles) for m in named_mentions("Foreign ministry spokeswoman Lidia Harkova said.")]
    [('Lidia Harkova', ('foreign', 'ministry', 'spokeswoman'))]
    >>> [(m.name, m.titles) for m in named_mentions("Caldorian Defence Minister Severin Dorrance said.")]
    [('Severin Dorrance', ('caldorian', 'defence', 'minister'))]
    """
    words = list(_WORD.finditer(text))
    mentions: list[NamedMention] = []
    i = 0
    while i < len(words):
        if not _is_name_word(words[i].group()):
            i += 1
            continue
        run_end = _run_end(text, words, i)
        mention = _mention_from_run(text, words, i, run_end)
        if mention is not None:
            mentions.append(mention)
        i = run_end
    return mentions


def _run_end(text: str, words: list[re.Match[str]], first: int) -> int:
    """Index after the last word of the capitalised run starting at words[first]; words must be separated by a
    single space, and a connector ("of", "and") joins only when a capitalised word follows it."""
    last = first
    j = first + 1
    while j < len(words) and text[words[j - 1].end() : words[j].start()] == " ":
        word = words[j].group()
        if _CAPITALISED.match(word):
            last = j
        elif word.lower() not in _NAME_CONNECTORS:
            break
        j += 1
    return last + 1


def _mention_from_run(text: str, words: list[re.Match[str]], first: int, end: int) -> NamedMention | None:
    run = [w.group() for w in words[first:end]]
    title_positions = [k for k, w in enumerate(run) if w.lower() in TITLE_WORDS]
    cut = title_positions[-1] + 1 if title_positions and not is_organisation_name(" ".join(run)) else 0
    while cut < len(run) and run[cut].lower() in FUNCTION_WORDS | _NAME_CONNECTORS:
        cut += 1
    if cut >= len(run):
        return None
    name_end = len(run)
    if run[-1].lower() in _NAME_CONNECTORS:
        name_end -= 1
    start, stop = words[first + cut].start(), words[first + name_end - 1].end()
    stop = _strip_possessive(text, start, stop)
    titles = _lowercase_role_words(text, words, first) + tuple(w.lower() for w in run[:cut])
    return NamedMention(start, stop, text[start:stop], titles)


def _strip_possessive(text: str, start: int, stop: int) -> int:
    """The end of a name without its possessive ’s ("Hegseth’s" -> "Hegseth")."""
    if stop - start > 2 and text[stop - 2 : stop] in ("’s", "'s"):
        return stop - 2
    return stop


def _lowercase_role_words(text: str, words: list[re.Match[str]], first: int, limit: int = 4) -> tuple[str, ...]:
    """Up to `limit` lowercase words right before a name, in the same clause: "foreign ministry spokeswoman"."""
    collected: list[str] = []
    j = first - 1
    while j >= 0 and len(collected) < limit:
        gap = text[words[j].end() : words[j + 1].start() if j + 1 < len(words) else words[first].start()]
        word = words[j].group()
        if gap.strip() or _CAPITALISED.match(word) and word.lower() in FUNCTION_WORDS:
            break
        if word.lower() in FUNCTION_WORDS:
            break
        collected.append(word.lower())
        j -= 1
    return tuple(reversed(collected))


@dataclass(slots=True)
class Entity:
    """A source of the article: its full name, every mention of it, and what the text says about it."""

    name: str
    is_organisation: bool
    positions: list[int] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    gender: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)


class EntityIndex:
    """The entities of one article, built from its named mentions in reading order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.headline_end = text.find("\n") if "\n" in text else len(text)
        self.entities: list[Entity] = []
        self._mentions: list[tuple[NamedMention, Entity]] = []
        body_first = sorted(named_mentions(text), key=lambda m: (m.start < self.headline_end, m.start))
        for mention in body_first:
            entity = self._entity_for(mention.name, mention.start) or self._new_entity(mention)
            entity.positions.append(mention.start)
            entity.roles.update(mention.titles)
            entity.roles.update(_apposition_roles(text, mention.end))
            self._mentions.append((mention, entity))
        self._mentions.sort(key=lambda pair: pair[0].start)
        for mention, entity in self._mentions:
            entity.gender = entity.gender or _gender_near(text, mention)

    def _new_entity(self, mention: NamedMention) -> Entity:
        entity = Entity(mention.name, mention.is_organisation)
        self.entities.append(entity)
        return entity

    def _entity_for(self, name: str, position: int) -> Entity | None:
        """The entity a name at `position` belongs to: the same full name, or the latest full name that the name
        is the surname or first word of ("Harkova" -> "Lidia Harkova", "Aldercrest" -> "Aldercrest Launch
        Systems"). Mentions are registered body first, so a headline name finds the body's full name."""
        tokens = name.split()
        for entity in reversed(self.entities):
            full = entity.name.split()
            if full == tokens:
                return entity
        for entity in reversed(self.entities):
            full = entity.name.split()
            if len(tokens) < len(full) and (full[-len(tokens) :] == tokens or full[: len(tokens)] == tokens):
                return entity
        return None

    def entity_named(self, name: str, position: int) -> Entity | None:
        return self._entity_for(name, position)

    def mentions_before(self, position: int) -> list[tuple[NamedMention, Entity]]:
        """Named mentions before position, nearest first; for a headline position, the body's in reading order."""
        if position < self.headline_end:
            return [pair for pair in self._mentions if pair[0].start > self.headline_end]
        return [pair for pair in reversed(self._mentions) if pair[0].end <= position]


def _apposition_roles(text: str, end: int) -> set[str]:
    """Role words of an apposition right after a name: "Gordon Fey, a retired engineer, ..." -> {retired,
    engineer}."""
    match = re.match(r",\s+(?:a|an|the)\s+([a-z][\w’'\- ]{0,60}?)(?=[,.;]|\s+(?:who|which|said|at|for|of|in)\b)",
                     text[end : end + 80])
    return set(match.group(1).split()) if match else set()


def _gender_near(text: str, mention: NamedMention) -> str | None:
    """Gender evidence for a person: a gendered title, else the first he/she/his/her in the next 250 characters
    before another name intervenes."""
    if mention.is_organisation:
        return None
    for word in mention.titles:
        if word in _FEMALE_MARKERS:
            return "female"
        if word in _MALE_MARKERS:
            return "male"
    window = text[mention.end : mention.end + 250]
    for match in re.finditer(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er|[A-Z][a-z]+ [A-Z][a-z]+)\b", window):
        word = match.group().lower()
        if word in _FEMALE_MARKERS:
            return "female"
        if word in _MALE_MARKERS:
            return "male"
        return None
    return None


def mention_type(surface: str) -> str:
    """How a SPEAKER surface names its source.

    >>> [mention_type(s) for s in ("Lidia Harkova", "she", "the minister", "a senior official", "Critics")]
    ['name', 'pronoun', 'nominal', 'anonymous', 'anonymous']
    """
    words = surface.split()
    first = words[0].lower().strip(",")
    if len(words) == 1 and first in PRONOUN_KIND:
        return "pronoun"
    head = _head_word(surface)
    if first in INDEFINITE_DETERMINERS:
        return "nominal" if head in SPOKES_HEADS else "anonymous"
    if first not in FUNCTION_WORDS and head in ANONYMOUS_HEADS and not _CAPITALISED.match(words[-1]):
        return "anonymous"
    if first in ("critics", "sources", "officials", "insiders", "experts", "reports", "people", "diplomats"):
        return "anonymous"
    if first in FUNCTION_WORDS or not _has_name(words):
        return "nominal"
    return "name"


def _has_name(words: list[str]) -> bool:
    """Whether a capitalised noun phrase contains a name rather than a capitalised role ("Council Leader")."""
    return any(
        _CAPITALISED.match(w) and w.lower().strip("’'s") not in TITLE_WORDS | ORGANISATION_WORDS | ANONYMOUS_HEADS
        for w in words
    ) and not all(w.lower().strip("’") in TITLE_WORDS | ORGANISATION_WORDS for w in words[-1:])


def _head_word(surface: str) -> str:
    """The head noun of a speaker noun phrase: its last word before a post-modifier.

    >>> _head_word("a spokesperson for the board who asked not to be named")
    'spokesperson'
    """
    core = re.split(r",|\s(?:for|of|at|in|on|with|who|from|close|familiar|involved|briefed|speaking)\s", surface)[0]
    return core.split()[-1].lower().strip("’'") if core.split() else ""


def _modifier_object(surface: str) -> str | None:
    """The organisation a spokesperson speaks for: "a spokesperson for the board" -> "the board"."""
    match = re.search(r"\s(?:for|of|at)\s+(.+)$", surface)
    return match.group(1) if match else None


def _person_kind_fits(entity: Entity, kind: str) -> bool:
    if entity.is_organisation:
        return kind in ("group", "organisation")
    if kind in ("male", "female"):
        return entity.gender in (None, kind)
    return kind in ("person", "group")


class _Resolver:
    """Resolves the speakers of one article in reading order, remembering who has already spoken."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.index = EntityIndex(doc.text)
        self.spoken: list[tuple[int, Entity]] = []

    def resolve(self, span: Span) -> Span:
        surface = self.text[span.start : span.end]
        mention = mention_type(surface)
        entity = self._entity(surface, mention, span.start)
        if entity is not None:
            self.spoken.append((span.start, entity))
        speaker_id = entity.slug if entity is not None else self._fallback(surface, mention)
        return replace(span, speaker_id=speaker_id, mention=mention)

    def _fallback(self, surface: str, mention: str) -> str:
        if mention == "name":
            return slugify(_strip_titles(surface))
        return UNKNOWN_SPEAKER

    def _entity(self, surface: str, mention: str, position: int) -> Entity | None:
        if mention == "name":
            return self.index.entity_named(_strip_titles(surface), position)
        if mention == "pronoun":
            return self._nearest(position, lambda e: _person_kind_fits(e, PRONOUN_KIND[surface.lower()]))
        if mention == "nominal":
            return self._nominal(surface, position)
        return None

    def _nearest(self, position: int, fits) -> Entity | None:
        for _, entity in self.index.mentions_before(position):
            if fits(entity):
                return entity
        return None

    def _nominal(self, surface: str, position: int) -> Entity | None:
        """"the minister" -> the latest person introduced with that role; "the union" -> the latest organisation
        with that word in its name; "a spokesperson for the board" -> the board."""
        head = _head_word(surface)
        if head in SPOKES_HEADS:
            owner = _modifier_object(surface)
            if owner:
                return self._nominal(owner, position)
            modifiers = set(w.lower() for w in surface.split()[:-1])
            return self._nearest(position, lambda e: e.is_organisation and modifiers & set(e.name.lower().split()))
        if head in ORGANISATION_WORDS or head.endswith("s") and head[:-1] in ORGANISATION_WORDS:
            stem = head.rstrip("s") if head not in ORGANISATION_WORDS else head
            named = self._nearest(position, lambda e: e.is_organisation and stem in e.name.lower().split())
            return named or self._nearest(position, lambda e: e.is_organisation)
        return self._nearest(position, lambda e: not e.is_organisation and head in e.roles)


def _strip_titles(surface: str) -> str:
    """The name inside a speaker surface that still carries titles ("Defence Minister Severin Dorrance")."""
    found = named_mentions(surface)
    return found[-1].name if found else surface


def resolve_speakers(doc: Document, speakers: list[Span]) -> list[Span]:
    """The SPEAKER spans with speaker_id and mention filled, resolved in reading order against doc.text.

    >>> from saywho.document import Document
    >>> text = "Talks Stall\\n\\nForeign Minister Anna Lind said talks had stalled. Lind said she would return."
    >>> doc = Document("d", "e", "o", "wire", "2026-01-01", "composed", "sport", text)
    >>> spans = [Span("s1", 30, 39, "SPEAKER"), Span("s2", 66, 70, "SPEAKER"), Span("s3", 76, 79, "SPEAKER")]
    >>> [(s.speaker_id, s.mention) for s in resolve_speakers(doc, spans)]
    [('anna-lind', 'name'), ('anna-lind', 'name'), ('anna-lind', 'pronoun')]
    """
    resolver = _Resolver(doc)
    resolved = {span.id: resolver.resolve(span) for span in sorted(speakers, key=lambda s: s.start)}
    return [resolved[span.id] for span in speakers]
