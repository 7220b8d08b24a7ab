/*
 * @test     hostile-pte-far
 * @summary  a page-table entry for the last page of the address space gets the Guest killed when used
 * @category hostile
 * @timeout  20
 * @expect   killed it maps page 0xfffff, beyond its memory
 */
#include "guest.h"

const char test_title[] = "a mapping of page 0xfffff kills the Guest";

#define V 0x00800000u

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);

	pt_switch(pgdir);
	pt_set(pgdir, V, 0xFFFFF000u | PTE_P | PTE_U);
	printf("reading %x, mapped to page 0xfffff\n", V);
	(void)*(volatile u32 *)V;
	test_failure("a read through a mapping of page 0xfffff worked");
}
