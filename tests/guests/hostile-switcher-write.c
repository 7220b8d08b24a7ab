/*
 * @test     hostile-switcher-write
 * @summary  reads and writes aimed at the Switcher's area, directly, through the Guest's own page directory entry for it and through a segment based there, are faults for the Guest (#PF, or #GP from a segment limit) and nothing more
 * @category hostile
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"
#include "probe.h"

const char test_title[] = "the Switcher's area cannot be touched";

static void expect_fault(const char *what, u32 va, int write)
{
	u32 v = 0;
	int trapped = write ? probe_write(va, 0xBADC0DE) : probe_read(va, &v);

	if (!trapped)
		fail("%s: %s %x worked (read %x)", what, write ? "write to" : "read of", va, v);
	else if (caught.vector != 14 && caught.vector != 13)
		fail("%s: trap %u at %x, expected #PF or #GP", what, caught.vector, va);
	else if (caught.vector == 14 && caught.cr2 != va)
		fail("%s: page fault at %x, expected %x", what, caught.cr2, va);
}

void test_main(void)
{
	u32 top = 0u - lguest_data.reserve_mem, va, seg;
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);
	u32 *table;

	if (!lguest_data.reserve_mem)
		test_error("the Host reserves no memory at the top");
	printf("the Switcher's area begins at %x\n", top);
	for (va = top; va != 0; va += 0x1000) {
		expect_fault("direct", va, 0);
		expect_fault("direct", va, 1);
		if (va >= top + 0x10000)
			break;
	}
	expect_fault("direct, last word", 0xFFFFFFFCu, 1);

	/* Our own page directory says the Switcher's slot holds a table of
	 * ours that maps our memory: the Host must ignore it (we do not tell
	 * it with LHCALL_SET_PGD, which would be refused). */
	table = alloc_page();
	for (va = 0; va < 1024; va++)
		table[va] = 0x1000 | PTE_P | PTE_W | PTE_U;
	pgdir[top >> 22] = __pa(table) | PTE_P | PTE_W | PTE_U;
	pgdir[1023] = __pa(table) | PTE_P | PTE_W | PTE_U;
	pt_switch(pgdir);
	expect_fault("own directory entry", top, 1);
	expect_fault("own directory entry", 0xFFFFF000u, 1);
	expect_fault("own directory entry", 0xFFFFF000u, 0);

	/* A flat data segment based at the Switcher's area. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, 20,
	       ((top & 0xFFFF) << 16) | 0xFFFF,
	       (top & 0xFF000000) | 0x00CF9200 | ((top >> 16) & 0xFF));
	seg = 20 * 8 + 1;
	if (!trap_catch()) {
		asm volatile("movl %0, %%es\n\t"
			     "movl $0xBADC0DE, %%es:0\n\t"
			     "movl %1, %%es"
			     :: "r"(seg), "r"(kernel_ds) : "memory");
		trap_uncatch();
		fail("a write through a segment based at %x worked", top);
	} else {
		asm volatile("movl %0, %%es" :: "r"(kernel_ds));
		if (caught.vector != 13 && (caught.vector != 14 || caught.cr2 != top))
			fail("segment at %x: trap %u cr2 %x, expected #GP, or #PF at %x",
			     top, caught.vector, caught.cr2, top);
	}
	/* Still here, and the Host still answers. */
	pt_switch(pgdir);
	printf("every access to the Switcher's area faulted\n");
}
