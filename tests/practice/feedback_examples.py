"""Example answers for the feedback checks: strong ones that should pass, weak ones that fail once.

Each example is (round_slug, topic_slug, text). The strong answers are written the way a well
prepared healthcare PM candidate would write them; each weak answer is a realistic answer with
exactly one of the mistakes the checks look for.
"""

from __future__ import annotations

STRONG: dict[str, tuple[str | None, str | None, str]] = {
    "recruiter-screen-why-healthcare": (
        "recruiter-screen",
        "career-transition",
        """I have spent 6 years as a product manager, the last 3 in digital health. At Lumen Care
I led the patient intake product for a network of 40 urgent-care clinics: we cut average
check-in time from 11 to 4 minutes and no-shows fell 18% after we added SMS reminders.

I want to move deeper into healthcare because the work matters to patients in a way ad
metrics never did, and because I enjoy the constraints: HIPAA, clinical safety and payer
rules make product decisions harder and more interesting. Your care-navigation product sits
exactly where I have been working, and I would like to bring that experience to your team.""",
    ),
    "hiring-manager-launch-story": (
        "hiring-manager",
        "stakeholder-communication",
        """**Situation:** At Northwind Health I owned the discharge-planning tool used by 120
case managers across 4 hospitals. Readmissions for heart-failure patients were 24% at
30 days, well above the CMS benchmark, and each one cost the health system about $14,000.

**Task:** Leadership wanted a new patient app; the nurses told us the real gap was the
hand-off to primary care after discharge.

**Action:** I ran 15 ride-alongs with case managers and interviewed 10 patients and their
caregivers. We built a follow-up appointment scheduler inside the existing EHR workflow instead
of a separate app, and I agreed a two-week pilot with the cardiology medical director.

**Result:** Within 6 months 30-day readmissions dropped to 19% (a 21% relative reduction),
saving roughly $1.1M a year. What I learned: the business goal and the clinical need were the
same problem once we measured the right outcome.""",
    ),
    "technical-fhir-medications": (
        "technical",
        "interoperability-data",
        """## Approach

I would break the integration into 3 parts: data access, data meaning and workflow.

1. **Data access.** Use SMART on FHIR R4 with the MedicationRequest and MedicationStatement
   resources, read-only at launch. Every call is logged in an audit trail, PHI is encrypted in
   transit and at rest, and we sign a BAA with each health system, so the design is HIPAA
   compliant from day one.
2. **Data meaning.** Sites code medications differently, so we normalise everything to RxNorm
   and map local codes with a terminology service; we track mapping coverage and aim for 98%
   before go-live at a site.
3. **Workflow.** Pharmacists and physicians see the reconciled list inside the EHR sidebar,
   not in a new portal, because adoption dies with every extra login.

## Success

Medication reconciliation time per patient falls from 12 to 5 minutes, and discrepancies
caught at admission rise by 30%. For example, at my last company a similar sidebar reached 70%
weekly use by clinicians within a quarter.""",
    ),
    "product-sense-heart-failure": (
        "product-sense-case-study",
        "product-sense-design",
        """# Remote monitoring for heart-failure patients

**Users and problem.** Heart-failure patients discharged from hospital: 1 in 5 is readmitted
within 30 days. Cardiologists and heart-failure nurses lack early signs of fluid overload
between visits; payers carry the cost of each readmission.

**Solution.**
- A connected scale and blood-pressure cuff, with daily weight trends sent to the care team.
- A risk model that flags sudden weight gain; a nurse reviews every alert before anyone calls
  the patient, so the algorithm never acts alone. We validate it on 2 years of retrospective
  data, check performance across age, sex and race for bias, and monitor false positives to
  avoid alert fatigue.
- Regulation shapes the plan from the outset: the risk score is likely SaMD, so we plan a
  510(k) with a predicate device, build HIPAA privacy and consent into onboarding, and keep
  the evidence needed for clinical validation.

**Metrics.** Primary: 30-day readmissions down 15% versus a matched cohort. Secondary: weight
logged on 80% of days, nurse time per alert under 3 minutes, cost per member per month.""",
    ),
    "execution-metrics-adherence": (
        "execution-metrics",
        "metrics-outcomes",
        """I'd use a simple framework: outcome metric, drivers, guardrails.

**North-star outcome:** medication adherence measured as proportion of days covered (PDC),
with the target of moving the share of patients above 80% PDC from 52% to 65% in a year,
because adherence drives the HEDIS and Star ratings that the health plan pays us for.

**Drivers:** refill reminders acted on, pharmacy sync enrolment, and pharmacist outreach
completed within 48 hours of a missed refill.

**Guardrails:** DAU and app opens only as diagnostics, never as success. If DAU rises but PDC
stays flat, we built a habit, not health. We also watch opt-outs and complaints from patients
and prescribers.

For example, at my last company we dropped a streaks feature that doubled daily opens but
changed adherence by less than 1 point, and moved the team to refill synchronisation, which
lifted PDC by 6 points.""",
    ),
    "domain-expertise-value-based-care": (
        "domain-expertise",
        "clinical-domain",
        """Under value-based care the provider is paid for outcomes rather than visits, so the
product has to help a primary-care group hit its quality measures and stay under its cost
benchmark.

First, who feels the problem: physicians in a 30-clinic ACO, their care managers, the
patients with uncontrolled diabetes, and the payer that shares savings with them.

Second, what we would change: identify patients with an HbA1c above 9 who have no visit in 6
months, and give care managers a prioritised outreach list inside the EHR. Data use stays
within the HIPAA treatment and operations exception, with patient consent for SMS outreach.

Third, how we know it worked: the share of diabetic patients with HbA1c under 8, a HEDIS
measure, rising from 58% to 65%, and total cost of care per member falling 3% as avoidable
emergency visits drop.

Finally, the risk: care managers are overloaded, so the list must replace a current task,
not add one.""",
    ),
    "regulatory-strategy-samd": (
        "regulatory-strategy",
        "regulation-compliance",
        """My regulatory strategy has 4 steps, and it starts before the first line of code.

1. **Intended use.** Write it with our clinical lead: "flags diabetic patients at risk of
   foot ulcers for clinician review". That wording decides whether this is clinical decision
   support exempt under the 21st Century Cures Act or Software as a Medical Device.
2. **Classification and pathway.** Because clinicians cannot independently review the
   image-based basis of the flag, it is SaMD; with no predicate device we would go De Novo,
   which takes 9 to 12 months, so I would book a Q-Submission with FDA early.
3. **Evidence.** Plan the clinical validation study now: 600 patients across 3 sites,
   sensitivity above 90%, reviewed by an IRB.
4. **Quality and privacy by design.** ISO 13485 quality system, HIPAA and GDPR controls,
   and a change-control plan so model updates do not need a new submission.

For example, at my last company skipping step 1 cost us 5 months of rework when FDA
disagreed with our wording.""",
    ),
    "take-home-telehealth-proposal": (
        "take-home-presentation",
        "product-sense-design",
        """## Proposal: post-partum telehealth check-ins

**Problem.** 1 in 3 new mothers in our partner health plan misses the post-partum visit; the
HEDIS post-partum care measure sits at 61%, and obstetricians have no capacity for more
in-person slots.

**Proposal.** Video check-ins with midwives at 1, 3 and 6 weeks, blood-pressure readings
shared before the call, and escalation to an obstetrician for readings above 160/110.

**Regulatory and privacy.** HIPAA-compliant video vendor with a signed BAA, state licensure
checks for every midwife, and explicit consent for remote monitoring.

**Business case.** The plan pays a quality bonus worth $2.4M if the measure reaches 75%;
preventing even 10 severe hypertension admissions saves more than the pilot costs.

**Plan.** A 3-month pilot in 2 clinics, then expand if completed visits rise by 20 points.
Check-ins are booked and documented in the clinics' EHR, inside the midwives' existing
schedule, so nothing runs beside the care team's workflow.""",
    ),
    "final-round-ai-diagnostic": (
        "final-round-onsite",
        "ai-ethics",
        """I'd frame the answer around the 3 barriers I have seen kill clinical AI: evidence,
adoption and liability.

Evidence: an AI that reads chest X-rays is SaMD, so it needs FDA clearance, typically a 510(k)
against an existing predicate. We would validate it on data from at least 5 hospitals and
report sensitivity and specificity by subgroup, because a model trained on one population can
carry bias into another.

Adoption: radiologists adopt tools that save time. In my previous role I led a triage tool
that re-ordered the reading worklist; we launched it in 2 hospitals and turnaround for urgent
studies fell from 4 hours to 45 minutes, while radiologists kept full control of every read.

Liability: the radiologist stays the decision-maker and the product says so in its labelling;
we log every suggestion and every override for audit, and review disagreements monthly.

Finally, I would only ship it where it delivers clinical utility and a defensible ROI for the
hospital, not AI for its own sake.""",
    ),
    "leadership-conflict-prose": (
        "leadership-collaboration",
        "leadership-collaboration",
        """Last year at Meridian Health our engineering lead and our chief nursing officer
disagreed about an alerting feature for sepsis. Engineering wanted to ship the rule set we had
in 6 weeks; nursing said the alerts would fire so often that nurses would ignore them. First, I
got both of them into one room with the data: the draft rules would have produced 40 alerts
per nurse per shift, and our own pilot unit had overridden 85% of them. Second, I proposed we
change the question from ship or not to which alerts matter, and we agreed to tune thresholds
with 3 charge nurses for two sprints. Finally, we shipped a version with 6 alerts per shift,
and time to antibiotics for septic patients improved by 22 minutes over the next quarter.
Engineering lost a month, but the feature was used, and the nursing team now asks us in early
instead of pushing back late. What I took from it: disagreement between clinicians and
engineers is usually a missing shared metric, so I start every conflict by agreeing what
outcome we are both trying to move.""",
    ),
    "culture-fit-mission": (
        "culture-fit",
        "interview-approach",
        """My grandmother managed 9 medications after a stroke, and I watched my mother spend hours
on the phone between her pharmacy, her GP and her insurer. That is why I work in healthcare,
and why your mission of making care coordination invisible to families matters to me.

At my current company I introduced a rule that every product review starts with one patient
story and one number, and it changed how the team argues: we once dropped a feature that tested
well with users because a nurse showed us it added 2 extra clicks to every medication check.

I like working where being careful is part of the culture. I would rather ship 1 thing that
clinicians trust than 5 that they route around.""",
    ),
}

