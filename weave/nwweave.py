#!/usr/bin/env python3
"""nwweave.py: weave the lguest chapters into a book.

usage: nwweave.py html CHAPTER...          the HTML book in book/out/html/
       nwweave.py print CHAPTER...         one page for the PDF, book/out/print/
       nwweave.py terminal PART CHAPTER... one chapter as text on stdout
       nwweave.py list CHAPTER...          the chapters, one line each

noweb's own `markup` (and its `autodefs.c` filter) read the chapters; this
back end does the rest.  Prose is Markdown and goes through pandoc; code is
highlighted with Pygments, and every chunk reference and every defined
identifier in it becomes a link.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import textwrap

from pygments import lex
from pygments.lexers import CLexer, GasLexer, MakefileLexer, DiffLexer
from pygments.lexers import BashLexer, TextLexer
from pygments.token import STANDARD_TYPES, Name

# The part names (make Preparation), from the one list of chapters.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chapters")) as _f:
    PARTS = [line.strip()[:-3].capitalize() for line in _f
             if line.strip() and not line.startswith("#")]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
OUT = "book/out"
MARKUP = "/usr/lib/noweb/markup"
AUTODEFS = "/usr/lib/noweb/autodefs.c"
C_WORDS = set("""auto break case char const continue default do double else
enum extern float for goto if inline int long register return short signed
sizeof static struct switch typedef union unsigned void volatile while
asm __asm__ __volatile__ u8 u16 u32 u64""".split())


class Chunk:
    """One code chunk: a definition, or a continuation, of a named chunk."""

    def __init__(self, chapter, seq, name):
        self.chapter, self.seq, self.name = chapter, seq, name
        self.id = f"c{chapter.number}.{seq}"
        # Chapter and chunk, as in V:12: never to be taken for section 5.12.
        self.label = f"{chapter.roman}:{seq}"
        self.parts = []          # ("text", s), ("use", name), ("nl",)
        self.defs = []           # identifiers this chunk defines
        self.lang = None


class Chapter:
    def __init__(self, path, number):
        self.path, self.number = path, number
        self.part = PARTS[number - 1]
        self.roman = ROMAN[number - 1]
        self.blocks = []         # ("docs", markdown) or ("code", Chunk)
        self.page = self.part.lower() + ".html"
        self.title = self.part

    def chunks(self):
        return [b[1] for b in self.blocks if b[0] == "code"]


def parse(paths):
    """Run noweb's front end and build the chapters and the cross-references."""
    markup = subprocess.run([MARKUP] + paths, check=True, capture_output=True,
                            text=True).stdout
    stream = subprocess.run([AUTODEFS], input=markup, check=True,
                            capture_output=True, text=True).stdout
    chapters = []
    chapter = chunk = None
    docs = []
    seq = 0
    in_quote = quoted_use = False
    for line in stream.split("\n"):
        kw, _, arg = line.partition(" ")
        if kw == "@file":
            chapter = Chapter(arg, len(chapters) + 1)
            chapters.append(chapter)
            seq = 0
        elif kw == "@begin":
            if arg.startswith("docs"):
                docs = []
            else:
                chunk = None
        elif kw == "@end":
            if arg.startswith("docs"):
                chapter.blocks.append(("docs", guard_numbers("".join(docs))))
            else:
                chapter.blocks.append(("code", chunk))
                chunk = None
        elif kw == "@defn":
            seq += 1
            chunk = Chunk(chapter, seq, arg)
        elif kw == "@text":
            if chunk is not None:
                chunk.parts.append(("text", arg))
            else:
                docs.append(arg)
        elif kw == "@nl":
            if chunk is not None:
                chunk.parts.append(("nl",))
            elif not in_quote:
                docs.append("\n")
        elif kw == "@use":
            if chunk is not None:
                chunk.parts.append(("use", arg))
            else:
                # [[<<name>>]] in prose: a reference the back ends render
                # as a link (HTML) or as <<name 5.3>> (terminal).
                if in_quote and docs and docs[-1] == "`":
                    docs.pop()
                    quoted_use = True
                docs.append(f"\x01{arg}\x01")
        elif kw == "@quote":
            in_quote = True
            quoted_use = False
            docs.append("`")
        elif kw == "@endquote":
            in_quote = False
            if not quoted_use:
                docs.append("`")
        elif kw == "@index" and arg.startswith("defn ") and chunk is not None:
            ident = arg[5:].strip()
            if ident not in C_WORDS and ident not in chunk.defs:
                chunk.defs.append(ident)
    for ch in chapters:
        # The first line of a code chunk is the newline after its name.
        for c in ch.chunks():
            if c.parts and c.parts[0] == ("nl",):
                c.parts.pop(0)
        first = next((b[1] for b in ch.blocks if b[0] == "docs"), "")
        m = re.search(r"^# (.+)$", first, re.M)
        if m:
            ch.title = m.group(1).strip()
    return chapters


