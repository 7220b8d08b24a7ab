/*
 * @test     hostile-idt-range
 * @summary  LHCALL_LOAD_IDT_ENTRY for vector 256, one past the table, gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed IDT entry 256 does not exist
 */
#include "guest.h"

const char test_title[] = "an IDT entry beyond the table kills the Guest";

void test_main(void)
{
	/* Vector 255 is the last one: the Host must accept it. */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 255, 0, 0);
	printf("vector 255 accepted; now vector 256\n");
	hcall3(LHCALL_LOAD_IDT_ENTRY, 256, (kernel_cs << 16), 0x8E00);
	test_failure("LHCALL_LOAD_IDT_ENTRY 256 returned");
}
