/*
 * @test     trap-gp
 * @summary  #GP (vector 13) with its error code is reflected to the Guest
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "#GP reflected into the Guest, with its error code";

void test_main(void)
{
	/* hlt is privileged: at ring 1 it is #GP(0). */
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\thlt" ::: "memory");
		trap_uncatch();
		test_failure("hlt at privilege %u did not trap", kernel_cs & 3);
	}
	if (caught.vector != 13)
		fail("hlt: vector %u, expected 13 (#GP)", caught.vector);
	if (caught.eip != expect_eip)
		fail("hlt: saved eip %x, expected %x", caught.eip, expect_eip);
	if (caught.error != 0)
		fail("hlt: error code %x, expected 0", caught.error);

	/* A selector far beyond the GDT's limit: #GP(selector). */
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n\t"
			     "movl $0x1230, %%eax\n"
			     "1:\tmovl %%eax, %%fs" ::: "eax", "memory");
		trap_uncatch();
		test_failure("loading selector 0x1230 did not trap");
	}
	if (caught.vector != 13)
		fail("bad selector: vector %u, expected 13 (#GP)", caught.vector);
	if (caught.eip != expect_eip)
		fail("bad selector: saved eip %x, expected %x", caught.eip, expect_eip);
	if (caught.error != 0x1230)
		fail("bad selector: error code %x, expected 0x1230", caught.error);
}
