// SPDX-License-Identifier: GPL-2.0
#line 3281 "host.nw"
/*
 * lg.ko, the lguest Host: the Guest's segments.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/string.h>
#include "lg.h"

/* lowering and checking */
#line 3042 "host.nw"
static bool lg_host_entry(unsigned int i)
{
	return i == LGUEST_CS_ENTRY || i == LGUEST_DS_ENTRY || i == GDT_ENTRY_TSS;
}

static void lg_set_gdt(struct lguest *lg, unsigned int i, u32 lo, u32 hi)
{
	struct desc_struct *d = &lg->gdt[i];
	u32 words[2] = { lo, hi };

	memcpy(d, words, sizeof(*d));
	if (!d->p)
		return;
	if (!d->s) {
		memset(d, 0, sizeof(*d));
		return;
	}
	if (d->dpl == 0)
		d->dpl = 1;
	d->type |= 1;
}

/* Guest selectors */
#line 3119 "host.nw"
bool lg_guest_selector(u32 sel)
{
	unsigned int i = (sel & 0xFFFF) >> 3;

	return !(sel & 4) && i && i < GDT_ENTRIES && !lg_host_entry(i);
}

/* hypercalls */
#line 3092 "host.nw"
void lg_load_gdt_entry(struct lguest *lg, u32 i, u32 lo, u32 hi)
{
	if (i >= GDT_ENTRIES) {
		lg_kill(lg, "GDT entry %u does not exist", i);
		return;
	}
	if (!lg_host_entry(i))
		lg_set_gdt(lg, i, lo, hi);
}

void lg_load_tls(struct lguest *lg, u32 gpa)
{
	u32 tls[GDT_ENTRY_TLS_ENTRIES][2];
	unsigned int i;

	if (!lg_read(lg, gpa, tls, sizeof(tls)))
		return;
	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		lg_set_gdt(lg, GDT_ENTRY_TLS_MIN + i, tls[i][0], tls[i][1]);
}

/* the first GDT */
#line 3133 "host.nw"
void lg_init_segments(struct lguest *lg)
{
	static const u32 flat[][2] = {
		[GDT_ENTRY_KERNEL_CS] = { 0x0000FFFF, 0x00CF9A00 },
		[GDT_ENTRY_KERNEL_DS] = { 0x0000FFFF, 0x00CF9200 },
		[GDT_ENTRY_DEFAULT_USER_CS] = { 0x0000FFFF, 0x00CFFA00 },
		[GDT_ENTRY_DEFAULT_USER_DS] = { 0x0000FFFF, 0x00CFF200 },
	};
	unsigned int i;

	for (i = GDT_ENTRY_KERNEL_CS; i < ARRAY_SIZE(flat); i++)
		lg_set_gdt(lg, i, flat[i][0], flat[i][1]);
	lg->regs.cs = __KERNEL_CS | 1;
	lg->regs.ds = __KERNEL_DS | 1;
	lg->regs.es = __KERNEL_DS | 1;
	lg->regs.ss = __KERNEL_DS | 1;
}

/* the last check */
#line 3171 "host.nw"
static struct desc_struct *lg_desc(struct lguest *lg, u32 sel)
{
	unsigned int i = (sel & 0xFFFF) >> 3;

	if (!lg_guest_selector(sel) || !lg->gdt[i].p || !lg->gdt[i].s)
		return NULL;
	return &lg->gdt[i];
}

static void lg_check_data_seg(struct lguest *lg, u32 *sel)
{
	struct desc_struct *d;

	*sel &= 0xFFFF;
	if ((*sel & ~3) == 0)
		return;
	d = lg_desc(lg, *sel);
	if (d && (!(d->type & 8) || (d->type & 2)) &&
	    ((d->type & 0xC) == 0xC || d->dpl >= (*sel & 3)))
		return;
	*sel = 0;
}

#line 3203 "host.nw"
bool lg_check_segments(struct lguest *lg)
{
	struct lg_regs *r = &lg->regs;
	struct desc_struct *cs, *ss;
	u32 rpl = r->cs & 3, limit;

	lg_check_data_seg(lg, &r->ds);
	lg_check_data_seg(lg, &r->es);
	lg_check_data_seg(lg, &r->fs);
	lg_check_data_seg(lg, &r->gs);
	r->cs &= 0xFFFF;
	r->ss &= 0xFFFF;
	/* turn interrupts on, I/O privilege off, and every flag that changes iret off */
#line 3232 "host.nw"
	r->eflags = (r->eflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM | X86_EFLAGS_NT |
				   X86_EFLAGS_VIF | X86_EFLAGS_VIP)) |
		    X86_EFLAGS_IF | X86_EFLAGS_FIXED;

#line 3217 "host.nw"
	cs = lg_desc(lg, r->cs);
	ss = lg_desc(lg, r->ss);
	/* kill a Guest whose code segment or instruction pointer is bad */
#line 3247 "host.nw"
	if (rpl == 0 || rpl == 2 || !cs || (cs->type & 0xC) != 0x8 ||
	    cs->dpl != rpl) {
		lg_kill(lg, "bad code segment %#x", r->cs);
		return false;
	}
	limit = get_desc_limit(cs);
	if (cs->g)
		limit = (limit << 12) | 0xFFF;
	if (r->eip > limit) {
		lg_kill(lg, "instruction pointer %#x beyond its segment", r->eip);
		return false;
	}
	if (r->eip >= -lg_reserve_mem()) {
		lg_kill(lg, "instruction pointer %#x is in the Switcher's area",
			r->eip);
		return false;
	}
	/* kill a Guest whose stack segment is bad */
#line 3270 "host.nw"
	if (!ss || (r->ss & 3) != rpl || (ss->type & 0xA) != 0x2 ||
	    ss->dpl != rpl) {
		lg_kill(lg, "bad stack segment %#x", r->ss);
		return false;
	}
#line 3221 "host.nw"
	return true;
}
