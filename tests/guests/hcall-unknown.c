/*
 * @test     hcall-unknown
 * @summary  a hypercall number the Host does not know gets the Guest killed, with a reason the Launcher prints
 * @category hostile
 * @timeout  20
 * @expect   killed [Uu]nknown hypercall 999
 */
#include "guest.h"

const char test_title[] = "an unknown hypercall kills the Guest";

void test_main(void)
{
	printf("making hypercall 999\n");
	hcall0(999);
	/* Still alive: the Host let it pass. */
	test_failure("hypercall 999 returned");
}
