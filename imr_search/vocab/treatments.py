"""The treatment vocabulary, and the reading of one item request into fields.

An IMR item is written by hand ("Meloxicam (Mobic) 7.5mg #30", "Physical therapy
2 times a week for 6 weeks, low back"), so the same treatment shows up under
brand names, abbreviations, plurals and typos.  Users search by what was asked
for, not by how it was spelled, so every request is mapped onto one canonical
treatment with the state's category and subcategory (the names users know
from the DWC's own decision search), plus the body part and the counts.

The letter generator writes requests from the same tables, so the tables are
public and :func:`analyze_request` must give back exactly what it put in.

Data tables come first; the few functions are at the end.  Everything costly
(the alias and body-part regexes) is compiled once at import: the parser calls
:func:`analyze_request` for every item of every letter.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..records import Duration, Frequency

__all__ = [
    "BODY_PARTS",
    "CATEGORIES",
    "DIAGNOSES",
    "LATERAL",
    "SPECIALTIES",
    "STATES",
    "TREATMENTS",
    "RequestInfo",
    "Treatment",
    "analyze_request",
    "canonical_specialty",
    "lookup",
]


class Treatment(NamedTuple):
    """One canonical treatment and the ways letters write it."""

    name: str
    category: str
    subcategory: str
    aliases: tuple[str, ...]
    doses: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()


class RequestInfo(NamedTuple):
    """What one item request asks for, as structured fields."""

    treatment: str
    category: str | None
    subcategory: str | None
    body_part: str | None
    quantity: int | None
    frequency: Frequency | None
    duration: Duration | None


# --------------------------------------------------------------------------
# The state's classification (DWC IMR decision search).  Categories whose
# search offers no finer split use their own name as the subcategory, so a
# filter on subcategory never has to special-case them.
# --------------------------------------------------------------------------

CATEGORIES: dict[str, tuple[str, ...]] = {
    "Diagnostic Testing": ("Imaging", "EMG/NCV/NCS", "Lab & Pathology", "Other Diagnostic Tests"),
    "DMEPOS": ("Durable Medical Equipment", "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies"),
    "Evaluation & Management": ("Medical Specialties", "Dental Services"),
    "Home Health": ("Home Health",),
    "Injection": ("Facet Injection", "Other Injections"),
    "Pharmaceuticals": (
        "Opioids", "NSAIDs", "Muscle Relaxants", "Proton Pump Inhibitors", "H2 Blockers",
        "Misc Analgesics", "Topical Analgesics", "Topical Compounds", "Antidepressants",
        "Anti-Epilepsy Drugs", "Antianxiety", "Benzodiazepines", "Barbiturates",
        "Sedative-Hypnotics", "Atypical Antipsychotics", "Stimulants", "Antiemetics",
        "Antihistamines", "Antihypertensives", "Alpha- and Beta-Blockers",
        "Calcium Channel Blockers", "Anti-Coagulants", "Antidiabetics", "Anti-Infectives",
        "Antimigraine Agents", "Asthma Medications", "Adrenal Cortical Steroids",
        "Androgens and Anabolic Steroids", "Hormones", "Bisphosphonates", "Dopamine Agonists",
        "Fibric Acid", "Statins", "Impotence Agents", "Opioid Antagonists", "Cannabinoids",
        "Nutritional Products", "TNF Modifiers", "Viscosupplementation", "Injections",
    ),
    "Programs": ("Functional Restoration", "Detox", "Weight Loss", "Other Programs"),
    "Psych Services": ("Evaluation & Management", "Therapies"),
    "Rehabilitation": ("Physical/Occupational Therapy", "Acupuncture", "Chiropractic", "Other Therapies"),
    "Surgery": ("Spine", "Arthroscopic", "Non-Arthroscopic", "Adjunct Surgical Services", "Surgical Consult"),
    "Therapies": ("Therapies",),
    "Transportation": ("Transportation",),
}
"""Category -> its subcategories, spelled as the state's search spells them."""

_RX = "Pharmaceuticals"
_DX = "Diagnostic Testing"
_DME = "DMEPOS"
_EM = "Evaluation & Management"
_HH = "Home Health"
_INJ = "Injection"
_PRG = "Programs"
_PSY = "Psych Services"
_REH = "Rehabilitation"
_SUR = "Surgery"
_THE = "Therapies"
_TRA = "Transportation"

_TAB = ("tablet",)
_CAP = ("capsule",)

# --------------------------------------------------------------------------
# Treatments.  Aliases are written the way letters write them (brand names
# capitalised, abbreviations upper-case) because the generator copies them.
# Hyphens, slashes and spaces are interchangeable when matching, and a plural
# "s"/"es" is accepted on any alias, so only spellings that differ otherwise
# need listing.  Names avoid body parts where the body part is separable
# ("epidural steroid injection", not "lumbar ESI") so that the body part
# lands in its own field.
# --------------------------------------------------------------------------

