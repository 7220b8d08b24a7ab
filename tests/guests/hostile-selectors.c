/*
 * @test     hostile-selectors
 * @summary  bad selectors loaded into every segment register and used in far jumps (the Host's segments and TSS, beyond the GDT, the LDT, null or ring-3 stacks): each is a fault for the Guest, which goes on at ring 1 with its segments intact
 * @category hostile
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "bad segment selectors";

enum reg { DS, ES, FS, GS, SS, FARJMP };
static const char *const reg_name[] = { "%ds", "%es", "%fs", "%gs", "%ss", "ljmp" };

/* Load `sel` the way `r` says: 0 if it loaded, else the trap's vector.  A
 * selector that loads is put back at once, so that nothing below runs on it. */
static __attribute__((noinline)) u32 try_load(enum reg r, u32 sel)
{
	static u32 target[2];
	u32 old;

	if (trap_catch())
		return caught.vector;
	switch (r) {
	case DS:
		asm volatile("movl %%ds, %0\n\tmovl %1, %%ds\n\tmovl %0, %%ds"
			     : "=&r"(old) : "r"(sel));
		break;
	case ES:
		asm volatile("movl %%es, %0\n\tmovl %1, %%es\n\tmovl %0, %%es"
			     : "=&r"(old) : "r"(sel));
		break;
	case FS:
		asm volatile("movl %0, %%fs\n\tmovl %1, %%fs" :: "r"(sel), "r"(0));
		break;
	case GS:
		asm volatile("movl %0, %%gs\n\tmovl %1, %%gs" :: "r"(sel), "r"(0));
		break;
	case SS:
		asm volatile("movl %%ss, %0\n\tmovl %1, %%ss\n\tmovl %0, %%ss"
			     : "=&r"(old) : "r"(sel));
		break;
	case FARJMP:
		target[0] = 0;
		target[1] = sel;
		asm volatile("ljmp *%0" :: "m"(target) : "memory");
		break;
	}
	trap_uncatch();
	return 0;
}

/* Every segment register as it should be: ring 1 code and stack, our data
 * segment in %ds and %es. */
static void check_segments(const char *after)
{
	u32 cs, ss, ds, es;

	asm volatile("movl %%cs, %0\n\tmovl %%ss, %1\n\tmovl %%ds, %2\n\tmovl %%es, %3"
		     : "=r"(cs), "=r"(ss), "=r"(ds), "=r"(es));
	if (cs != kernel_cs || ss != kernel_ds || ds != kernel_ds || es != kernel_ds)
		fail("after %s: cs %x ss %x ds %x es %x, expected %x and %x",
		     after, cs, ss, ds, es, kernel_cs, kernel_ds);
}

void test_main(void)
{
	static const struct { const char *what; u32 sel; u32 regs; } cases[] = {
		{ "the Host's code segment", 10 * 8, 1 << DS | 1 << ES | 1 << FS | 1 << GS |
		  1 << SS | 1 << FARJMP },
		{ "the Host's data segment", 11 * 8, 1 << DS | 1 << ES | 1 << FS | 1 << GS |
		  1 << SS | 1 << FARJMP },
		{ "the Host's data segment, RPL 1", 11 * 8 + 1, 1 << DS | 1 << ES | 1 << FS |
		  1 << GS | 1 << SS | 1 << FARJMP },
		{ "the Host's TSS", 16 * 8 + 1, 1 << DS | 1 << ES | 1 << FS | 1 << GS |
		  1 << SS | 1 << FARJMP },
		{ "a selector beyond the GDT", 0xFFF8 + 1, 1 << DS | 1 << ES | 1 << FS |
		  1 << GS | 1 << SS | 1 << FARJMP },
		{ "an LDT selector", 13 * 8 + 4 + 1, 1 << DS | 1 << ES | 1 << FS | 1 << GS |
		  1 << SS | 1 << FARJMP },
		{ "an empty GDT entry", 25 * 8 + 1, 1 << DS | 1 << ES | 1 << FS | 1 << GS |
		  1 << SS | 1 << FARJMP },
		{ "the null selector", 0, 1 << SS | 1 << FARJMP },
		{ "our data segment, RPL 0", 13 * 8, 1 << SS },
		{ "our code segment", 12 * 8 + 1, 1 << SS },
		{ "a ring 3 data segment", USER_DS, 1 << SS },
		{ "our data segment as code", 13 * 8 + 1, 1 << FARJMP },
	};
	unsigned int i, r, tried = 0;
	u32 v;

	test_user_init();
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		for (r = DS; r <= FARJMP; r++) {
			if (!(cases[i].regs & (1u << r)))
				continue;
			tried++;
			v = try_load(r, cases[i].sel);
			if (v == 0)
				fail("%s with %s (%x) worked", reg_name[r], cases[i].what,
				     cases[i].sel);
			else if (v != 13 && v != 12 && v != 11)
				fail("%s with %s: trap %u, expected #GP, #SS or #NP",
				     reg_name[r], cases[i].what, v);
			check_segments(reg_name[r]);
		}
	}

	/* What the Guest may load must still load. */
	if ((v = try_load(FS, USER_DS)) != 0)
		fail("%%fs with the ring 3 data segment trapped (%u)", v);
	if ((v = try_load(SS, kernel_ds)) != 0)
		fail("%%ss with our own stack segment trapped (%u)", v);
	check_segments("the good loads");
	printf("%u bad selectors, each a fault for us alone\n", tried);
}
