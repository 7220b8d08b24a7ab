/*
 * @test     hostile-init-twice
 * @summary  a second LHCALL_LGUEST_INIT, moving the shared page into the Switcher's area, gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed it called LHCALL_LGUEST_INIT twice
 */
#include "guest.h"

const char test_title[] = "LHCALL_LGUEST_INIT twice kills the Guest";

void test_main(void)
{
	hcall1(LHCALL_LGUEST_INIT, 0u - lguest_data.reserve_mem);
	test_failure("a second LHCALL_LGUEST_INIT returned");
}
