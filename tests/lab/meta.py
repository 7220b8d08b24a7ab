#!/usr/bin/env python3
"""The metadata of the test guests, read from the comment at the top of each
tests/guests/NAME.c (and of the Linux Guest's tests, tests/linux/NAME.sh):

    @test     NAME        (must match the file name)
    @summary  one line    what the guest checks
    @category functional  or hostile, or bench (make bench: figures, not checks),
                          or pair: it runs only as one of a pair (pairs)
    @timeout  SECONDS     how long the Launcher may run (default 20)
    @mem      MB          Guest memory given to the Launcher (default 32)
    @expect   SUCCESS     or SKIP, or `killed REGEX`: the Host must kill the
                          Guest, and the Launcher's output must match REGEX
    @output   REGEX       optional: the Guest's output must also match this
    @signal   SIG         what ends the Launcher at the timeout (default KILL;
                          INT for a test of the Launcher's own stopping)
    @seeded   yes         a randomized guest: it runs once per seed, each run
                          named NAME.sSEED, with `seed=SEED` on its command line
    @program  PATH        not a Guest but a program in the lab machine, run
                          with no arguments; it prints its own result line
    @block    KB          a disk: /init makes a zeroed file of KB kilobytes
                          and gives it to the Launcher with --block=FILE
                          (KB,ro: --block=FILE,ro, a read-only disk)
    @input    yes         /init types the line "typed on the console" into
                          the Launcher's standard input (else it is empty)
    @net      yes         a network card: the Launcher gets --tunnet=lgtap0,
                          and /init runs /bin/tap-peer lgtap0 beside it
    @status   N           the Launcher's exit status must be N (a Linux test:
                          0 unless it says otherwise; a test guest: unchecked)
    @boots    N           a Linux test that reboots: once it has begun N
                          times (the Launcher restarting the Guest), /init
                          stops the Launcher with SIGTERM (status 143)
    @launcher NAME        a Linux test run by a Launcher of its own, /bin/NAME
                          in the lab machine (default lguest)
    @subtests yes         a @program whose `ok - WHAT` and `FAIL - WHAT`
                          lines are each counted as a test of their own,
                          NAME/N, besides its result line (devabuse)

A Linux test is a shell script NAME.sh (its metadata in `#` comments at
the top; a script with @program is a lab machine's program instead), which the Linux Guest's /init runs (tests/linux/init): the Launcher
boots build/guest/vmlinux (/guests/linux in the lab machine) with the
initrd /linux/initrd.gz and `console=hvc0 lintest=NAME`.  Its run is named
linux-NAME, and its kernel is `linux`.

`meta.py list [--category C] [--seeds FIRST:COUNT] [--only REGEX] DIR...` prints, for the lab
machine's /init, one line per run:  NAME TIMEOUT MEM SIGNAL BLOCK INPUT NET ELF [ARGS...]
where ELF is the test guest's name (/guests/ELF.elf), an absolute path for
a @program, or linux:NAME for a Linux test (linux:NAME:BOOTS with @boots,
linux:NAME:BOOTS:LAUNCHER with @launcher).  Without --seeds a seeded guest runs once, with seed 1.
"""
import glob
import os
import re
import sys

DEFAULTS = {"summary": "", "category": "functional", "timeout": "20",
            "mem": "32", "expect": "SUCCESS", "output": "", "signal": "KILL",
            "seeded": "", "program": "", "block": "0",
            "input": "no", "net": "no", "status": "", "kernel": "test", "boots": "1",
            "launcher": "lguest", "subtests": "no"}
KEY = re.compile(r"^\s*(?:/?\*+|//|#)?\s*@(\w+)\s+(.*?)\s*$")


