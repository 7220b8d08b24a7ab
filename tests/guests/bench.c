/*
 * @test     bench
 * @summary  the Guest's side of make bench: processor cycles per hypercall (with and without the FPU in use), per system call through the direct gate, per page fault the Host resolves, per page-table switch
 * @category bench
 * @timeout  120
 * @mem      32
 * @expect   SUCCESS
 * @output   ^bench: guest fault
 */
#include "guest.h"

const char test_title[] = "what things cost in a Guest";

#define ROUNDS		5	/* the best of these is reported */
#define CALLS		2000	/* hypercalls or system calls per round */
#define PAGES		256	/* pages faulted in per round */
#define SWITCHES	500	/* page-table switches per round */
#define AREA		0x10000000u	/* where the faulted pages are mapped */
#define STR(x)		#x
#define XSTR(x)		STR(x)

static u8 user_stack[PAGE_SIZE] __page_aligned;
static u8 pages[PAGES][PAGE_SIZE] __page_aligned;

/* CALLS system calls that do nothing, then SYS_EXIT. */
asm(".text\nuser_nops:\n\t"
    "movl $" XSTR(CALLS) ", %ecx\n"
    "1:\tmovl $2, %eax\n\tint $0x80\n\tloop 1b\n\t"
    "movl $1, %eax\n\tmovl $0, %ebx\n\tint $0x80\n\tud2\n");
void user_nops(void);

/* Cycles for one round of `what`; the best of ROUNDS, divided by `per`. */
#define BEST(what, per) ({					\
	u64 best_ = ~0ull, t_;					\
	for (unsigned int r_ = 0; r_ < ROUNDS; r_++) {		\
		t_ = rdtsc();					\
		what;						\
		t_ = rdtsc() - t_;				\
		if (t_ < best_)					\
			best_ = t_;				\
	}							\
	(u32)(best_ / (per));					\
})

static void report(const char *name, u32 cycles)
{
	printf("bench: guest %s %u cycles\n", name, cycles);
}

static u32 touch_all(void)
{
	u32 i, sum = 0;

	for (i = 0; i < PAGES; i++)
		sum += *(volatile u32 *)(AREA + i * PAGE_SIZE);
	return sum;
}

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);
	u32 *other = pt_new_pgdir(PTE_P | PTE_W | PTE_U);
	u32 i, hc, mapped, faulted;

	pt_switch(pgdir);
	test_user_init();
	for (i = 0; i < PAGES; i++) {
		pt_set(pgdir, AREA + i * PAGE_SIZE, __pa(pages[i]) | PTE_P | PTE_W);
		pt_set(other, AREA + i * PAGE_SIZE, __pa(pages[i]) | PTE_P | PTE_W);
	}

	/* A hypercall that does nothing: a world switch there and back. */
	hc = BEST(for (i = 0; i < CALLS; i++)
		  hcall0(LHCALL_FLUSH_ASYNC), CALLS);
	report("hypercall", hc);

	/* The same, touching the FPU before each: the Guest's registers must
	 * be in the FPU for it, so the Host loads and saves them on the trip. */
	report("hypercall-fpu", BEST(for (i = 0; i < CALLS; i++) {
					    asm volatile("fldz\n\tfstp %st(0)");
					    hcall0(LHCALL_FLUSH_ASYNC);
				    }, CALLS));

	/* A system call from ring 3 through the direct gate: no switch. */
	report("syscall", BEST(if (run_user(user_nops, user_stack + PAGE_SIZE))
				       fail("the system calls did not finish"), CALLS));

	/* A page fault the Host resolves from our page tables: drop the
	 * shadow's user mappings, then read every page once.  The same reads
	 * with the mappings in place, and the flush itself, are subtracted. */
	touch_all();
	mapped = BEST(touch_all(), 1);
	faulted = BEST(({ flush_tlb(); touch_all(); }), 1);
	report("fault", faulted > mapped + hc ? (faulted - mapped - hc) / PAGES : 0);

	/* Switching between two page directories the Host keeps shadows of:
	 * a context switch, as far as the Host sees one. */
	report("pgtable-switch", BEST(for (i = 0; i < SWITCHES; i++) {
					     pt_switch(other);
					     pt_switch(pgdir);
				     }, 2 * SWITCHES));
	if (touch_all() != 0)
		fail("the faulted pages did not read back as zeroes");
}
