/*
 * @test     hostile-hcall-huge
 * @summary  the largest hypercall number, 0xffffffff, with every argument at its largest, gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed [Uu]nknown hypercall 4294967295
 */
#include "guest.h"

const char test_title[] = "hypercall 0xffffffff kills the Guest";

void test_main(void)
{
	hcall(0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
	test_failure("hypercall 0xffffffff returned");
}
