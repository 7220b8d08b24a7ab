# Draws book/figures/buffer-journey.svg (see lib.py).
from lib import *
W, H = 908, 612
s = Svg("buffer-journey", W, H, "A buffer's journey: one line of console output from the Guest's driver to the Launcher and back, in seven steps")
# Three lanes, one for each party; time runs down the page.
LANES = [("Guest, ring 1", 10, "#eef6ee", GUEST),
         ("Host, ring 0", 306, "#f4f3ec", HOST),
         ("Launcher, a Host process", 602, "#ecf3fa", USER)]
LW, BW, TOP, BOT = 296, 206, 34, 466
for name, x, light, _ in LANES:
    s.text(x + LW / 2, 24, name, 14, weight="bold")
for name, x, light, _ in LANES:
    s.rect(x, TOP, LW, BOT - TOP, light, stroke="#bbb", rx=0)
GX, HX, LX = (x + (LW - BW) / 2 for _, x, _, _ in LANES)


def number(x, y, n):
    s.add(f'<circle cx="{x}" cy="{y}" r="9" fill="{ACCENT}"/>')
    s.text(x, y + 4, n, 11, fill="#fff", weight="bold")


def step(x, y, n, fill, title, lines):
    """One numbered step: a box whose height follows its lines."""
    h = 28 + 14 * len(lines)
    s.rect(x, y, BW, h, fill)
    number(x + 16, y + 15, n)
    s.text(x + 31, y + 19, title, 11.5, anchor="start", weight="bold")
    for k, t in enumerate(lines):
        s.text(x + 10, y + 37 + 14 * k, t, 10.5, anchor="start")
    return y + h


def lane_note(x, y1, y2, lines):
    """A dashed stretch of a lane where its party waits, and why."""
    mid = (y1 + y2) / 2
    top = mid - 9 * len(lines) - 4
    bottom = mid + 9 * len(lines) - 4
    cx = x + LW / 2
    s.line(cx, y1, cx, top - 8, MUTED, 1.2, end=False, dash="3,3")
    s.line(cx, bottom + 4, cx, y2, MUTED, 1.2, end=False, dash="3,3")
    for k, t in enumerate(lines):
        s.text(cx, top + 10 + 15 * k, t, 10.5, fill=MUTED, style="italic")


def call(x1, x2, y, above, below):
    """An arrow from one lane to the next: who runs changes here.  Words
    above it, the name of the call or request in code below it."""
    s.line(x1, y, x2, y, ACCENT, 2)
    mid = (x1 + x2) / 2
    s.text(mid, y - 6, above, 10, fill=ACCENT)
    if below:
        s.mono(mid, y + 13, below, 10, anchor="middle", fill=ACCENT)


# The steps, each in its lane, each lower than the one before.
b1 = step(GX, 64, "1", GUEST, "the driver queues the line", [
    "the buffer gets a descriptor,",
    "its head goes in the available",
    "ring, then avail->idx + 1"])
b2 = step(GX, 146, "2", GUEST, "the kick: lgdev_notify()", [
    "hcall(LHCALL_NOTIFY, the ring's",
    "guest-physical address)"])
b3 = step(HX, 160, "3", HOST, "the run ends", [
    "exit.kind = LGEXIT_NOTIFY,",
    "exit.arg[0] = the address;",
    "lg_run() returns to read()"])
b4 = step(LX, 198, "4", USER, "device_notify(address)", [
    "finds the queue of that ring;",
    "vq_serve() takes each chain",
    "(vq_pop() checks every",
    "descriptor) and console_chain()",
    "writes the line to stdout"])
b5 = step(LX, 310, "5", USER, "the buffer goes back", [
    "vq_push(): {head, 0} in the",
    "used ring, then used->idx + 1;",
    "vq_interrupt(): LHREQ_IRQ;",
    "then read() again"])
b6 = step(HX, 332, "6", HOST, "the interrupt is pending", [
    "lg_raise_irq() sets bit irq in",
    "irqs_pending; the next run's",
    "lg_deliver() makes a trap",
    "frame for vector 0x20 + irq"])
b7 = step(GX, 382, "7", GUEST, "vring_interrupt()", [
    "at vector 0x20 + irq: it sees",
    "used->idx move; the driver",
    "frees the buffer"])
# Who runs next: the hypercall, read()'s return, the Launcher's two
# requests and the interrupt.
call(GX + BW, HX, 186, "hypercall", "LHCALL_NOTIFY")
call(HX + BW, LX, 218, "read() returns", "LGEXIT_NOTIFY")
call(LX, HX + BW, 352, "write()", "LHREQ_IRQ, irq")
call(LX, HX + BW, 396, "read() again", "")
call(HX, GX + BW, 424, "interrupt", "0x20 + irq")
# While one party works, the others wait.
lane_note(LANES[0][1], b2 + 6, 376, ["the Guest does not run:",
                                     "the Launcher is out",
                                     "of read()"])
lane_note(LANES[2][1], 40, 192, ["inside read():", "the Guest runs"])
lane_note(LANES[2][1], b5 + 6, BOT - 4, ["inside read() again"])
# Guest memory, which the Guest and the Launcher both touch.
MY = 478
s.rect(10, MY, W - 20, 104, "#fbfbf6", stroke="#444", rx=3)
s.text(W / 2, MY + 18, "Guest memory, mapped in the Launcher too: the virtqueue and the buffer (of these the Host sees only the ring's address)", 11.5, weight="bold")
RX = 310
for label, sub, w, fill in (("descriptors", "table", 90, GUEST),
                            ("available ring", "idx", 100, GUEST),
                            ("used ring", "idx", 90, USER)):
    s.rect(RX, MY + 30, w, 36, fill, rx=0)
    s.text(RX + w / 2, MY + 45, label, 10.5)
    s.mono(RX + w / 2, MY + 59, sub, 10, anchor="middle", fill=MUTED)
    RX += w
s.rect(350, MY + 72, 200, 22, GUEST, rx=0)
s.text(450, MY + 87, "the buffer: the line of text", 10.5)


def touch(points, n, tx, lines, anchor):
    """A dashed line from a step to what it reads or writes in memory."""
    d = "M" + " L".join(f"{x},{y}" for x, y in points)
    s.path(d, MUTED, 1.2, dash="4,3", end=False)
    x0, y0 = points[0]
    s.add(f'<circle cx="{x0}" cy="{y0}" r="2.5" fill="{MUTED}"/>')
    x, y = points[-1]
    number(x + (9 if anchor == "start" else -9), y, n)
    for k, t in enumerate(lines):
        s.text(tx, y + 4 + 14 * k, t, 10.5, anchor=anchor)


touch([(GX, 100), (22, 100), (22, MY + 70), (30, MY + 70)], "1", 53,
      ["writes the buffer, a descriptor,", "the available ring, avail->idx"],
      "start")
touch([(GX, 420), (36, 420), (36, MY + 40), (44, MY + 40)], "7", 67,
      ["reads used->idx and the used ring"], "start")
touch([(LX + BW, 250), (884, 250), (884, MY + 70), (876, MY + 70)], "4", 853,
      ["reads avail->idx, the", "descriptors and the buffer"], "end")
touch([(LX + BW, 330), (870, 330), (870, MY + 40), (862, MY + 40)], "5", 839,
      ["writes the used ring, used->idx"], "end")
s.text(10, H - 12, "Time runs down the page; each solid arrow is the moment another party takes over. Green in memory: written by the Guest; blue: by the Launcher.", 10.5, anchor="start", fill=MUTED)
s.write()
