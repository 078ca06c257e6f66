"""The diagnoses generated letters list in their clinical summaries.

Why apart: data only, used by the letter generator and by tests that check
the parser reads the summary's diagnoses back.
"""

from __future__ import annotations

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
