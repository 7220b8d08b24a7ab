/*
 * @test     hostile-pse
 * @summary  a 4 MB page in the Guest's page directory gets the Guest killed when used
 * @category hostile
 * @timeout  20
 * @expect   killed it uses a 4 MB page at 0x1000000
 */
#include "guest.h"

const char test_title[] = "a 4 MB page kills the Guest";

#define V 0x01000000u

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);

	pt_switch(pgdir);
	/* A large page would map 4 MB at once, whatever its frame: the Host
	 * only ever shadows 4 KB pages. */
	pgdir[V >> 22] = 0x00000000u | PTE_P | PTE_W | 0x80;
	hcall2(LHCALL_SET_PGD, __pa(pgdir), V >> 22);
	(void)*(volatile u32 *)V;
	test_failure("a read through a 4 MB page worked");
}
