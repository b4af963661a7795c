"""The checks on what an answer is about: the people, the example, AI, integration, design,
metrics with a baseline, data with a story, trust over features, knowledge put to use.
"""

from __future__ import annotations

from prepapp.practice.feedback.reading import Reading
from prepapp.practice.feedback.registry import Outcome, feedback_check, sentences_first


@feedback_check(
    "no-stakeholders",
    title="No clinicians, patients or payers",
    mistake="mistake-no-clinical-context",
    rule="No patient, caregiver, clinician, payer, provider or care organisation appears as a "
    "person or organisation whose problem it is ('Patient' as a FHIR resource or a table "
    "does not count).",
    kind="missing",
)
def no_stakeholders(r: Reading) -> Outcome | None:
    if r.people():
        return None
    return Outcome(
        "Nobody from healthcare appears in your answer as a person with a problem: no "
        "patients, clinicians, payers or providers. Say whose problem this is and what changes "
        "for them."
    )


@feedback_check(
    "no-specific-example",
    title="Generic, with no specific example",
    mistake="mistake-generic-behavioral-responses",
    rule="A behavioural or experience question answered in generalities: no specific "
    "situation from your own past with what you did and what happened. Hypotheticals ('a PM "
    "might…', 'if I were asked…', 'I would…') are not a story.",
    kind="missing",
)
def no_specific_example(r: Reading) -> Outcome | None:
    story = r.story_sentences
    # A situation with what happened: two sentences of it, or one with a measured result.
    if len(story) >= r.setting("story_min_sentences", 2) or (story and r.quantities):
        return None
    return Outcome(
        "Your answer stays general: there is no situation from your own work with what you "
        "did and what happened ('At my last company I led…, and readmissions fell…'). "
        "What you would do is not a story; tell one that happened."
    )


@feedback_check(
    "ai-without-limits",
    title="AI without its limits",
    mistake="mistake-applying-ai-without-understanding-limits",
    rule="The answer relies on AI/ML (a model, an LLM, 'deep-learning') and says nothing on its "
    "limits: bias, a validation method, failure modes, false positives, drift or human "
    "oversight. An accuracy claim is not a limit; AI named only to rule it out does not count.",
    kind="present",
)
def ai_without_limits(r: Reading) -> Outcome | None:
    ai = r.hits_outside("ai", "ai_not")
    # A model sold on its accuracy ("the model is validated at 96% accuracy") is a trained
    # model relied on, whatever it is called.
    taken = {m.first for m in ai}
    claimed = [
        m for m in r.hits("model") if r.has_accuracy_claim(m.sentence) and m.first not in taken
    ]
    ai = sorted(ai + claimed, key=lambda m: m.first)
    # Relied on: a named technique ("a deep-learning model"), a model sold on its accuracy,
    # or more than one passing mention ("AI is a trend I follow").
    if len({m.first for m in ai}) < 2 and not r.has("ai_specific") and not claimed:
        return None
    # A limit named inside an accuracy claim ("validated at 94%, so bias is not a big
    # concern") is the claim, not a limit.
    waved = set(r.sentences("dismissal"))
    # A limit guarded against is a limit considered: "so the model doesn't underperform for
    # under-represented groups" names the bias it prevents. A negated limit is waved away
    # only with a dismissal ("bias isn't something to worry about").
    waved |= {m.sentence for m in r.hits("dismissal_with_negation", negated=True) if m.negated}
    not_limits = r.hits("ai_limits_not", negated=True)
    limits = [
        m
        for m in r.hits("ai_limits", negated=True)
        if not any(n.first <= m.first and m.last <= n.last for n in not_limits)
    ]
    if any(not r.has_claim(m.sentence) and m.sentence not in waved for m in limits):
        return None
    # "Validated" counts when it names how; "validated, 92% accuracy" is a claim.
    if any(not r.has_claim(m.sentence) for m in r.hits("ai_validation")):
        return None
    return Outcome(
        f"You rely on {r.terms(ai)} but say nothing about its limits: bias, how you would "
        "validate it on your population, its failure modes, or who oversees its output. An "
        "accuracy figure is not a limit.",
        sentences_first(m.sentence for m in ai),
    )