def parse(path):
    meta = dict(DEFAULTS)
    stem = os.path.splitext(os.path.basename(path))[0]
    meta["name"] = stem
    with open(path) as f:
        head = f.read(4096)
    if path.endswith(".sh"):
        # A Linux test: its first comment is the `#` lines at the top.
        lines = []
        for line in head.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line)
        # A Linux test, unless it names a @program to run in the lab
        # machine (tests/host/host-module.sh).
        if not any(re.match(r"^#\s*@program\s", l) for l in lines):
            meta.update({"kernel": "linux", "status": "0", "mem": "64"})
    else:
        end = head.find("*/")
        lines = head[:end if end >= 0 else None].splitlines()
    for line in lines:
        m = KEY.match(line)
        if m:
            meta[m.group(1)] = m.group(2)
    if meta.get("test", stem) != stem:
        raise ValueError("%s: @test %s does not match the file name"
                         % (path, meta["test"]))
    if meta["kernel"] == "linux":
        meta["name"] = "linux-" + stem
        meta["stem"] = stem
    if meta["status"] and not re.match(r"^\d+$", meta["status"]):
        raise ValueError("%s: bad @status %s" % (path, meta["status"]))
    if meta["category"] not in ("functional", "hostile", "bench", "pair"):
        raise ValueError("%s: unknown @category %s" % (path, meta["category"]))
    e = meta["expect"]
    if e not in ("SUCCESS", "SKIP") and not e.startswith("killed "):
        raise ValueError("%s: bad @expect %s" % (path, e))
    if not re.match(r"^[A-Z0-9]+$", meta["signal"]):
        raise ValueError("%s: bad @signal %s" % (path, meta["signal"]))
    if meta["subtests"] not in ("yes", "no") or meta["subtests"] == "yes" and not meta["program"]:
        raise ValueError("%s: @subtests yes is for a @program" % path)
    if not re.match(r"^[a-z0-9-]+$", meta["launcher"]):
        raise ValueError("%s: bad @launcher %s" % (path, meta["launcher"]))
    meta["timeout"] = int(meta["timeout"])
    meta["boots"] = int(meta["boots"])
    meta["mem"] = int(meta["mem"])
    return meta


def all_tests(directory):
    """Every test: each .c or .sh file directly in DIR with an @test line."""
    tests = []
    for path in sorted(glob.glob(os.path.join(directory, "*.c")) +
                       glob.glob(os.path.join(directory, "*.sh"))):
        with open(path) as f:
            if "@test" not in f.read(4096):
                continue
        tests.append(parse(path))
    return tests


def runs(directories, category=None, seeds=None, only=None):
    """Every run of every test in DIRECTORIES, in order: the test's metadata
    with `elf` (what /init starts) and `args` (its command line) added.
    CATEGORY keeps only that @category; SEEDS is (first, count) for the
    seeded guests.  A test of @category pair never runs alone."""
    out = []
    for d in directories:
        for t in all_tests(d):
            if t["category"] == "pair" or category and t["category"] != category:
                continue
            if only and not re.search(only, t["name"]):
                continue
            t["elf"] = t["program"] or t["name"]
            if t["kernel"] == "linux":
                t["elf"] = "linux:" + t["stem"]
                if t["boots"] != 1 or t["launcher"] != "lguest":
                    t["elf"] += ":%d" % t["boots"]
                if t["launcher"] != "lguest":
                    t["elf"] += ":" + t["launcher"]
            t["args"] = ""
            if t["seeded"] == "yes":
                first, count = seeds or (1, 1)
                for s in range(first, first + count):
                    r = dict(t)
                    r["name"] = "%s.s%d" % (t["name"], s)
                    r["seed"] = s
                    r["args"] = "seed=%d" % s
                    out.append(r)
            else:
                out.append(t)
    return out


def parse_seeds(text):
    """FIRST:COUNT, or None for an empty text."""
    if not text:
        return None
    first, count = text.split(":")
    return int(first), int(count)


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(prog="meta.py")
    ap.add_argument("command", choices=["list"])
    ap.add_argument("--category", default="")
    ap.add_argument("--seeds", default="")
    ap.add_argument("--only", default="", help="a regex the names must match")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    for t in runs(a.dirs, a.category or None, parse_seeds(a.seeds), a.only or None):
        print(t["name"], t["timeout"], t["mem"], t["signal"], t["block"], t["input"],
              t["net"], t["elf"], t["args"])
