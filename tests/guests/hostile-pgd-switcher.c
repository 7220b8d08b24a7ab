/*
 * @test     hostile-pgd-switcher
 * @summary  LHCALL_SET_PGD for the last page-directory entry, the Switcher's, gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed it tried to set page directory entry 1023
 */
#include "guest.h"

const char test_title[] = "setting the Switcher's page-directory entry kills the Guest";

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);

	pt_switch(pgdir);
	hcall2(LHCALL_SET_PGD, __pa(pgdir), 1023);
	test_failure("LHCALL_SET_PGD 1023 returned");
}
