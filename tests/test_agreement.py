"""Agreement figures on hand-computed cases."""

from __future__ import annotations

import math

from saywho.corpus.agreement import agreement
from saywho.markup import markup_to_document

HEADER = "---\ndoc_id: d\nevent_id: e\ntargets: [the toll, the ferry]\n---\n"
GOLD = HEADER + (
    "“[Scrap the toll.]{QUOTE q1 form=direct stance=AGAINST target=1 statement=a said_by=s1 cued_by=c1}” "
    "[Ada Venn]{SPEAKER s1 who=ada-venn mention=name} [said]{CUE c1}. [Bo Lund]{SPEAKER s2 who=bo-lund mention=name} "
    "[said]{CUE c2} [the ferry works well]{QUOTE q2 form=indirect stance=FAVOR target=2 statement=b said_by=s2 cued_by=c2}."
)
# The second annotator: q1 identical; q2 one word shorter, with another speaker and stance; no second CUE.
SECOND = HEADER + (
    "“[Scrap the toll.]{QUOTE q1 form=direct stance=AGAINST target=1 statement=a said_by=s1 cued_by=c1}” "
    "[Ada Venn]{SPEAKER s1 who=ada-venn mention=name} [said]{CUE c1}. [Bo Lund]{SPEAKER s2 who=bo-lund-senior mention=name} "
    "said the [ferry works well]{QUOTE q2 form=indirect stance=NONE target=2 statement=b said_by=s2}."
)


def test_hand_computed_agreement():
    gold, _ = markup_to_document(GOLD)
    second, _ = markup_to_document(SECOND)
    report = agreement([(gold, second)])
    spans = {s.label: s for s in report.spans}
    assert (spans["QUOTE"].exact_f1, spans["QUOTE"].overlap_f1) == (0.5, 1.0)  # 2*1/(2+2), 2*2/(2+2)
    assert spans["CUE"].exact_f1 == 2 * 1 / (2 + 1)
    assert spans["SPEAKER"].exact_f1 == 1.0
    assert report.matched_quotes == 2
    assert report.speaker_agreement == 0.5  # bo-lund vs bo-lund-senior
    assert report.stance_agreement == 0.5 and report.form_agreement == 1.0
    # kappa by hand: observed 0.5; expected = P(AGAINST)^2 + P(FAVOR)*P(NONE)... gold (AGAINST, FAVOR), second (AGAINST, NONE)
    expected = 0.5 * 0.5 + 0.5 * 0 + 0 * 0.5  # AGAINST both 1/2; FAVOR 1/2 vs 0; NONE 0 vs 1/2
    assert math.isclose(report.stance_kappa, (0.5 - expected) / (1 - expected))


def test_identical_annotations_agree_perfectly():
    gold, _ = markup_to_document(GOLD)
    report = agreement([(gold, gold)])
    assert all(s.exact_f1 == 1.0 for s in report.spans)
    assert report.speaker_agreement == 1.0 and report.stance_kappa == 1.0
