"""The vocabulary of the decision rationales: what guidelines say and what records show, by kind of request.

Why apart: these are tables, not logic. ``prose.write_rationale`` picks a
guideline statement (``GUIDES_BY_NAME`` for particular treatments, else the
kind's ``PROSE`` entry), then record facts against (upheld) or for
(overturned) the request. All written for this project. Data only.
"""

from __future__ import annotations

from typing import NamedTuple


class Prose(NamedTuple):
    """The rationale vocabulary of one kind of request."""

    guide: tuple[str, ...]  # what the guideline says (after "<source> <verb> that")
    deny: tuple[str, ...]  # record facts against
    grant: tuple[str, ...]  # record facts for


GENERIC_DENY = (
    "The progress notes do not quantify how much earlier care reduced pain or improved daily activities.",
    "Nothing in the file shows a change in work status or a drop in medication use after prior treatment.",
    "The submitted records do not explain what the treating provider expects this request to add.",
    "The most recent note repeats the same complaints and findings as the visits before it.",
    "The request is open ended, with no stated goals or plan for reassessment.",
    "No rationale was offered for departing from the guideline criteria in this case.",
    "The file lacks a recent examination that would support the request.",
)
GENERIC_GRANT = (
    "The treating physician recorded that pain fell from {a}/10 to {b}/10 with earlier care and that {he} resumed regular duties.",
    "The file shows that first-line measures were tried and failed, and the plan follows the guideline criteria.",
    "The request is limited in scope and comes with a plan to reassess the response.",
    "The records document objective deficits that match the stated indication.",
    "The progress notes describe measurable gains in walking tolerance and self-care with prior treatment.",
)

