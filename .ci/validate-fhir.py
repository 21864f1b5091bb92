#!/usr/bin/env python3
"""Validates FHIR bundles that knead wrote, with a validator nobody here wrote.

Usage: validate-fhir.py FILE_OR_FOLDER...

Each bundle is parsed by the pydantic models of the `fhir.resources` package (PyPI), release
R4B: fhir.resources 8.x ships R5 (default), R4B and STU3 but no longer R4, and R4B is R4 with
technical corrections (no resource knead writes changed shape between them). The parse rejects
missing required elements, wrong types, unknown elements and impossible dates. On top of it this
script checks what the models do not: every reference resolves to an entry's fullUrl, the ids
are unique, LOINC 72514-3 observations carry a 0-10 valueQuantity in {score}, and ICD-10-CM
conditions use the right system. Exit status 0 when every bundle passes, 1 otherwise.
"""
import json
import pathlib
import re
import sys

from fhir.resources.R4B.bundle import Bundle


def references(node):
    """Every reference string anywhere inside a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def check(path):
    problems = []
    raw = json.loads(path.read_text(encoding="utf-8"))
    try:
        Bundle.model_validate(raw)
    except Exception as error:  # the validator's own message says what is wrong
        return [f"fhir.resources R4B refused it: {error}"]
    entries = raw.get("entry", [])
    full_urls = [e.get("fullUrl") for e in entries]
    if len(set(full_urls)) != len(full_urls):
        problems.append("two entries share a fullUrl")
    ids = [(e["resource"]["resourceType"], e["resource"].get("id")) for e in entries]
    if len(set(ids)) != len(ids):
        problems.append("two resources share a type and id")
    known = set(full_urls)
    for entry in entries:
        resource = entry["resource"]
        if entry.get("fullUrl") != "urn:uuid:" + str(resource.get("id")):
            problems.append(f"{resource['resourceType']} {resource.get('id')}: fullUrl does not match its id")
        for ref in references(resource):
            if ref not in known:
                problems.append(f"{resource['resourceType']} {resource.get('id')}: reference {ref} does not resolve in the bundle")
        if resource["resourceType"] == "Observation":
            codings = resource.get("code", {}).get("coding", [])
            if any(c.get("system") == "http://loinc.org" and c.get("code") == "72514-3" for c in codings):
                quantity = resource.get("valueQuantity", {})
                if quantity.get("unit") != "{score}" or quantity.get("code") != "{score}" or not 0 <= quantity.get("value", -1) <= 10:
                    problems.append(f"Observation {resource['id']}: a pain score is 0-10 in {{score}}")
        if resource["resourceType"] == "Condition":
            for coding in resource.get("code", {}).get("coding", []):
                if coding.get("system") != "http://hl7.org/fhir/sid/icd-10-cm":
                    problems.append(f"Condition {resource['id']}: the diagnosis is not ICD-10-CM")
                elif not re.fullmatch(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?", coding.get("code", "")):
                    problems.append(f"Condition {resource['id']}: {coding.get('code')} is not an ICD-10-CM code")
    if not entries:
        problems.append("the bundle is empty")
    return problems


def main(arguments):
    files = []
    for argument in arguments:
        path = pathlib.Path(argument)
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        print("validate-fhir: no bundles to validate", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        problems = check(path)
        if problems:
            failed += 1
            print(f"{path}: INVALID", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print(f"{path}: valid FHIR R4B bundle, every reference resolves")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
