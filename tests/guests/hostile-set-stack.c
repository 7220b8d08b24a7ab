/*
 * @test     hostile-set-stack
 * @summary  LHCALL_SET_STACK with a ring-0 stack segment (the Host's own data segment) gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed bad kernel stack segment 0x58
 */
#include "guest.h"

const char test_title[] = "a kernel stack in the Host's data segment kills the Guest";

void test_main(void)
{
	/* GDT entry 11 is the Host's data segment (LGUEST_DS), at ring 0:
	 * traps from ring 3 would push onto it with the Host's privilege. */
	hcall3(LHCALL_SET_STACK, 11 * 8, 0x3000, 1);
	test_failure("LHCALL_SET_STACK with selector 0x58 returned");
}
