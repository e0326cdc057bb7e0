"""The gender-coded word lists of Gaucher, Friesen & Kay (2011).

Source: Danielle Gaucher, Justin Friesen and Aaron C. Kay, "Evidence That Gendered Wording in Job
Advertisements Exists and Sustains Gender Inequality", Journal of Personality and Social Psychology
101(1), 2011, 109-128, Appendix A ("Masculine and Feminine Words Used in Studies 1-4").

The lists are kept as the paper prints them, wildcards included, so they can be compared with the
appendix line by line: a stem ending in `*` matches every word that starts with it ("compet*" matches
"competitive" and "competencies"), a word without `*` matches only that whole word ("decide" does not
match "decided"). Matching is case-insensitive and never looks inside a word ("force*" does not match
"workforce"). The paper's appendix lists both "Dominant" and "Domina*"; a word is counted once.
"""

from __future__ import annotations

SOURCE = ("Gaucher, Friesen & Kay (2011), Journal of Personality and Social Psychology 101(1), "
          "109-128, Appendix A")

MASCULINE_CODED = (
    "active", "adventurous", "aggress*", "ambitio*", "analy*", "assert*", "athlet*", "autonom*",
    "boast*", "challeng*", "compet*", "confident", "courag*", "decide", "decisive", "decision*",
    "determin*", "dominant", "domina*", "force*", "greedy", "headstrong", "hierarch*", "hostil*",
    "impulsive", "independen*", "individual*", "intellect*", "lead*", "logic", "masculine",
    "objective", "opinion", "outspoken", "persist", "principle*", "reckless", "stubborn",
    "superior", "self-confiden*", "self-sufficien*", "self-relian*",
)

FEMININE_CODED = (
    "affectionate", "child*", "cheer*", "commit*", "communal", "compassion*", "connect*",
    "considerate", "cooperat*", "depend*", "emotiona*", "empath*", "feminine", "flatterable",
    "gentle", "honest", "interpersonal", "interdependen*", "interpersona*", "kind", "kinship",
    "loyal*", "modesty", "nag", "nurtur*", "pleasant*", "polite", "quiet*", "respon*", "sensitiv*",
    "submissive", "support*", "sympath*", "tender*", "together*", "trust*", "understand*", "warm*",
    "whin*", "yield*",
)
