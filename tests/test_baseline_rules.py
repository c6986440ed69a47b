"""The rule-based attributor (rules), its reference (direct-quotes), the cue lexicon and speaker resolution, on short
hand-written articles with fictional names: one test per phenomenon, exact spans, relations and speaker ids."""

from __future__ import annotations

import pytest

from saywho.baselines.cues import CUE_FORMS, find_cues, inflections
from saywho.baselines.direct import DirectQuotesSystem
from saywho.baselines.rules import RulesSystem, quote_pairs
from saywho.baselines.speakers import resolve_speakers, slugify
from saywho.document import Document, Span
from saywho.tokenize import token_range, tokenize

HEADLINE = "Pier Row Deepens\n\n"


def article(text: str) -> Document:
    return Document("t", "e", "Test Wire", "wire", "2026-01-01", "composed", "local-affairs", text)


def attributions(text: str, system=None) -> list[tuple]:
    """Each predicted QUOTE as (quote, form, [(speaker, speaker_id, mention)], [cue]), in text order."""
    doc = (system or RulesSystem()).predict(article(text))
    found = []
    for quote in doc.labelled("QUOTE"):
        speakers = [doc.span(i) for i in doc.related(quote.id, "said_by")]
        cues = [doc.span(i) for i in doc.related(quote.id, "cued_by")]
        found.append(
            (
                text[quote.start : quote.end],
                quote.form,
                [(text[s.start : s.end], s.speaker_id, s.mention) for s in speakers],
                [text[c.start : c.end] for c in cues],
            )
        )
    return found


# -- direct quotes ----------------------------------------------------------------------------------------------


def test_split_quote_is_two_quotes_sharing_speaker_and_cue():
    text = HEADLINE + "“We will not sell the pier,” Mayor Ada Quellin said, “not this year and not next.”"
    doc = RulesSystem().predict(article(text))
    first, second = doc.labelled("QUOTE")
    assert text[first.start : first.end] == "We will not sell the pier,"
    assert text[second.start : second.end] == "not this year and not next."
    assert doc.related(first.id, "said_by") == doc.related(second.id, "said_by")
    assert doc.related(first.id, "cued_by") == doc.related(second.id, "cued_by")
    assert [text[s.start : s.end] for s in doc.labelled("SPEAKER")] == ["Ada Quellin"]
    assert [text[s.start : s.end] for s in doc.labelled("CUE")] == ["said"]


def test_speaker_after_the_quote_inverted():
    assert attributions(HEADLINE + "“The fund is empty,” said Ilsa Varga.") == [
        ("The fund is empty,", "direct", [("Ilsa Varga", "ilsa-varga", "name")], ["said"])
    ]


def test_speaker_before_the_quote_with_colon():
    assert attributions(HEADLINE + "Ilsa Varga said: “The fund is empty.”") == [
        ("The fund is empty.", "direct", [("Ilsa Varga", "ilsa-varga", "name")], ["said"])
    ]


def test_speaker_inside_a_split_quote_is_a_resolved_pronoun():
    text = HEADLINE + "Oren Maddox arrived late. “We have the votes,” he said. “The pier stays.”"
    speaker = [("he", "oren-maddox", "pronoun")]
    assert attributions(text) == [
        ("We have the votes,", "direct", speaker, ["said"]),
        ("The pier stays.", "direct", speaker, ["said"]),
    ]


def test_pronoun_speaker_resolves_to_the_person_named_before():
    text = HEADLINE + "Councillor Ilsa Varga opened the meeting.\n\n“We are ready,” she said."
    assert attributions(text) == [("We are ready,", "direct", [("she", "ilsa-varga", "pronoun")], ["said"])]


def test_multi_paragraph_quote_is_one_span_from_first_to_last_mark():
    text = HEADLINE + "Ilsa Varga said:\n\n“The first part is done.\n\n“The second part is not.”"
    assert attributions(text) == [
        (
            "The first part is done.\n\n“The second part is not.",
            "direct",
            [("Ilsa Varga", "ilsa-varga", "name")],
            ["said"],
        )
    ]


