/*
 * host-kill-frame: a page-table entry beyond the Guest's memory is fatal.
 *
 * @test     host-kill-frame
 * @summary  a page-table entry beyond the Guest's memory gets it killed
 * @category functional
 * @timeout  30
 * @expect   killed Guest died: it maps page 0x7fff0, beyond its memory
 */
#include "guest.h"

const char test_title[] = "mapping a page beyond its memory kills the Guest";

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(7);

	pt_switch(pgdir);
	pt_set(pgdir, 0x50000000, 0x7FFF0000 | 7);
	printf("read %x\n", *(volatile u32 *)0x50000000);
	test_failure("the Host mapped a page beyond the Guest's memory");
}