LIST_ITEM = re.compile(r"^( *)(?:\d+[.)]|[-*+])\s")
NUMBER_LINE = re.compile(r"^( *)(\d+)([.)])(\s)")


def guard_numbers(md):
    """Keep a wrapped line that starts with "16." inside its paragraph.

    Pandoc lets an ordered list interrupt a paragraph inside a list item,
    so "Then make it\n   16.  Where..." would become a list starting at 16.
    We follow CommonMark's rule instead: only a list that starts at 1 may
    interrupt a paragraph, unless the line is the next item of the list
    the paragraph belongs to.  Code fences are left alone.
    """
    lines = md.split("\n")
    fence = None
    for i, line in enumerate(lines):
        f = re.match(r"^\s*(```|~~~)", line)
        if f:
            fence = None if fence == f.group(1) else (fence or f.group(1))
            continue
        m = NUMBER_LINE.match(line)
        if fence or not m or m.group(2) == "1" or i == 0:
            continue
        if not lines[i - 1].strip():
            continue
        # The first line of the paragraph this line would continue.
        j = i - 1
        while j > 0 and lines[j - 1].strip():
            j -= 1
        start = LIST_ITEM.match(lines[j])
        if start and len(start.group(1)) == len(m.group(1)):
            continue             # the next item of the same list
        if not start and len(lines[j]) - len(lines[j].lstrip()) >= 4:
            continue             # perhaps an indented code block
        lines[i] = (m.group(1) + m.group(2) + "\\" + m.group(3)
                    + line[m.end(3):])
    return "\n".join(lines)


def name_html(name):
    """A chunk name for HTML: noweb's [[code]] quoting becomes <code>."""
    return re.sub(r"\[\[(.+?)\]\]", r"<code>\1</code>", html.escape(name))


def name_text(name):
    """A chunk name for the terminal: the quoting brackets go."""
    return re.sub(r"\[\[(.+?)\]\]", r"\1", name)


class Book:
    def __init__(self, chapters):
        self.chapters = chapters
        self.defs = {}           # chunk name -> [Chunk]
        self.uses = {}           # chunk name -> [Chunk using it]
        self.ident_def = {}      # identifier -> Chunk defining it
        self.ident_uses = {}     # identifier -> [Chunk using it]
        for ch in chapters:
            for c in ch.chunks():
                self.defs.setdefault(c.name, []).append(c)
                for p in c.parts:
                    if p[0] == "use" and c not in self.uses.setdefault(p[1], []):
                        self.uses[p[1]].append(c)
                for d in c.defs:
                    self.ident_def.setdefault(d, c)
        word = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
        for ch in chapters:
            for c in ch.chunks():
                seen = set()
                for p in c.parts:
                    if p[0] != "text":
                        continue
                    for w in word.findall(p[1]):
                        d = self.ident_def.get(w)
                        if d and w not in seen and w not in c.defs:
                            seen.add(w)
                            self.ident_uses.setdefault(w, []).append(c)
        self.assign_languages()

    def assign_languages(self):
        """A chunk is in the language of the file it finally lands in."""
        def lang_of(root):
            ext = os.path.splitext(root)[1]
            base = os.path.basename(root)
            if ext in (".c", ".h"):
                return "c"
            if ext == ".S":
                return "asm"
            if base in ("Makefile", "Kbuild") or ext == ".mk":
                return "make"
            if ext == ".patch":
                return "diff"
            if ext == ".sh":
                return "sh"
            return "text"
        roots = [n for n in self.defs if n not in self.uses]
        for root in roots:
            lang = lang_of(root)
            todo = [root]
            while todo:
                name = todo.pop()
                for c in self.defs.get(name, []):
                    if c.lang is None:
                        c.lang = lang
                        todo += [p[1] for p in c.parts if p[0] == "use"]
        for cs in self.defs.values():
            for c in cs:
                c.lang = c.lang or "c"

    def first(self, name):
        cs = self.defs.get(name)
        return cs[0] if cs else None