_PHARMACEUTICALS: tuple[Treatment, ...] = (
    # Opioids
    Treatment("hydrocodone/acetaminophen", _RX, "Opioids",
              ("Norco", "Vicodin", "Lortab", "hydrocodone/APAP", "hydrocodone bitartrate/acetaminophen",
               "hydrocodone/acetaminophin", "Norco/Vicodin"),
              ("5/325mg", "7.5/325mg", "10/325mg"), _TAB),
    Treatment("oxycodone", _RX, "Opioids", ("Roxicodone", "OxyContin", "oxycodone HCl", "oxycodone ER"),
              ("5mg", "10mg", "15mg", "30mg"), _TAB),
    Treatment("oxycodone/acetaminophen", _RX, "Opioids", ("Percocet", "Endocet", "oxycodone/APAP"),
              ("5/325mg", "7.5/325mg", "10/325mg"), _TAB),
    Treatment("tramadol", _RX, "Opioids", ("Ultram", "Ultram ER", "tramadol ER", "tramadol HCl", "tramadal"),
              ("50mg", "100mg", "150mg"), ("tablet", "capsule")),
    Treatment("tramadol/acetaminophen", _RX, "Opioids", ("Ultracet", "tramadol/APAP"), ("37.5/325mg",), _TAB),
    Treatment("tapentadol", _RX, "Opioids", ("Nucynta", "Nucynta ER"), ("50mg", "75mg", "100mg"), _TAB),
    Treatment("morphine sulfate", _RX, "Opioids", ("morphine", "MS Contin", "Kadian", "morphine ER"),
              ("15mg", "30mg", "60mg"), ("tablet", "capsule")),
    Treatment("hydromorphone", _RX, "Opioids", ("Dilaudid", "Exalgo"), ("2mg", "4mg", "8mg"), _TAB),
    Treatment("oxymorphone", _RX, "Opioids", ("Opana", "Opana ER"), ("5mg", "10mg", "20mg"), _TAB),
    Treatment("fentanyl", _RX, "Opioids", ("Duragesic", "fentanyl patch", "fentanyl transdermal"),
              ("12mcg/hr", "25mcg/hr", "50mcg/hr"), ("patch",)),
    Treatment("buprenorphine", _RX, "Opioids", ("Butrans", "Belbuca", "buprenorphine patch"),
              ("5mcg/hr", "10mcg/hr", "20mcg/hr"), ("patch", "film")),
    Treatment("buprenorphine/naloxone", _RX, "Opioids", ("Suboxone", "Zubsolv"), ("8/2mg", "4/1mg"),
              ("film", "tablet")),
    Treatment("methadone", _RX, "Opioids", ("Dolophine", "methadone HCl"), ("5mg", "10mg"), _TAB),
    Treatment("acetaminophen/codeine", _RX, "Opioids",
              ("Tylenol with codeine", "Tylenol #3", "Tylenol No. 3", "APAP/codeine", "codeine"),
              ("300/30mg", "300/60mg"), _TAB),
    Treatment("hydrocodone/ibuprofen", _RX, "Opioids", ("Vicoprofen", "Reprexain"), ("7.5/200mg",), _TAB),
    # NSAIDs
    Treatment("naproxen", _RX, "NSAIDs",
              ("Naprosyn", "Anaprox", "Anaprox DS", "naproxen sodium", "Aleve", "naproxyn", "naproxin"),
              ("250mg", "375mg", "500mg", "550mg"), _TAB),
    Treatment("ibuprofen", _RX, "NSAIDs", ("Motrin", "Advil", "ibuprophen"), ("400mg", "600mg", "800mg"), _TAB),
    Treatment("meloxicam", _RX, "NSAIDs", ("Mobic", "meloxicam tablets"), ("7.5mg", "15mg"), _TAB),
    Treatment("celecoxib", _RX, "NSAIDs", ("Celebrex",), ("100mg", "200mg"), _CAP),
    Treatment("diclofenac", _RX, "NSAIDs",
              ("diclofenac sodium", "diclofenac sodium ER", "diclofenac potassium", "Voltaren", "Voltaren XR",
               "Zorvolex", "Cambia"),
              ("50mg", "75mg", "100mg"), _TAB),
    Treatment("nabumetone", _RX, "NSAIDs", ("Relafen", "nabumatone"), ("500mg", "750mg"), _TAB),
    Treatment("etodolac", _RX, "NSAIDs", ("Lodine", "etodolac ER"), ("400mg", "500mg"), _TAB),
    Treatment("ketorolac", _RX, "NSAIDs", ("Toradol", "ketorolac tromethamine"), ("10mg",), _TAB),
    Treatment("oxaprozin", _RX, "NSAIDs", ("Daypro",), ("600mg",), _TAB),
    Treatment("ibuprofen/famotidine", _RX, "NSAIDs", ("Duexis",), ("800/26.6mg",), _TAB),
    Treatment("diclofenac/misoprostol", _RX, "NSAIDs", ("Arthrotec",), ("50/200mg", "75/200mg"), _TAB),
    Treatment("indomethacin", _RX, "NSAIDs", ("Indocin",), ("25mg", "50mg"), _CAP),
    Treatment("fenoprofen", _RX, "NSAIDs", ("Nalfon", "fenoprofen calcium"), ("400mg",), _CAP),
    Treatment("aspirin", _RX, "NSAIDs", ("ASA", "Ecotrin"), ("81mg", "325mg"), _TAB),
    # Muscle relaxants
    Treatment("cyclobenzaprine", _RX, "Muscle Relaxants",
              ("Flexeril", "Fexmid", "Amrix", "cyclobenzaprine HCl", "cyclobenzeprine", "flexeril"),
              ("5mg", "7.5mg", "10mg"), _TAB),
    Treatment("tizanidine", _RX, "Muscle Relaxants", ("Zanaflex", "tizanadine", "tizanidine HCl"),
              ("2mg", "4mg"), _TAB),
    Treatment("carisoprodol", _RX, "Muscle Relaxants", ("Soma",), ("250mg", "350mg"), _TAB),
    Treatment("methocarbamol", _RX, "Muscle Relaxants", ("Robaxin",), ("500mg", "750mg"), _TAB),
    Treatment("metaxalone", _RX, "Muscle Relaxants", ("Skelaxin",), ("400mg", "800mg"), _TAB),
    Treatment("baclofen", _RX, "Muscle Relaxants", ("Lioresal",), ("10mg", "20mg"), _TAB),
    Treatment("orphenadrine", _RX, "Muscle Relaxants", ("Norflex", "orphenadrine citrate", "orphenadrine ER"),
              ("100mg",), _TAB),
    Treatment("chlorzoxazone", _RX, "Muscle Relaxants", ("Parafon Forte", "Lorzone"), ("500mg", "750mg"), _TAB),
    # Stomach protection
    Treatment("omeprazole", _RX, "Proton Pump Inhibitors", ("Prilosec", "omeprazole DR", "omeprazol"),
              ("20mg", "40mg"), _CAP),
    Treatment("pantoprazole", _RX, "Proton Pump Inhibitors", ("Protonix",), ("20mg", "40mg"), _TAB),
    Treatment("esomeprazole", _RX, "Proton Pump Inhibitors", ("Nexium",), ("20mg", "40mg"), _CAP),
    Treatment("lansoprazole", _RX, "Proton Pump Inhibitors", ("Prevacid",), ("15mg", "30mg"), _CAP),
    Treatment("ranitidine", _RX, "H2 Blockers", ("Zantac",), ("150mg", "300mg"), _TAB),
    Treatment("famotidine", _RX, "H2 Blockers", ("Pepcid",), ("20mg", "40mg"), _TAB),
    # Other analgesics
    Treatment("acetaminophen", _RX, "Misc Analgesics", ("Tylenol", "APAP", "Tylenol Extra Strength"),
              ("325mg", "500mg", "650mg"), _TAB),
    Treatment("butalbital/acetaminophen/caffeine", _RX, "Barbiturates", ("Fioricet", "Esgic"),
              ("50/325/40mg",), ("tablet", "capsule")),
    # Topicals
    Treatment("lidocaine", _RX, "Topical Analgesics",
              ("Lidoderm", "Lidoderm patch", "lidocaine patch", "lidocaine pad", "lidocaine cream",
               "lidocaine ointment", "Anecream", "lidocaine topical"),
              ("4%", "5%"), ("patch", "cream", "ointment")),
    Treatment("diclofenac gel", _RX, "Topical Analgesics",
              ("Voltaren gel", "Flector", "Flector patch", "Pennsaid", "diclofenac sodium gel", "diclofenac topical"),
              ("1%", "1.3%", "1.5%"), ("gel", "patch", "solution")),
    Treatment("capsaicin", _RX, "Topical Analgesics", ("Zostrix", "capsaicin cream", "Qutenza"),
              ("0.025%", "0.075%"), ("cream",)),
    Treatment("menthol/methyl salicylate", _RX, "Topical Analgesics",
              ("Salonpas", "Bengay", "Icy Hot", "methyl salicylate", "Biofreeze", "menthol gel"),
              ("10%", "30%"), ("patch", "cream", "gel")),
    Treatment("terocin", _RX, "Topical Compounds", ("Terocin lotion", "Terocin patch"), ("120ml",),
              ("lotion", "patch")),
    Treatment("lidopro", _RX, "Topical Compounds", ("LidoPro ointment", "Lido Pro"), ("121g",), ("ointment",)),
    Treatment("medrox", _RX, "Topical Compounds", ("Medrox patch", "Medrox ointment"), ("120g",),
              ("patch", "ointment")),
    Treatment("dendracin", _RX, "Topical Compounds", ("Dendracin lotion",), ("120ml",), ("lotion",)),
    Treatment("compounded topical cream", _RX, "Topical Compounds",
              ("compound cream", "compounded cream", "topical compound", "compounded topical",
               "compounded medication", "transdermal compound", "compounded ointment"),
              ("180g", "240g"), ("cream",)),
    Treatment("flurbiprofen/lidocaine cream", _RX, "Topical Compounds",
              ("flurbiprofen/lidocaine", "flurbiprofen cream", "flurbiprofen topical"), ("20%/5%",), ("cream",)),
    Treatment("ketoprofen cream", _RX, "Topical Compounds", ("ketoprofen topical", "ketoprofen gel"), ("10%", "20%"),
              ("cream",)),
    # Psychiatric and neurological
    Treatment("duloxetine", _RX, "Antidepressants", ("Cymbalta",), ("30mg", "60mg"), _CAP),
    Treatment("amitriptyline", _RX, "Antidepressants", ("Elavil", "amitriptylin"), ("10mg", "25mg", "50mg"), _TAB),
    Treatment("nortriptyline", _RX, "Antidepressants", ("Pamelor",), ("10mg", "25mg"), _CAP),
    Treatment("trazodone", _RX, "Antidepressants", ("Desyrel", "trazadone"), ("50mg", "100mg"), _TAB),
    Treatment("sertraline", _RX, "Antidepressants", ("Zoloft",), ("50mg", "100mg"), _TAB),
    Treatment("venlafaxine", _RX, "Antidepressants", ("Effexor", "Effexor XR", "venlafaxine ER"),
              ("37.5mg", "75mg", "150mg"), _CAP),
    Treatment("bupropion", _RX, "Antidepressants", ("Wellbutrin", "Wellbutrin XL", "bupropion SR"),
              ("150mg", "300mg"), _TAB),
    Treatment("escitalopram", _RX, "Antidepressants", ("Lexapro",), ("10mg", "20mg"), _TAB),
    Treatment("fluoxetine", _RX, "Antidepressants", ("Prozac",), ("20mg", "40mg"), _CAP),
    Treatment("mirtazapine", _RX, "Antidepressants", ("Remeron",), ("15mg", "30mg"), _TAB),
    Treatment("milnacipran", _RX, "Antidepressants", ("Savella",), ("50mg",), _TAB),
    Treatment("gabapentin", _RX, "Anti-Epilepsy Drugs", ("Neurontin", "Gralise", "gabapentine", "gabapentin enacarbil"),
              ("300mg", "600mg", "800mg"), ("capsule", "tablet")),
    Treatment("pregabalin", _RX, "Anti-Epilepsy Drugs", ("Lyrica", "pregablin"), ("50mg", "75mg", "150mg"), _CAP),
    Treatment("topiramate", _RX, "Anti-Epilepsy Drugs", ("Topamax",), ("25mg", "50mg"), _TAB),
    Treatment("carbamazepine", _RX, "Anti-Epilepsy Drugs", ("Tegretol",), ("200mg",), _TAB),
    Treatment("buspirone", _RX, "Antianxiety", ("Buspar",), ("10mg", "15mg"), _TAB),
    Treatment("hydroxyzine", _RX, "Antianxiety", ("Vistaril", "Atarax", "hydroxyzine pamoate"), ("25mg", "50mg"), _CAP),
    Treatment("alprazolam", _RX, "Benzodiazepines", ("Xanax",), ("0.25mg", "0.5mg", "1mg"), _TAB),
    Treatment("diazepam", _RX, "Benzodiazepines", ("Valium",), ("5mg", "10mg"), _TAB),
    Treatment("clonazepam", _RX, "Benzodiazepines", ("Klonopin",), ("0.5mg", "1mg"), _TAB),
    Treatment("lorazepam", _RX, "Benzodiazepines", ("Ativan",), ("0.5mg", "1mg"), _TAB),
    Treatment("temazepam", _RX, "Benzodiazepines", ("Restoril",), ("15mg", "30mg"), _CAP),
    Treatment("zolpidem", _RX, "Sedative-Hypnotics", ("Ambien", "Ambien CR", "zolpidem ER", "Intermezzo"),
              ("5mg", "10mg", "6.25mg", "12.5mg"), _TAB),
    Treatment("eszopiclone", _RX, "Sedative-Hypnotics", ("Lunesta",), ("1mg", "2mg", "3mg"), _TAB),
    Treatment("zaleplon", _RX, "Sedative-Hypnotics", ("Sonata",), ("5mg", "10mg"), _CAP),
    Treatment("doxepin", _RX, "Sedative-Hypnotics", ("Silenor",), ("3mg", "6mg"), _TAB),
    Treatment("suvorexant", _RX, "Sedative-Hypnotics", ("Belsomra",), ("10mg", "20mg"), _TAB),
    Treatment("quetiapine", _RX, "Atypical Antipsychotics", ("Seroquel",), ("25mg", "50mg", "100mg"), _TAB),
    Treatment("aripiprazole", _RX, "Atypical Antipsychotics", ("Abilify",), ("2mg", "5mg"), _TAB),
    Treatment("olanzapine", _RX, "Atypical Antipsychotics", ("Zyprexa",), ("5mg", "10mg"), _TAB),
    Treatment("modafinil", _RX, "Stimulants", ("Provigil",), ("100mg", "200mg"), _TAB),
    Treatment("armodafinil", _RX, "Stimulants", ("Nuvigil",), ("150mg", "250mg"), _TAB),
    Treatment("methylphenidate", _RX, "Stimulants", ("Ritalin",), ("10mg", "20mg"), _TAB),
    # Other drug classes seen in chronic-pain claims
    Treatment("ondansetron", _RX, "Antiemetics", ("Zofran", "Zofran ODT", "ondansetron ODT", "odansetron"),
              ("4mg", "8mg"), _TAB),
    Treatment("promethazine", _RX, "Antiemetics", ("Phenergan",), ("12.5mg", "25mg"), _TAB),
    Treatment("metoclopramide", _RX, "Antiemetics", ("Reglan",), ("10mg",), _TAB),
    Treatment("diphenhydramine", _RX, "Antihistamines", ("Benadryl",), ("25mg", "50mg"), _CAP),
    Treatment("cetirizine", _RX, "Antihistamines", ("Zyrtec",), ("10mg",), _TAB),
    Treatment("lisinopril", _RX, "Antihypertensives", ("Prinivil", "Zestril"), ("10mg", "20mg"), _TAB),
    Treatment("hydrochlorothiazide", _RX, "Antihypertensives", ("HCTZ", "Microzide"), ("12.5mg", "25mg"), _TAB),
    Treatment("losartan", _RX, "Antihypertensives", ("Cozaar",), ("50mg", "100mg"), _TAB),
    Treatment("clonidine", _RX, "Antihypertensives", ("Catapres",), ("0.1mg", "0.2mg"), _TAB),
    Treatment("propranolol", _RX, "Alpha- and Beta-Blockers", ("Inderal",), ("10mg", "20mg"), _TAB),
    Treatment("metoprolol", _RX, "Alpha- and Beta-Blockers", ("Lopressor", "Toprol XL", "metoprolol tartrate"),
              ("25mg", "50mg"), _TAB),
    Treatment("prazosin", _RX, "Alpha- and Beta-Blockers", ("Minipress",), ("1mg", "2mg"), _CAP),
    Treatment("amlodipine", _RX, "Calcium Channel Blockers", ("Norvasc",), ("5mg", "10mg"), _TAB),
    Treatment("verapamil", _RX, "Calcium Channel Blockers", ("Calan", "verapamil ER"), ("120mg", "240mg"), _TAB),
    Treatment("warfarin", _RX, "Anti-Coagulants", ("Coumadin",), ("2mg", "5mg"), _TAB),
    Treatment("rivaroxaban", _RX, "Anti-Coagulants", ("Xarelto",), ("10mg", "20mg"), _TAB),
    Treatment("apixaban", _RX, "Anti-Coagulants", ("Eliquis",), ("2.5mg", "5mg"), _TAB),
    Treatment("enoxaparin", _RX, "Anti-Coagulants", ("Lovenox",), ("40mg",), ("injection",)),
    Treatment("metformin", _RX, "Antidiabetics", ("Glucophage",), ("500mg", "1000mg"), _TAB),
    Treatment("glipizide", _RX, "Antidiabetics", ("Glucotrol",), ("5mg", "10mg"), _TAB),
    Treatment("cephalexin", _RX, "Anti-Infectives", ("Keflex",), ("250mg", "500mg"), _CAP),
    Treatment("ciprofloxacin", _RX, "Anti-Infectives", ("Cipro",), ("250mg", "500mg"), _TAB),
    Treatment("amoxicillin/clavulanate", _RX, "Anti-Infectives", ("Augmentin",), ("875/125mg",), _TAB),
    Treatment("sumatriptan", _RX, "Antimigraine Agents", ("Imitrex",), ("50mg", "100mg"), _TAB),
    Treatment("rizatriptan", _RX, "Antimigraine Agents", ("Maxalt", "Maxalt MLT"), ("5mg", "10mg"), _TAB),
    Treatment("albuterol", _RX, "Asthma Medications", ("ProAir", "Ventolin", "albuterol inhaler"), ("90mcg",),
              ("inhaler",)),
    Treatment("montelukast", _RX, "Asthma Medications", ("Singulair",), ("10mg",), _TAB),
    Treatment("prednisone", _RX, "Adrenal Cortical Steroids", ("Deltasone",), ("10mg", "20mg"), _TAB),
    Treatment("methylprednisolone", _RX, "Adrenal Cortical Steroids",
              ("Medrol", "Medrol Dosepak", "Medrol dose pack", "methylprednisolone dose pack"), ("4mg",), _TAB),
    Treatment("testosterone", _RX, "Androgens and Anabolic Steroids",
              ("AndroGel", "testosterone cypionate", "Depo-Testosterone", "testosterone gel"),
              ("1%", "1.62%", "200mg/ml"), ("gel", "injection")),
    Treatment("levothyroxine", _RX, "Hormones", ("Synthroid", "Levoxyl"), ("50mcg", "100mcg"), _TAB),
    Treatment("alendronate", _RX, "Bisphosphonates", ("Fosamax",), ("35mg", "70mg"), _TAB),
    Treatment("ropinirole", _RX, "Dopamine Agonists", ("Requip",), ("0.5mg", "1mg"), _TAB),
    Treatment("pramipexole", _RX, "Dopamine Agonists", ("Mirapex",), ("0.25mg", "0.5mg"), _TAB),
    Treatment("fenofibrate", _RX, "Fibric Acid", ("Tricor",), ("48mg", "145mg"), _TAB),
    Treatment("gemfibrozil", _RX, "Fibric Acid", ("Lopid",), ("600mg",), _TAB),
    Treatment("atorvastatin", _RX, "Statins", ("Lipitor",), ("20mg", "40mg"), _TAB),
    Treatment("simvastatin", _RX, "Statins", ("Zocor",), ("20mg", "40mg"), _TAB),
    Treatment("sildenafil", _RX, "Impotence Agents", ("Viagra",), ("50mg", "100mg"), _TAB),
    Treatment("tadalafil", _RX, "Impotence Agents", ("Cialis",), ("5mg", "20mg"), _TAB),
    Treatment("naloxone", _RX, "Opioid Antagonists", ("Narcan", "Evzio", "naloxone nasal spray"), ("4mg",),
              ("spray", "injection")),
    Treatment("naloxegol", _RX, "Opioid Antagonists", ("Movantik",), ("12.5mg", "25mg"), _TAB),
    Treatment("naltrexone", _RX, "Opioid Antagonists", ("Revia", "Vivitrol"), ("50mg",), _TAB),
    Treatment("dronabinol", _RX, "Cannabinoids", ("Marinol",), ("2.5mg", "5mg"), _CAP),
    Treatment("nabilone", _RX, "Cannabinoids", ("Cesamet",), ("1mg",), _CAP),
    Treatment("theramine", _RX, "Nutritional Products", ("Theramine capsules",), (), _CAP),
    Treatment("sentra", _RX, "Nutritional Products", ("Sentra PM", "Sentra AM"), (), _CAP),
    Treatment("glucosamine/chondroitin", _RX, "Nutritional Products",
              ("glucosamine", "Cosamin DS", "glucosamine sulfate", "glucosamine chondroitin"), ("500/400mg",), _CAP),
    Treatment("vitamin d", _RX, "Nutritional Products", ("vitamin D3", "cholecalciferol"), ("1000iu", "2000iu"), _CAP),
    Treatment("etanercept", _RX, "TNF Modifiers", ("Enbrel",), ("50mg",), ("injection",)),
    Treatment("adalimumab", _RX, "TNF Modifiers", ("Humira",), ("40mg",), ("injection",)),
    Treatment("hyaluronic acid", _RX, "Viscosupplementation",
              ("Synvisc", "Synvisc-One", "Orthovisc", "Euflexxa", "Supartz", "Hyalgan", "Monovisc", "Gel-One",
               "viscosupplementation", "hyaluronic acid injection", "viscosupplement injection"),
              ("48mg/6ml", "20mg/2ml"), ("injection",)),
    Treatment("vitamin b12 injection", _RX, "Injections",
              ("B12 injection", "cyanocobalamin injection", "B12 shot", "vitamin B-12 injection"), ("1000mcg",),
              ("injection",)),
    Treatment("ketorolac injection", _RX, "Injections",
              ("Toradol injection", "Toradol IM", "IM Toradol", "intramuscular Toradol"), ("30mg", "60mg"),
              ("injection",)),
)

