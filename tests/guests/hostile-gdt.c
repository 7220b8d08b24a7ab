/*
 * @test     hostile-gdt
 * @summary  GDT entries with DPL 0, call gates, TSS and LDT descriptors, and segments reaching the Host: the Host lowers or refuses them, and the Guest goes on at its own privilege
 * @category hostile
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "hostile GDT entries";

#define E 20	/* a free GDT entry (Linux leaves 20-22 to user space) */

/* Load `sel` into %fs: 0 if it loaded, else the trap's vector. */
static __attribute__((noinline)) u32 load_fs(u32 sel)
{
	u32 got;

	if (!trap_catch()) {
		asm volatile("movl %0, %%fs" :: "r"(sel));
		trap_uncatch();
		asm volatile("movl %%fs, %0" : "=r"(got));
		asm volatile("movl %0, %%fs" :: "r"(0));
		return got == (sel & 0xFFFF) ? 0 : 0x100;
	}
	asm volatile("movl %0, %%fs" :: "r"(0));
	return caught.vector;
}

static __attribute__((noinline)) u32 dpl_of(u32 sel)
{
	u32 ar, ok;

	asm volatile("larl %2, %0\n\tsetz %b1\n\tmovzbl %b1, %1"
		     : "=r"(ar), "=q"(ok) : "r"(sel), "0"(0));
	return ok ? (ar >> 13) & 3 : 0xFF;
}

void test_main(void)
{
	u32 sel = E * 8 | 1, v, d, top = 0u - lguest_data.reserve_mem;

	/* A data segment with DPL 0: the Host must raise it to 1, so that we
	 * can load it with RPL 1 (with DPL 0 we could not, at privilege 1). */
	hcall3(LHCALL_LOAD_GDT_ENTRY, E, 0x0000FFFF, 0x00CF9200);
	d = dpl_of(sel);
	if (d != 1)
		fail("DPL 0 data segment: DPL is %u after loading, expected 1", d);
	if ((v = load_fs(sel)) != 0)
		fail("DPL 0 data segment, lowered: loading it trapped (%u)", v);

	/* A DPL 0 code segment: a far jump there would put us in ring 0. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, E, 0x0000FFFF, 0x00CF9A00);
	d = dpl_of(E * 8);
	if (d == 0)
		fail("DPL 0 code segment kept its DPL 0");

	/* System descriptors: a call gate into the Host's code segment, a
	 * TSS, an LDT.  None may be present in the GDT the Guest runs on. */
	static const struct { const char *what; u32 lo, hi; } sys[] = {
		{ "call gate", (10u * 8) << 16, 0x0000EC00 },
		{ "32-bit TSS", 0x00000067, 0x00008900 },
		{ "busy TSS", 0x00000067, 0x00008B00 },
		{ "LDT", 0x0000FFFF, 0x0000E200 },
		{ "task gate", (16u * 8) << 16, 0x0000E500 },
		{ "interrupt gate", (10u * 8) << 16, 0x0000EE00 },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(sys); i++) {
		hcall3(LHCALL_LOAD_GDT_ENTRY, E, sys[i].lo, sys[i].hi);
		d = dpl_of(E * 8 | 3);
		if (d != 0xFF)
			fail("%s: the GDT holds it (lar gives DPL %u)", sys[i].what, d);
		if (i == 0) {
			/* Through the call gate, if it were there. */
			static u32 target[2];

			target[0] = 0;
			target[1] = E * 8 | 1;
			if (!trap_catch()) {
				asm volatile("lcall *%0" :: "m"(target) : "memory");
				trap_uncatch();
				fail("a far call through a call gate returned");
			} else if (caught.vector != 13 && caught.vector != 11) {
				fail("call gate: trap %u, expected #GP or #NP", caught.vector);
			}
		}
	}

	/* The LDT is empty: a selector with TI set must not load. */
	if ((v = load_fs(8 | 4 | 1)) != 13)
		fail("LDT selector: %s %u, expected #GP", v ? "trap" : "loaded", v);

	/* The Host's own entries: its code and data segments (10, 11) and
	 * its TSS (16) are not the Guest's to change or to load. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, 11, 0x0000FFFF, 0x00CFF200);
	if ((v = load_fs(11 * 8 | 1)) != 13)
		fail("the Host's data segment: %s %u, expected #GP", v ? "trap" : "loaded", v);
	if ((v = load_fs(16 * 8 | 1)) != 13)
		fail("the Host's TSS: %s %u, expected #GP", v ? "trap" : "loaded", v);

	/* A segment whose limit reaches into the Host: base 0, 4 GB at DPL 3.
	 * The Switcher at the top is the Host's only page in our address
	 * space: through this segment it must fault (#GP from a lowered
	 * limit, or #PF). */
	hcall3(LHCALL_LOAD_GDT_ENTRY, E, 0x0000FFFF, 0x00CFF200);
	if ((v = load_fs(E * 8 | 3)) != 0)
		fail("a 4 GB data segment did not load (%u)", v);
	if (!trap_catch()) {
		asm volatile("movl %0, %%fs\n\tmovl %%fs:(%2), %%eax\n\tmovl %1, %%fs"
			     :: "r"(E * 8 | 3), "r"(0), "r"(top) : "eax");
		trap_uncatch();
		fail("a read of %x, the Switcher, worked", top);
	} else {
		asm volatile("movl %0, %%fs" :: "r"(0));
		if (caught.vector != 14 && caught.vector != 13)
			fail("reading %x: trap %u, expected #GP or #PF", top, caught.vector);
	}
	printf("the Host tamed every descriptor\n");
}
