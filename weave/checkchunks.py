#!/usr/bin/env python3
"""checkchunks.py CHAPTER...: the checks on chunks that notangle cannot make.

1. In code, `<<text>>` is a chunk reference.  C is full of shifts, and a line
   holding both `<<` and `>>` that is not a reference makes notangle fail
   with "undefined chunk name" and no line number.  We report the line.
2. Every root chunk (one nobody uses) must be an output file: a path under
   src/ or patches/.  Anything else is a chunk somebody forgot to use.
3. Every chunk used is defined somewhere, and so is every chunk the prose
   mentions as [[<<name>>]].
"""
import re
import sys

DEF = re.compile(r"^<<(.+)>>=\s*$")
REF = re.compile(r"(?<!@)<<(.+?)(?<!@)>>")
PROSE_REF = re.compile(r"\[\[<<(.+?)>>\]\]")
OUTPUT_PREFIXES = ("src/", "patches/")


def scan(paths):
    defined, used, mentioned = {}, {}, []
    for path in paths:
        in_code = False
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = DEF.match(line)
                if m:
                    defined.setdefault(m.group(1), (path, n))
                    in_code = True
                    continue
                if line.startswith("@") and (len(line) == 2 or line[1] in " \n%"):
                    in_code = False
                    continue
                if in_code:
                    for r in REF.finditer(line):
                        used.setdefault(r.group(1), []).append((path, n))
                else:
                    for r in PROSE_REF.finditer(line):
                        mentioned.append((r.group(1), path, n))
    return defined, used, mentioned


def main(paths):
    defined, used, mentioned = scan(paths)
    errors = []
    for name, path, n in mentioned:
        if name not in defined:
            errors.append(f"{path}:{n}: the prose mentions <<{name}>>, "
                          "which is not a chunk")
    for name, places in used.items():
        if name not in defined:
            for path, n in places:
                errors.append(f"{path}:{n}: <<{name}>> is not a chunk name "
                              "(a shift? write @<< in code)")
    for name, (path, n) in defined.items():
        if name not in used and not name.startswith(OUTPUT_PREFIXES):
            errors.append(f"{path}:{n}: chunk <<{name}>> is never used "
                          "and is not an output file under src/ or patches/")
    for e in sorted(errors):
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
