/*
 * @test     hostile-switcher-write
 * @summary  the Switcher's slot shows the Guest kernel what the Host means it to and nothing more: the Switcher's code and its own CPU's state page read-only, its own CPU's stack page writable but overwritten at every trap, nothing else; writes aimed at the rest, directly, through the Guest's own page directory or through a segment based there, are faults for the Guest
 * @category hostile
 * @timeout  60
 * @expect   SUCCESS
 */
#include "guest.h"
#include "probe.h"

const char test_title[] = "the Switcher's slot: read-only code, one CPU's pair, nothing else";

enum { NONE, RO, RW };

/* What a page of the slot is to us: unmapped, read-only or writable.  A
 * write that works puts back the value just read. */
static int kind(u32 va)
{
	u32 v;

	if (probe_read(va, &v)) {
		if (caught.vector != 14 || caught.cr2 != va)
			fail("read of %x: trap %u cr2 %x, expected a page fault there",
			     va, caught.vector, caught.cr2);
		return NONE;
	}
	if (probe_write(va, v)) {
		/* The Host reports the slot as not present, as far as the
		 * Guest's own page tables go: only the write bit is sure. */
		if (caught.vector != 14 || caught.cr2 != va || !(caught.error & 2))
			fail("write to %x: trap %u cr2 %x error %x, expected a write fault there",
			     va, caught.vector, caught.cr2, caught.error);
		return RO;
	}
	return RW;
}

static void expect_write_fault(const char *what, u32 va)
{
	if (!probe_write(va, 0xBADC0DE))
		fail("%s: a write to %x worked", what, va);
	else if (caught.vector != 14 || caught.cr2 != va)
		fail("%s: trap %u cr2 %x, expected a page fault at %x", what,
		     caught.vector, caught.cr2, va);
}

/* The slot, page by page: a run of read-only code pages, a gap (other
 * CPUs' pairs, unmapped), our CPU's stack page (writable) and state page
 * (read-only), then nothing.  `odd` is the first page that breaks the
 * pattern. */
struct layout {
	u32 first, code, stack, state, odd;
};

static void scan(u32 top, struct layout *l)
{
	u32 va;
	int k;

	*l = (struct layout){ 0 };
	for (va = top; va != 0; va += PAGE_SIZE) {
		k = kind(va);
		if (k == NONE)
			continue;
		if (!l->first)
			l->first = va;
		if (k == RW && !l->stack)
			l->stack = va;
		else if (k == RO && !l->stack && va == l->first + l->code * PAGE_SIZE)
			l->code++;
		else if (k == RO && l->stack && va == l->stack + PAGE_SIZE)
			l->state = va;
		else if (!l->odd)
			l->odd = va;
	}
}

/* Scribble over the whole stack page, then trap: the Switcher saves our
 * registers over the scribble, so we come back intact.  `where` is where
 * the last scan found the page; if the Launcher moved to another CPU since,
 * the page is gone and we scan for the pair again (a scan is a thousand
 * faults or more, slow on the debug Host, so only when we must). */
static void scribble(u32 top, u32 where)
{
	u32 a = LHCALL_FLUSH_ASYNC, b = 0x11111111, s = 0x22222222, d = 0x33333333;
	volatile u32 stack = where;
	struct layout l;
	u32 *w, i;
	volatile int tries;

	for (tries = 0; tries < 5; tries++) {
		if (tries) {
			scan(top, &l);
			stack = l.stack;
		}
		w = (u32 *)stack;
		if (w && !trap_catch()) {
			for (i = 0; i < PAGE_SIZE / 4; i++)
				ACCESS_ONCE(w[i]) = 0xBADC0DE;
			trap_uncatch();
			break;
		}
	}
	if (tries == 5)
		test_error("could not scribble on the stack page (%x)", stack);
	asm volatile("int $0x1F"
		     : "+a"(a), "+b"(b), "+S"(s), "+D"(d) :: "ecx", "edx", "memory");
	if (a != 0 || b != 0x11111111 || s != 0x22222222 || d != 0x33333333)
		fail("after scribbling on the stack page: eax %x ebx %x esi %x edi %x",
		     a, b, s, d);
}

void test_main(void)
{
	u32 top = 0u - lguest_data.reserve_mem, va, seg, first, stack, gap;
	struct layout l;
	u32 *pgdir, *table;
	int tries;

	if (!lguest_data.reserve_mem)
		test_error("the Host reserves no memory at the top");

	/* The Launcher may move to another CPU in the middle of a scan, and
	 * then we see two CPUs' pairs: scan again.  A real hole is there
	 * every time. */
	for (tries = 1;; tries++) {
		scan(top, &l);
		if (!l.odd || tries == 5)
			break;
		printf("scan %d: an unexpected page at %x; scanning again\n", tries, l.odd);
	}
	if (l.odd)
		fail("a page at %x that is neither the Switcher's code nor this CPU's pair", l.odd);
	if (!l.code || !l.stack || !l.state)
		test_error("no Switcher code (%u pages at %x), stack page (%x) or state page (%x) found",
			   l.code, l.first, l.stack, l.state);
	first = l.first;
	stack = l.stack;
	gap = stack - first - l.code * PAGE_SIZE;
	if (gap % (2 * PAGE_SIZE))
		fail("the stack page %x is not the first of a CPU's pair after %u code pages at %x",
		     stack, l.code, first);
	printf("the Switcher: %u code pages at %x, this CPU's pair at %x (CPU %u)\n",
	       l.code, first, stack, gap / (2 * PAGE_SIZE));

	scribble(top, stack);

	/* Our own page directory says the Switcher's slot, and the last slot,
	 * hold a table of ours that maps our memory writable: the Host must
	 * ignore both (we do not tell it with LHCALL_SET_PGD, which would be
	 * refused). */
	pgdir = pt_new_pgdir(PTE_P | PTE_W);
	table = alloc_page();
	for (va = 0; va < 1024; va++)
		table[va] = 0x1000 | PTE_P | PTE_W | PTE_U;
	pgdir[top >> 22] = __pa(table) | PTE_P | PTE_W | PTE_U;
	pgdir[1023] = __pa(table) | PTE_P | PTE_W | PTE_U;
	pt_switch(pgdir);
	expect_write_fault("own directory entry, start of the slot", top);
	expect_write_fault("own directory entry, the Switcher's code", first);
	expect_write_fault("own directory entry, the last page", 0xFFFFF000u);
	if (kind(0xFFFFF000u) != NONE)
		fail("own directory entry: the last page became readable");

	/* A flat data segment based at the Switcher's code. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, 20,
	       ((first & 0xFFFF) << 16) | 0xFFFF,
	       (first & 0xFF000000) | 0x00CF9200 | ((first >> 16) & 0xFF));
	seg = 20 * 8 + 1;
	if (!trap_catch()) {
		asm volatile("movl %0, %%es\n\t"
			     "movl $0xBADC0DE, %%es:0\n\t"
			     "movl %1, %%es"
			     :: "r"(seg), "r"(kernel_ds) : "memory");
		trap_uncatch();
		fail("a write through a segment based at %x worked", first);
	} else {
		asm volatile("movl %0, %%es" :: "r"(kernel_ds));
		if (caught.vector != 13 && (caught.vector != 14 || caught.cr2 != first))
			fail("segment at %x: trap %u cr2 %x, expected #GP, or #PF at %x",
			     first, caught.vector, caught.cr2, first);
	}
	/* Still here, and the Host still answers. */
	scribble(top, stack);
	printf("the code and state pages refused every write; the stack page's scribbles were overwritten\n");
}
