#!/usr/bin/env python3
"""The metadata of the test guests, read from the comment at the top of each
tests/guests/NAME.c:

    @test     NAME        (must match the file name)
    @summary  one line    what the guest checks
    @category functional  or hostile
    @timeout  SECONDS     how long the Launcher may run (default 20)
    @mem      MB          Guest memory given to the Launcher (default 32)
    @expect   SUCCESS     or SKIP, or `killed REGEX`: the Host must kill the
                          Guest, and the Launcher's output must match REGEX
    @output   REGEX       optional: the Guest's output must also match this

`meta.py list DIR` prints `NAME TIMEOUT MEM` for the lab machine's /init.
"""
import glob
import os
import re
import sys

DEFAULTS = {"summary": "", "category": "functional", "timeout": "20",
            "mem": "32", "expect": "SUCCESS", "output": ""}
KEY = re.compile(r"^\s*(?:/?\*+|//)?\s*@(\w+)\s+(.*?)\s*$")


def parse(path):
    meta = dict(DEFAULTS)
    meta["name"] = os.path.splitext(os.path.basename(path))[0]
    with open(path) as f:
        head = f.read(4096)
    end = head.find("*/")
    for line in head[:end if end >= 0 else None].splitlines():
        m = KEY.match(line)
        if m:
            meta[m.group(1)] = m.group(2)
    if meta.get("test", meta["name"]) != meta["name"]:
        raise ValueError("%s: @test %s does not match the file name"
                         % (path, meta["test"]))
    if meta["category"] not in ("functional", "hostile"):
        raise ValueError("%s: unknown @category %s" % (path, meta["category"]))
    e = meta["expect"]
    if e not in ("SUCCESS", "SKIP") and not e.startswith("killed "):
        raise ValueError("%s: bad @expect %s" % (path, e))
    meta["timeout"] = int(meta["timeout"])
    meta["mem"] = int(meta["mem"])
    return meta


def all_tests(directory):
    """Every test guest: each .c file directly in DIR with an @test line."""
    tests = []
    for path in sorted(glob.glob(os.path.join(directory, "*.c"))):
        with open(path) as f:
            if "@test" not in f.read(4096):
                continue
        tests.append(parse(path))
    return tests


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "list":
        sys.exit("usage: meta.py list DIR")
    for t in all_tests(sys.argv[2]):
        print(t["name"], t["timeout"], t["mem"])