_PROCEDURES: tuple[Treatment, ...] = (
    # Diagnostic Testing
    Treatment("mri", _DX, "Imaging",
              ("MRI", "magnetic resonance imaging", "MRI scan", "MR imaging", "open MRI", "upright MRI")),
    Treatment("mr arthrogram", _DX, "Imaging", ("MRI arthrogram", "magnetic resonance arthrogram", "arthrogram")),
    Treatment("ct scan", _DX, "Imaging", ("CT", "computed tomography", "CAT scan", "computerized tomography")),
    Treatment("x-ray", _DX, "Imaging", ("xray", "radiograph", "plain films", "x-ray study")),
    Treatment("bone scan", _DX, "Imaging", ("nuclear bone scan", "three phase bone scan", "bone scintigraphy")),
    Treatment("pet scan", _DX, "Imaging", ("PET", "positron emission tomography")),
    Treatment("diagnostic ultrasound", _DX, "Imaging", ("sonogram", "musculoskeletal ultrasound", "ultrasound study")),
    Treatment("myelogram", _DX, "Imaging", ("CT myelogram", "myelography")),
    Treatment("dexa scan", _DX, "Imaging", ("DEXA", "bone density scan", "bone densitometry")),
    Treatment("discogram", _DX, "Imaging", ("discography", "provocative discogram")),
    Treatment("emg/ncv", _DX, "EMG/NCV/NCS",
              ("EMG/NCS", "NCV/EMG", "NCS/EMG", "electrodiagnostic studies", "electrodiagnostic study",
               "electrodiagnostic testing", "EMG/NCV studies")),
    Treatment("emg", _DX, "EMG/NCV/NCS", ("electromyography", "electromyogram", "needle EMG")),
    Treatment("ncv", _DX, "EMG/NCV/NCS",
              ("NCS", "nerve conduction study", "nerve conduction studies", "nerve conduction velocity",
               "nerve conduction velocities")),
    Treatment("urine drug screen", _DX, "Lab & Pathology",
              ("UDS", "urine drug test", "urine drug testing", "urine toxicology", "urine toxicology screen",
               "drug screen", "urine drug screening", "urine tox screen")),
    Treatment("laboratory tests", _DX, "Lab & Pathology",
              ("lab work", "labs", "blood work", "laboratory testing", "blood tests", "lab tests", "CBC")),
    Treatment("comprehensive metabolic panel", _DX, "Lab & Pathology", ("CMP", "metabolic panel")),
    Treatment("urinalysis", _DX, "Lab & Pathology", ("UA", "urine analysis")),
    Treatment("genetic testing", _DX, "Lab & Pathology",
              ("genetic test", "pharmacogenetic testing", "cytokine DNA testing", "genetic metabolism test",
               "DNA testing")),
    Treatment("functional capacity evaluation", _DX, "Other Diagnostic Tests",
              ("FCE", "functional capacity exam", "functional capacity assessment", "functional capacity testing")),
    Treatment("sleep study", _DX, "Other Diagnostic Tests", ("polysomnography", "polysomnogram", "PSG")),
    Treatment("range of motion testing", _DX, "Other Diagnostic Tests",
              ("computerized range of motion", "computerized ROM testing", "ROM testing",
               "computerized muscle testing", "muscle strength testing")),
    Treatment("electrocardiogram", _DX, "Other Diagnostic Tests", ("EKG", "ECG")),
    Treatment("echocardiogram", _DX, "Other Diagnostic Tests", ("echocardiography", "2D echo")),
    Treatment("pulmonary function test", _DX, "Other Diagnostic Tests", ("PFT", "spirometry")),
    Treatment("audiogram", _DX, "Other Diagnostic Tests", ("hearing test", "audiometry")),
    # DMEPOS
    Treatment("cold therapy unit", _DME, "Durable Medical Equipment",
              ("cryotherapy unit", "cold therapy", "Game Ready", "Polar Care", "cold compression unit",
               "ice machine", "cryotherapy")),
    Treatment("continuous passive motion", _DME, "Durable Medical Equipment",
              ("CPM", "CPM machine", "CPM device", "continuous passive motion machine",
               "continuous passive motion device")),
    Treatment("hospital bed", _DME, "Durable Medical Equipment", ("adjustable bed", "electric hospital bed")),
    Treatment("wheelchair", _DME, "Durable Medical Equipment",
              ("wheel chair", "power wheelchair", "motorized wheelchair", "manual wheelchair")),
    Treatment("walker", _DME, "Durable Medical Equipment",
              ("front wheeled walker", "rolling walker", "four wheeled walker", "rollator")),
    Treatment("cane", _DME, "Durable Medical Equipment", ("quad cane", "walking cane")),
    Treatment("crutches", _DME, "Durable Medical Equipment", ("crutch", "axillary crutches")),
    Treatment("shower chair", _DME, "Durable Medical Equipment", ("shower bench", "bath chair", "tub bench")),
    Treatment("raised toilet seat", _DME, "Durable Medical Equipment",
              ("elevated toilet seat", "commode", "bedside commode")),
    Treatment("home exercise kit", _DME, "Durable Medical Equipment",
              ("home exercise equipment", "exercise kit", "HEP kit")),
    Treatment("pneumatic compression device", _DME, "Durable Medical Equipment",
              ("intermittent pneumatic compression", "DVT prophylaxis unit", "sequential compression device",
               "DVT compression device")),
    Treatment("traction unit", _DME, "Durable Medical Equipment",
              ("home traction unit", "traction device", "over the door traction", "Saunders traction",
               "home traction")),
    Treatment("heating pad", _DME, "Durable Medical Equipment", ("heat pad", "moist heat pad", "heat wrap")),
    Treatment("ergonomic chair", _DME, "Durable Medical Equipment", ("orthopedic chair", "ergonomic office chair")),
    Treatment("orthopedic pillow", _DME, "Durable Medical Equipment", ("contour pillow", "cervical pillow")),
    Treatment("cpap machine", _DME, "Durable Medical Equipment", ("CPAP", "BiPAP")),
    Treatment("vascutherm", _DME, "Durable Medical Equipment",
              ("Vascutherm unit", "hot/cold compression unit", "hot/cold therapy unit")),
    Treatment("tens unit", _DME, "Electrical Stimulation",
              ("TENS", "transcutaneous electrical nerve stimulation", "TENS device", "TENS machine",
               "transcutaneous electrical nerve stimulator")),
    Treatment("electrical muscle stimulation", _DME, "Electrical Stimulation",
              ("EMS", "EMS unit", "E-stim", "estim", "electrical stimulation", "electric stimulation",
               "electrical stim", "muscle stimulator", "electrical stimulation unit")),
    Treatment("interferential unit", _DME, "Electrical Stimulation",
              ("IF unit", "interferential stimulator", "interferential current stimulation",
               "interferential current", "IFC unit")),
    Treatment("neuromuscular electrical stimulation", _DME, "Electrical Stimulation",
              ("NMES", "NMES unit", "neuromuscular stimulator")),
    Treatment("h-wave unit", _DME, "Electrical Stimulation", ("H-wave", "H-wave device", "home H-wave")),
    Treatment("bone growth stimulator", _DME, "Electrical Stimulation",
              ("bone stimulator", "external bone growth stimulator", "bone growth stimulation")),
    Treatment("knee brace", _DME, "Prosthetics/Orthotics",
              ("hinged knee brace", "unloader brace", "knee support", "knee sleeve", "knee immobilizer")),
    Treatment("back brace", _DME, "Prosthetics/Orthotics",
              ("lumbar brace", "LSO brace", "LSO", "lumbar support", "lumbosacral orthosis", "back support",
               "lumbar corset")),
    Treatment("cervical collar", _DME, "Prosthetics/Orthotics",
              ("neck brace", "soft collar", "Aspen collar", "Philadelphia collar")),
    Treatment("wrist brace", _DME, "Prosthetics/Orthotics",
              ("wrist splint", "cock-up splint", "wrist support", "carpal tunnel brace", "thumb spica splint")),
    Treatment("shoulder sling", _DME, "Prosthetics/Orthotics",
              ("arm sling", "sling", "shoulder immobilizer", "UltraSling", "abduction sling")),
    Treatment("shoulder brace", _DME, "Prosthetics/Orthotics", ("shoulder support", "shoulder orthosis")),
    Treatment("ankle brace", _DME, "Prosthetics/Orthotics",
              ("ankle support", "ankle foot orthosis", "AFO", "ankle stirrup brace")),
    Treatment("walking boot", _DME, "Prosthetics/Orthotics", ("CAM boot", "CAM walker", "fracture boot")),
    Treatment("custom orthotics", _DME, "Prosthetics/Orthotics",
              ("orthotics", "foot orthotics", "custom foot orthotics", "orthotic inserts", "shoe inserts",
               "arch supports")),
    Treatment("orthopedic shoes", _DME, "Prosthetics/Orthotics", ("custom shoes", "orthopaedic shoes")),
    Treatment("elbow brace", _DME, "Prosthetics/Orthotics",
              ("tennis elbow strap", "counterforce brace", "elbow sleeve", "elbow support")),
    Treatment("prosthesis", _DME, "Prosthetics/Orthotics", ("prosthetic", "prosthetic limb")),
    Treatment("tens supplies", _DME, "Supplies",
              ("TENS electrodes", "TENS patches", "TENS pads", "TENS unit supplies", "electrodes")),
    Treatment("compression stockings", _DME, "Supplies",
              ("compression garment", "TED hose", "compression socks")),
    Treatment("hot/cold packs", _DME, "Supplies", ("ice packs", "cold packs", "hot packs", "gel packs")),
    Treatment("kinesio tape", _DME, "Supplies", ("kinesiotape", "KT tape", "kinesio taping")),
    Treatment("resistance bands", _DME, "Supplies", ("Theraband", "Thera-Band", "exercise bands")),
    # Evaluation & Management
    Treatment("orthopedic consultation", _EM, "Medical Specialties",
              ("orthopedic consult", "ortho consult", "orthopedic evaluation", "orthopedic referral",
               "orthopaedic consultation", "referral to orthopedist", "orthopedist consultation")),
    Treatment("pain management consultation", _EM, "Medical Specialties",
              ("pain management consult", "pain management referral", "pain management evaluation",
               "pain medicine consultation", "pain specialist consultation", "pain management")),
    Treatment("neurology consultation", _EM, "Medical Specialties",
              ("neurology consult", "neurologist consultation", "neurology referral", "neurological consultation")),
    Treatment("internal medicine consultation", _EM, "Medical Specialties",
              ("internal medicine consult", "internist consultation", "internal medicine evaluation",
               "internal medicine referral")),
    Treatment("podiatry consultation", _EM, "Medical Specialties",
              ("podiatry consult", "podiatrist consultation", "podiatry referral")),
    Treatment("physiatry consultation", _EM, "Medical Specialties",
              ("PM&R consultation", "physiatrist consultation", "physiatry consult", "PM&R consult")),
    Treatment("sleep medicine consultation", _EM, "Medical Specialties",
              ("sleep medicine consult", "sleep specialist consultation")),
    Treatment("ophthalmology consultation", _EM, "Medical Specialties",
              ("ophthalmology consult", "ophthalmologist evaluation", "eye exam")),
    Treatment("ent consultation", _EM, "Medical Specialties", ("ENT consult", "otolaryngology consultation")),
    Treatment("cardiology consultation", _EM, "Medical Specialties",
              ("cardiology consult", "cardiologist consultation")),
    Treatment("gastroenterology consultation", _EM, "Medical Specialties",
              ("GI consult", "gastroenterology consult", "GI consultation")),
    Treatment("rheumatology consultation", _EM, "Medical Specialties",
              ("rheumatology consult", "rheumatology referral")),
    Treatment("specialist consultation", _EM, "Medical Specialties",
              ("consultation", "consult", "specialist referral", "referral", "specialist evaluation")),
    Treatment("follow-up visit", _EM, "Medical Specialties",
              ("follow up visit", "follow-up office visit", "office visit", "follow-up evaluation",
               "follow-up appointment", "return visit", "re-evaluation", "re-exam", "re-examination", "reevaluation",
               "follow-up")),
    Treatment("initial evaluation", _EM, "Medical Specialties",
              ("initial exam", "initial examination", "initial consultation", "initial consult",
               "new patient evaluation")),
    Treatment("physical examination", _EM, "Medical Specialties", ("physical exam",)),
    Treatment("transfer of care", _EM, "Medical Specialties", ("TOC", "transfer care")),
    Treatment("medication management", _EM, "Medical Specialties",
              ("medication monitoring", "medication management visit", "med management")),
    Treatment("dental evaluation", _EM, "Dental Services",
              ("dental consult", "dental consultation", "dental exam", "dentist evaluation", "dental referral")),
    Treatment("dental implants", _EM, "Dental Services", ("dental implant", "tooth implant")),
    Treatment("dental crowns", _EM, "Dental Services", ("dental crown",)),
    Treatment("occlusal splint", _EM, "Dental Services",
              ("night guard", "mouth guard", "oral appliance", "occlusal guard", "bite splint")),
    Treatment("dental cleaning", _EM, "Dental Services", ("periodontal cleaning", "periodontal scaling")),
    # Home Health
    Treatment("home health care", _HH, _HH,
              ("home health", "home health services", "home healthcare", "home health aide", "home care",
               "in-home care", "home health care services")),
    Treatment("home nursing", _HH, _HH,
              ("home nursing visits", "skilled nursing visits", "visiting nurse", "home health nursing")),
    Treatment("homemaker services", _HH, _HH,
              ("housekeeping", "housekeeping services", "home attendant", "in-home support services",
               "home assistance")),
    Treatment("home physical therapy", _HH, _HH,
              ("home PT", "in-home physical therapy", "home health physical therapy")),
    # Injections
    Treatment("facet joint injection", _INJ, "Facet Injection",
              ("facet injection", "facet block", "facet joint block", "intra-articular facet injection", "FJI",
               "facet joint steroid injection")),
    Treatment("medial branch block", _INJ, "Facet Injection",
              ("MBB", "medial branch nerve block", "diagnostic medial branch block")),
    Treatment("radiofrequency ablation", _INJ, "Facet Injection",
              ("RFA", "radiofrequency neurotomy", "facet rhizotomy", "rhizotomy", "radiofrequency rhizotomy",
               "facet neurotomy", "radiofrequency lesioning")),
    Treatment("epidural steroid injection", _INJ, "Other Injections",
              ("ESI", "epidural injection", "epidural", "transforaminal epidural steroid injection", "TFESI",
               "transforaminal ESI", "interlaminar epidural steroid injection", "caudal epidural",
               "epidural steroid")),
    Treatment("trigger point injection", _INJ, "Other Injections", ("TPI", "trigger point injxn")),
    Treatment("corticosteroid injection", _INJ, "Other Injections",
              ("cortisone injection", "steroid injection", "Kenalog injection", "Kenalog", "Depo-Medrol injection",
               "Depo-Medrol", "intra-articular injection", "joint injection", "cortisone shot",
               "subacromial injection")),
    Treatment("platelet-rich plasma injection", _INJ, "Other Injections",
              ("PRP", "PRP injection", "platelet rich plasma", "platelet-rich plasma")),
    Treatment("sacroiliac joint injection", _INJ, "Other Injections",
              ("SI joint injection", "sacroiliac injection", "SI joint block", "SIJ injection")),
    Treatment("stellate ganglion block", _INJ, "Other Injections", ("SGB", "stellate block")),
    Treatment("sympathetic nerve block", _INJ, "Other Injections",
              ("sympathetic block", "lumbar sympathetic block", "lumbar sympathetic nerve block")),
    Treatment("occipital nerve block", _INJ, "Other Injections",
              ("greater occipital nerve block", "GONB", "occipital block")),
    Treatment("selective nerve root block", _INJ, "Other Injections", ("SNRB", "nerve root block")),
    Treatment("nerve block", _INJ, "Other Injections", ("peripheral nerve block", "genicular nerve block")),
    Treatment("botox injection", _INJ, "Other Injections",
              ("Botox", "botulinum toxin", "botulinum toxin injection")),
    Treatment("prolotherapy", _INJ, "Other Injections", ("prolotherapy injection",)),
    Treatment("stem cell injection", _INJ, "Other Injections", ("stem cell therapy",)),
    # Programs
    Treatment("functional restoration program", _PRG, "Functional Restoration",
              ("FRP", "functional restoration", "HELP program", "chronic pain program",
               "interdisciplinary pain program", "multidisciplinary pain program", "chronic pain management program")),
    Treatment("functional restoration program evaluation", _PRG, "Functional Restoration",
              ("FRP evaluation", "functional restoration evaluation", "functional restoration program assessment")),
    Treatment("detoxification program", _PRG, "Detox",
              ("detox", "detoxification", "opioid detox", "inpatient detox", "detox program",
               "medically supervised detox")),
    Treatment("weight loss program", _PRG, "Weight Loss",
              ("weight reduction program", "Weight Watchers", "Medifast", "Nutrisystem", "medical weight loss")),
    Treatment("work hardening", _PRG, "Other Programs", ("work hardening program", "work hardeing")),
    Treatment("work conditioning", _PRG, "Other Programs", ("work conditioning program",)),
    Treatment("gym membership", _PRG, "Other Programs",
              ("gym", "health club membership", "YMCA membership", "fitness center membership", "pool membership")),
    Treatment("personal trainer", _PRG, "Other Programs", ("personal training", "trainer")),
    Treatment("smoking cessation program", _PRG, "Other Programs", ("smoking cessation", "tobacco cessation")),
    Treatment("back school", _PRG, "Other Programs", ("back school program",)),
    # Psych Services
    Treatment("psychological evaluation", _PSY, "Evaluation & Management",
              ("psych eval", "psychological consultation", "psychological assessment", "psychological testing",
               "psych evaluation", "psychological consult", "psychologist consultation")),
    Treatment("psychiatric evaluation", _PSY, "Evaluation & Management",
              ("psychiatric consultation", "psychiatric consult", "psychiatry consult", "psychiatry referral",
               "psychiatrist evaluation")),
    Treatment("psychiatric follow-up", _PSY, "Evaluation & Management",
              ("psychiatric follow-up visits", "psychiatric medication management",
               "psychotropic medication management")),
    Treatment("neuropsychological testing", _PSY, "Evaluation & Management",
              ("neuropsychological evaluation", "neuropsych testing", "neuropsychological assessment")),
    Treatment("cognitive behavioral therapy", _PSY, "Therapies",
              ("CBT", "cognitive behavioural therapy", "cognitive behavior therapy",
               "cognitive behavioral psychotherapy")),
    Treatment("psychotherapy", _PSY, "Therapies",
              ("individual psychotherapy", "talk therapy", "counseling", "psychological treatment",
               "psychological counseling")),
    Treatment("group psychotherapy", _PSY, "Therapies", ("group therapy", "group counseling")),
    Treatment("biofeedback", _PSY, "Therapies", ("biofeedback therapy", "EMG biofeedback")),
    Treatment("hypnotherapy", _PSY, "Therapies", ("hypnosis", "medical hypnotherapy")),
    Treatment("relaxation training", _PSY, "Therapies", ("relaxation therapy",)),
    Treatment("pain psychology", _PSY, "Therapies", ("pain psychologist", "pain coping skills training")),
    # Rehabilitation
    Treatment("physical therapy", _REH, "Physical/Occupational Therapy",
              ("PT", "P.T.", "physiotherapy", "physical therapies", "phsyical therapy", "physical theraphy",
               "physical rehabilitation")),
    Treatment("occupational therapy", _REH, "Physical/Occupational Therapy", ("OT", "occupational therapies")),
    Treatment("hand therapy", _REH, "Physical/Occupational Therapy", ("certified hand therapy", "hand therapist")),
    Treatment("aquatic therapy", _REH, "Physical/Occupational Therapy",
              ("pool therapy", "aqua therapy", "water therapy", "aquatherapy", "hydrotherapy")),
    Treatment("home exercise program", _REH, "Physical/Occupational Therapy", ("HEP", "home exercise")),
    Treatment("therapeutic exercise", _REH, "Physical/Occupational Therapy", ("exercise therapy",)),
    Treatment("vestibular therapy", _REH, "Physical/Occupational Therapy",
              ("vestibular rehabilitation", "vestibular rehab")),
    Treatment("acupuncture", _REH, "Acupuncture",
              ("accupuncture", "acupunture", "acupuncture therapy", "acupunctures")),
    Treatment("electroacupuncture", _REH, "Acupuncture",
              ("electro-acupuncture", "acupuncture with electrical stimulation",
               "acupuncture with electrostimulation")),
    Treatment("cupping", _REH, "Acupuncture", ("cupping therapy",)),
    Treatment("acupressure", _REH, "Acupuncture", ("acupressure therapy",)),
    Treatment("chiropractic care", _REH, "Chiropractic",
              ("chiropractic", "chiropractic treatment", "chiropractic therapy", "chiropractor", "chiro",
               "chiropractic manipulation", "chiropratic", "chiropractic visits")),
    Treatment("spinal manipulation", _REH, "Chiropractic",
              ("spinal manipulation therapy", "manipulation", "manipulative therapy", "spinal manipulative therapy",
               "SMT", "CMT", "chiropractic manipulative treatment")),
    Treatment("osteopathic manipulative treatment", _REH, "Chiropractic",
              ("OMT", "osteopathic manipulation", "osteopathic manipulative therapy")),
    Treatment("massage therapy", _REH, "Other Therapies",
              ("massage", "therapeutic massage", "myofascial release", "soft tissue mobilization")),
    Treatment("therapeutic ultrasound", _REH, "Other Therapies",
              ("ultrasound", "ultrasound therapy", "pulsed ultrasound")),
    Treatment("infrared therapy", _REH, "Other Therapies", ("infrared", "infrared heat")),
    Treatment("paraffin bath", _REH, "Other Therapies", ("paraffin", "paraffin wax", "paraffin wax bath")),
    Treatment("iontophoresis", _REH, "Other Therapies", ("ionto",)),
    Treatment("mechanical traction", _REH, "Other Therapies",
              ("traction", "traction therapy", "spinal decompression therapy", "decompression therapy")),
    Treatment("dry needling", _REH, "Other Therapies", ("trigger point dry needling",)),
    Treatment("speech therapy", _REH, "Other Therapies", ("speech language therapy", "speech pathology")),
    Treatment("cognitive rehabilitation", _REH, "Other Therapies", ("cognitive rehab", "cognitive retraining")),
    # Surgery
    Treatment("spinal fusion", _SUR, "Spine",
              ("fusion", "spine fusion", "arthrodesis", "TLIF", "PLIF", "ALIF", "XLIF", "interbody fusion",
               "posterior lumbar interbody fusion", "fusion surgery")),
    Treatment("anterior cervical discectomy and fusion", _SUR, "Spine", ("ACDF", "anterior cervical fusion")),
    Treatment("discectomy", _SUR, "Spine", ("microdiscectomy", "micro-discectomy", "diskectomy", "microdiskectomy")),
    Treatment("laminectomy", _SUR, "Spine",
              ("laminotomy", "hemilaminectomy", "decompressive laminectomy", "foraminotomy", "decompression surgery")),
    Treatment("spinal cord stimulator", _SUR, "Spine",
              ("SCS", "spinal cord stimulator trial", "dorsal column stimulator", "spinal cord stimulation",
               "spinal cord stimulator implant")),
    Treatment("kyphoplasty", _SUR, "Spine", ("vertebroplasty", "balloon kyphoplasty")),
    Treatment("artificial disc replacement", _SUR, "Spine",
              ("disc replacement", "total disc replacement", "disc arthroplasty")),
    Treatment("intrathecal pump", _SUR, "Spine",
              ("pain pump", "intrathecal drug delivery system", "intrathecal pump implant")),
    Treatment("knee arthroscopy", _SUR, "Arthroscopic",
              ("arthroscopic knee surgery", "knee scope", "meniscectomy", "partial meniscectomy",
               "arthroscopic meniscectomy", "arthroscopic partial meniscectomy", "chondroplasty")),
    Treatment("shoulder arthroscopy", _SUR, "Arthroscopic",
              ("arthroscopic shoulder surgery", "shoulder scope", "subacromial decompression",
               "arthroscopic subacromial decompression", "acromioplasty", "distal clavicle excision",
               "Mumford procedure")),
    Treatment("rotator cuff repair", _SUR, "Arthroscopic", ("arthroscopic rotator cuff repair", "RCR")),
    Treatment("hip arthroscopy", _SUR, "Arthroscopic", ("arthroscopic hip surgery", "labral repair")),
    Treatment("wrist arthroscopy", _SUR, "Arthroscopic", ("arthroscopic wrist surgery", "TFCC debridement")),
    Treatment("ankle arthroscopy", _SUR, "Arthroscopic", ("arthroscopic ankle surgery",)),
    Treatment("acl reconstruction", _SUR, "Arthroscopic",
              ("ACL repair", "anterior cruciate ligament reconstruction")),
    Treatment("arthroscopy", _SUR, "Arthroscopic",
              ("arthroscopic surgery", "arthroscopic debridement", "diagnostic arthroscopy")),
    Treatment("carpal tunnel release", _SUR, "Non-Arthroscopic",
              ("CTR", "carpal tunnel surgery", "open carpal tunnel release", "endoscopic carpal tunnel release",
               "carpal tunnel decompression")),
    Treatment("cubital tunnel release", _SUR, "Non-Arthroscopic",
              ("ulnar nerve transposition", "ulnar nerve decompression")),
    Treatment("trigger finger release", _SUR, "Non-Arthroscopic", ("trigger finger surgery", "A1 pulley release")),
    Treatment("de quervain's release", _SUR, "Non-Arthroscopic",
              ("de Quervain release", "first dorsal compartment release", "de quervains release")),
    Treatment("total knee arthroplasty", _SUR, "Non-Arthroscopic",
              ("TKA", "total knee replacement", "TKR", "knee replacement", "knee arthroplasty")),
    Treatment("total hip arthroplasty", _SUR, "Non-Arthroscopic",
              ("THA", "total hip replacement", "hip replacement", "THR", "hip arthroplasty")),
    Treatment("shoulder arthroplasty", _SUR, "Non-Arthroscopic",
              ("total shoulder arthroplasty", "shoulder replacement", "reverse shoulder arthroplasty")),
    Treatment("open reduction internal fixation", _SUR, "Non-Arthroscopic", ("ORIF",)),
    Treatment("lateral epicondyle release", _SUR, "Non-Arthroscopic",
              ("lateral epicondylar release", "tennis elbow release", "lateral epicondylectomy")),
    Treatment("plantar fascia release", _SUR, "Non-Arthroscopic", ("plantar fasciotomy",)),
    Treatment("hernia repair", _SUR, "Non-Arthroscopic", ("inguinal hernia repair", "herniorrhaphy")),
    Treatment("ganglion cyst excision", _SUR, "Non-Arthroscopic", ("ganglion excision", "ganglion cyst removal")),
    Treatment("hardware removal", _SUR, "Non-Arthroscopic", ("removal of hardware",)),
    Treatment("manipulation under anesthesia", _SUR, "Non-Arthroscopic", ("MUA",)),
    Treatment("assistant surgeon", _SUR, "Adjunct Surgical Services",
              ("surgical assistant", "assistant at surgery", "co-surgeon")),
    Treatment("preoperative medical clearance", _SUR, "Adjunct Surgical Services",
              ("pre-operative medical clearance", "pre-op medical clearance", "preoperative clearance",
               "pre-operative clearance", "pre-op clearance", "medical clearance", "surgical clearance")),
    Treatment("preoperative labs", _SUR, "Adjunct Surgical Services",
              ("pre-op labs", "pre-operative labs", "pre-operative lab work", "pre-operative laboratory testing",
               "preoperative testing")),
    Treatment("preoperative ekg", _SUR, "Adjunct Surgical Services",
              ("pre-op EKG", "pre-operative EKG", "preoperative electrocardiogram", "pre-op ECG")),
    Treatment("inpatient stay", _SUR, "Adjunct Surgical Services",
              ("hospital stay", "inpatient hospital stay", "inpatient admission", "overnight stay")),
    Treatment("surgical consultation", _SUR, "Surgical Consult",
              ("surgical consult", "surgeon consultation", "spine surgeon consultation", "spine surgery consultation",
               "hand surgeon consultation", "orthopedic surgical consultation", "surgical evaluation",
               "neurosurgical consultation", "neurosurgery consult")),
    # Therapies
    Treatment("extracorporeal shockwave therapy", _THE, _THE,
              ("ESWT", "shockwave therapy", "shock wave therapy", "extracorporeal shock wave therapy", "ECSWT")),
    Treatment("hyperbaric oxygen therapy", _THE, _THE, ("HBOT", "hyperbaric oxygen", "hyperbaric therapy")),
    Treatment("low level laser therapy", _THE, _THE, ("LLLT", "laser therapy", "cold laser", "cold laser therapy")),
    Treatment("pulsed electromagnetic field therapy", _THE, _THE, ("PEMF", "PEMF therapy")),
    Treatment("whirlpool therapy", _THE, _THE, ("whirlpool", "contrast baths")),
    # Transportation
    Treatment("medical transportation", _TRA, _TRA,
              ("transportation", "transport", "transportation services", "non-emergency medical transportation",
               "NEMT", "medical transport", "wheelchair transportation", "taxi service")),
    Treatment("ambulance transportation", _TRA, _TRA, ("ambulance", "ambulance transport")),
)

