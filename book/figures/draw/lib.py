"""Small helpers for the book's SVG figures.

Each script beside this one draws one figure into book/figures/NAME.svg:
run it from anywhere with python3 after changing it.  The ASCII drawing
of the same figure, for the terminal edition, is written by hand next to
it: in the chapter's `::: figure NAME` block, or in book/figures/NAME.md
for a figure a chapter places with the one line `::: figure NAME :::`.
"""
import os
from xml.sax.saxutils import escape

HOST = "#e4e4dc"; SWITCH = "#f0c674"; GUEST = "#cfe8cf"; USER = "#d6e6f5"
DEV = "#e8d6f0"; NONE = "#f7f7f2"; ACCENT = "#8a3b12"; GREEN = "#2e7d32"
MUTED = "#555"; BAD = "#f3d3cf"


class Svg:
    def __init__(self, name, w, h, title):
        self.name, self.w, self.h, self.title = name, w, h, title
        self.items = []

    def add(self, s):
        self.items.append(s)

    def rect(self, x, y, w, h, fill, stroke="#444", rx=3, dash=None, sw=1):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{d}/>')

    def text(self, x, y, s, size=13, anchor="middle", fill="#222",
             weight=None, family=None, style=None, rotate=None):
        extra = f' font-weight="{weight}"' if weight else ""
        extra += f' font-family="{family}"' if family else ""
        extra += f' font-style="{style}"' if style else ""
        extra += (f' transform="rotate({rotate} {x} {y})"' if rotate is not None
                  else "")
        self.add(f'<text x="{x}" y="{y}" text-anchor="{anchor}" '
                 f'font-size="{size}" fill="{fill}"{extra}>{escape(s)}</text>')

    def mono(self, x, y, s, size=12, anchor="start", fill="#222", **kw):
        self.text(x, y, s, size, anchor, fill,
                  family="DejaVu Sans Mono, monospace", **kw)

    def head(self, x, y, fx, fy, color):
        """An arrowhead at (x, y), pointing away from (fx, fy)."""
        import math
        a = math.atan2(y - fy, x - fx)
        L, w = 9, 4.2
        bx, by = x - L * math.cos(a), y - L * math.sin(a)
        px, py = -math.sin(a) * w, math.cos(a) * w
        self.add(f'<polygon points="{x:.1f},{y:.1f} {bx + px:.1f},{by + py:.1f} '
                 f'{bx - px:.1f},{by - py:.1f}" fill="{color}"/>')

    def line(self, x1, y1, x2, y2, color=ACCENT, width=2, start=False,
             end=True, dash=None):
        import math
        d = f' stroke-dasharray="{dash}"' if dash else ""
        a = math.atan2(y2 - y1, x2 - x1)
        sx1, sy1, sx2, sy2 = x1, y1, x2, y2
        if end:
            sx2, sy2 = x2 - 7 * math.cos(a), y2 - 7 * math.sin(a)
        if start:
            sx1, sy1 = x1 + 7 * math.cos(a), y1 + 7 * math.sin(a)
        self.add(f'<line x1="{sx1:.1f}" y1="{sy1:.1f}" x2="{sx2:.1f}" '
                 f'y2="{sy2:.1f}" stroke="{color}" stroke-width="{width}"{d}/>')
        if end:
            self.head(x2, y2, x1, y1, color)
        if start:
            self.head(x1, y1, x2, y2, color)

    def path(self, d, color=ACCENT, width=1.5, dash=None, end=True):
        import re
        da = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<path d="{d}" fill="none" stroke="{color}" '
                 f'stroke-width="{width}"{da}/>')
        if end:
            nums = [float(v) for v in re.findall(r"-?[0-9.]+", d)]
            self.head(nums[-2], nums[-1], nums[-4], nums[-3], color)

    def write(self, marker_color=ACCENT):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                            f'{self.name}.svg')
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.w} '
                f'{self.h}" width="{self.w}" height="{self.h}" '
                f'font-family="DejaVu Sans, sans-serif" role="img" '
                f'aria-label="{escape(self.title)}">\n'
                f'<title>{escape(self.title)}</title>\n'
                )
        with open(path, "w", encoding="utf-8") as f:
            f.write(head + "\n".join(self.items) + "\n</svg>\n")