# ---------------------------------------------------------------------------
# HTML.

LEXERS = {"c": CLexer, "asm": GasLexer, "make": MakefileLexer,
          "diff": DiffLexer, "sh": BashLexer, "text": TextLexer}


def css_class(ttype):
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


class Html:
    """Renders chunks and pages; `href` knows whether links cross pages."""

    def __init__(self, book, single_page):
        self.book, self.single = book, single_page

    def href(self, chunk_or_chapter, anchor=None):
        if isinstance(chunk_or_chapter, Chunk):
            page = chunk_or_chapter.chapter.page
            anchor = anchor or chunk_or_chapter.id
        else:
            page = chunk_or_chapter.page
        if self.single:
            return "#" + (anchor or "ch-" + page[:-5])
        return page + ("#" + anchor if anchor else "")

    def chunk_link(self, c, text=None):
        return (f'<a class="cnum" href="{self.href(c)}">'
                f'{html.escape(text or c.label)}</a>')

    def chunk_ref(self, name):
        c = self.book.first(name)
        label = c.label if c else "?"
        # In the PDF, print.css adds the page from data-ref.
        ref = f' data-ref="{self.href(c)}"' if c and self.single else ""
        inner = (f'<span class="ref-name">{name_html(name)}</span>'
                 f' <span class="ref-num"{ref}>{label}</span>')
        if c is None:
            return f'<span class="chunkref">&#x27e8;{inner}&#x27e9;</span>'
        return (f'<a class="chunkref" href="{self.href(c)}">'
                f'&#x27e8;{inner}&#x27e9;</a>')

    def code(self, c):
        holders = {}
        src = []
        for p in c.parts:
            if p[0] == "text":
                src.append(p[1])
            elif p[0] == "nl":
                src.append("\n")
            else:
                key = f"NWREF{len(holders):04d}X"
                holders[key] = p[1]
                src.append(key)
        out = []
        for ttype, value in lex("".join(src), LEXERS[c.lang]()):
            text = html.escape(value)
            cls = css_class(ttype)
            if ttype in Name:
                d = self.book.ident_def.get(value)
                if d is not None and d is not c:
                    text = (f'<a class="id" href="{self.href(d)}" '
                            f'title="defined in {d.label}">{text}</a>')
            if cls and value.strip():
                text = f'<span class="{cls}">{text}</span>'
            out.append(text)
        body = "".join(out)
        body = re.sub(r'(?:<span class="[a-z0-9]+">)?(NWREF\d{4}X)(?:</span>)?',
                      lambda m: self.chunk_ref(holders[m.group(1)]), body)
        return body.rstrip("\n")

    def chunk(self, c):
        book = self.book
        family = book.defs[c.name]
        first = family[0]
        sign = "&#x2261;" if c is first else "+&#x2261;"
        head = (f'<div class="chunk-head"><a class="chunk-name" '
                f'href="{self.href(c)}">&#x27e8;{name_html(c.name)} '
                f'<span class="ref-num">{c.label}</span>&#x27e9;</a> {sign}'
                f'</div>')
        notes = []
        if len(family) > 1:
            others = [x for x in family if x is not c]
            word = "Continued in" if c is first else "Part of"
            notes.append(word + " " + ", ".join(
                self.chunk_link(x) for x in (others if c is first else [first]))
                + ".")
        users = book.uses.get(c.name, [])
        if users:
            notes.append("Used in " + ", ".join(
                self.chunk_link(u) for u in users) + ".")
        elif c.name.startswith(("src/", "patches/")):
            notes.append("Tangled into the file <code>"
                         + html.escape(c.name) + "</code>.")
        if c.defs:
            items = []
            for d in c.defs:
                us = book.ident_uses.get(d, [])
                tail = (" (used in " + ", ".join(self.chunk_link(u) for u in us)
                        + ")") if us else ""
                items.append(f'<code id="id-{html.escape(d)}">'
                             f'{html.escape(d)}</code>{tail}')
            notes.append("Defines " + ", ".join(items) + ".")
        foot = (f'<div class="chunk-foot">{" ".join(notes)}</div>'
                if notes else "")
        return (f'<div class="chunk" id="{c.id}">{head}'
                f'<pre class="code lang-{c.lang}"><code>{self.code(c)}'
                f'</code></pre>{foot}</div>')