TREATMENTS: tuple[Treatment, ...] = _PHARMACEUTICALS + _PROCEDURES
"""Every known treatment; pharmaceuticals first."""

# --------------------------------------------------------------------------
# Body parts, diagnoses, reviewer specialties, states
# --------------------------------------------------------------------------

BODY_PARTS: tuple[str, ...] = (
    "lumbar spine", "cervical spine", "thoracic spine", "lumbosacral spine", "thoracolumbar spine", "spine",
    "low back", "upper back", "mid back", "back", "neck", "sacroiliac joint", "sacrum", "coccyx", "pelvis",
    "hip", "groin", "buttock", "thigh", "knee", "patella", "lower leg", "leg", "calf", "ankle", "achilles tendon",
    "foot", "heel", "toe", "great toe", "shoulder", "clavicle", "scapula", "upper arm", "arm", "elbow",
    "forearm", "wrist", "hand", "finger", "thumb", "upper extremity", "lower extremity", "head", "brain",
    "face", "jaw", "temporomandibular joint", "eye", "ear", "chest", "chest wall", "rib", "abdomen",
)
"""Canonical body parts and regions, without laterality."""

LATERAL: frozenset[str] = frozenset({
    "sacroiliac joint", "hip", "groin", "buttock", "thigh", "knee", "patella", "lower leg", "leg", "calf",
    "ankle", "achilles tendon", "foot", "heel", "toe", "great toe", "shoulder", "clavicle", "scapula",
    "upper arm", "arm", "elbow", "forearm", "wrist", "hand", "finger", "thumb", "upper extremity",
    "lower extremity", "jaw", "temporomandibular joint", "eye", "ear", "chest wall", "rib",
})
"""The body parts a letter qualifies with "left", "right" or "bilateral"."""

