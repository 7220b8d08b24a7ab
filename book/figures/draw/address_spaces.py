# Draws book/figures/address-spaces.svg (see lib.py).
from lib import *
s = Svg("address-spaces", 840, 550, "The three address spaces of lguest, as this edition lays them out")
X = [110, 365, 620]; W = 200
heads = ["Launcher (a Host process)", "Guest", "Host kernel"]
for x, h in zip(X, heads):
    s.text(x + W / 2, 28, h, 15, weight="bold")
T, K, B = 45, 265, 492          # top, 0xC0000000, 0
SL, SH = 125, 165               # the Switcher's slot
# Launcher
x = X[0]
s.rect(x, T, W, K - T, HOST)
s.text(x + W / 2, T + 28, "Host kernel (ring 0 only),", 12)
s.text(x + W / 2, T + 44, "as on the right", 12)
s.rect(x + 20, SL, W - 40, SH - SL, SWITCH)
s.text(x + W / 2, SL + 25, "Switcher", 13)
s.rect(x, K, W, 40, USER); s.text(x + W / 2, K + 25, "stack", 12)
s.rect(x, K + 40, W, 60, USER)
s.text(x + W / 2, K + 66, "Launcher code and data", 12)
s.text(x + W / 2, K + 83, "linked at 0x48000000", 11, fill=MUTED)
s.rect(x, K + 100, W, 40, NONE, dash="4,3")
s.text(x + W / 2, K + 125, "(free)", 11, fill=MUTED)
s.rect(x, K + 140, W, 22, DEV); s.text(x + W / 2, K + 156, "device page", 12)
s.rect(x, K + 162, W, 36, GUEST)
s.text(x + W / 2, K + 177, "Guest memory", 13)
s.text(x + W / 2, K + 192, "guest-physical 0 is here", 10.5, fill=MUTED)
s.rect(x, K + 198, W, B - K - 198, NONE, dash="4,3")
s.text(x + W / 2, B - 9, "nothing: below vm.mmap_min_addr", 10, fill=MUTED)
# Guest
x = X[1]
s.rect(x, T, W, SL - T, NONE, dash="4,3")
s.text(x + W / 2, T + 30, "not the Guest's:", 12)
s.text(x + W / 2, T + 46, "it maps nothing here", 12)
s.rect(x, SL, W, SH - SL, SWITCH)
s.text(x + W / 2, SL + 17, "Switcher: its code and", 11.5)
s.text(x + W / 2, SL + 32, "this CPU's two pages", 11.5)
s.rect(x, SH, W, K - SH, GUEST)
s.text(x + W / 2, SH + 40, "Guest kernel", 13)
s.text(x + W / 2, SH + 57, "all its memory from", 11, fill=MUTED)
s.text(x + W / 2, SH + 71, "0xC0000000 (PAGE_OFFSET)", 11, fill=MUTED)
s.rect(x, K, W, B - K, USER)
s.text(x + W / 2, K + 100, "Guest processes", 13)
s.text(x + W / 2, K + 117, "ring 3", 11, fill=MUTED)
# reserve_mem bracket
bx = x + W + 8
s.path(f"M{bx},{T} L{bx + 6},{T} L{bx + 6},{SH} L{bx},{SH}", GREEN, 1.2, end=False)
s.text(bx + 14, (T + SL) / 2, "reserve_mem", 10.5, fill=GREEN, rotate=90)
# Host
x = X[2]
s.rect(x, T, W, 40, HOST)
s.text(x + W / 2, T + 25, "fixmap, cpu_entry_area", 11.5)
s.rect(x, T + 40, W, 155 - 40, HOST)
s.text(x + W / 2, T + 57, "vmalloc area", 12)
s.rect(x + 20, SL, W - 40, SH - SL, SWITCH)
s.text(x + W / 2, SL + 17, "Switcher pages,", 11.5)
s.text(x + W / 2, SL + 32, "placed by vmap()", 11.5)
s.text(x + W / 2, SH + 20, "lg.ko, other modules", 11, fill=MUTED)
s.rect(x, T + 155, W, K - T - 155, HOST)
s.text(x + W / 2, T + 192, "direct map of low RAM", 12)
s.rect(x, K, W, B - K, USER)
s.text(x + W / 2, K + 100, "the current process", 13)
s.text(x + W / 2, K + 117, "(the Launcher, while it runs)", 11, fill=MUTED)
# axis
for y, lab in ((T, "4 GB"), (SL, "S"), (K, "0xC0000000"),
               (K + 198, "0x10000 (64 KB)"), (B, "0")):
    s.text(X[0] - 6, y + 4, lab, 10.5, anchor="end", fill=MUTED)
s.text(X[0] - 6, SL + 17, "(4 MB slot", 9.5, anchor="end", fill=MUTED)
s.text(X[0] - 6, SL + 29, "start)", 9.5, anchor="end", fill=MUTED)
# arrows
y = SL + 20
s.line(X[0] + W - 20 + 2, y, X[1] - 2, y, start=True)
s.line(bx + 9, y, X[2] + 20 - 2, y, start=True)
s.path(f"M{X[0] + W},{K + 180} C{X[0] + W + 60},{K + 180} "
       f"{X[1] - 60},{SH + 50} {X[1] - 2},{SH + 50}", GREEN, 1.5, dash="5,4")
s.text(X[1] - 13, K + 80, "the same pages", 10.5, fill=GREEN, rotate=-90)
s.text(420, 518, "S, the Switcher's address, is chosen by vmap() when lg.ko loads; the same pages", 11.5, fill=ACCENT)
s.text(420, 535, "appear at S in all three. Guest-physical address + base (vm.mmap_min_addr) = Launcher address.", 11.5, fill=ACCENT)
s.write()