def test_headline_quote_with_nominal_speaker_resolved_forward():
    text = "‘We Will Rebuild,’ Says Harbour Chief\n\nHarbour chief Tomas Verhoek spoke on Monday."
    assert attributions(text) == [
        ("We Will Rebuild,", "direct", [("Harbour Chief", "tomas-verhoek", "nominal")], ["Says"])
    ]


def test_straight_marks_with_straight_apostrophes_inside():
    text = HEADLINE + "\"It's the town's pier, not the council's,\" Ilsa Varga said."
    assert attributions(text) == [
        ("It's the town's pier, not the council's,", "direct", [("Ilsa Varga", "ilsa-varga", "name")], ["said"])
    ]


def test_curly_apostrophes_do_not_break_pairing():
    text = HEADLINE + "“The town’s pier isn’t for sale,” Ilsa Varga said of the council’s ‘plan’."
    assert [text[p.open + 1 : p.close] for p in quote_pairs(text)] == ["The town’s pier isn’t for sale,", "plan"]
    assert attributions(text) == [
        ("The town’s pier isn’t for sale,", "direct", [("Ilsa Varga", "ilsa-varga", "name")], ["said"])
    ]


def test_scare_quotes_and_titles_are_not_quotes():
    text = (
        HEADLINE + "The so-called “peace dividend” never arrived. The council published “Bridges for Tomorrow” in May."
    )
    assert RulesSystem().predict(article(text)).spans == ()


# -- indirect and mixed quotes ----------------------------------------------------------------------------------


def test_indirect_with_that_leaves_out_that_and_the_full_stop():
    assert attributions(HEADLINE + "Oren Maddox said that the bridge would reopen in May.") == [
        ("the bridge would reopen in May", "indirect", [("Oren Maddox", "oren-maddox", "name")], ["said"])
    ]


def test_indirect_without_that():
    assert attributions(HEADLINE + "Oren Maddox warned the talks could collapse.") == [
        ("the talks could collapse", "indirect", [("Oren Maddox", "oren-maddox", "name")], ["warned"])
    ]


def test_indirect_with_the_content_before_the_attribution():
    assert attributions(HEADLINE + "The pier will close in May, the council said.") == [
        ("The pier will close in May", "indirect", [("the council", "unknown", "nominal")], ["said"])
    ]


def test_participle_cue_shares_the_subject_of_its_sentence():
    assert attributions(HEADLINE + "Ilsa Varga criticised the plan, saying it would cost too much.") == [
        ("it would cost too much", "indirect", [("Ilsa Varga", "ilsa-varga", "name")], ["saying"])
    ]


@pytest.mark.parametrize(
    "text, quote, cue",
    [
        (
            "According to the port authority, cargo volumes fell by a third.",
            "cargo volumes fell by a third",
            "According to",
        ),
        (
            "Cargo volumes fell by a third, according to the port authority.",
            "Cargo volumes fell by a third",
            "according to",
        ),
    ],
)
def test_according_to_before_and_after_the_content(text, quote, cue):
    assert attributions(HEADLINE + text) == [(quote, "indirect", [("the port authority", "unknown", "nominal")], [cue])]


def test_colon_attribution_in_a_headline():
    text = "Mayor: Pier Sale ‘Is Off the Table’\n\nMayor Ada Quellin spoke to reporters."
    assert attributions(text) == [
        ("Pier Sale ‘Is Off the Table’", "mixed", [("Mayor", "ada-quellin", "nominal")], [":"])
    ]


def test_mixed_quote_keeps_the_quoted_fragment_and_its_marks():
    assert attributions(HEADLINE + "Oren Maddox said the plan was “dead in the water”.") == [
        ("the plan was “dead in the water”", "mixed", [("Oren Maddox", "oren-maddox", "name")], ["said"])
    ]


# -- speakers -----------------------------------------------------------------------------------------------------