@feedback_check(
    "ai-for-its-own-sake",
    title="AI for its own sake",
    mistake="mistake-ai-for-ais-sake",
    rule="AI/ML is proposed with no clinical problem it solves or value it brings (clinical "
    "utility, time saved, cost, ROI): technology first ('add AI to make it smarter').",
    kind="present",
)
def ai_for_its_own_sake(r: Reading) -> Outcome | None:
    ai = r.hits_outside("ai", "ai_not")
    if not ai:
        return None
    ai_sentences = {m.sentence for m in ai}
    hype = {m.sentence for m in r.hits("ai_hype")} & ai_sentences
    returns = set(r.sentences("ai_return"))
    if hype:
        # Technology first ("AI to make it smarter"), unless the answer argues its return.
        if returns:
            return None
    else:
        # Relied on throughout, and no value said anywhere.
        if len(ai_sentences) < 3 or r.has("ai_value"):
            return None
    return Outcome(
        f"You bring in {r.terms(ai)} without the clinical problem it solves or the value it "
        "brings. Start from the problem and say what the AI changes: time saved, errors "
        "caught, cost, ROI.",
        sentences_first(hype or ai_sentences),
    )


@feedback_check(
    "interoperability-technical-only",
    title="Interoperability as plumbing only",
    mistake="mistake-technical-interoperability-only",
    rule="Interoperability or integration only as plumbing (FHIR, HL7, APIs, connecting "
    "systems) with nothing on semantics (terminologies, mapping, data quality) or on clinical "
    "workflow and adoption.",
    kind="present",
)
def interoperability_technical_only(r: Reading) -> Outcome | None:
    interop = r.hits("interop")
    # One passing "API" or "interoperability as a trend" is not an integration plan; a
    # sentence of nothing but standards ("FHIR APIs plus HL7 feeds via an engine") is.
    if len({m.sentence for m in interop}) < 2 and len({m.term for m in interop}) < 3:
        return None
    if r.has("interop_semantics") or r.has("interop_workflow"):
        return None
    return Outcome(
        f"You treat {r.terms(interop)} as plumbing only: nothing on what the data means "
        "(terminologies such as SNOMED or LOINC, mapping, data quality) or on how it fits "
        "clinicians' workflow and gets adopted.",
        sentences_first(m.sentence for m in interop),
    )


@feedback_check(
    "integration-missing",
    title="A standalone tool",
    mistake="mistake-adopting-tech-without-integration",
    rule="A new tool, app, device or platform is proposed for care delivery with no word on how "
    "it fits existing systems or workflows (the EHR, the clinician's day, care-team processes).",
    kind="missing",
)
def integration_missing(r: Reading) -> Outcome | None:
    if r.has("integration"):
        return None
    return Outcome(
        "Your answer adds a new tool without saying how it fits what is already there: the "
        "EHR, the clinicians' existing workflow, the care team's processes. A standalone "
        "island does not get used."
    )


_HEALTHCARE_CONSTRAINTS = {
    "regulation": "regulation",
    "hc_adoption": "clinician adoption and workflow",
    "hc_safety": "liability and patient safety",
    "hc_payment": "reimbursement and payers",
}


@feedback_check(
    "generic-tech-design",
    title="A generic tech answer to a healthcare design question",
    mistake="mistake-generic-tech-answer-to-healthcare-design",
    rule="A healthcare design answer built from a general tech playbook (collect data, train a "
    "model, build an app, A/B test for growth) with none of healthcare's constraints: "
    "regulation, clinician adoption and workflow, liability and safety, reimbursement.",
    kind="missing",
)
def generic_tech_design(r: Reading) -> Outcome | None:
    playbook = r.hits("tech_playbook")
    present = [c for c in _HEALTHCARE_CONSTRAINTS if r.has(c)]
    if len(present) > 1:
        return None
    if present:
        # One kind of constraint said in passing ("and keep it HIPAA compliant") does not make
        # a playbook answer a healthcare design: the playbook has to fill the answer, at least
        # N sentences and more than twice as many as the constraint.
        built = {m.sentence for m in playbook}
        passing = set(r.sentences(present[0]))
        if len(built) < r.setting("playbook_min_sentences", 4) or len(built) <= 2 * len(passing):
            return None
    return Outcome(
        "This is a general tech playbook: nothing on what makes healthcare different "
        "(regulatory pathway, clinician adoption and workflow, liability for a wrong "
        "recommendation, who pays). Build those constraints into the design.",
        sentences_first(m.sentence for m in playbook),
    )


