# Draws book/figures/guest-gdt.svg (see lib.py).
from lib import *
E = {}
def ent(rng, kind, name, note=""):
    for i in rng:
        E[i] = (kind, name, note)
ent([0], "none", "null", "the null selector")
ent(range(1, 6), "guest", "unused by Linux", "")
ent(range(6, 9), "guest", "TLS", "LHCALL_LOAD_TLS, every switch")
ent([9], "guest", "unused by Linux", "")
ent([10], "host", "LGUEST_CS", "0x50: the Switcher's code, ring 0")
ent([11], "host", "LGUEST_DS", "0x58: its data and stack, ring 0")
ent([12], "low", "kernel code", "asked for ring 0, gets 1: %cs 0x61")
ent([13], "low", "kernel data", "ring 1 likewise: %ss 0x69")
ent([14], "guest", "user code", "0x73: ring 3")
ent([15], "guest", "user data", "0x7b: ring 3")
ent([16], "host", "TSS", "0x80: guest_tss, same page")
ent([17], "sys", "LDT", "a system descriptor: refused")
ent(range(18, 23), "guest", "PnP BIOS", "unused in a Guest")
ent(range(23, 26), "guest", "APM BIOS", "unused in a Guest")
ent([26], "low", "ESPFIX SS", "ring 1, like every kernel entry")
ent([27], "low", "per-CPU", "0x d9: %fs in the Guest kernel")
ent(range(28, 31), "guest", "unused", "")
ent([31], "sys", "double-fault TSS", "a system descriptor: refused")
E[27] = ("low", "per-CPU", "the Guest kernel's %fs, ring 1")
fill = {"none": "#ffffff", "guest": GUEST, "low": "#93c993", "host": SWITCH,
        "sys": BAD}
RH = 21
W, H = 820, 38 + 16 * RH + 56
s = Svg("guest-gdt", W, H, "The Guest's GDT as the Switcher loads it: 32 entries, three of them the Host's")
s.text(W / 2, 20, "guest_gdt[32], at offset 256 of this CPU's state page (read-only in the Guest's view)", 13, weight="bold")
for half in range(2):
    x0 = 14 + half * 405
    for r in range(16):
        i = half * 16 + r
        kind, name, note = E[i]
        y = 38 + r * RH
        s.text(x0 + 22, y + 15, str(i), 11.5, anchor="end", fill=MUTED)
        s.rect(x0 + 28, y + 1, 130, RH - 2, fill[kind], rx=2)
        s.text(x0 + 93, y + 15, name, 11)
        if note:
            s.text(x0 + 166, y + 15, note, 10.5, anchor="start", fill="#333")
y = 38 + 16 * RH + 22
lx = 14
for kind, label in (("host", "the Host's: what the Guest writes there is ignored"),
                    ("low", "the Guest's, ring 0 lowered to 1"),):
    s.rect(lx + 28, y - 12, 22, 14, fill[kind], rx=2)
    s.text(lx + 56, y, label, 11, anchor="start")
    lx += 405
y += 22
lx = 14
for kind, label in (("guest", "the Guest's, checked (accessed bit set)"),
                    ("sys", "system descriptors: stored empty")):
    s.rect(lx + 28, y - 12, 22, 14, fill[kind], rx=2)
    s.text(lx + 56, y, label, 11, anchor="start")
    lx += 405
s.write()
