# Draws book/figures/virtqueue.svg (see lib.py).
from lib import *
W, H = 820, 440
s = Svg("virtqueue", W, H, "A split virtqueue: descriptor table, available ring and used ring")
s.text(W / 2, 20, "One virtqueue at guest-physical pfn × 4096 (lguest_vqconfig.pfn): vring_size(num, 4096) bytes", 13, weight="bold")
X, CW = 34, 360
# descriptor table
y0 = 40
s.text(X, y0 + 14, "descriptor table: num × 16 bytes", 12, anchor="start", weight="bold")
s.text(X + CW, y0 + 14, "written by the Guest", 11, anchor="end", fill=GREEN)
hdr = ["", "addr (u64)", "len (u32)", "flags", "next"]
cx = [X, X + 40, X + 160, X + 240, X + 310, X + CW]
y = y0 + 22
for i, h in enumerate(hdr):
    s.text((cx[i] + cx[i + 1]) / 2, y + 13, h, 10.5, fill=MUTED)
rows = [("0", "", "", "", ""), ("...", "", "", "", ""),
        ("3", "0x1f3000", "16", "NEXT", "7"), ("...", "", "", "", ""),
        ("7", "0x1f4000", "512", "WRITE", ""), ("...", "", "", "", "")]
y += 18
for r in rows:
    hot = r[1] != ""
    for i, v in enumerate(r):
        s.rect(cx[i], y, cx[i + 1] - cx[i], 20, GUEST if hot else "#eef6ee", rx=0)
        if i == 0:
            s.text((cx[i] + cx[i + 1]) / 2, y + 14, v, 10.5, fill=MUTED)
        else:
            s.mono((cx[i] + cx[i + 1]) / 2, y + 14, v, 10.5, anchor="middle")
    y += 20
desc3_y, desc7_y = y0 + 40 + 2 * 20 + 10, y0 + 40 + 4 * 20 + 10
# available ring
y += 14
s.text(X, y + 12, "available ring", 12, anchor="start", weight="bold")
s.text(X + CW, y + 12, "written by the Guest", 11, anchor="end", fill=GREEN)
y += 18
cells = [("flags", 46), ("idx: 5", 50), ("ring[num]: heads ... 3 ...", 190), ("used_event", 74)]
x = X
for t, w in cells:
    s.rect(x, y, w, 24, GUEST, rx=0)
    s.text(x + w / 2, y + 16, t, 10)
    x += w
avail_y = y + 12
y += 34
s.rect(X, y, CW, 20, NONE, dash="4,3", rx=0)
s.text(X + CW / 2, y + 14, "padding up to the next 4096-byte boundary", 10.5, fill=MUTED)
y += 30
s.text(X, y + 12, "used ring", 12, anchor="start", weight="bold")
s.text(X + CW, y + 12, "written by the Launcher", 11, anchor="end", fill=ACCENT)
y += 18
cells = [("flags", 46), ("idx: 5", 50), ("ring[num]: {id, len} ... {3, 200}", 190), ("avail_event", 74)]
x = X
for t, w in cells:
    s.rect(x, y, w, 24, USER, rx=0)
    s.text(x + w / 2, y + 16, t, 10)
    x += w
used_y = y + 12
# buffers in guest memory
BX = 500
s.rect(BX, 70, 260, 40, GUEST)
s.text(BX + 130, 87, "request (the Launcher reads it)", 11)
s.mono(BX + 130, 102, "0x1f3000, 16 bytes", 10, anchor="middle", fill=MUTED)
s.rect(BX, 150, 260, 40, USER)
s.text(BX + 130, 167, "reply buffer (the Launcher writes it)", 11)
s.mono(BX + 130, 182, "0x1f4000, 512 bytes", 10, anchor="middle", fill=MUTED)
s.text(BX + 130, 60, "elsewhere in Guest memory", 11, fill=MUTED)
s.path(f"M{X + CW + 2},{desc3_y} C{440},{desc3_y} 440,90 {BX - 2},90", GREEN, 1.4)
s.path(f"M{X + CW + 2},{desc7_y} C{440},{desc7_y} 450,170 {BX - 2},170", GREEN, 1.4)
s.path(f"M{X + 2},{desc3_y} C{X - 18},{desc3_y} {X - 18},{desc7_y} {X + 2},{desc7_y}", ACCENT, 1.2)
s.text(X - 14, (desc3_y + desc7_y) / 2 + 4, "next", 9.5, anchor="middle", fill=ACCENT, rotate=-90)
# steps
sy = 240
steps = [
 ("1", "The Guest fills descriptors 3 and 7, puts the head, 3, in the", "next slot of the available ring, raises idx, and makes", "LHCALL_NOTIFY with the ring's address."),
 ("2", "The Launcher sees idx ahead of its own last_avail, takes the", "head, walks the chain and checks every addr and len", "against Guest memory before it touches a byte."),
 ("3", "When done, it writes {3, bytes written} in the used ring,", "raises its idx and writes LHREQ_IRQ: the Guest's interrupt", "32 + irq says that buffers came back."),
]
for n, a, b, c in steps:
    s.add(f'<circle cx="{BX - 50}" cy="{sy - 4}" r="9" fill="{ACCENT}"/>')
    s.text(BX - 50, sy, n, 11, fill="#fff", weight="bold")
    for k, t in enumerate((a, b, c)):
        s.text(BX - 34, sy + k * 15, t, 10.5, anchor="start")
    sy += 62
s.text(X, H - 12, "Legacy virtio, as this Launcher offers it: no indirect descriptors, no event index (used_event and avail_event stay unused).", 10.5, anchor="start", fill=MUTED)
s.write()
