"""The checks on regulation: never considered, named without substance, or bolted on last."""

from __future__ import annotations

from prepapp.practice.feedback.reading import Reading
from prepapp.practice.feedback.registry import Outcome, feedback_check, sentences_first


@feedback_check(
    "no-regulation",
    title="Regulation never considered",
    mistake="mistake-ignoring-regulatory-ethical-constraints",
    rule="Where regulation or ethics must shape the answer: it is never considered, or only "
    "dismissed ('I wouldn't worry about the FDA here'). Plain words count ('state "
    "licensure', 'the agency's clearance', 'privacy law', 'patients' consent').",
    kind="missing",
)
def no_regulation(r: Reading) -> Outcome | None:
    sentences = r.text.sentences
    all_mentions = r.hits("regulation", negated=True)
    waved = set(r.sentences("dismissal"))
    negated_in = {m.sentence for m in all_mentions if m.negated}
    # "I wouldn't worry about the FDA": the waving word itself is negated.
    waving = {m.sentence for m in r.hits("dismissal_with_negation", negated=True) if m.negated}
    dismissing = waved | (negated_in & waving)
    # A list's items are separate points: "very low prevalence" in one item waves nothing
    # away in the regulation item below it.
    waving_paragraphs = {sentences[i].paragraph for i in waved if sentences[i].kind != "item"}
    considered = [
        m
        for m in all_mentions
        if m.sentence not in dismissing
        # A paragraph that waves regulation away does not also consider it.
        and sentences[m.sentence].paragraph not in waving_paragraphs
        # A label ("Regulation.") is not a consideration.
        and len(sentences[m.sentence].tokens) > 3
    ]
    if considered:
        return None
    dismissed = [m for m in all_mentions if m.sentence in dismissing]
    if dismissed:
        return Outcome(
            f"You set regulation aside ({r.terms(dismissed)}) instead of letting it shape the "
            "answer. Say which rules apply (privacy, FDA/SaMD pathway, consent) and what they "
            "change in your plan.",
            sentences_first(m.sentence for m in dismissed),
        )
    return Outcome(
        "Regulation and ethics never come up: no privacy or security, no FDA pathway, no "
        "consent or fairness. Say which rules apply and what they change in your plan."
    )


_REGULATORY_KINDS = {
    "reg_pathway": "a pathway or classification",
    "reg_privacy": "a privacy or security mechanism",
    "reg_evidence": "clinical evidence or validation",
    "reg_postmarket": "post-market duties",
}


@feedback_check(
    "regulation-shallow",
    title="Regulation named without substance",
    mistake="mistake-underestimating-regulatory-complexity",
    rule="In a regulatory-strategy or compliance answer, fewer than two kinds of substance: a "
    "pathway or classification, a privacy/security mechanism, clinical evidence or "
    "validation, post-market duties (or one kind worked through in depth, five mechanisms "
    "or more). Slogans ('it will be HIPAA compliant') do not count.",
    kind="present",
)
def regulation_shallow(r: Reading) -> Outcome | None:
    # Regulation named only inside an end gate ("then regulatory signs it off") is the
    # compliance-afterthought finding; this one is about a regulatory explanation.
    gates = {m.sentence for m in r.hits("compliance_gate", negated=True)}
    mentions = [m for m in r.hits("regulation") if m.sentence not in gates]
    if not mentions:
        return None
    # Substance is said in the answer's sentences: a heading ("### Regulatory strategy")
    # only names the section, and "validated, 96% accuracy" is a claim, not the evidence.
    substance = {
        category: [
            m
            for m in r.hits(category)
            if r.text.sentences[m.sentence].kind != "heading"
            and not (category == "reg_evidence" and r.has_accuracy_claim(m.sentence))
        ]
        for category in _REGULATORY_KINDS
    }
    kinds = [label for category, label in _REGULATORY_KINDS.items() if substance[category]]
    if len(kinds) >= 2:
        return None
    # One kind worked through in depth (encryption, BAAs, access control, audit logs, a risk
    # assessment, de-identification...) is substance too: a security question has one kind.
    depth = r.setting("regulation_depth_terms", 5)
    if any(len({m.term for m in hits}) >= depth for hits in substance.values()):
        return None
    has = f"only {kinds[0]}" if kinds else "no substance behind the names"
    return Outcome(
        f"You name {r.terms(mentions)} but give {has}. A regulatory answer needs at least two "
        "of: the pathway or classification, privacy and security mechanisms, the clinical "
        "evidence, and post-market duties.",
        sentences_first(m.sentence for m in mentions),
    )


# Words before a gate that say it was avoided: "in week one rather than at the end".
_CONTRASTED = {("rather", "than"), ("instead", "of")}


@feedback_check(
    "compliance-afterthought",
    title="Compliance as a final gate",
    mistake="mistake-compliance-as-post-hoc-checklist",
    rule="Regulation or compliance appears only as a gate at the end ('then legal signs off', "
    "'before launch we check it's compliant'), not built into discovery, design and evidence.",
    kind="present",
)
def compliance_afterthought(r: Reading) -> Outcome | None:
    tokens = r.text.tokens
    # "In week one rather than at the end" names the gate to say it was avoided.
    gates = [
        m
        for m in r.hits("compliance_gate", negated=True)
        if m.first < 2 or (tokens[m.first - 2].low, tokens[m.first - 1].low) not in _CONTRASTED
    ]
    if not gates:
        return None
    regulation = set(r.sentences("regulation"))
    gate_sentences = {m.sentence for m in gates}
    # Built in means regulation and "from the outset" (or "by design", "in discovery"...) in
    # one sentence; a "discovery" elsewhere in the answer is about something else.
    # A heading naming the section ("### Regulatory strategy") builds nothing in, and
    # "compliant from day one of launch" is compliant at the gate.
    built_in = {
        m.sentence
        for m in r.hits_outside("compliance_built_in", "compliance_built_in_not")
        if r.text.sentences[m.sentence].kind != "heading"
    }
    if regulation & built_in:
        return None
    # The gate is about compliance when they share a sentence ("then legal signs off").
    near = gate_sentences & regulation
    if not near:
        return None
    return Outcome(
        "Compliance only appears as a gate at the end. Build it in from discovery: privacy by "
        "design, a risk assessment and the evidence plan shape the product before it is built.",
        sentences_first(near),
    )
