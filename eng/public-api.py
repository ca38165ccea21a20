#!/usr/bin/env python3
"""The file work of eng/update-public-api.sh (run that, not this).

  public-api.py update LOG PROJ...   RS0016 -> add to Unshipped; RS0017 -> drop from Unshipped or mark *REMOVED*
  public-api.py check LOG PROJ...    report the same findings, change nothing, exit 1 if there are any
  public-api.py ship PROJ...         move Unshipped into Shipped
"""
import os
import re
import sys

# error/warning RS0016: Symbol 'X' is not part of the declared public API (...) [/path/P.csproj::TargetFramework=T]
DIAGNOSTIC = re.compile(
    r"(?:error|warning) (RS0016|RS0017): Symbol '(.*)' (?:is not part of the declared public API"
    r"|is part of the declared API, but is either not public or could not be found).*\[([^\]:]+\.csproj)")
HEADER = "#nullable enable"


def read(path):
    if not os.path.exists(path):
        return []
    return [line.rstrip("\r\n") for line in open(path, encoding="utf-8") if line.strip() and line.strip() != HEADER]


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + "\n")
        for line in sorted(set(lines), key=lambda s: s.encode("utf-8")):
            f.write(line + "\n")


def findings(log, projects):
    """{project dir: (added, removed)} from the build log, deduplicated over target frameworks."""
    dirs = {os.path.normpath(os.path.abspath(os.path.dirname(p))): p for p in projects}
    result = {d: (set(), set()) for d in dirs}
    other = []
    for line in open(log, encoding="utf-8", errors="replace"):
        m = DIAGNOSTIC.search(line)
        if not m:
            if re.search(r": error (?!RS00)", line):
                other.append(line.strip())
            continue
        d = os.path.normpath(os.path.dirname(m.group(3)))
        if d in result:
            result[d][0 if m.group(1) == "RS0016" else 1].add(m.group(2))
    return result, other


def main(argv):
    mode = argv[1]
    if mode == "ship":
        for proj in argv[2:]:
            d = os.path.dirname(proj)
            shipped, unshipped = os.path.join(d, "PublicAPI.Shipped.txt"), os.path.join(d, "PublicAPI.Unshipped.txt")
            if not os.path.exists(shipped):
                continue
            gone = {l[len("*REMOVED*"):] for l in read(unshipped) if l.startswith("*REMOVED*")}
            write(shipped, [l for l in read(shipped) if l not in gone] +
                  [l for l in read(unshipped) if not l.startswith("*REMOVED*")])
            write(unshipped, [])
            print("shipped:", d)
        return 0

    log, projects = argv[2], argv[3:]
    result, other = findings(log, projects)
    if other:
        # A compile error other than the analyzer's stops the compiler before it lists the API: say so, fail.
        print("the build failed before the API could be read (log: %s):" % log, file=sys.stderr)
        for line in sorted(set(other))[:20]:
            print("  " + line, file=sys.stderr)
        return 1
    status = 0
    for d, (added, removed) in sorted(result.items()):
        rel = os.path.relpath(d)
        if mode == "check":
            for s in sorted(added):
                print("%s: undeclared public API: %s" % (rel, s), file=sys.stderr)
            for s in sorted(removed):
                print("%s: declared but gone: %s" % (rel, s), file=sys.stderr)
            if added or removed:
                status = 1
            else:
                print("ok:", rel)
            continue
        shipped_path, unshipped_path = os.path.join(d, "PublicAPI.Shipped.txt"), os.path.join(d, "PublicAPI.Unshipped.txt")
        shipped, unshipped = set(read(shipped_path)), read(unshipped_path)
        lines = [l for l in unshipped if l not in removed]
        lines += ["*REMOVED*" + s for s in removed if s in shipped]
        lines = [l for l in lines if not (l.startswith("*REMOVED*") and l[9:] in added)] + \
                [s for s in added if "*REMOVED*" + s not in unshipped]
        write(unshipped_path, lines)
        print("%s: %d added, %d removed, %d unshipped lines" % (rel, len(added), len(removed), len(set(lines))))
    if mode == "check" and status:
        print("run eng/update-public-api.sh", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
