/*
 * @test     hostile-pgd-beyond
 * @summary  a page-directory entry whose page table lies far beyond Guest memory gets the Guest killed when the Host walks it
 * @category hostile
 * @timeout  20
 * @expect   killed read of 4 bytes at 0x40000[0-9a-f]{3} is outside its memory
 */
#include "guest.h"

const char test_title[] = "a page table outside memory kills the Guest";

#define V 0x00800000u

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);

	pt_switch(pgdir);
	/* The Host reads our page tables itself: this one is at 1 GB. */
	pgdir[V >> 22] = 0x40000000u | PTE_P | PTE_W;
	hcall2(LHCALL_SET_PGD, __pa(pgdir), V >> 22);
	(void)*(volatile u32 *)V;
	test_failure("a read through a page table at 1 GB worked");
}
