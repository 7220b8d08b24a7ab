/*
 * @test     hostile-shutdown-msg
 * @summary  LHCALL_SHUTDOWN with its message just past Guest memory and its device page gets the Guest killed, not a read beyond
 * @category hostile
 * @timeout  20
 * @expect   killed shutdown message at 0x2001000 is outside its memory
 */
#include "guest.h"

const char test_title[] = "a shutdown message outside memory";

void test_main(void)
{
	/* 32 MB of memory and one device page: 0x2001000 is nobody's. */
	hcall2(LHCALL_SHUTDOWN, 0x2001000u, LGUEST_SHUTDOWN_POWEROFF);
	test_failure("LHCALL_SHUTDOWN with its message at 0x2001000 returned");
}