FIGURES = "book/figures"


def figure_file(m):
    """`::: figure NAME :::` on one line: the figure's ASCII drawing and
    caption come from book/figures/NAME.md, beside its SVG."""
    with open(f"{FIGURES}/{m.group(1)}.md", encoding="utf-8") as f:
        body = f.read().strip("\n")
    return f"::: figure {m.group(1)}\n{body}\n:::\n"


def figure_markdown(doc, mode):
    """`::: figure NAME` blocks: SVG in the book, ASCII in the terminal."""
    doc = re.sub(r"^::: figure (\S+) :::[ \t]*$", figure_file, doc, flags=re.M)

    def repl(m):
        name, inner = m.group(1), m.group(2)
        if mode == "terminal":
            return inner
        fence = re.match(r"\s*(```.*?```)\s*(.*)", inner, re.S)
        caption = fence.group(2).strip() if fence else inner
        with open(f"{FIGURES}/{name}.svg", encoding="utf-8") as f:
            svg = f.read()
        svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
        return (f'::: {{.figure #fig-{name}}}\n```{{=html}}\n{svg}\n```\n\n'
                f'{caption}\n:::\n')
    return re.sub(r"^::: figure (\S+)\n(.*?)^:::\s*$", repl, doc,
                  flags=re.S | re.M)


def prose_refs(doc, render):
    """Chunk references written [[<<name>>]] in prose, rendered by `render`."""
    return re.sub("\x01(.*?)\x01", lambda m: render(m.group(1)), doc)


def terminal_ref(book, name):
    c = book.first(name)
    return f"\\<\\<{name_text(name)} {c.label if c else '?'}\\>\\>"


def pandoc(markdown, to, number, extra=()):
    args = ["pandoc", "-f", "markdown-smart+smart", "-t", to,
            "--number-sections", f"--number-offset={number - 1}"]
    args += list(extra)
    return subprocess.run(args, input=markdown, check=True,
                          capture_output=True, text=True).stdout


def chapter_html(book, ch, r):
    parts = []
    for kind, val in ch.blocks:
        if kind == "docs":
            parts.append(prose_refs(figure_markdown(val, "html"), r.chunk_ref))
        else:
            parts.append("\n\n```{=html}\n" + r.chunk(val) + "\n```\n\n")
    body = pandoc("".join(parts), "html5", ch.number, ["--section-divs"])
    # The chapter heading is numbered in Roman, the way books do.
    body = re.sub(r'<h1([^>]*)><span class="header-section-number">\d+</span>',
                  rf'<h1\1><span class="header-section-number">'
                  rf'Chapter {ch.roman}.</span>', body, count=1)
    return body


def page(title, body, nav, css="style.css"):
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
{nav}
<main>
{body}
</main>
{nav}
</body>
</html>
"""


def nav_for(book, i):
    chs = book.chapters
    links = ['<a href="index.html">Contents</a>']
    if i > 0:
        links.insert(0, f'<a rel="prev" href="{chs[i - 1].page}">&larr; '
                     f'{chs[i - 1].roman}. {html.escape(chs[i - 1].title)}</a>')
    if i + 1 < len(chs):
        links.append(f'<a rel="next" href="{chs[i + 1].page}">'
                     f'{chs[i + 1].roman}. {html.escape(chs[i + 1].title)} '
                     '&rarr;</a>')
    links.append('<a href="chunks.html">Chunks</a>')
    links.append('<a href="identifiers.html">Identifiers</a>')
    links += [f'<a href="{a.page}">{html.escape(a.part)}</a>'
              for a in appendices()]
    return '<nav class="book-nav">' + " ".join(links) + "</nav>"


def sections_of(body):
    """The h2 headings of a chapter page, for the table of contents."""
    out = []
    for m in re.finditer(r'<h2[^>]*>(.*?)</h2>', body, re.S):
        sid = re.search(r'<section id="([^"]+)"[^>]*>\s*$',
                        body[:m.start()])
        text = re.sub(r"<[^>]+>", "", m.group(1)).strip()
        out.append((sid.group(1) if sid else "", text))
    return out


def chapter_toc(body, what="chapter"):
    """A chapter page's own table of contents, under its heading."""
    secs = sections_of(body)
    if not secs:
        return body
    items = "".join(f'<li><a href="#{sid}">{html.escape(t)}</a></li>'
                    for sid, t in secs if sid)
    toc = (f'<nav class="chapter-toc"><p>In this {what}</p>'
           f'<ol>{items}</ol></nav>')
    return re.sub(r"(</h1>)", lambda m: m.group(1) + "\n" + toc, body,
                  count=1)


