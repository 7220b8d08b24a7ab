/*
 * @test     hostile-pgdir-bad
 * @summary  LHCALL_NEW_PGTABLE with a page directory beyond Guest memory gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed bad page directory 0x2000000
 */
#include "guest.h"

const char test_title[] = "a page directory outside memory kills the Guest";

void test_main(void)
{
	printf("switching to a page directory at 0x2000000, the end of memory\n");
	hcall1(LHCALL_NEW_PGTABLE, 0x2000000u);
	test_failure("LHCALL_NEW_PGTABLE 0x2000000 returned");
}