# round_slug, topic_slug, the one code expected, text
WEAK: dict[str, tuple[str | None, str | None, str, str]] = {
    "too-short-recruiter": (
        "recruiter-screen",
        "career-transition",
        "too-short",
        """I'm a PM with 5 years of experience, mostly in fintech. I want to move into
healthcare because it is meaningful and I think my skills transfer well. I am a fast
learner and good with stakeholders.""",
    ),
    "too-short-final-round": (
        "final-round-onsite",
        "ai-ethics",
        "too-short",
        """I would build an AI model to read X-rays and flag urgent studies for radiologists.
We would validate it on data from 5 hospitals and check for bias across patient groups, then
seek FDA 510(k) clearance, and radiologists stay in control of every read.""",
    ),
    "no-structure-wall-of-text": (
        "product-sense-case-study",
        "product-sense-design",
        "no-structure",
        """I would design a diabetes coaching product for patients with type 2 diabetes whose
HbA1c is above 8 because they are the ones where the payer spends the most and where coaching
has the best evidence. The patients would get a connected glucose meter and a coach who messages
them each week and their primary care physician would see a summary in the EHR before each
visit so that the visit focuses on what changed. We would need to think about HIPAA because the
coach sees glucose data and about whether any dosing advice turns the app into a regulated
device which it should not so coaches would never change doses and would refer to the doctor
instead. Success would be measured by the share of patients whose HbA1c drops by at least 1
point in 6 months and by cost of care per member compared to a matched group and we would also
watch how many patients stay enrolled after 90 days because coaching only works if people stay.
For example at my last company a similar coaching program lowered HbA1c by 0.8 points on
average over 6 months and the health plan renewed the contract because emergency visits fell by
12 percent.""",
    ),
    "not-quantified-leadership": (
        "leadership-collaboration",
        "leadership-collaboration",
        "not-quantified",
        """**Situation:** At Harbor Health our clinical team and our engineers disagreed about
a new medication reminder feature for patients after discharge.

**Task:** I owned the roadmap and had to get a decision without losing the nurses' trust.

**Action:** I sat with the nurses on the ward and watched how they taught patients about their
medications. I then brought the engineering lead to the same ward so he could see it too. We
agreed to build the reminder around the discharge teaching the nurses already do, instead of a
separate app screen.

**Result:** The nurses championed the feature, patients used it, and the relationship between
the clinical and engineering teams improved a lot. I learned that seeing the work together
beats arguing about it in meetings.""",
    ),
    "vanity-metrics-engagement-app": (
        "execution-metrics",
        "metrics-outcomes",
        "vanity-metrics-only",
        """I'd measure the success of our patient app with a simple framework.

- **Acquisition:** app downloads and sign-ups from patients referred by their doctor, aiming
  for 50,000 downloads in the first year.
- **Engagement:** DAU/MAU above 40%, sessions per week and time in app.
- **Virality:** the number of patients who invite a family caregiver.

For example, at my last company we grew MAU by 35% in 6 months by adding push notifications,
and I would use the same playbook here. I would report these numbers to the clinic leadership
every month so they can see the app is growing.""",
    ),
    "no-regulation-product-design": (
        "product-sense-case-study",
        "product-sense-design",
        "no-regulation",
        """## Design: a symptom checker for a hospital's website

**Users.** Patients deciding whether to go to the emergency department, urgent care or their
primary-care doctor; the hospital's nurses who answer the triage phone line today.

**Solution.** A short guided questionnaire that recommends a care setting and books the slot
directly. Nurses review a sample of recommendations every week to tune the questions.

**Metrics.** Avoidable emergency visits down 10%, nurse triage calls down 25%, and 90% of
patients reaching the recommended setting within 24 hours.

For example, at my last company a similar flow moved 1 in 6 low-acuity visits from the
emergency department to urgent care.""",
    ),
    "no-stakeholders-technical-pipeline": (
        "technical",
        "interoperability-data",
        "no-stakeholders",
        """I would build the claims analytics pipeline in 3 stages.

1. **Ingest.** Nightly batch files land in an encrypted bucket; access is role-based and
   logged, and the data stays HIPAA compliant with de-identified extracts for analysts.
2. **Normalise.** Map diagnosis and procedure codes to ICD-10 and CPT value sets so that data
   from every source means the same thing, and reject files with more than 2% invalid codes.
3. **Serve.** A warehouse with daily refresh and dashboards with a 5 second p95 load time.

For example, at my last company this design cut the time to produce a monthly report from 10
days to 1 day and removed 4 manual reconciliation steps.""",
    ),
    "no-specific-example-hypothetical": (
        "hiring-manager",
        "stakeholder-communication",
        "no-specific-example",
        """I'd handle competing priorities between clinicians and the business with a clear
framework.

1. **Understand each side.** Talk to the physicians and nurses about their workflow, and to
   the commercial team about the contract that is at stake.
2. **Put both on one scale.** Score each request on patient impact, revenue and effort, for
   instance with RICE, and share the scores openly.
3. **Decide and explain.** Make the call, write down why, and revisit it in 30 days.

Good stakeholder management means everyone understands the trade-off even when they don't get
what they asked for, and patients should always come first.""",
    ),
    "ai-without-limits-triage": (
        "product-sense-case-study",
        "product-sense-design",
        "ai-without-limits",
        """## AI triage for the patient portal

**Problem.** Nurses at our 12 clinics answer 3,000 portal messages a day, and urgent
messages wait as long as non-urgent ones.

**Solution.** A machine learning model reads each incoming message and sorts it into urgent,
routine or administrative, so nurses see urgent messages first and administrative ones go to
front-desk staff. Because it informs clinical prioritisation, we would plan the FDA pathway
early and keep all message data under our HIPAA controls.

**Metrics.** Time to first response for urgent messages down from 9 hours to 2 hours; nurse
time spent on portal messages down 20%; patient complaints about slow replies down by half.

For example, at my last company an NLP classifier routed 40% of messages away from nurses in
its first month.""",
    ),
    "interoperability-plumbing-only": (
        "technical",
        "interoperability-data",
        "interoperability-technical-only",
        """I would connect our remote monitoring platform to hospital systems in 3 steps.

1. **Standards.** Expose a FHIR R4 API for Observation resources and accept HL7 v2 ADT feeds
   so we know when a patient is admitted or discharged.
2. **Security.** OAuth 2.0 with SMART scopes, TLS everywhere, and HIPAA audit logs; every
   hospital signs a BAA.
3. **Scale.** An integration engine that handles 50 messages per second per hospital with
   99.9% uptime and retries for failed messages.

For example, at my last company we connected 8 hospitals in 9 months this way, and patients'
readings reached the hospital within 5 minutes.""",
    ),
}