# Other ways letters name a region; recognised but never generated.
_BODY_PART_FORMS: tuple[str, ...] = (
    "lumbar", "cervical", "thoracic", "lumbosacral", "thoracolumbar", "c-spine", "l-spine", "t-spine",
    "ls spine", "lower back", "middle back", "si joint", "brainstem", "brain stem", "tmj",
    "upper and lower extremities", "upper and lower extremity", "feet", "calves",
    "rue", "lue", "bue", "rle", "lle", "ble",
)

_ABBREVIATED_LIMBS: dict[str, str] = {
    "rue": "right upper extremity",
    "lue": "left upper extremity",
    "bue": "bilateral upper extremities",
    "rle": "right lower extremity",
    "lle": "left lower extremity",
    "ble": "bilateral lower extremities",
}

DIAGNOSES: tuple[str, ...] = (
    "lumbar radiculopathy", "cervical radiculopathy", "lumbar disc herniation", "cervical disc herniation",
    "lumbar spondylolisthesis", "lumbar degenerative disc disease", "cervical degenerative disc disease",
    "lumbosacral degenerative disc disease", "lumbar sprain/strain", "cervical sprain/strain",
    "thoracic sprain/strain", "chronic low back pain", "chronic neck pain", "lumbar spinal stenosis",
    "cervical spinal stenosis", "cervical spondylosis", "lumbar spondylosis", "lumbar facet arthropathy",
    "cervical facet syndrome", "sacroiliac joint dysfunction", "failed back surgery syndrome",
    "post-laminectomy syndrome", "sciatica", "lumbago", "coccydynia", "thoracic outlet syndrome",
    "rotator cuff tear", "rotator cuff tendinitis", "shoulder impingement syndrome", "adhesive capsulitis",
    "acromioclavicular joint arthritis", "bicipital tendinitis", "lateral epicondylitis", "medial epicondylitis",
    "cubital tunnel syndrome", "carpal tunnel syndrome", "de quervain's tenosynovitis", "trigger finger",
    "wrist sprain", "distal radius fracture", "medial meniscus tear", "lateral meniscus tear",
    "anterior cruciate ligament tear", "chondromalacia patella", "knee internal derangement",
    "osteoarthritis of the knee", "osteoarthritis of the hip", "trochanteric bursitis", "patellar tendinitis",
    "plantar fasciitis", "ankle sprain", "achilles tendinitis", "tibial plateau fracture", "ankle fracture",
    "lumbar compression fracture", "complex regional pain syndrome", "chronic pain syndrome",
    "myofascial pain syndrome", "fibromyalgia", "neuropathic pain", "peripheral neuropathy",
    "ulnar neuropathy", "muscle spasm", "myalgia", "post-traumatic headache", "cervicogenic headache",
    "post-concussion syndrome", "traumatic brain injury", "temporomandibular joint disorder",
    "major depressive disorder", "generalized anxiety disorder", "post-traumatic stress disorder",
    "adjustment disorder with depressed mood", "insomnia", "opioid dependence", "gastritis",
    "gastroesophageal reflux disease", "hypertension", "diabetes mellitus", "obesity", "obstructive sleep apnea",
    "knee contusion", "hand contusion", "crush injury of the hand",
)
"""Lower-case diagnoses; none holds a comma or the word "and" (the generator joins them as "a, b and c")."""

