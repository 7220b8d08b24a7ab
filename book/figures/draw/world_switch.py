# Draws book/figures/world-switch.svg (see lib.py).
from lib import *
rows = [
 ("Into the Guest", None),
 ("lg_switch(), in C: pushfl; pushl %cs; call the Switcher",
  "%eax: this CPU's struct lg_pages; %ebx: the shadow page directory",
  "H H H H H", "Host", "0"),
 ("save the Host: push %ebp, %es, %ds, %fs, %gs and the LDT selector;",
  "%esp, %cr3, the GDT and IDT registers into the state page",
  "H H H H H", "Host", "0"),
 ("load the Guest's tables from the state page: lgdt, lidt;",
  "clear both TSS busy bits, ltr the Guest's TSS, lldt a null selector",
  "H G G - H", "Host", "0"),
 ("the leap: %esp to the struct lg_regs in the stack page, then",
  "%cr3 to the shadow; the next instruction is at the same address",
  "G G G - H", "Switcher", "0"),
 ("popal; pop %ds, %es, %fs, %gs; skip trap number and error code;",
  "iret pops eip, cs, eflags, esp, ss: a change of ring",
  "G G G - G", "Guest", "1/3"),
 ("the Guest runs until a trap, a fault or an interrupt (a system",
  "call through the direct gate stays in the Guest)",
  "G G G - G", "Guest", "1/3"),
 ("Back to the Host", None),
 ("the processor takes ss0:sp0 from the Guest's TSS and pushes ss,",
  "esp, eflags, cs, eip (and an error code); the stub pushes 0, vector",
  "G G G - S", "Switcher", "0"),
 ("lg_return_to_host: push %gs, %fs, %es, %ds; pushal: lg_regs is",
  "complete; %ds, %es = LGUEST_DS; %eax = %esp rounded down to a page",
  "G G G - S", "Switcher", "0"),
 ("%cr3 from host_cr3: the Host's page tables, same address;",
  "lgdt, lidt from the state page; ltr the Host's TSS",
  "H H H - S", "Switcher", "0"),
 ("clts; %esp from host_sp, %ss = __KERNEL_DS; pop the LDT",
  "selector (lldt), %gs, %fs, %ds, %es, %ebp",
  "H H H H S", "Host", "0"),
 ("a trap: iret into lg_switch(); an interrupt or NMI: lret into",
  "the Host's handler, whose iret returns into lg_switch()",
  "H H H H H", "Host", "0"),
]
W, RH = 830, 36
cols = ["%cr3", "GDT", "TR", "LDT", "%cs"]
cx0, cw = 510, 40
sx, sw, px, pw = cx0 + 5 * cw + 6, 64, cx0 + 5 * cw + 6 + 68, 36
n = sum(1 for r in rows if r[1] is not None)
H = 52 + len(rows) * RH - (len(rows) - n) * 10 + 66
s = Svg("world-switch", W, H, "The world switch, step by step: which tables, stack and ring are in force after each step")
y = 30
for i, c in enumerate(cols):
    s.text(cx0 + i * cw + cw / 2, y, c, 11.5, weight="bold")
s.text(cx0 + cw * 1.5, y + 13, "IDT", 11.5, weight="bold")
s.text(sx + sw / 2, y, "stack", 11.5, weight="bold")
s.text(px + pw / 2, y, "CPL", 11.5, weight="bold")
y = 52
k = 0
fills = {"H": HOST, "G": GUEST, "S": SWITCH, "-": "#ffffff"}
words = {"H": "Host", "G": "Guest", "S": "LG", "-": "null"}
for r in rows:
    if r[1] is None:
        s.text(8, y + 16, r[0], 13, anchor="start", weight="bold", fill=ACCENT)
        y += RH - 10
        continue
    k += 1
    t1, t2, cells, stack, cpl = r
    if k % 2 == 0:
        s.rect(4, y, W - 8, RH, "#f4f3ec", stroke="none", rx=0)
    s.text(22, y + 22, str(k), 13, anchor="end", weight="bold")
    s.text(30, y + 15, t1, 11, anchor="start")
    s.text(30, y + 29, t2, 11, anchor="start", fill=MUTED)
    for i, c in enumerate(cells.split()):
        if c == "-" and i == 3:
            word = "null"
        elif i == 4 and c == "S":
            word = "LG_CS"
        elif i == 4 and c == "H":
            word = "KCS"
        else:
            word = words[c]
        s.rect(cx0 + i * cw + 2, y + 5, cw - 4, RH - 10, fills[c], rx=2)
        s.text(cx0 + i * cw + cw / 2, y + 22, word, 9.5)
    sf = {"Host": HOST, "Guest": GUEST, "Switcher": SWITCH}[stack]
    s.rect(sx, y + 5, sw, RH - 10, sf, rx=2)
    s.text(sx + sw / 2, y + 22, stack, 10)
    s.rect(px, y + 5, pw, RH - 10, GUEST if cpl != "0" else HOST, rx=2)
    s.text(px + pw / 2, y + 22, cpl, 10.5)
    y += RH
y += 18
s.text(8, y, "Each row shows what is in force after the step. Host, Guest: the Host's or the Guest's table or register. KCS: __KERNEL_CS, LG_CS:", 10.5, anchor="start", fill=MUTED)
s.text(8, y + 15, "LGUEST_CS (a segment register keeps the descriptor it was loaded with, so %cs changes only at iret, at a trap and at the end).", 10.5, anchor="start", fill=MUTED)
s.text(8, y + 30, "Stack: the Host's kernel stack in lg_switch(), the Switcher's stack page of this CPU (struct lg_regs at its top), or the Guest's own.", 10.5, anchor="start", fill=MUTED)
s.write()
