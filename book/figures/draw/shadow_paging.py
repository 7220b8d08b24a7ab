# Draws book/figures/shadow-paging.svg (see lib.py).
from lib import *
W, H = 830, 490
s = Svg("shadow-paging", W, H, "Shadow paging: from a Guest page-table entry to a shadow entry")
s.text(W / 2, 20, "One page fault, filled in: lg_demand_page() for the Guest virtual address 0x08048123", 13, weight="bold")
# row 1: guest side
y1 = 45
s.text(16, y1 + 12, "What the Guest wrote (its own tables, in its memory, read by the Host)", 12, anchor="start", weight="bold", fill=GREEN)
bx = [16, 226, 436, 646]; bw = 168; bh = 96; by = y1 + 24
boxes1 = [
 ("Guest virtual address", ["0x08048123", "dir 32, table 72,", "offset 0x123"], USER),
 ("Guest page directory", ["at guest-physical gpgdir", "entry 32: table at", "0x01f2c000, P W U"], GUEST),
 ("Guest page table", ["at guest-physical", "0x01f2c000; entry 72:", "0x00345000 P W U A D"], GUEST),
 ("guest-physical page", ["frame 0x345:", "below pfn_limit, so", "the Guest's own"], GUEST),
]
for x, (t, lines, f) in zip(bx, boxes1):
    s.rect(x, by, bw, bh, f)
    s.text(x + bw / 2, by + 18, t, 12, weight="bold")
    for k, l in enumerate(lines):
        (s.mono if k == 0 and l.startswith("0x") else s.text)(x + bw / 2, by + 40 + k * 16, l, 11, anchor="middle")
for i in range(3):
    s.line(bx[i] + bw + 2, by + bh / 2, bx[i + 1] - 2, by + bh / 2)
# row 2: host side
y2 = 215
s.text(16, y2 + 12, "What the Host makes of it", 12, anchor="start", weight="bold", fill=ACCENT)
by2 = y2 + 24
boxes2 = [
 ("shadow PTE", ["0x1a2b7000 P A U", "+ W D only if both levels", "allow writes and gpte is dirty"], SWITCH),
 ("pinned page", ["pin_user_pages_fast():", "a struct page, real frame", "0x1a2b7, pinned once"], HOST),
 ("Launcher address", ["mem_base + 0x345000", "= 0x355000 (mem_base", "is vm.mmap_min_addr)"], USER),
]
bx2 = [226, 436, 646]
for x, (t, lines, f) in zip(bx2, boxes2):
    s.rect(x, by2, bw, bh, f)
    s.text(x + bw / 2, by2 + 18, t, 12, weight="bold")
    for k, l in enumerate(lines):
        s.text(x + bw / 2, by2 + 40 + k * 16, l, 11)
s.path(f"M{bx[3] + bw / 2},{by + bh + 2} L{bx[3] + bw / 2},{by2 - 2}")
s.line(bx2[2] - 2, by2 + bh / 2, bx2[1] + bw + 2, by2 + bh / 2)
s.line(bx2[1] - 2, by2 + bh / 2, bx2[0] + bw + 2, by2 + bh / 2)
# shadow pgd and cr3
s.rect(16, by2, 168, bh, SWITCH)
s.text(100, by2 + 18, "shadow page directory", 12, weight="bold")
s.text(100, by2 + 40, "entry 32: the shadow", 11)
s.text(100, by2 + 56, "table, P W U A (the real", 11)
s.text(100, by2 + 72, "checks are in the entry)", 11)
s.line(184, by2 + bh / 2, 224, by2 + bh / 2)
s.rect(16, by2 + bh + 30, 168, 40, "#ffffff")
s.mono(100, by2 + bh + 55, "%cr3 while the Guest runs", 10.5, anchor="middle")
s.line(100, by2 + bh + 28, 100, by2 + bh + 2)
# labels on arrows
s.text(bx[3] + bw / 2 + 6, (by + bh + by2) / 2 + 4, "+ mem_base", 10.5, anchor="start", fill=ACCENT)
s.text((bx2[1] + bw + bx2[2]) / 2, by2 + bh / 2 - 6, "pin", 10.5, fill=ACCENT)
s.text((bx2[0] + bw + bx2[1]) / 2, by2 + bh / 2 - 6, "pfn", 10.5, fill=ACCENT)
# notes
ny = by2 + bh + 100
notes = [
 "The Guest's tables are ordinary Guest memory, read with lg_read(): copy_from_user() at mem_base + guest-physical address.",
 "Each frame is pinned once per Guest, the first time a shadow entry needs it (lg_pin_frame()), and kept until the Guest goes.",
 "Like the processor, the Host sets the accessed bit (and the dirty bit, for a write) in the Guest's own entry before it builds the shadow.",
 "A frame beyond the Guest's memory and its device page kills the Guest; the Switcher's slot is never the Guest's. The numbers are made up.",
]
for k, n in enumerate(notes):
    s.text(16, ny + k * 16, n, 10.5, anchor="start", fill=MUTED)
s.write()
