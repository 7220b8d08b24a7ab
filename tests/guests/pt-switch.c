/*
 * @test     pt-switch
 * @summary  two page directories switched back and forth with LHCALL_NEW_PGTABLE, each seeing its own mappings, even when changed while not in use
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 */
#include "probe.h"

const char test_title[] = "page tables: two page directories, back and forth";

#define V 0x60000000u

static void expect_value(const char *what, u32 i, u32 want)
{
	u32 v;

	if (probe_read(V, &v))
		fail("%s %u: reading %x faulted (error %x)", what, i, V, caught.error);
	else if (v != want)
		fail("%s %u: %x holds %x, expected %x", what, i, V, v, want);
}

void test_main(void)
{
	u32 *a = pt_new_pgdir(PTE_P | PTE_W), *b = pt_new_pgdir(PTE_P | PTE_W);
	u32 *c = pt_new_pgdir(PTE_P | PTE_W);
	u32 *pa = alloc_page(), *pb = alloc_page(), *pc = alloc_page(), i, v;

	fill_page(pa, 0xAAAA0000);
	fill_page(pb, 0xBBBB0000);
	fill_page(pc, 0xCCCC0000);
	pt_switch(a);
	pt_set(a, V, __pa(pa) | PTE_P | PTE_W);
	pt_switch(b);
	pt_set(b, V, __pa(pb) | PTE_P | PTE_W);

	for (i = 0; i < 20; i++) {
		pt_switch(a);
		expect_value("directory A", i, 0xAAAA0000);
		pt_switch(b);
		expect_value("directory B", i, 0xBBBB0000);
	}

	/* Change A while B is in use: A must see it when it comes back. */
	pt_set(a, V, __pa(pc) | PTE_P | PTE_W);
	expect_value("B after changing A", 0, 0xBBBB0000);
	pt_switch(a);
	expect_value("A after its change", 0, 0xCCCC0000);

	/* A third directory without the mapping. */
	pt_switch(c);
	if (!probe_read(V, &v))
		fail("directory C: %x readable (%x) though C does not map it", V, v);
	else
		expect_pf("directory C", V, 0);
	pt_switch(b);
	expect_value("B at the end", 0, 0xBBBB0000);
}
