/*
 * host-segments: what the Host does to the Guest's segments.  A ring 0
 * code segment is lowered to ring 1, a call gate is refused, the
 * Switcher's own entries can be neither replaced nor used, a segment
 * register whose descriptor vanished comes back null, TLS entries work, and
 * SYSENTER faults.
 *
 * @test     host-segments
 * @summary  what the Host does to the Guest's segments: ring 0 lowered to 1, call gates refused, its own entries untouchable, a vanished descriptor read as null, TLS entries, SYSENTER
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "segments: ring 0 lowered, no gates, Host entries untouchable";

static u32 tls[6];
static u32 magic = 0x600DF00D;

void test_main(void)
{
	u32 cs, gs;

	/* A ring 0 code segment in entry 20: jumping there leaves us at 1. */
	hcall(LHCALL_LOAD_GDT_ENTRY, 20, 0x0000FFFF, 0x00CF9A00, 0);
	asm volatile("ljmp $0xa0, $1f\n1:\tmovl %%cs, %0" : "=r"(cs));
	if (cs != 0xa1)
		fail("far jump to a ring 0 segment: cs %x, expected a1", cs);
	asm volatile("pushl %0\n\tpushl $1f\n\tlret\n1:" : : "r"(kernel_cs) : "memory");

	/* A call gate to the Switcher's segment: stored as nothing. */
	hcall(LHCALL_LOAD_GDT_ENTRY, 21, (0x50 << 16) | 0x1000, 0x0000EC00, 0);
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tlcall $0xa8, $0" ::: "memory");
		trap_uncatch();
		test_failure("a call through a Guest call gate did not fault");
	}
	if (caught.vector != 11 && caught.vector != 13)
		fail("call gate: vector %u, expected 11 or 13", caught.vector);

	/* LGUEST_CS cannot be replaced, nor reached from ring 1. */
	hcall(LHCALL_LOAD_GDT_ENTRY, 10, 0x0000FFFF, 0x00CFFA00, 0);
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tljmp $0x50, $0" ::: "memory");
		trap_uncatch();
		test_failure("a far jump to LGUEST_CS did not fault");
	}
	if (caught.vector != 13)
		fail("far jump to LGUEST_CS: vector %u, expected 13", caught.vector);

	/* A TLS entry with a base: %gs:0 reads the word at that base. */
	tls[2] = ((__pa(&magic) & 0xFFFF) << 16) | 0xFFFF;
	tls[3] = (__pa(&magic) & 0xFF000000) | 0x00CFF200 |
		 ((__pa(&magic) >> 16) & 0xFF);
	hcall(LHCALL_LOAD_TLS, __pa(tls), 0, 0, 0);
	asm volatile("movl %1, %%gs\n\tmovl %%gs:0, %0"
		     : "=r"(gs) : "r"(7 * 8 + 3));
	if (gs != magic)
		fail("%%gs:0 through a TLS entry read %x, expected %x", gs, magic);

	/* %gs holds a TLS entry that then disappears. */
	memset(tls, 0, sizeof(tls));
	tls[0] = 0x0000FFFF;
	tls[1] = 0x00CFF200;
	hcall(LHCALL_LOAD_TLS, __pa(tls), 0, 0, 0);
	asm volatile("movl %0, %%gs" : : "r"(6 * 8 + 3));
	memset(tls, 0, sizeof(tls));
	hcall(LHCALL_LOAD_TLS, __pa(tls), 0, 0, 0);
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	asm volatile("movl %%gs, %0" : "=r"(gs));
	if (gs != 0)
		fail("%%gs is %x after its descriptor vanished, expected 0", gs);

	/* SYSENTER_CS is zero while a Guest runs: sysenter faults. */
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tsysenter" ::: "memory");
		trap_uncatch();
		test_failure("sysenter did not fault");
	}
	if (caught.vector != 13)
		fail("sysenter: vector %u, expected 13", caught.vector);
}