SPECIALTIES: tuple[str, ...] = (
    "Addiction Psychiatry", "Allergy and Immunology", "Anesthesiology", "Cardiovascular Disease",
    "Child and Adolescent Psychiatry", "Chiropractic", "Colon and Rectal Surgery", "Critical Care Medicine",
    "Dentist", "Dermatology", "Diagnostic Radiology", "Emergency Medicine", "Family Practice",
    "Gastroenterology", "General Vascular Surgery", "Geriatric Medicine", "Hand Surgery",
    "Hospice & Palliative Medicine", "Infectious Disease", "Internal Medicine", "Interventional Cardiology",
    "Medical Oncology", "Medical Toxicology", "Nephrology", "Neurological Surgery", "Neurology",
    "Neuromuscular Medicine", "Neuroradiology", "Occupational Medicine", "Oncology", "Ophthalmology",
    "Optometry", "Oriental Medicine", "Orthopedic Surgery", "Otolaryngology", "Pain Management", "Pediatrics",
    "Physical Medicine & Rehabilitation", "Plastic Surgery", "Podiatric Surgery", "Podiatrist",
    "Preventive Medicine", "Psychiatry", "Psychologist", "Psychology",
    "Public Health & General Preventive Medicine", "Pulmonary Disease", "Radiology", "Registered Nurse",
    "Rheumatology", "Sleep Medicine", "Sports Medicine", "Surgery", "Surgical Critical Care",
    "Thoracic Surgery", "Urology",
)
"""Reviewer specialties exactly as the state's decision search lists them."""

