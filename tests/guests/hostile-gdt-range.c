/*
 * @test     hostile-gdt-range
 * @summary  LHCALL_LOAD_GDT_ENTRY for entry 32, one past the GDT, gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed GDT entry 32 does not exist
 */
#include "guest.h"

const char test_title[] = "a GDT entry beyond the table kills the Guest";

void test_main(void)
{
	/* Entry 31 is the last one: a not-present entry there is harmless. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, 31, 0, 0);
	printf("entry 31 accepted; now entry 32\n");
	hcall3(LHCALL_LOAD_GDT_ENTRY, 32, 0x0000FFFF, 0x00CF9200);
	test_failure("LHCALL_LOAD_GDT_ENTRY 32 returned");
}