PROSE: dict[str, Prose] = {
    "imaging": Prose(
        guide=(
            "imaging of the {region} is reserved for red flag conditions, a progressive neurologic deficit, or planning for surgery",
            "routine imaging in the first weeks of symptoms is discouraged unless specific warning signs are present",
            "repeat studies are appropriate only when symptoms or examination findings change significantly",
            "advanced imaging may be considered when a period of conservative care fails and the diagnosis remains unclear",
        ),
        deny=(
            "The notes describe tenderness and reduced motion but no focal weakness, sensory loss or reflex change.",
            "There is no indication that surgery is being considered.",
            "A prior study already defined the anatomy, and no interval change in the clinical picture was described.",
            "Symptoms began only a short time before the request, and conservative care had barely started.",
        ),
        grant=(
            "The latest examination records a new motor deficit that was absent at earlier visits.",
            "The treating surgeon is planning an operation and needs current images to plan it.",
            "Symptoms have lasted more than six weeks despite therapy and medication, and the examination suggests nerve involvement.",
        ),
    ),
    "emg": Prose(
        guide=(
            "electrodiagnostic testing can help identify subtle focal neurologic dysfunction when symptoms last longer than three or four weeks",
            "nerve conduction studies add little when radiculopathy is already clinically obvious",
            "studies are appropriate when history and examination suggest a peripheral nerve entrapment that has not responded to splinting",
        ),
        deny=(
            "The examination documents normal strength, reflexes and sensation in the affected limbs.",
            "An earlier study found no abnormality, and the symptoms have not changed since then.",
            "The record does not describe a distribution of numbness or weakness that testing would clarify.",
        ),
        grant=(
            "The examination shows a dermatomal sensory loss and a diminished reflex that persisted after six weeks of therapy.",
            "Night numbness and a positive provocative test persisted despite bracing, which meets the indication for testing.",
        ),
    ),
    "lab": Prose(
        guide=(
            "laboratory monitoring is reasonable for patients on long-term medication with known organ toxicity",
            "tests should be ordered to answer a specific clinical question raised by the history or examination",
            "routine panels without a documented indication are not supported",
        ),
        deny=(
            "The patient was tested recently with consistent results and is considered low risk.",
            "The patient is no longer prescribed a controlled medication.",
            "The request does not name the tests to be run or why they are needed now.",
        ),
        grant=(
            "The patient remains on a scheduled opioid and has not been tested in over a year.",
            "The prescriber documented an inconsistent pill count that warrants confirmation.",
        ),
    ),
    "opioid": Prose(
        guide=(
            "ongoing opioid therapy requires documentation of pain relief, functional status, side effects and any aberrant behavior at each visit",
            "opioids should be weaned when there is no overall improvement in function",
            "a signed treatment agreement and periodic drug screening are expected for long-term use",
            "doses above 120 mg morphine equivalents per day are generally discouraged",
        ),
        deny=(
            "The notes record the same pain scores before and after each dose and no functional gains.",
            "There is no current treatment agreement or recent drug screen in the file.",
            "The patient has taken this medication for well over a year without documented benefit.",
            "A weaning schedule would be appropriate rather than continued prescribing.",
        ),
        grant=(
            "The prescriber documents a drop in pain from {a}/10 to {b}/10 and the ability to work a full shift on the current regimen.",
            "A recent urine screen was consistent, a signed agreement is on file, and no side effects were reported.",
        ),
    ),
    "nsaid": Prose(
        guide=(
            "anti-inflammatory drugs are recommended at the lowest effective dose for the shortest period in moderate to severe pain",
            "long-term use raises gastrointestinal, renal and cardiovascular risk and requires monitoring",
            "these agents are a first-line option for acute flares of musculoskeletal pain",
        ),
        deny=(
            "The patient has taken the drug for many months without a record of improved pain or function.",
            "The file notes gastric upset, yet no reassessment of the risk of continued use was made.",
        ),
        grant=(
            "This is a first prescription for a recent flare, which the guidelines support.",
            "The prescriber documented improved tolerance for standing and lifting with the medication.",
        ),
    ),
    "relaxant": Prose(
        guide=(
            "non-sedating muscle relaxants are a second-line option for short-term treatment of acute exacerbations",
            "the effect of these drugs wanes over time and prolonged use can lead to dependence",
            "use beyond two to three weeks is not supported",
        ),
        deny=(
            "The medication has been prescribed continuously for months rather than for a short flare.",
            "The notes do not describe spasm on examination.",
        ),
        grant=(
            "The request covers a brief course for a documented acute flare with palpable spasm.",
        ),
    ),
    "topical": Prose(
        guide=(
            "topical analgesics are largely experimental and have few randomized trials supporting their use",
            "any compounded product containing at least one drug or drug class that is not recommended is itself not recommended",
            "topical lidocaine is limited to localized neuropathic pain after a trial of first-line therapy",
        ),
        deny=(
            "The product combines several agents, at least one of which is not supported for topical use.",
            "There is no record that first-line oral agents were tried and failed.",
            "The notes do not describe localized neuropathic pain.",
        ),
        grant=(
            "The patient has localized neuropathic pain and did not tolerate oral agents.",
        ),
    ),
    "gi": Prose(
        guide=(
            "gastric protection is indicated for patients on anti-inflammatory drugs who have risk factors such as age over 65, prior ulcer or bleeding, or concurrent steroid or anticoagulant use",
            "long-term acid suppression carries its own risks and should be reviewed regularly",
        ),
        deny=(
            "No gastrointestinal symptoms or risk factors are recorded.",
            "The anti-inflammatory drug it was meant to accompany has been discontinued.",
        ),
        grant=(
            "The patient has a history of gastritis and remains on an anti-inflammatory drug.",
        ),
    ),
    "sleep": Prose(
        guide=(
            "sleep aids are recommended only for short-term treatment of insomnia after the causes of the sleep disturbance have been evaluated",
            "benzodiazepines are not recommended for long-term use because efficacy is unproven and dependence develops quickly",
        ),
        deny=(
            "The record does not describe sleep onset, maintenance, or the effect of the drug on next-day function.",
            "The medication has been used nightly for months without a documented sleep evaluation.",
        ),
        grant=(
            "A short course is requested after sleep hygiene measures failed, which is consistent with the guidelines.",
        ),
    ),
    "drug": Prose(
        guide=(
            "medications for chronic pain should be started one at a time with an assessment of their effect on pain and function",
            "continued use requires documentation of meaningful benefit",
            "antidepressants and antiepilepsy drugs are first-line options for neuropathic pain",
        ),
        deny=(
            "The notes do not document any benefit since the medication was started.",
            "The indication for the medication is not stated in the records.",
        ),
        grant=(
            "The prescriber documented a thirty percent reduction in neuropathic pain since the drug was started.",
            "The medication is prescribed for a documented indication and the response is recorded.",
        ),
    ),
    "therapy": Prose(
        guide=(
            "treatment frequency should fade over time with a transition to an active home program",
            "up to ten visits over eight weeks are recommended for myalgia and myositis",
            "a trial of six visits should show objective functional gains before more care is approved",
            "treatment may be extended only when functional improvement is documented",
            "active therapy is preferred over passive modalities for lasting benefit",
        ),
        deny=(
            "The patient already completed {n} sessions with no measured change in strength, motion or function.",
            "There is no explanation why the patient cannot continue with a home exercise program.",
            "Combined with the visits already completed, the request exceeds the recommended number of sessions.",
            "The notes do not report functional goals for the additional visits.",
        ),
        grant=(
            "This is an initial course after a new injury, and no prior visits have been provided.",
            "The therapist documented gains in range of motion and lifting capacity after the first sessions, supporting a short extension.",
        ),
    ),
    "injection": Prose(
        guide=(
            "epidural injections are an option for radicular pain when radiculopathy is corroborated by imaging or testing and initially unresponsive to conservative care",
            "facet blocks are limited to patients with non-radicular pain at no more than two levels",
            "trigger point injections require circumscribed trigger points with a twitch response and referred pain",
            "repeat injections need at least fifty percent pain relief lasting six weeks after the previous one",
        ),
        deny=(
            "The examination does not document radicular findings that match the imaging.",
            "A previous injection gave only brief relief, which does not support repeating it.",
            "The notes do not identify trigger points with a twitch response.",
        ),
        grant=(
            "Imaging and examination both show nerve root involvement, and six weeks of therapy and medication did not help.",
            "The prior injection gave more than half relief for two months and allowed a reduction in medication.",
        ),
    ),
    "surgery": Prose(
        guide=(
            "surgical referral is indicated for activity limitation beyond four months, failure of an exercise program, and clear clinical and imaging evidence of a lesion that benefits from repair",
            "surgery is considered only after an adequate course of conservative care has failed",
            "the clinical examination and imaging must agree on the lesion to be treated",
        ),
        deny=(
            "The records show only a few weeks of conservative care before surgery was proposed.",
            "The imaging findings do not match the examination.",
            "There is no documentation of injection or therapy trials before the surgical request.",
        ),
        grant=(
            "The patient failed six months of therapy, injections and medication, and imaging shows a lesion consistent with the examination.",
            "Progressive weakness and imaging evidence of compression meet the criteria for surgery.",
        ),
    ),
    "adjunct": Prose(
        guide=(
            "services tied to a procedure follow the decision on the procedure itself",
            "preoperative testing is guided by the patient's age, health and the type of surgery",
        ),
        deny=(
            "The associated procedure was not found medically necessary, so this service is not needed either.",
            "The related operation has not been certified.",
        ),
        grant=(
            "The associated procedure has been certified, and this service is a standard part of it.",
        ),
    ),
    "dme": Prose(
        guide=(
            "equipment qualifies as durable medical equipment when it withstands repeated use, serves a medical purpose, and is of little use to someone without an injury",
            "bracing is an option for a short period after an acute injury but not for prolonged use",
            "home equipment should support an active program rather than replace it",
        ),
        deny=(
            "The item is primarily a convenience rather than a medical device.",
            "The records do not describe a functional deficit that the equipment would address.",
            "The patient is well past the acute phase when this item is recommended.",
        ),
        grant=(
            "The equipment addresses a documented deficit and is part of an active rehabilitation plan.",
            "The patient is recovering from surgery, when this equipment is recommended.",
        ),
    ),
    "estim": Prose(
        guide=(
            "a one-month home trial of electrical stimulation may be considered as an adjunct to an evidence-based functional restoration program",
            "electrical stimulation is not recommended as a primary treatment",
            "purchase requires documented benefit during the trial period",
        ),
        deny=(
            "There is no record of a one-month trial with documented benefit.",
            "The unit would be used alone rather than alongside an active program.",
        ),
        grant=(
            "A one-month trial cut medication use and improved walking tolerance, as recorded in a usage log.",
        ),
    ),
    "program": Prose(
        guide=(
            "functional restoration programs are recommended when earlier treatment failed, function is significantly lost, and the patient is motivated to change",
            "participation beyond two weeks requires objective gains",
            "programs should not be offered when surgery or other treatment is still being considered",
        ),
        deny=(
            "A baseline functional evaluation was not completed.",
            "The patient is still being evaluated for surgery.",
            "The notes do not address negative predictors of success.",
        ),
        grant=(
            "A complete evaluation found significant loss of function, and the patient is motivated to return to work.",
        ),
    ),
    "psych": Prose(
        guide=(
            "psychological evaluation is an established part of managing chronic pain",
            "cognitive behavioral therapy begins with a trial of three to four visits, with up to ten visits if there is objective improvement",
            "behavioral treatment is recommended when chronic pain is accompanied by depression or anxiety",
        ),
        deny=(
            "The patient already completed a course of visits without documented improvement.",
            "Standardized scores were not reported before or after the earlier sessions.",
        ),
        grant=(
            "Screening scores show moderate depression linked to the injury, and no psychological care has been provided.",
            "Depression scores improved by a third during the trial visits.",
        ),
    ),
    "consult": Prose(
        guide=(
            "referral is appropriate when the diagnosis is uncertain or complex, or when the plan of care may benefit from added expertise",
            "the frequency of office visits should reflect the patient's symptoms, the stability of the condition and the judgment of the treating physician",
        ),
        deny=(
            "The treating physician did not state a question for the consultant to answer.",
            "The patient is already followed by a specialist in the same field.",
        ),
        grant=(
            "The diagnosis remains unclear after several months, and the treating physician asked a specific question of the consultant.",
            "The patient takes medications that require regular monitoring.",
        ),
    ),
    "home": Prose(
        guide=(
            "home health services are recommended only for medical treatment in patients who are homebound, generally up to 35 hours a week",
            "homemaker services such as shopping, cleaning and laundry are not medical treatment",
        ),
        deny=(
            "The patient drives to appointments and is not homebound.",
            "The services requested are housekeeping rather than medical care.",
        ),
        grant=(
            "The patient is homebound after surgery and needs wound care and medication management.",
        ),
    ),
    "transport": Prose(
        guide=(
            "transportation to and from appointments is recommended when a disability prevents the patient from travelling alone",
        ),
        deny=(
            "The patient drives and has no condition that would prevent travel by car or public transit.",
        ),
        grant=(
            "The patient cannot bear weight after surgery and lives alone.",
        ),
    ),
}
PROSE["test"] = Prose(
    guide=(
        "specialized testing is appropriate when its result will change the plan of care",
        "a functional or physiologic test should answer a specific clinical question rather than repeat what the examination already shows",
    ),
    deny=(
        "The treating provider did not say how the result would change treatment.",
        "The same test was completed recently and nothing has changed since.",
    ),
    grant=(
        "The result will decide whether {he} can return to {his} usual job, and no recent test is on file.",
        "The examination raises a specific question that only this test can answer.",
    ),
)
PROSE["generic"] = Prose(
    guide=(
        "treatment should be tied to functional goals and continued only with documented benefit",
        "care must be reasonable and matched to the diagnosis",
    ),
    deny=(),
    grant=(),
)


