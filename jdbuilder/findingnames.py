"""The names a quality finding can have: the checks (jdbuilder.checks) report them, and an
organization's `silence:` names them. Kept apart from both so the organization file can be
validated without loading the checks, and the checks can read an organization without a loop."""

from __future__ import annotations

# The names a `silence:` entry may use: a check, or one finding's code.
CHECK_NAMES = ("gendered-wording", "readability", "length", "pay-transparency", "pay",
               "closing-date", "completeness", "jargon", "repetition", "duties",
               "physical-demands", "jurisdiction", "flsa")
FINDING_CODES = ("coded-words", "coding-balance", "reading-level", "hard-sentence",
                 "pay-range-missing", "pay-single-figure", "pay-below-minimum-wage",
                 "pay-hourly-per-year", "pay-range-wide", "closing-date-past", "summary-missing",
                 "responsibilities-missing", "qualifications-missing", "how-to-apply-missing",
                 "eeo-statement-missing", "internal-term", "band-title", "level-name",
                 "acronym-not-spelled-out", "length-short", "length-long", "benefits-missing",
                 "application-deadline-missing", "duty-percent-total", "duty-total-mismatch",
                 "duty-percent-missing", "essential-function-missing",
                 "physical-demand-uncited", "physical-demand-unknown-duty", "other-state-law",
                 "flsa-exempt-below-salary-level", "eeo-statement-omitted",
                 "benefits-omitted")
SILENCEABLE = CHECK_NAMES + FINDING_CODES
