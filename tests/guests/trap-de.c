/*
 * @test     trap-de
 * @summary  a divide error (#DE, vector 0) is reflected to the Guest's handler
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "#DE reflected into the Guest";

void test_main(void)
{
	volatile u32 zero = 0;
	u32 i;

	/* Twice: a handler that runs once could be luck. */
	for (i = 0; i < 2; i++) {
		if (!trap_catch()) {
			asm volatile("movl $1f, expect_eip\n\t"
				     "movl $7, %%eax\n\t"
				     "xorl %%edx, %%edx\n"
				     "1:\tdivl %0" : : "r"(zero) : "eax", "edx", "memory");
			trap_uncatch();
			test_failure("dividing by zero did not trap");
		}
		if (caught.vector != 0)
			fail("vector %u, expected 0 (#DE)", caught.vector);
		if (caught.eip != expect_eip)
			fail("saved eip %x, expected the div at %x", caught.eip, expect_eip);
		if ((caught.cs & 3) != (kernel_cs & 3))
			fail("saved cs %x, expected privilege %u", caught.cs, kernel_cs & 3);
	}
}