REGION_NAMES = {
    "low back": "lumbar spine", "neck": "cervical spine", "shoulder": "shoulder", "knee": "knee",
    "elbow": "elbow", "wrist": "wrist and hand", "ankle": "ankle and foot", "hip": "hip", "head": "head",
}


CONCLUDE = ("Therefore,", "Therefore,", "Therefore,", "As such,", "Accordingly,", "Given the above,", "Consequently,")


GUIDES_BY_NAME: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("urine", "drug screen", "toxicolog"), (
        "drug testing is an option to assess for illicit substances and to monitor adherence in patients on controlled medications",
        "the frequency of testing should follow the patient's risk of misuse",
        "confirmatory testing is reserved for unexpected results on a point-of-care screen",
    )),
    (("epidural", "nerve root"), (
        "epidural injections are an option for radicular pain when radiculopathy is corroborated by imaging or testing and initially unresponsive to conservative care",
        "no more than two nerve root levels should be injected in one session",
        "repeat injections need at least fifty percent pain relief lasting six weeks after the previous one",
    )),
    (("facet", "medial branch", "radiofrequency"), (
        "facet blocks are limited to patients with non-radicular pain at no more than two levels",
        "neurotomy should follow only a positive diagnostic block with at least seventy percent relief",
        "facet procedures should be part of an active rehabilitation program rather than stand alone",
    )),
    (("trigger point",), (
        "trigger point injections require circumscribed trigger points with a twitch response and referred pain",
        "injections should not be repeated more often than every two months and only with lasting relief",
    )),
    (("acupunct", "acupress", "cupping", "needling"), (
        "acupuncture is an option when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation",
        "functional improvement should appear within three to six treatments",
        "treatment may be extended only when functional improvement is documented",
    )),
    (("chiropract", "manipulat"), (
        "manual therapy is an option for chronic pain caused by musculoskeletal conditions",
        "a trial of about six visits over two weeks should show objective gains before further care",
        "elective or maintenance care is not considered medically necessary",
    )),
)
"""Guideline statements for particular treatments, tried before the group's own."""


VERBS = ("states that", "notes that", "indicates that", "explains that", "provides that")
