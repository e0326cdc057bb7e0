"""schema.org JobPosting in JSON-LD, with Google for Jobs' required and recommended properties.

Google's rules (Search Central, "Job posting (JobPosting) structured data"): required are title,
description (HTML using p, ul, li, h1-h5, strong, em, br), datePosted (ISO 8601),
hiringOrganization with a name, and jobLocation as a Place whose PostalAddress has addressCountry;
jobLocation may be left out for a fully remote job (jobLocationType TELECOMMUTE) that gives
applicantLocationRequirements. Recommended properties are written only when their data is known.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ..errors import ERROR, InputError, Problem
from ..markup import DocumentModel
from .html import SCRIPT_SAFE, description_html

EMPLOYMENT_TYPES = {"full-time": "FULL_TIME", "part-time": "PART_TIME", "temporary": "TEMPORARY",
                    "contractor": "CONTRACTOR", "intern": "INTERN", "per-diem": "PER_DIEM"}
# A JSON-LD posting without the job's country: its problem's code, so each edge can say the fix
# its own way.
JSONLD_COUNTRY = "jsonld-country"
UNIT_TEXT = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def _number(value: str) -> int | float:
    amount = Decimal(value)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def job_posting(model: DocumentModel, context: dict[str, Any], today: dt.date) -> dict[str, Any]:
    position, org, address = context["position"], context["organization"], context["address"]
    if context["kind"] != "posting":
        raise InputError("for postings only; a position description is an internal document",
                         option="--format", value="jsonld")
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": context["role"]["title"],
        "description": description_html(model),
        "datePosted": position["posted"] or today.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": org["name"]},
    }
    if org["website"]:
        data["hiringOrganization"]["sameAs"] = org["website"]
    if org["logo"]:
        data["hiringOrganization"]["logo"] = org["logo"]
    if not address["country"]:
        need = ("applicantLocationRequirements (a remote job needs the country applicants must "
                "live in)" if position["remote"] else "jobLocation.address.addressCountry")
        # The command line's fix; the web page says its own (web/findings.py, by the code).
        raise InputError(Problem(JSONLD_COUNTRY, ERROR, f"JSON-LD for Google for Jobs requires "
                                 f"{need}: give location.country in the --org file, or --set "
                                 "location='City, Region, Country' (in a spec: the location key "
                                 "or the org's location.country)"))
    postal = {"@type": "PostalAddress"}
    for key, prop in (("locality", "addressLocality"), ("region", "addressRegion"),
                      ("country", "addressCountry")):
        if address[key]:
            postal[prop] = address[key]
    if position["remote"]:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": address["country"]}
        if address["locality"]:  # an office the remote employee belongs to
            data["jobLocation"] = {"@type": "Place", "address": postal}
    else:
        data["jobLocation"] = {"@type": "Place", "address": postal}
    salary = context["salary"]
    if salary:
        value: dict[str, Any] = {"@type": "QuantitativeValue",
                                 "unitText": UNIT_TEXT[salary["period"]]}
        if salary["min"] and salary["max"] and Decimal(salary["min"]) != Decimal(salary["max"]):
            value["minValue"], value["maxValue"] = _number(salary["min"]), _number(salary["max"])
        elif salary["min"] and salary["max"]:
            value["value"] = _number(salary["min"])
        elif salary["min"]:  # "from $X": a floor, not the pay
            value["minValue"] = _number(salary["min"])
        else:
            value["maxValue"] = _number(salary["max"])
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": salary["currency"],
                              "value": value}
    occupation = context.get("occupation")
    if occupation:
        # schema.org recommends the taxonomy's code and label together: a CategoryCode in the
        # O*NET-SOC code set.
        category: dict[str, Any] = {"@type": "CategoryCode", "codeValue": occupation["code"],
                                    "inCodeSet": {"@type": "CategoryCodeSet",
                                                  "name": "O*NET-SOC 2019",
                                                  "url": "https://www.onetcenter.org/taxonomy.html"}}
        if occupation["title"]:
            category["name"] = occupation["title"]
        data["occupationalCategory"] = category
    if position["employment_type_id"]:
        data["employmentType"] = EMPLOYMENT_TYPES[position["employment_type_id"]]
    if position["closes"]:
        data["validThrough"] = f"{position['closes']}T23:59:59"
    if position["position_number"]:
        data["identifier"] = {"@type": "PropertyValue", "name": org["name"],
                              "value": position["position_number"]}
    if org["apply_url"]:
        data["url"] = org["apply_url"]
    if org.get("apply_direct") is not None:  # only when the org file says; never guessed
        data["directApply"] = org["apply_direct"]
    return data


def script_safe_json(data: Any) -> str:
    """JSON that is as safe inside an HTML <script> element as in a file of its own: JSON-LD is
    made to be pasted into pages."""
    return json.dumps(data, indent=2, ensure_ascii=False).translate(SCRIPT_SAFE)


def write_jsonld(model: DocumentModel, context: dict[str, Any], today: dt.date) -> str:
    return script_safe_json(job_posting(model, context, today)) + "\n"