# Spellings of a listed specialty that are not just "&" for "and".
_SPECIALTY_VARIANTS: dict[str, str] = {
    "family medicine": "Family Practice",
    "orthopaedic surgery": "Orthopedic Surgery",
    "orthopedics": "Orthopedic Surgery",
    "neurosurgery": "Neurological Surgery",
    "pain medicine": "Pain Management",
    "physical medicine and rehab": "Physical Medicine & Rehabilitation",
}

STATES: tuple[str, ...] = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
    "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
    "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "West Virginia", "Wisconsin", "Wyoming",
)

# --------------------------------------------------------------------------
# Compiled matchers (built once at import)
# --------------------------------------------------------------------------

_SEP = re.compile(r"[\s/\-]+")


def _key(text: str) -> str:
    """Normalise a spelling for lookup: case, and hyphen/slash/space runs, do not matter."""
    return _SEP.sub(" ", text.lower()).strip()


def _trie_regex(words: list[str]) -> str:
    """One regex alternation of ``words`` (already ``_key``-normalised), shaped as a trie.

    A flat alternation of ~900 aliases tries every branch at every position,
    which is far too slow for the parser's budget; a trie tries one branch per
    character.  Separators match any run of space, hyphen or slash, and
    siblings never share a first character, so the greedy match is the
    longest alias at that position.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            (r"[\s/\-]+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_INDEX: dict[str, Treatment] = {}
for _t in TREATMENTS:
    for _spelling in (_t.name, *_t.aliases):
        _INDEX.setdefault(_key(_spelling), _t)

# All matching runs on the request lower-cased and padded with a space, and
# every scanning pattern starts by consuming one separator ("[^a-z0-9\x00]")
# instead of asserting a word boundary: a pattern that opens with a plain
# character class lets the regex engine skip ahead in C, which makes these
# patterns several times faster than "\b..." or "(?i)" ones.  Spans already
# read are overwritten with NULs (see _blank), which are not separators, so
# the scans skip over them as fast as over letters.

# Digits may touch an alias ("norco10/325"), letters may not ("opt" is not "pt").
_ALIAS_RE = re.compile(r"[^a-z\x00](" + _trie_regex(sorted(_INDEX)) + r"(?:e?s)?)(?![a-z])")


def _plurals(part: str) -> tuple[str, ...]:
    """A body part and its plural ("bilateral knees", "upper extremities")."""
    if part.endswith("y"):
        return (part, part[:-1] + "ies")
    if part.endswith(("s", "x", "um")):
        return (part,)
    return (part, part + "s")


_BODY_WORDS = sorted({_key(p) for part in BODY_PARTS + _BODY_PART_FORMS for p in _plurals(part)})
_LATERALITY = r"(?:left|right|bilateral|both)"
_BODY_UNIT = rf"(?:{_LATERALITY}[\s\-]+)?(?:{_trie_regex(_BODY_WORDS)})(?![a-z])"
_BODY_JOIN = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|or)\s+|\s*[/&]\s*)"
# "spine surgeon" and "hand specialist" name a doctor, not a body part.
_BODY_RE = re.compile(
    rf"[^a-z\x00]({_BODY_UNIT}(?:{_BODY_JOIN}{_BODY_UNIT})*)(?!\s+(?:surgeon|specialist|doctor|physician))"
)
_BODY_AT_RE = re.compile(_BODY_UNIT)
_LATERALITY_BEFORE_RE = re.compile(rf"[^a-z\x00]({_LATERALITY})[\s\-]+$")
_ABBREVIATED_LIMB_RE = re.compile(r"\b(?:rue|lue|bue|rle|lle|ble)\b")

_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
    "once": 1, "twice": 2, "thrice": 3,
}
_NUMBER_ALTERNATIVES = sorted((w for w in _NUMBER_WORDS if not w.endswith("ce")), key=len, reverse=True)
_NUM = r"(?:\d{1,3}|" + "|".join(_NUMBER_ALTERNATIVES) + ")"
_TIMES_NUM = rf"(?:{_NUM}|once|twice|thrice)"
_SESSION_WORDS = r"(?:sessions?|visits?|treatments?|appointments?)"
_UNITS = r"(?:weeks?|wks?|months?|mos?|days?)"

_HAS_DIGIT_RE = re.compile(r"\d")
# Things that carry digits but are never a count: dates, dates of service,
# doses and strengths, spinal levels, CPT codes and years, refills.
_NOISE_RE = re.compile(
    rf"""[^a-z0-9.\x00](?:
      \(\s*(?:dos|dates?\s+of\s+service)\b[^)]*\)?
    | (?:dos|dates?\s+of\s+service)\s*:?\s*[\d/.\-]+(?:\s*(?:-|to|through|thru)\s*[\d/.\-]+)?
    | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b
    | \d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*\s*
      (?:%(?:\s*/\s*\d+(?:\.\d+)?\s*%)*
        |(?:mg|mcg|µg|ug|gm?|grams?|ml|cc|iu|meq|mmol)(?:\s*/\s*(?:ml|hr|hrs|h|hour|day|dose|g|gm|actuation|spray))?(?![a-z]))
    | \d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\b
    | [ctls]\d{{1,2}}(?:\s*-\s*[ctls]?\d{{1,2}})*\b
    | \d{{4,}}\b
    | {_NUM}\s+refills?\b
    )""",
    re.VERBOSE,
)
_HASH_QTY_RE = re.compile(r"#\s*(\d{1,6})(?!\d)")
_QTY_LABEL_RE = re.compile(r"[^a-z\x00](?:qty|quantity)\s*[:#.]?\s*(\d{1,6})(?!\d)")
# "2 times 8", "2x4", "3 times 4 weeks": per week unless a unit says otherwise.
_COMBINED_RE = re.compile(
    rf"[^a-z0-9\x00](?P<n>{_NUM})\s*(?:x|times)\s*(?P<d>{_NUM})\b(?!\s*(?:/|%|{_SESSION_WORDS}|times?\b|x\b))"
    rf"(?:\s*-?\s*(?P<unit>{_UNITS})\b)?"
)
_FREQUENCY_RE = re.compile(
    rf"""[^a-z0-9\x00](?:
      (?P<n>{_TIMES_NUM})\s*
        (?:x|times?|{_SESSION_WORDS}|days?|tablets?|tabs?|capsules?|caps?|pills?)?\s*
        (?:/|\b(?:a|an|per|each|every)\b)\s*(?P<per>week|wk|day|month|mo)s?\b
    | (?P<n2>{_TIMES_NUM})\s*(?:x|times?|tablets?|tabs?|capsules?|caps?|pills?)?\s*(?P<adv>weekly|daily|monthly)\b
    | (?P<abbr>qd|bid|tid|qid)\b
    | (?:q|every)\s*(?P<hours>\d{{1,2}})(?:\s*-\s*\d{{1,2}})?\s*(?:h|hrs?|hours?)\b
    )""",
    re.VERBOSE,
)
_AFTER_FREQUENCY_RE = re.compile(rf"\s*,?\s*(?:x|for|times)\s*(?P<d>{_NUM})\b(?!\s*(?:/|%|{_SESSION_WORDS}))")
_DURATION_RE = re.compile(
    rf"[^a-z0-9\x00]x?\s*\(?(?P<d>{_NUM})\)?\s*-?\s*(?P<unit>weeks?|wks?|months?|mos?|days?|years?|yrs?)\b"
)
# Tried in order; the first that matches gives the quantity.
_QUANTITY_RES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"[^a-z0-9\x00]\(?({_NUM})\)?\s+(?:\x00+\s*)?(?:(?:additional|more|further|initial|total|post-?op(?:erative)?)\s+)?"
        rf"(?:\x00+\s*)?(?:{_SESSION_WORDS}|classes|tablets?|tabs|capsules?|caps|pills?|patch(?:es)?|injections?)\b"
    ),
    re.compile(rf"[^a-z0-9\x00]{_SESSION_WORDS}\s*[,:]?\s*(?:x\s*)?\(?({_NUM})\b\)?"),
    re.compile(rf"[^a-z0-9\x00]x\s*({_NUM})\b"),
    re.compile(r"\((\d{1,3})\)"),
    re.compile(rf"[^a-z0-9\x00]({_NUM})\s+\x00"),
)

_PER = {"week": "week", "wk": "week", "day": "day", "month": "month", "mo": "month",
        "weekly": "week", "daily": "day", "monthly": "month"}
_UNIT = {"week": "weeks", "wk": "weeks", "month": "months", "mo": "months", "day": "days"}
_PER_DAY = {"qd": 1, "bid": 2, "tid": 3, "qid": 4}

# Words that say how, when or why, not what: dropped from unknown treatments.
_FILLER_RE = re.compile(
    r"\b(?:associated\s+surgical\s+services?|additional|retrospective|retro|prospective|purchase|rental|rent"
    r"|unspecified|requested|request|with(?:out)?\s+contrast|w/o\s+contrast|as\s+an\s+outpatient"
    r"|left|right|bilateral)\b"
)
_EDGE_WORDS_RE = re.compile(
    r"^(?:(?:of|for|to|with|at|in|on|the|a|an|and|or|is|x|per|times|use|sessions?)\b\s*)+"
    r"|(?:\s*\b(?:of|for|to|with|at|in|on|the|a|an|and|or|is|x|per|times|use|sessions?))+$"
)
_MIDDLE_ARTICLES_RE = re.compile(r"\b(?:of|for|to|in|on)\s+the\b")
_PUNCT_RUN_RE = re.compile(r"\(\s*\)|\s+(?=[,;:)])|(?<=\()\s+|[,;:]\s*(?=[,;:]|$)")

_CATEGORY_GUESSES: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"\b(?:cream|gel|lotion|ointment|patch(?:es)?|spray|pads?|topical|transdermal)\b"),
     _RX, "Topical Compounds"),
    (re.compile(r"\b(?:tablets?|tabs|capsules?|caps|pills?|solution|syrup|suspension|elixir)\b"), _RX, None),
    (re.compile(r"\b(?:scan|imaging|x-?rays?|radiograph|ultrasound|sonogram)\b"), _DX, "Imaging"),
    (re.compile(r"\b(?:test|testing|screen|panel|study|studies|evaluation of)\b"), _DX, "Other Diagnostic Tests"),
    (re.compile(r"\b(?:injections?|blocks?|infusion)\b"), _INJ, "Other Injections"),
    (re.compile(r"(?:ectomy|otomy|plasty|pexy|desis)\b|\b(?:surgery|surgical|repair|release|fusion|excision|fixation)\b"),
     _SUR, None),
    (re.compile(r"\b(?:psych\w*|counsel\w*|behavioral)\b"), _PSY, None),
    (re.compile(r"\b(?:programs?|membership)\b"), _PRG, "Other Programs"),
    (re.compile(r"\b(?:home health|home care|aide|nursing)\b"), _HH, _HH),
    (re.compile(r"\b(?:transport\w*|taxi|ambulance)\b"), _TRA, _TRA),
    (re.compile(r"\b(?:brace|splint|orthotics?|orthosis|boot|collar|insoles?)\b"), _DME, "Prosthetics/Orthotics"),
    (re.compile(r"\b(?:unit|device|machine|stimulator|bed|chair|cushion|pillow|mattress|kit|walker|cane)\b"),
     _DME, "Durable Medical Equipment"),
    (re.compile(r"\b(?:consult\w*|referral|visits?|exam\w*|evaluation|follow-?up)\b"), _EM, "Medical Specialties"),
    (re.compile(r"\btherap\w*\b"), _REH, "Other Therapies"),
)

_SPECIALTY_INDEX: dict[str, str] = {}


def _specialty_key(text: str) -> str:
    return " ".join(text.lower().replace("&", " and ").split()).strip(" .,;")


for _s in SPECIALTIES:
    _SPECIALTY_INDEX[_specialty_key(_s)] = _s
for _variant, _s in _SPECIALTY_VARIANTS.items():
    _SPECIALTY_INDEX.setdefault(_specialty_key(_variant), _s)

# --------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------


def lookup(name: str) -> Treatment | None:
    """The treatment ``name`` spells (canonical name or alias, any case), or None."""
    key = _key(name)
    found = _INDEX.get(key)
    if found is None and key.endswith("s"):
        found = _INDEX.get(key[:-2]) if key.endswith("es") else None
        found = found or _INDEX.get(key[:-1])
    return found


def canonical_specialty(text: str) -> str:
    """The state's spelling of a reviewer specialty; unknown text comes back stripped, as written.

    Letters write "Physical Medicine and Rehabilitation" where the state's
    list says "&", so filters on the state's names would otherwise miss them.
    """
    return _SPECIALTY_INDEX.get(_specialty_key(text), text.strip())


def _int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _blank(text: str, start: int, end: int) -> str:
    """Hide a span already read, keeping offsets, so later patterns cannot reuse its digits.

    The span becomes NULs closed by one space: NULs are not separators, so
    scanning patterns skip them quickly, and the space still separates the
    span from whatever follows it.
    """
    return text[:start] + "\x00" * (end - start - 1) + " " + text[end:] if end > start else text


def _blank_match(m: re.Match[str]) -> str:
    return "\x00" * (m.end() - m.start() - 1) + " "


def _guess_category(name: str, had_dose: bool) -> tuple[str | None, str | None]:
    for pattern, category, subcategory in _CATEGORY_GUESSES:
        if pattern.search(name):
            return category, subcategory
    if had_dose:
        return _RX, None
    return None, None


def _clean_unknown(masked: str) -> str:
    """What is left of a request once every recognised part is removed: the treatment as written."""
    text = masked.replace("\x00", " ").lower()
    text = _FILLER_RE.sub(" ", text)
    text = _MIDDLE_ARTICLES_RE.sub(" ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _PUNCT_RUN_RE.sub("", text)
        text = text.strip(" ,.;:-#*")
        text = _EDGE_WORDS_RE.sub("", text).strip()
    return text


def analyze_request(request: str) -> RequestInfo:
    """Read one item request as written in a letter into structured fields.

    Each recognised piece is blanked out of the working text once read, so a
    digit is never used twice (the "3" of "3x4" is not also a quantity) and
    whatever remains at the end is the treatment's own name when the
    vocabulary does not know it.
    """
    text = " " + " ".join(request.lower().split()) + " "
    masked = text

    # Treatment: the longest alias anywhere; all aliases are hidden so their
    # words ("lumbar support", "b12") are not read as body parts or numbers.
    best: Treatment | None = None
    matches = list(_ALIAS_RE.finditer(text))
    if matches:
        chosen = max(matches, key=lambda m: (m.end() - m.start(), -m.start()))
        best = lookup(chosen.group(1))
        for m in matches:
            masked = _blank(masked, m.start(1), m.end(1))

    quantity: int | None = None
    had_dose = False
    if "#" in masked:
        m = _HASH_QTY_RE.search(masked)
        if m:
            quantity = int(m.group(1))
            masked = _blank(masked, m.start(), m.end())
            had_dose = True
    if "q" in masked and quantity is None:
        m = _QTY_LABEL_RE.search(masked)
        if m:
            quantity = int(m.group(1))
            masked = _blank(masked, m.start(), m.end())
    if _HAS_DIGIT_RE.search(masked):
        before = masked
        masked = _NOISE_RE.sub(_blank_match, masked)
        had_dose = had_dose or masked != before

    frequency: Frequency | None = None
    duration: Duration | None = None
    m = _COMBINED_RE.search(masked)
    if m:
        per = _PER[(m.group("unit") or "week").rstrip("s")]
        frequency = Frequency(_int(m.group("n")), per)
        duration = Duration(_int(m.group("d")), per + "s")
        masked = _blank(masked, m.start(), m.end())
    else:
        m = _FREQUENCY_RE.search(masked)
        if m:
            if m.group("n"):
                frequency = Frequency(_int(m.group("n")), _PER[m.group("per")])
            elif m.group("n2"):
                frequency = Frequency(_int(m.group("n2")), _PER[m.group("adv")])
            elif m.group("abbr"):
                frequency = Frequency(_PER_DAY[m.group("abbr")], "day")
            elif 24 % max(int(m.group("hours")), 1) == 0:
                frequency = Frequency(24 // max(int(m.group("hours")), 1), "day")
            masked = _blank(masked, m.start(), m.end())
        d = _DURATION_RE.search(masked)
        if d:
            unit = d.group("unit").rstrip("s")
            count = _int(d.group("d"))
            duration = Duration(count * 12, "months") if unit in ("year", "yr") else Duration(count, _UNIT[unit])
            masked = _blank(masked, d.start(), d.end())
        elif frequency is not None and m:
            # "3 times a week x 4": the bare number counts the frequency's unit.
            a = _AFTER_FREQUENCY_RE.match(masked, m.end())
            if a:
                duration = Duration(_int(a.group("d")), frequency.per + "s")
                masked = _blank(masked, a.start(), a.end())

    body_part: str | None = None
    b = _BODY_RE.search(masked)
    if b:
        body_part = " ".join(b.group(1).split())
        masked = _blank(masked, b.start(1), b.end(1))
    else:
        # "Right Shoulder Arthroscopy": the side is outside the alias, the part inside it.
        for m in matches:
            side = _LATERALITY_BEFORE_RE.search(text, 0, m.start(1))
            part = _BODY_AT_RE.match(text, m.start(1), m.end(1)) if side else None
            if side and part:
                body_part = f"{side.group(1)} {' '.join(part.group(0).split())}"
                break
    if body_part and ("ue" in body_part or "le" in body_part):
        body_part = _ABBREVIATED_LIMB_RE.sub(lambda a: _ABBREVIATED_LIMBS[a.group(0)], body_part)

    if quantity is None:
        for pattern in _QUANTITY_RES:
            q = pattern.search(masked)
            if q:
                quantity = _int(q.group(1))
                masked = _blank(masked, q.start(), q.end())
                break

    if best is not None:
        return RequestInfo(best.name, best.category, best.subcategory, body_part, quantity, frequency, duration)
    name = _clean_unknown(masked) or text.strip()
    category, subcategory = _guess_category(name, had_dose)
    return RequestInfo(name, category, subcategory, body_part, quantity, frequency, duration)
