/*
 * @test     hostile-pte-beyond
 * @summary  a page-table entry for the first page past Guest memory and its device page gets the Guest killed when used
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed it maps page 0x2001, beyond its memory
 */
#include "guest.h"

const char test_title[] = "a mapping beyond Guest memory kills the Guest";

#define V 0x00800000u

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);

	pt_switch(pgdir);
	/* 32 MB is pages 0 to 0x1fff; page 0x2000 is the Launcher's device
	 * page, which the Host lets us map; 0x2001 is nobody's. */
	pt_set(pgdir, V, 0x2001000u | PTE_P | PTE_W);
	printf("touching %x, mapped to page 0x2001\n", V);
	*(volatile u32 *)V = 0x12345678;
	test_failure("a write through a mapping of page 0x2001 worked");
}
