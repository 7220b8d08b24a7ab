/*
 * @test     hostile-idt-hostsel
 * @summary  an IDT entry whose selector is the Host's own code segment gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed bad IDT entry 6: 0x500000 0x8e00
 */
#include "guest.h"

const char test_title[] = "an interrupt gate into the Host's code segment kills the Guest";

void test_main(void)
{
	/* GDT entry 10, the Host's code segment (lg.h LGUEST_CS_ENTRY), ring 0. */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 6, (10u * 8) << 16, 0x8E00);
	test_failure("a gate into the Host's code segment was accepted");
}
