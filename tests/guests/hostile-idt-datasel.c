/*
 * @test     hostile-idt-datasel
 * @summary  a trap through an IDT entry whose selector is a data segment gets the Guest killed, not run with a data segment as CS
 * @category hostile
 * @timeout  20
 * @expect   killed bad code segment 0x69
 */
#include "guest.h"

const char test_title[] = "a gate with a data segment selector";

extern const u32 trap_stubs[64];

void test_main(void)
{
	u32 a = trap_stubs[6];

	/* Our own #UD handler, but through the data segment (0x69). */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 6, (kernel_ds << 16) | (a & 0xFFFF),
	       (a & 0xFFFF0000) | 0x8F00 | (1 << 13));
	printf("gate 6 now uses selector %x; ud2\n", kernel_ds);
	asm volatile("ud2");
	test_failure("ud2 through a gate with a data segment returned");
}
