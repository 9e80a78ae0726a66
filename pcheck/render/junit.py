"""JUnit XML: one test case per target, one test suite per region, as Jenkins,
GitLab and other CI systems display them.

A failing target is a failure; one at risk is a failure when ``--fail-on at-risk``
is given and skipped otherwise; one without data is skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from pcheck import figures
from pcheck.messages import visible
from pcheck.model import Catalog, Report, Result, Status
from pcheck.render import Display, words

# Characters XML 1.0 cannot hold at all that visible() leaves as they are.
_NOT_XML = re.compile("[\ufffe\uffff]")


def render_report(report: Report, catalog: Catalog, display: Display) -> str:
    """The results as a ``<testsuites>`` document."""
    suites = ET.Element("testsuites", name="pcheck")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for code, group in groupby(report.results, key=lambda r: r.target.region):
        results = list(group)
        region = results[0].target.region_entry
        suite = ET.SubElement(suites, "testsuite", name=_text(f"{region.name} ({code})"))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for result in results:
            outcome = _case(suite, result, display)
            counts["tests"] += 1
            if outcome:
                counts[outcome] += 1
        for name, count in counts.items():
            suite.set(name, str(count))
            totals[name] += count
    for name, count in totals.items():
        suites.set(name, str(count))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def _case(suite: ET.Element, result: Result, display: Display) -> str | None:
    """Add the test case of one result; say whether it failed or was skipped."""
    target = result.target
    case = ET.SubElement(
        suite,
        "testcase",
        classname=_text(f"pcheck.{target.region}"),
        name=_text(f"{target.id} {target.name}"),
        file=_text(target.location.path),
        line=str(target.location.line or 0),
    )
    reason = words(figures.reason(result), display)
    message = _text(reason)
    if result.status is Status.FAIL or (result.status is Status.AT_RISK and display.at_risk_fails):
        failure = ET.SubElement(case, "failure", message=message, type=result.status.value)
        failure.text = f"{_text(target.quote)}\n{message}"
        return "failures"
    if result.status in (Status.AT_RISK, Status.NO_DATA):
        ET.SubElement(case, "skipped", message=_text(f"{result.status.value}: {reason}"))
        return "skipped"
    return None


def _text(text: str) -> str:
    """Text an XML parser accepts and a CI log shows as it is: controls written as
    escapes (XML 1.0 cannot hold most of them; a log would play the rest)."""
    return _NOT_XML.sub("\ufffd", visible(text))
