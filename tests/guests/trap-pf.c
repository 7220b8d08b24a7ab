/*
 * @test     trap-pf
 * @summary  a page fault the Guest's own page tables cause reaches it, with CR2 and error code
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "#PF reflected into the Guest, with cr2 and error code";

/* Nothing is mapped here: the Launcher maps memory at 0 and 0xC0000000. */
#define HOLE 0x80001234u

void test_main(void)
{
	volatile u32 *p = (volatile u32 *)HOLE;

	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tmovl (%0), %%eax"
			     : : "r"(p) : "eax", "memory");
		trap_uncatch();
		test_failure("reading %x did not fault", HOLE);
	}
	if (caught.vector != 14)
		fail("read: vector %u, expected 14 (#PF)", caught.vector);
	if (caught.cr2 != HOLE)
		fail("read: lguest_data.cr2 %x, expected %x", caught.cr2, HOLE);
	if (caught.error != 0)
		fail("read: error code %x, expected 0 (not present, read, supervisor)", caught.error);
	if (caught.eip != expect_eip)
		fail("read: saved eip %x, expected %x", caught.eip, expect_eip);

	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tmovl $1, 8(%0)"
			     : : "r"(p) : "memory");
		trap_uncatch();
		test_failure("writing %x did not fault", HOLE + 8);
	}
	if (caught.vector != 14)
		fail("write: vector %u, expected 14 (#PF)", caught.vector);
	if (caught.cr2 != HOLE + 8)
		fail("write: lguest_data.cr2 %x, expected %x", caught.cr2, HOLE + 8);
	if (caught.error != 2)
		fail("write: error code %x, expected 2 (not present, write, supervisor)", caught.error);
}
