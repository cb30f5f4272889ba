"""Fail when an Odoo log holds a line at WARNING or above (OCA checklog style).

Usage: checklog.py LOGFILE IGNOREFILE

IGNOREFILE holds one regular expression a line (``#`` starts a comment); a log
record whose first line matches one of them is tolerated. Keep that list short
and explain every entry: it is for warnings Odoo core emits by itself.
"""

import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}


def load_patterns(path):
    patterns = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                patterns.append(re.compile(line))
    return patterns


def bad_records(lines, patterns):
    """Yield the log records (first line + continuation) that are not allowed."""
    current = None
    for line in lines:
        match = RECORD.match(line)
        if match:
            if current:
                yield current
            current = None
            if match["level"] in BAD_LEVELS and not any(
                p.search(match["rest"]) for p in patterns
            ):
                current = [line.rstrip("\n")]
        elif current is not None and len(current) < 15:
            current.append(line.rstrip("\n"))
    if current:
        yield current


def main(argv):
    log_path, ignore_path = argv[1], argv[2]
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        found = list(bad_records(handle, load_patterns(ignore_path)))
    for record in found:
        print("\n".join(record), file=sys.stderr)
    if found:
        print(
            f"[prm] checklog: {len(found)} log record(s) at WARNING or above in {log_path}",
            file=sys.stderr,
        )
        return 1
    print(f"[prm] checklog: no warnings in {log_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
