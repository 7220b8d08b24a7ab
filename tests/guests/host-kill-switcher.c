/*
 * host-kill-switcher: mapping anything in the Switcher's area is fatal.
 *
 * @test     host-kill-switcher
 * @summary  a page-table entry inside the Switcher's area gets the Guest killed
 * @category functional
 * @timeout  30
 * @expect   killed Guest died: it tried to map .*inside the Switcher
 */
#include "guest.h"

const char test_title[] = "a page-table entry in the Switcher's area kills the Guest";

void test_main(void)
{
	u32 top = -lguest_data.reserve_mem;

	printf("reserve_mem %x: the Switcher's area starts at %x\n",
	       lguest_data.reserve_mem, top);
	if (!lguest_data.reserve_mem)
		test_failure("the Host did not say where the Switcher is");
	hcall(LHCALL_SET_PTE, 0, top, 0x1007, 0);
	test_failure("the Host let the Guest map %x", top);
}
