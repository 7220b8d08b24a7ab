/*
 * @test     hostile-fault-loop
 * @summary  a page-fault handler that itself faults, on a stack that runs down to the bottom of memory and wraps: the Guest is killed when the stack leaves its memory
 * @category hostile
 * @timeout  30
 * @expect   killed its stack at 0x[0-9a-f]+ is not mapped
 */
#include "guest.h"

const char test_title[] = "faults while delivering faults, until the stack runs out";

void test_main(void)
{
	/* #PF handler at an unmapped address: each delivery faults again,
	 * pushing 16 more bytes.  A low stack keeps the run short. */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 14, (kernel_cs << 16) | 0x0000,
	       0xDEAD0000u | 0x8F00 | (1 << 13));
	printf("gate 14 at 0xdead0000, stack at 0x3000, then a read of 0xdead0000\n");
	asm volatile("movl $0x3000, %%esp\n\t"
		     "movl 0xDEAD0000, %%eax" ::: "eax", "memory");
	test_failure("a fault loop returned");
}
