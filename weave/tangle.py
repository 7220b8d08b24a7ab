#!/usr/bin/env python3
"""tangle.py OUTDIR CHAPTER...: write every root chunk of the chapters.

Roots are the chunks no other chunk uses; each names the file it becomes,
under src/ or patches/.  A chunk used inside another is expanded at the
column of its use, so a step told apart in the book sits inside its
function with the function's indentation.  In C and assembly (.c, .h, .S)
each expanded chunk begins with its name as a comment, so that src/ reads
like commented code, and #line directives point every line back into its
chapter, so that the compiler and gdb speak of host.nw, not of
src/host/core.c.  A directive is written only where the chapter's line
numbers jump (never for a blank line), and never above a first line that
is an SPDX licence tag
(checkpatch wants that tag on line 1).  Other files (Makefiles, patches,
configuration) are copied as written, tabs included.  The parts of a chunk
continued in several places follow each other; in C a blank line keeps
two of them apart, as it would two functions, and so it does two chunks
used one after the other at the outermost level of a file.  A file is rewritten
only when its text changed, so make does not rebuild what did not move.
"""
import os
import re
import sys

DEF = re.compile(r"^<<(.+)>>=\s*$")
USE = re.compile(r"(?<!@)<<(.+?)(?<!@)>>")
C_LIKE = (".c", ".h", ".S")


def is_end(line):
    """`@` alone, or `@ ` and anything (`@ %def ...`), ends a code chunk."""
    return line == "@" or line.startswith("@ ") or line.startswith("@\t")


def read_chunks(paths):
    """Each chunk name -> its parts, in order: lists of (text, path, line)."""
    chunks = {}
    for path in paths:
        part = None
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f.read().split("\n"), 1):
                m = DEF.match(line)
                if m:
                    part = []
                    chunks.setdefault(m.group(1), []).append(part)
                elif part is not None and is_end(line):
                    part = None
                elif part is not None:
                    part.append((line, path, n))
    return chunks


def roots(chunks):
    used = set()
    for parts in chunks.values():
        for part in parts:
            for text, _, _ in part:
                used.update(m.group(1) for m in USE.finditer(text))
    return [name for name in chunks if name not in used]


def unescape(text):
    """noweb's escapes in code: @<< and @>> for the brackets, and @@ for an
    @ that begins a line (a patch's hunk header, say)."""
    if text.startswith("@@"):
        text = text[1:]
    return text.replace("@<<", "<<").replace("@>>", ">>")


def comment_for(name):
    """The chunk's name as a C comment, without a leading `file.c: ` label
    and without noweb's [[quoting]]."""
    name = re.sub(r"^[\w./-]+\.[chS]: ", "", name)
    name = name.replace("[[", "").replace("]]", "")
    return "/* " + name + " */"


def expand(chunks, name, indent, c_like, out, stack):
    """Append the lines of chunk `name` to `out` as (text, path, line);
    a comment line has no place in a chapter (path None)."""
    if name in stack:
        sys.exit("tangle: chunk <<%s>> uses itself" % name)
    if stack and c_like:
        if not indent and out and out[-1][0]:
            out.append(("", None, 0))
        out.append((indent + comment_for(name), None, 0))
    for i, part in enumerate(chunks[name]):
        if c_like and i and part and part[0][0] and out and out[-1][0]:
            out.append(("", None, 0))
        for text, path, n in part:
            m = USE.search(text)
            if not m:
                line = unescape(text)
                out.append(((indent + line) if line else "", path, n))
                continue
            if m.group(1) not in chunks:
                sys.exit("%s:%d: <<%s>> is not a chunk" % (path, n, m.group(1)))
            if text[m.end():].strip() or USE.search(text, m.end()):
                sys.exit("%s:%d: a chunk's use must be alone on its line" % (path, n))
            lead = text[:m.start()]
            inner = lead if not lead.strip() else re.sub(r"[^\t]", " ", lead)
            expand(chunks, m.group(1), indent + inner, c_like, out, stack + [name])


def render(lines, c_like):
    """The file's text: for C, #line directives where the chapter's line
    numbers jump."""
    text, where = [], None
    for i, (line, path, n) in enumerate(lines):
        if i == 0 and c_like and "SPDX-License-Identifier" in line:
            text.append(line)
            continue
        if c_like and not line.strip():
            text.append(line)
            where = (path, n + 1) if where == (path, n) else None
            continue
        if c_like and path is not None and where != (path, n):
            text.append('#line %d "%s"' % (n, path))
        text.append(line)
        where = (path, n + 1) if path is not None else None
    return "\n".join(text) + "\n" if text else ""


def write_if_changed(path, root, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    print("  TANGLE  " + root)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(out, paths):
    chunks = read_chunks(paths)
    for root in roots(chunks):
        c_like = root.endswith(C_LIKE)
        lines = []
        expand(chunks, root, "", c_like, lines, [])
        dest = os.path.join(out, root)
        write_if_changed(dest, root, render(lines, c_like))
        if root.endswith(".sh"):
            os.chmod(dest, 0o755)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