def chunk_index(book, r):
    rows = []
    for name in sorted(book.defs, key=str.lower):
        cs = book.defs[name]
        used = book.uses.get(name, [])
        rows.append(
            f'<li><a href="{r.href(cs[0])}">&#x27e8;{name_html(name)}'
            f'&#x27e9;</a> defined in '
            + ", ".join(r.chunk_link(c) for c in cs)
            + ("; used in " + ", ".join(r.chunk_link(u) for u in used)
               if used else "") + "</li>")
    return ('<h1 id="chunk-index">Index of chunks</h1>\n<ul class="index">\n'
            + "\n".join(rows) + "\n</ul>\n")


def ident_index(book, r):
    rows = []
    for ident in sorted(book.ident_def, key=str.lower):
        d = book.ident_def[ident]
        us = book.ident_uses.get(ident, [])
        rows.append(
            f'<li><code>{html.escape(ident)}</code>: '
            f'<a href="{r.href(d)}">{d.label}</a>'
            + ("; used in " + ", ".join(r.chunk_link(u) for u in us)
               if us else "") + "</li>")
    return ('<h1 id="identifier-index">Index of identifiers</h1>\n'
            '<ul class="index">\n' + "\n".join(rows) + "\n</ul>\n")


FRONT = "book/front.md"

# The back of the book: Markdown files in book/, each headed `# Title`,
# woven after the seven chapters in all three editions (in the terminal,
# after Chapter VII, or alone with `nwweave.py terminal PART`).
APPENDICES = [("A", "Lab", "book/lab.md"),
              ("B", "Glossary", "book/glossary.md"),
              ("C", "Reading", "book/reading.md")]


class Appendix:
    def __init__(self, letter, part, path):
        self.letter, self.part, self.path = letter, part, path
        self.page = part.lower() + ".html"
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        m = re.search(r"^# (.+)$", self.text, re.M)
        self.title = m.group(1).strip() if m else part


def appendices():
    return [Appendix(*a) for a in APPENDICES if os.path.exists(a[2])]


def appendix_html(app):
    body = subprocess.run(
        ["pandoc", "-f", "markdown-smart+smart", "-t", "html5",
         "--section-divs", "--no-highlight"],
        input=figure_markdown(app.text, "html"),
        check=True, capture_output=True, text=True).stdout
    return re.sub(r"<h1([^>]*)>", rf'<h1\1><span class="header-section-'
                  rf'number">Appendix {app.letter}.</span> ', body, count=1)


def front_matter():
    with open(FRONT, encoding="utf-8") as f:
        return subprocess.run(["pandoc", "-f", "markdown", "-t", "html5"],
                              input=f.read(), check=True, capture_output=True,
                              text=True).stdout


