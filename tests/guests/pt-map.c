/*
 * @test     pt-map
 * @summary  the Guest's own page tables: map, unmap and remap pages and whole page tables
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "probe.h"

const char test_title[] = "page tables: map, unmap, remap";

#define V1 0x40000000u
#define V2 0x40400000u		/* another page table */

static void expect_value(const char *what, u32 va, u32 want)
{
	u32 v;

	if (probe_read(va, &v))
		fail("%s: reading %x faulted (trap %u, error %x, cr2 %x)", what, va,
		     caught.vector, caught.error, caught.cr2);
	else if (v != want)
		fail("%s: %x holds %x, expected %x", what, va, v, want);
}

static void expect_fault(const char *what, u32 va)
{
	u32 v;

	if (!probe_read(va, &v))
		fail("%s: reading %x gave %x instead of faulting", what, va, v);
	else
		expect_pf(what, va, 0);
}

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);
	u32 *p1 = alloc_page(), *p2 = alloc_page();
	u32 i;

	fill_page(p1, 0x11110000);
	fill_page(p2, 0x22220000);
	pt_switch(pgdir);
	/* We are still running: our own 1:1 map works. */
	expect_value("1:1 map", (u32)&p1[5], 0x11110005);

	expect_fault("before mapping", V1);
	pt_set(pgdir, V1, __pa(p1) | PTE_P | PTE_W);
	expect_value("mapped", V1 + 8, 0x11110002);
	if (!probe_write(V1 + 12, 0xabcdef))
		if (p1[3] != 0xabcdef)
			fail("a write through %x did not reach the page (%x)", V1 + 12, p1[3]);

	/* Unmap: the Host must forget its shadow entry. */
	pt_set(pgdir, V1, 0);
	flush_tlb();
	expect_fault("unmapped", V1);

	/* Remap to another page, then back without unmapping first. */
	pt_set(pgdir, V1, __pa(p2) | PTE_P | PTE_W);
	expect_value("remapped", V1 + 4, 0x22220001);
	pt_set(pgdir, V1, __pa(p1) | PTE_P | PTE_W);
	flush_tlb();
	expect_value("remapped back", V1 + 4, 0x11110001);

	/* Many pages in a second page table, then the whole table removed. */
	for (i = 0; i < 16; i++)
		pt_set(pgdir, V2 + i * PAGE_SIZE, __pa(i & 1 ? p2 : p1) | PTE_P);
	for (i = 0; i < 16; i++)
		expect_value("second table", V2 + i * PAGE_SIZE + 16,
			     (i & 1 ? 0x22220004 : 0x11110004));
	pgdir[V2 >> 22] = 0;
	hcall2(LHCALL_SET_PGD, __pa(pgdir), V2 >> 22);
	flush_tlb();
	expect_fault("page table removed", V2 + 5 * PAGE_SIZE);
	expect_value("other table untouched", V1, 0x11110000);
}
