"""Print one pytest-style summary line for all JUnit reports of a test run.

Usage: summary.py REPORTS_DIR -> "N passed, N failed, N skipped"
(errors count as failed).
"""

import pathlib
import sys
import xml.etree.ElementTree as ET


def count(reports_dir):
    passed = failed = skipped = 0
    for path in sorted(pathlib.Path(reports_dir).glob("*.xml")):
        root = ET.parse(path).getroot()
        for case in root.iter("testcase"):
            tags = {child.tag for child in case}
            if tags & {"failure", "error"}:
                failed += 1
            elif "skipped" in tags:
                skipped += 1
            else:
                passed += 1
        # Errors outside any test case (collection errors) are failures too.
        for suite in root.iter("testsuite"):
            cases = len(list(suite.iter("testcase")))
            errors = int(suite.get("errors", 0)) + int(suite.get("failures", 0))
            if cases == 0 and errors:
                failed += errors
    return passed, failed, skipped


if __name__ == "__main__":
    p, f, s = count(sys.argv[1])
    print(f"{p} passed, {f} failed, {s} skipped")
