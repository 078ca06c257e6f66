"""The guidelines letters cite: MTUS chapters and sections, ODG chapters and topics, ACOEM chapters, others.

Why apart: these are tables, not logic; ``guidelines`` turns them into the
"Decision based on ..." sentences and their citations. Keys are body
regions (``kinds.body_region``) or kinds of request (``kinds.treatment_group``).
Data only.
"""

from __future__ import annotations

MTUS_REGION = {
    "low back": "Low Back Complaints 2004",
    "neck": "Neck and Upper Back Complaints 2004",
    "shoulder": "Shoulder Complaints 2004",
    "knee": "Knee Complaints 2004",
    "elbow": "Elbow Complaints 2007",
    "wrist": "Forearm, Wrist, and Hand Complaints 2004",
    "ankle": "Ankle and Foot Complaints 2004",
}
ODG_REGION = {
    "low back": ("Low Back", "Low Back - Lumbar & Thoracic"),
    "neck": ("Neck and Upper Back", "Neck & Upper Back"),
    "shoulder": ("Shoulder",),
    "knee": ("Knee & Leg", "Knee"),
    "elbow": ("Elbow",),
    "wrist": ("Forearm, Wrist & Hand", "Carpal Tunnel Syndrome"),
    "ankle": ("Ankle & Foot",),
    "hip": ("Hip & Pelvis",),
    "head": ("Head",),
}
CPMTG: dict[str, tuple[tuple[str, str], ...]] = {
    "opioid": (("Opioids, criteria for use", "76-80"), ("Opioids for chronic pain", "80-82"),
               ("Opioids, long-term assessment", "88-89"), ("Opioids, dosing", "86")),
    "nsaid": (("NSAIDs (non-steroidal anti-inflammatory drugs)", "67-73"), ("Anti-inflammatory medications", "22")),
    "relaxant": (("Muscle relaxants (for pain)", "63-66"), ("Antispasmodics", "64-65")),
    "topical": (("Topical Analgesics", "111-113"), ("Lidoderm (lidocaine patch)", "56-57"), ("Capsaicin, topical", "28-29")),
    "gi": (("NSAIDs, GI symptoms & cardiovascular risk", "68-69"),),
    "sleep": (("Benzodiazepines", "24"),),
    "drug": (("Medications for chronic pain", "60"), ("Antiepilepsy drugs (AEDs)", "16-22"),
             ("Antidepressants for chronic pain", "13-16"), ("Weaning of Medications", "124")),
    "therapy": (("Physical Medicine", "98-99"), ("Manual therapy & manipulation", "58-60"),
                ("Aquatic therapy", "22"), ("Massage therapy", "60")),
    "injection": (("Epidural steroid injections (ESIs)", "46"), ("Trigger point injections", "122"),
                  ("Injections with anaesthetics and/or steroids", "39")),
    "estim": (("TENS, chronic pain", "114-116"), ("Interferential Current Stimulation (ICS)", "118-120"),
              ("Neuromuscular electrical stimulation (NMES devices)", "121")),
    "program": (("Functional restoration programs (FRPs)", "49"), ("Chronic pain programs (functional restoration programs)", "30-34"),
                ("Work conditioning, work hardening", "125")),
    "psych": (("Psychological evaluations", "100-101"), ("Behavioral interventions", "23"), ("Psychological treatment", "101-102")),
    "lab": (("Drug testing", "43"), ("Opioids, steps to avoid misuse/addiction", "94")),
    "home": (("Home health services", "51"),),
    "consult": (("Introduction", "1"),),
    "generic": (("Introduction", "1"), ("Functional improvement measures", "48")),
}
"""Chronic Pain Medical Treatment Guidelines sections with their 2009 pages."""
CPMTG_2016 = {"Physical Medicine": "Physical medicine treatment", "Topical Analgesics": "Topical analgesics"}
"""Sections of the 2016 text whose names differ from the 2009 ones."""
MTUS_REGION_SECTIONS = {
    "imaging": ("Special Studies", "Special Studies, Summary", "Diagnostic Criteria"),
    "emg": ("Special Studies", "Diagnostic Criteria"),
    "surgery": ("Surgical Considerations", "Surgical Considerations, Summary"),
    "dme": ("Initial Care", "Physical Methods"),
    "therapy": ("Physical Methods", "Initial Care"),
    "injection": ("Physical Methods", "Summary"),
    "estim": ("Physical Methods",),
    "consult": ("Follow-up Visits", "Initial Assessment"),
}
ODG_TOPICS = {
    "imaging": ("MRIs (magnetic resonance imaging)", "Indications for imaging", "CT (computed tomography)",
                "Radiography", "Imaging studies"),
    "emg": ("EMGs (electromyography)", "Nerve conduction studies (NCS)", "Electrodiagnostic testing"),
    "lab": ("Urine drug testing (UDT)", "Laboratory tests"),
    "opioid": ("Opioids, criteria for use", "Opioids, specific drug list"),
    "nsaid": ("NSAIDs, specific drug list & adverse effects", "Anti-inflammatory medications"),
    "relaxant": ("Muscle relaxants (for pain)",),
    "topical": ("Compound drugs", "Lidocaine topical", "Topical analgesic creams"),
    "gi": ("Proton pump inhibitors (PPIs)",),
    "sleep": ("Insomnia treatment", "Benzodiazepines"),
    "drug": ("Medications for chronic pain", "Antiepilepsy drugs", "Medical food"),
    "therapy": ("Physical therapy (PT)", "Manipulation", "Acupuncture", "Aquatic therapy", "Massage"),
    "injection": ("Epidural steroid injections (ESIs), therapeutic", "Facet joint diagnostic blocks",
                  "Trigger point injections", "Platelet-rich plasma (PRP)", "Steroid injections"),
    "surgery": ("Indications for surgery", "Surgical considerations", "Fusion (spinal)", "Arthroscopic surgery"),
    "adjunct": ("Surgical assistant", "Preoperative testing, general", "Continuous-flow cryotherapy",
                "Postoperative bracing", "Hospital length of stay (LOS)"),
    "dme": ("Durable medical equipment (DME)", "Lumbar supports", "Braces", "Walking aids", "Home exercise kits",
            "Cold/heat packs"),
    "estim": ("TENS (transcutaneous electrical nerve stimulation)", "Interferential current stimulation (ICS)",
              "Neuromuscular electrical stimulation (NMES devices)"),
    "program": ("Functional restoration programs (FRPs)", "Work conditioning, work hardening", "Gym memberships",
                "Chronic pain programs"),
    "psych": ("Cognitive therapy for depression", "Psychotherapy guidelines", "Psychological evaluations"),
    "consult": ("Office visits", "Independent medical examinations and consultations", "Evaluation & management (E&M)"),
    "home": ("Home health services",),
    "transport": ("Transportation (to & from appointments)",),
    "test": ("Functional capacity evaluation (FCE)", "Polysomnography", "Flexibility", "Fitness for duty"),
    "generic": ("Functional improvement measures", "Introduction"),
}
ODG_DEFAULT_CHAPTER = {"psych": "Mental Illness & Stress", "transport": "Knee & Leg"}
ODG_TITLES = ("Official Disability Guidelines (ODG)", "Official Disability Guidelines (ODG)",
              "Official Disability Guidelines", "ODG")
