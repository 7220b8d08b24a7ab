/*
 * @test     hostile-idt-wild
 * @summary  IDT entries pointing at unmapped addresses and past Guest memory are page faults for the Guest, which goes on; one pointing at the Switcher gets it killed
 * @category hostile
 * @timeout  20
 * @expect   killed (?s)every wild gate gave a page fault.*instruction pointer 0x[0-9a-f]+ (is in the Switcher's area|beyond its segment)
 */
#include "guest.h"

const char test_title[] = "IDT entries pointing anywhere";

static void try_target(u32 target)
{
	u32 lo = (kernel_cs << 16) | (target & 0xFFFF);
	u32 hi = (target & 0xFFFF0000) | 0x8F00 | (1 << 13);

	hcall3(LHCALL_LOAD_IDT_ENTRY, 6, lo, hi);
	if (!trap_catch()) {
		asm volatile("ud2");
		trap_uncatch();
		fail("ud2 with gate 6 at %x did not trap", target);
		return;
	}
	if (caught.vector == 13 && target >= 0u - lguest_data.reserve_mem)
		return;		/* beyond the limit of our code segment */
	if (caught.vector != 14 || caught.eip != target || caught.cr2 != target)
		fail("gate 6 at %x: trap %u at %x, cr2 %x; expected a page fault there",
		     target, caught.vector, caught.eip, caught.cr2);
}

void test_main(void)
{
	u32 top = 0u - lguest_data.reserve_mem;

	if (!lguest_data.reserve_mem)
		test_error("the Host reserves no memory at the top");
	try_target(0xDEAD0000u);
	try_target(0x40000000u);	/* 1 GB: beyond our 32 MB, unmapped */
	try_target(0x03000000u);	/* 48 MB, past our memory */
	if (!failures)
		printf("every wild gate gave a page fault\n");
	/* The Switcher itself: the Host must not run it at our privilege. */
	printf("gate 6 at %x, the Switcher\n", top);
	try_target(top);
	test_failure("a gate into the Switcher was followed (failures: %u)", failures);
}
