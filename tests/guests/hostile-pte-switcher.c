/*
 * @test     hostile-pte-switcher
 * @summary  LHCALL_SET_PTE for an address inside the Switcher's area gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed it tried to map 0x[0-9a-f]+, inside the Switcher's area
 */
#include "guest.h"

const char test_title[] = "mapping the Switcher's area kills the Guest";

void test_main(void)
{
	u32 top = 0u - lguest_data.reserve_mem;

	if (!lguest_data.reserve_mem)
		test_error("the Host reserves no memory at the top");
	printf("mapping %x, the start of the Switcher's area, to page 1\n", top);
	hcall3(LHCALL_SET_PTE, __pa(current_pgdir), top, 0x1000 | PTE_P | PTE_W);
	test_failure("LHCALL_SET_PTE at %x returned", top);
}