def test_nominal_speaker_resolves_to_the_person_with_that_title():
    text = (
        HEADLINE
        + "Finance Minister Oren Maddox presented the budget on Monday.\n\nThe minister said the deficit would shrink."
    )
    assert attributions(text) == [
        ("the deficit would shrink", "indirect", [("The minister", "oren-maddox", "nominal")], ["said"])
    ]


@pytest.mark.parametrize(
    "subject",
    ["A senior official", "Sources close to the talks", "People familiar with the negotiations"],
)
def test_anonymous_sources_are_unknown(subject):
    assert attributions(HEADLINE + f"{subject} said a deal was near.") == [
        ("a deal was near", "indirect", [(subject, "unknown", "anonymous")], ["said"])
    ]


def test_organisation_speaker_is_its_name_without_the_article():
    assert attributions(HEADLINE + "The Harbour Workers’ Union said the offer was unacceptable.") == [
        (
            "the offer was unacceptable",
            "indirect",
            [("Harbour Workers’ Union", "harbour-workers-union", "name")],
            ["said"],
        )
    ]


def test_resolve_speakers_surname_pronoun_nominal_and_anonymous():
    text = (
        "Talks Stall\n\nCouncil leader Mara Quist met the Harbour Workers’ Union on Monday. Quist said little. "
        "She left early. The union said nothing. A senior official said more."
    )
    surfaces = ["Quist said", "She left", "The union", "A senior official"]
    spans = []
    for k, surface in enumerate(surfaces):
        start = text.index(surface)
        words = surface if surface in ("The union", "A senior official") else surface.split()[0]
        spans.append(Span(f"s{k}", start, start + len(words), "SPEAKER"))
    resolved = resolve_speakers(article(text), spans)
    assert [(s.speaker_id, s.mention) for s in resolved] == [
        ("mara-quist", "name"),
        ("mara-quist", "pronoun"),
        ("harbour-workers-union", "nominal"),
        ("unknown", "anonymous"),
    ]


def test_slug_folds_accents_and_drops_apostrophes():
    assert slugify("Søren Ældre-Kühn") == "soren-aeldre-kuhn"
    assert slugify("Fishermen’s Guild") == "fishermens-guild"


# -- output shape ---------------------------------------------------------------------------------------------------


def test_spans_sit_on_tokens_and_never_overlap():
    text = (
        HEADLINE + "“We will not sell the pier,” Mayor Ada Quellin said, “not this year.” She added that the vote "
        "was “final”, according to the minutes."
    )
    doc = RulesSystem().predict(article(text))
    tokens = tokenize(text)
    assert all(token_range(tokens, s.start, s.end) is not None for s in doc.spans)
    ordered = sorted(doc.spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:]))
    assert all(s.stance is None and s.target is None and s.statement_id is None for s in doc.labelled("QUOTE"))


# -- the direct-quotes reference --------------------------------------------------------------------------------


def test_direct_quotes_ignores_indirect_speech():
    assert attributions(HEADLINE + "Oren Maddox said the bridge would reopen in May.", DirectQuotesSystem()) == []


def test_direct_quotes_keeps_pronoun_speakers_unresolved():
    text = HEADLINE + "Ilsa Varga arrived. “We are ready,” she said."
    assert attributions(text, DirectQuotesSystem()) == [
        ("We are ready,", "direct", [("she", "she", "pronoun")], ["said"])
    ]


# -- the cue lexicon --------------------------------------------------------------------------------------------


def test_cue_lexicon_inflects_regular_irregular_and_phrasal_verbs():
    assert sorted(inflections("deny")) == ["denied", "denies", "deny", "denying"]
    assert sorted(inflections("admit")) == ["admit", "admits", "admitted", "admitting"]
    assert {"said", "told", "wrote", "written"} <= CUE_FORMS.keys()
    assert CUE_FORMS["pointed out"] == "point out"
    assert len(CUE_FORMS) > 400


def test_find_cues_prefers_the_longest_form():
    text = "She pointed out, according to aides, that he had told them."
    assert [m.group() for m in find_cues(text)] == ["pointed out", "according to", "told"]