def weave_html(book):
    out = f"{OUT}/html"
    os.makedirs(out, exist_ok=True)
    shutil.copy("weave/style.css", f"{out}/style.css")
    r = Html(book, single_page=False)
    toc = []
    for i, ch in enumerate(book.chapters):
        body = chapter_toc(chapter_html(book, ch, r))
        with open(f"{out}/{ch.page}", "w", encoding="utf-8") as f:
            f.write(page(f"{ch.roman}. {ch.title} - lguest", body,
                         nav_for(book, i)))
        secs = "".join(f'<li><a href="{ch.page}#{sid}">{html.escape(t)}</a>'
                       '</li>' for sid, t in sections_of(body))
        toc.append(f'<li><a href="{ch.page}">{ch.roman}. '
                   f'{html.escape(ch.title)}</a><ul>{secs}</ul></li>')
    nav = ('<nav class="book-nav"><a href="index.html">Contents</a> '
           f'<a href="{book.chapters[0].page}">Start reading &rarr;</a> '
           '<a href="chunks.html">Chunks</a> '
           '<a href="identifiers.html">Identifiers</a>'
           + "".join(f' <a href="{a.page}">{html.escape(a.part)}</a>'
                     for a in appendices()) + '</nav>')
    for app in appendices():
        body = chapter_toc(appendix_html(app), "appendix")
        with open(f"{out}/{app.page}", "w", encoding="utf-8") as f:
            f.write(page(f"Appendix {app.letter}. {app.title} - lguest",
                         body, nav))
        secs = "".join(f'<li><a href="{app.page}#{sid}">{html.escape(t)}'
                       '</a></li>' for sid, t in sections_of(body))
        toc.append(f'<li><a href="{app.page}">Appendix {app.letter}. '
                   f'{html.escape(app.title)}</a><ul>{secs}</ul></li>')
    index = (front_matter() + '<h2 id="contents">Contents</h2>\n'
             '<ol class="toc">' + "".join(toc) + "</ol>\n")
    with open(f"{out}/index.html", "w", encoding="utf-8") as f:
        f.write(page("lguest, the teaching edition", index, nav))
    with open(f"{out}/chunks.html", "w", encoding="utf-8") as f:
        f.write(page("Chunks - lguest", chunk_index(book, r), nav))
    with open(f"{out}/identifiers.html", "w", encoding="utf-8") as f:
        f.write(page("Identifiers - lguest", ident_index(book, r), nav))
    print(f"  HTML    {out}/index.html")


def weave_print(book):
    out = f"{OUT}/print"
    os.makedirs(out, exist_ok=True)
    shutil.copy("weave/style.css", f"{out}/style.css")
    shutil.copy("weave/print.css", f"{out}/print.css")
    r = Html(book, single_page=True)
    bodies, toc = [], []
    for ch in book.chapters:
        body = chapter_html(book, ch, r)
        # One page holds every chapter, so section ids get a chapter prefix.
        prefix = ch.part.lower()
        body = re.sub(r'(<section id=")', rf'\1{prefix}-', body)
        body = re.sub(r'href="#(?!c\d|id-|ch-|fig-)', rf'href="#{prefix}-', body)
        bodies.append(f'<div class="chapter" id="ch-{prefix}">{body}</div>')
        secs = "".join(f'<li><a href="#{sid}">{html.escape(t)}</a>'
                       '</li>' for sid, t in sections_of(body) if sid)
        toc.append(f'<li><a href="#ch-{prefix}">{ch.roman}. '
                   f'{html.escape(ch.title)}</a><ol>{secs}</ol></li>')
    for app in appendices():
        body = appendix_html(app)
        prefix = app.part.lower()
        body = re.sub(r'(<section id=")', rf'\1{prefix}-', body)
        body = re.sub(r'href="#(?!c\d|id-|ch-|fig-)', rf'href="#{prefix}-',
                      body)
        bodies.append(f'<div class="chapter" id="ch-{prefix}">{body}</div>')
        secs = "".join(f'<li><a href="#{sid}">{html.escape(t)}</a>'
                       '</li>' for sid, t in sections_of(body) if sid)
        toc.append(f'<li><a href="#ch-{prefix}">Appendix {app.letter}. '
                   f'{html.escape(app.title)}</a><ol>{secs}</ol></li>')
    front = ('<div class="title-page">' + front_matter() + '</div>'
             '<nav class="print-toc"><h1>Contents</h1><ol>' + "".join(toc)
             + '<li><a href="#chunk-index">Index of chunks</a></li>'
             '<li><a href="#identifier-index">Index of identifiers</a></li>'
             "</ol></nav>")
    body = (front + "".join(bodies) + '<div class="chapter">'
            + chunk_index(book, r) + '</div><div class="chapter">'
            + ident_index(book, r) + "</div>")
    doc = page("lguest, the teaching edition", body, "")
    doc = doc.replace('href="style.css">',
                      'href="style.css">\n<link rel="stylesheet" '
                      'href="print.css">')
    with open(f"{out}/book.html", "w", encoding="utf-8") as f:
        f.write(doc)


# ---------------------------------------------------------------------------
# The terminal edition.

# pandoc indents code by four columns; the rest of the 80 is ours.
CODE_WIDTH = 76
CONTINUED = "\u21aa "           # the mark that begins a folded line


