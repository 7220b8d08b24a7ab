/*
 * @test     pt-wp
 * @summary  write protection in the Guest's page tables: writes fault with error code 3 until the page is made writable, and again after
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "probe.h"

const char test_title[] = "page tables: write protection";

#define V 0x50000000u

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);
	u32 *page = alloc_page(), v;

	fill_page(page, 0x77770000);
	pt_switch(pgdir);
	pt_set(pgdir, V, __pa(page) | PTE_P);

	if (probe_read(V + 4, &v) || v != 0x77770001)
		fail("reading the read-only page failed (trap %u, value %x)", caught.vector, v);
	if (!probe_write(V + 4, 1))
		fail("writing the read-only page did not fault");
	else
		expect_pf("write to read-only", V + 4, 3);
	if (page[1] != 0x77770001)
		fail("the read-only page changed to %x", page[1]);

	/* Writable now. */
	pt_set(pgdir, V, __pa(page) | PTE_P | PTE_W);
	flush_tlb();
	if (probe_write(V + 4, 0x5a5a))
		fail("writing after making the page writable faulted (error %x)", caught.error);
	else if (page[1] != 0x5a5a)
		fail("the write did not reach the page");

	/* And read-only again: the Host must drop its writable shadow entry. */
	pt_set(pgdir, V, __pa(page) | PTE_P);
	flush_tlb();
	if (!probe_write(V + 8, 2))
		fail("writing after write-protecting again did not fault");
	else
		expect_pf("write after protecting again", V + 8, 3);
	if (page[2] != 0x77770002)
		fail("the protected page changed to %x", page[2]);

	/* Our own 1:1 map of the page was writable all along. */
	page[3] = 0x1234;
	if (probe_read(V + 12, &v) || v != 0x1234)
		fail("the read-only view does not show the 1:1 write (%x)", v);
}