@feedback_check(
    "purely-technical",
    title="Purely technical framing",
    mistake="mistake-purely-technical-framing",
    rule="The problem is framed purely technically (architecture, pipelines, databases, "
    "latency, models, APIs) with nothing on the lived experience of patients or providers or "
    "the operational reality of care delivery.",
    kind="present",
)
def purely_technical(r: Reading) -> Outcome | None:
    technical = r.hits("tech_framing")
    # Distinct words, not distinct list entries: "data models" matches "data model",
    # "model" and "models", and that is one thing named, not three.
    named = {r.text.tokens[m.first].stem for m in technical}
    if len(named) < r.setting("technical_min_terms", 3):
        return None
    people = r.people()
    # An answer that names its people at least as often as its technologies is framed around
    # them too ("pilot with two clinics, watch how the MAs close gaps"), even without a word
    # for what they live through.
    if len(people) >= len(named):
        return None
    if r.has("care_reality") or {m.sentence for m in people} & set(r.sentences("experience")):
        return None
    return Outcome(
        f"You frame it purely technically ({r.terms(technical)}): nothing on what patients "
        "or clinicians live through, or how care is actually delivered. Start from their day.",
        sentences_first(m.sentence for m in technical),
    )


@feedback_check(
    "metrics-no-baseline",
    title="Metrics with no baseline, target or review",
    mistake="mistake-one-off-metrics-framework",
    rule="A metrics question where KPIs are named but there is no baseline, no target and no "
    "ongoing review or iteration of the metrics: a one-off list.",
    kind="present",
)
def metrics_no_baseline(r: Reading) -> Outcome | None:
    if r.has("baseline") or r.has("target") or r.has("iteration"):
        return None
    if any(r.has_change(i) for i, _ in r.quantities):
        return None
    kpis = r.hits("kpi") + r.hits("outcome") + r.hits("vanity")
    return Outcome(
        "You list metrics but not where they start, where they should get to, or when you "
        "would review them. Give each KPI a baseline and a target, and say how often the "
        "framework is revisited.",
        sentences_first(m.sentence for m in kpis),
    )


@feedback_check(
    "data-without-story",
    title="Data without a story",
    mistake="mistake-data-without-context",
    rule="Results or data are presented as numbers without interpretation, comparison, cause "
    "or recommendation: no 'so what' for the audience.",
    kind="present",
)
def data_without_story(r: Reading) -> Outcome | None:
    numeric = sorted({i for i, _ in r.quantities})
    if len(numeric) < r.setting("data_min_sentences", 4):
        return None
    if r.has("data_conclusion"):
        return None
    story = set(r.sentences("data_story"))
    # A number is explained in its own sentence or the one after it.
    explained = [i for i in numeric if i in story or i + 1 in story]
    if len(explained) / len(numeric) >= r.setting("data_explained_share", 0.25):
        return None
    return Outcome(
        "You recite the numbers without saying what they mean: no comparison, no cause, no "
        "recommendation. Tell the audience the so-what and the decision it supports.",
        sentences_first(numeric),
    )


@feedback_check(
    "features-not-trust",
    title="Features instead of trust",
    mistake="mistake-building-features-not-trust",
    rule="A launch, adoption or leadership answer whose path to success is shipping features, "
    "with nothing on earning trust: evidence or pilots, clinician champions, transparency, "
    "demonstrating value, buy-in.",
    kind="missing",
)
def features_not_trust(r: Reading) -> Outcome | None:
    if r.has("trust"):
        return None
    features = r.hits("features")
    return Outcome(
        "Your path to success is shipping features, with nothing on earning trust in a "
        "risk-averse setting: a pilot with evidence, clinician champions, transparency, "
        "showing the value before asking for more.",
        sentences_first(m.sentence for m in features),
    )


@feedback_check(
    "knowledge-without-application",
    title="Knowledge without application",
    mistake="mistake-knowledge-without-practical-application",
    rule="The answer recites knowledge (definitions, acronym expansions, textbook lists) "
    "without applying it to a product, a decision or a situation.",
    kind="present",
)
def knowledge_without_application(r: Reading) -> Outcome | None:
    sentences = r.text.sentences
    # Two sentences are too few to call a recital (the length is the finding there).
    if len(sentences) < 3:
        return None
    # Applying it: I/we, a product or decision, and also what happened (a story of one's own
    # past, a measured result): "we piloted at 2 sites, paper scripts down ~90%" applies
    # the rules it names even when its list lines have no "I".
    applied = (
        set(r.first_person_sentences)
        | set(r.sentences("application"))
        | set(r.story_sentences)
        | {i for i, _ in r.quantities}
    )
    recited = (
        set(r.sentences("knowledge")) | set(r.expansion_sentences) | set(r.definition_sentences)
    )
    applied_share = len(applied) / len(sentences)
    recited_share = len(recited) / len(sentences)
    if recited_share < r.setting("recital_min_share", 0.3):
        return None
    if applied_share >= r.setting("application_min_share", 0.3):
        return None
    return Outcome(
        "You recite what the rules and standards are, but never apply them: which product, "
        "which decision, what you would do differently because of them.",
        sentences_first(recited),
    )
