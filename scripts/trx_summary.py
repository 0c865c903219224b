"""Sums the counters of every .trx file in a folder into one line: 'N passed, N failed, N skipped'.

A test project that produced no .trx (its host crashed, or it did not build) counts as one failure, so a
broken project can never make the summary look green.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(results_dir: str, tests_dir: str) -> None:
    passed = failed = skipped = 0
    seen = set()
    for path in glob.glob(os.path.join(results_dir, "*.trx")):
        seen.add(os.path.basename(path)[: -len(".trx")])
        counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            failed += 1
            continue
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        skipped += int(counters.get("notExecuted", 0))
    for project in glob.glob(os.path.join(tests_dir, "*.Tests")):
        if os.path.basename(project) not in seen:
            print(f"no results from {os.path.basename(project)}", file=sys.stderr)
            failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