def fold_code(line, width=CODE_WIDTH):
    """Fold a line of code that is too wide into several, each continuation
    starting with the mark, indented like the line it continues."""
    if len(line) <= width:
        return [line]
    indent = min(len(line) - len(line.lstrip()), width // 2)
    lead = " " * indent + CONTINUED
    out, rest = [], line
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)
        if cut <= len(rest) - len(rest.lstrip()) + 8:
            cut = width          # no space to break at: break mid-word
        out.append(rest[:cut].rstrip())
        rest = lead + rest[cut:].lstrip()
    out.append(rest)
    return out


def appendix_text(app):
    return pandoc(figure_markdown(app.text, "terminal"), "plain", 1,
                  ["--columns=80", "--lua-filter=weave/terminal.lua",
                   f"--metadata=chapter:{app.letter}",
                   f"--metadata=roman:{app.letter}",
                   "--metadata=kind:Appendix"])


def terminal(book, part):
    """A chapter, or an appendix, on stdout or through $PAGER.  The last
    chapter is followed by the appendices, the back of the book."""
    apps = appendices()
    app = next((a for a in apps if a.part == part), None)
    if app is not None:
        text = appendix_text(app)
    else:
        ch = next((c for c in book.chapters if c.part == part), None)
        if ch is None:
            sys.exit(f"no chapter called {part}; try one of "
                     f"{', '.join(PARTS + [a.part for a in apps])}")
        text = chapter_text(book, ch)
        if ch is book.chapters[-1]:
            text += "".join("\n\n" + appendix_text(a) for a in apps)
    if sys.stdout.isatty():
        pager = os.environ.get("PAGER") or "less"
        subprocess.run(pager, shell=True, input=text, text=True)
    else:
        sys.stdout.write(text)


def chapter_text(book, ch):
    md = []
    wrapped = False
    for kind, val in ch.blocks:
        if kind == "docs":
            md.append(prose_refs(figure_markdown(val, "terminal"),
                                 lambda n: terminal_ref(book, n)))
            continue
        c = val
        first = book.defs[c.name][0]
        lines = [f"<<{name_text(c.name)} {c.label}>>"
                 f"{'=' if c is first else '+='}"]
        text = ""
        for p in c.parts:
            if p[0] == "text":
                text += p[1]
            elif p[0] == "nl":
                text += "\n"
            else:
                u = book.first(p[1])
                text += f"<<{name_text(p[1])} {u.label if u else '?'}>>"
        lines += [ln.expandtabs(8) for ln in text.rstrip("\n").split("\n")]
        notes = []
        users = book.uses.get(c.name, [])
        if users:
            notes.append("used in " + ", ".join(u.label for u in users))
        elif c.name.startswith(("src/", "patches/")):
            notes.append("tangled into " + c.name)
        if len(book.defs[c.name]) > 1 and c is first:
            notes.append("continued in " + ", ".join(
                x.label for x in book.defs[c.name][1:]))
        if notes:
            lines += textwrap.wrap("; ".join(notes), CODE_WIDTH,
                                   initial_indent="    -- ",
                                   subsequent_indent="       ",
                                   break_on_hyphens=False)
        folded = [part for ln in lines for part in fold_code(ln)]
        wrapped = wrapped or len(folded) > len(lines)
        fence = "~" * 8
        md.append(f"\n\n{fence}\n" + "\n".join(folded) + f"\n{fence}\n\n")
    text = pandoc("".join(md), "plain", ch.number,
                  ["--columns=80", "--lua-filter=weave/terminal.lua",
                   f"--metadata=chapter:{ch.number}",
                   f"--metadata=roman:{ch.roman}"]
                  + (["--metadata=folded:" + CONTINUED.strip()]
                     if wrapped else []))
    return text


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    mode = argv[1]
    if mode == "terminal":
        part, paths = argv[2], argv[3:]
    else:
        paths = argv[2:]
    book = Book(parse(paths))
    if mode == "html":
        weave_html(book)
    elif mode == "print":
        weave_print(book)
    elif mode == "terminal":
        terminal(book, part)
    elif mode == "list":
        for ch in book.chapters:
            words = sum(len(v.split()) for k, v in ch.blocks if k == "docs")
            chunks = len(ch.chunks())
            print(f"  make {ch.part:<12} {ch.roman:>3}. {ch.title:<44} "
                  f"{words:>5} words, {chunks:>3} chunks")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