"""How a letter names the ODG, drawn evenly (so the full name with "(ODG)" half the time)."""
ODG_SECTION_FORMS: tuple[str | None, ...] = (
    "{chapter} Chapter, {topic}", "{chapter} Chapter, {topic}", "{chapter} Chapter, {topic}",
    "{chapter}, {topic}", "{chapter} Chapter", None,
)
"""How an ODG citation names its section, drawn evenly; None cites the ODG without a section."""
ACOEM_CHAPTERS = {
    "low back": "Low Back Disorders", "neck": "Cervical and Thoracic Spine Disorders",
    "shoulder": "Shoulder Disorders", "knee": "Knee Disorders", "elbow": "Elbow Disorders",
    "wrist": "Hand, Wrist, and Forearm Disorders", "ankle": "Ankle and Foot Disorders",
    "hip": "Hip and Groin Disorders", None: "Chronic Pain",
}
ACOEM_TOPICS: dict[str | None, tuple[str, ...]] = {
    "imaging": ("Diagnostic Investigations", "Special Studies and Diagnostic and Treatment Considerations", "Imaging"),
    "emg": ("Diagnostic Investigations", "Electrodiagnostic Studies"),
    "injection": ("Injection Therapies", "Invasive Treatments"),
    "surgery": ("Surgical Considerations", "Operative Treatment"),
    "therapy": ("Allied Health Interventions", "Exercise", "Manipulation and Mobilization"),
    "dme": ("Devices", "Orthoses and Supports"),
    "estim": ("Devices", "Electrical Therapies"),
    None: ("Medications", "Treatment Recommendations", "Follow-up Care", "Work Activities"),
}
"""ACOEM 3rd edition topics within a chapter, by kind of request."""
OTHER_TITLES = (
    "Medical Treatment Guidelines, Work Loss Data Institute",
    "FDA prescribing information",
    "American Academy of Orthopaedic Surgeons clinical practice guideline",
    "National Guideline Clearinghouse summary",
    "UpToDate clinical topic review",
    "American Society of Interventional Pain Physicians practice guideline",
    "Colorado Division of Workers' Compensation Medical Treatment Guidelines",
    "Medicare National Coverage Determinations Manual",
)


GENERAL_SECTIONS = (
    "Initial Approaches to Treatment", "Cornerstones of Disability Prevention and Management",
    "Independent Medical Examinations and Consultations", "Prevention",
)
