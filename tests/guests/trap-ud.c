/*
 * @test     trap-ud
 * @summary  an invalid opcode (#UD, vector 6) is reflected to the Guest's handler
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "#UD reflected into the Guest";

void test_main(void)
{
	u32 i;

	for (i = 0; i < 2; i++) {
		if (!trap_catch()) {
			asm volatile("movl $1f, expect_eip\n1:\tud2" ::: "memory");
			trap_uncatch();
			test_failure("ud2 did not trap");
		}
		if (caught.vector != 6)
			fail("vector %u, expected 6 (#UD)", caught.vector);
		if (caught.eip != expect_eip)
			fail("saved eip %x, expected the ud2 at %x", caught.eip, expect_eip);
		if (caught.error != 0)
			fail("error code %x where the processor pushes none", caught.error);
	}
}
