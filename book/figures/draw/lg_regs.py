# Draws book/figures/lg-regs.svg (see lib.py).
from lib import *
regs = ["edi", "esi", "ebp", "esp_unused", "ebx", "edx", "ecx", "eax",
        "ds", "es", "fs", "gs", "trapnum", "errcode",
        "eip", "cs", "eflags", "esp", "ss"]
groups = [(0, 8, "pushal by lg_return_to_host;", "popal on the way in", USER),
          (8, 12, "pushed one by one by", "lg_return_to_host; popped likewise", GUEST),
          (12, 14, "the error code (the processor's, or", "a 0 from the stub), the stub's vector", SWITCH),
          (14, 19, "pushed by the processor as it left", "ring 1 or 3; popped by iret", HOST)]
RH = 21
W, H = 800, 70 + 19 * RH + 60
s = Svg("lg-regs", W, H, "struct lg_regs at the top of the Switcher's stack page")
s.text(W / 2, 20, "struct lg_regs: the last 76 bytes of each CPU's stack page", 13, weight="bold")
BX, BW = 330, 130
top = 50
s.text(BX - 70, top - 6, "offset", 10.5, fill=MUTED)
s.text(BX - 18, top - 6, "in page", 10.5, fill=MUTED)
for k in range(19):
    i = 18 - k                     # highest address at the top
    y = top + k * RH
    fill = next(g[4] for g in groups if g[0] <= i < g[1])
    s.rect(BX, y, BW, RH, fill, rx=0)
    s.mono(BX + BW / 2, y + 15, regs[i], 11.5, anchor="middle")
    s.mono(BX - 58, y + 15, str(i * 4), 10.5, anchor="end", fill=MUTED)
    s.mono(BX - 6, y + 15, f"{0xFB4 + i * 4:#05x}", 10.5, anchor="end", fill=MUTED)
for a, b, t1, t2, fill in groups:
    y1 = top + (18 - (b - 1)) * RH
    y2 = top + (18 - a) * RH + RH
    x = BX + BW + 10
    s.path(f"M{x},{y1 + 2} L{x + 6},{y1 + 2} L{x + 6},{y2 - 2} L{x},{y2 - 2}", "#444", 1, end=False)
    s.text(x + 14, (y1 + y2) / 2 - 2, t1, 11, anchor="start")
    s.text(x + 14, (y1 + y2) / 2 + 12, t2, 11, anchor="start", fill=MUTED)
# arrows
yt = top
s.line(BX - 200, yt, BX - 2, yt, start=False)
s.text(BX - 202, yt + 4, "0x1000: sp0", 11, anchor="end", fill=ACCENT)
yb = top + 19 * RH
s.line(BX - 200, yb, BX - 2, yb)
s.text(BX - 202, yb - 8, "0xfb4: LGP_REGS,", 11, anchor="end", fill=ACCENT)
s.text(BX - 202, yb + 7, "%esp before popal", 11, anchor="end", fill=ACCENT)
yt2 = top + (18 - 12) * RH + 15
s.text(BX - 202, yt2, "LGP_TRAPNUM", 11, anchor="end", fill=ACCENT)
s.line(BX - 200, yt2 - 4, BX - 92, yt2 - 4, width=1)
s.text(W / 2, H - 30, "Traps push downwards from sp0; the way into the Guest pops upwards from LGP_REGS.", 11, fill=MUTED)
s.text(W / 2, H - 14, "Below it, the rest of the page is the Switcher's stack; above it, the next page is the read-only state page.", 11, fill=MUTED)
s.write()
