/*
 * @test     hostile-idt-bad
 * @summary  a task gate in the IDT gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed bad IDT entry 6: 0x[0-9a-f]+ 0x8500
 */
#include "guest.h"

const char test_title[] = "a task gate in the IDT kills the Guest";

void test_main(void)
{
	/* A task gate: switching tasks would hand the Guest a whole new
	 * processor state, TSS and all. */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 6, (16u * 8) << 16, 0x8500);
	test_failure("a task gate was accepted");
}
