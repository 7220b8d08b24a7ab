/*
 * @test     hostile-iret
 * @summary  iret to ring 0, to the Host's code segment, to a data segment or with a ring-0 stack: each is a #GP for the Guest, which goes on at ring 1
 * @category hostile
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "iret with hostile selectors";

/* iret with this cs and ss (a stack switch happens only to an outer
 * ring): 0, or the vector of the trap. */
static __attribute__((noinline)) u32 try_iret(u32 cs, u32 ss)
{
	if (!trap_catch()) {
		asm volatile("pushl %1\n\t"
			     "pushl %%esp\n\t"
			     "pushfl\n\t"
			     "pushl %0\n\t"
			     "pushl $1f\n\t"
			     "iret\n"
			     "1:\n\t"
			     "addl $8, %%esp"
			     :: "r"(cs), "r"(ss) : "memory");
		trap_uncatch();
		return 0;
	}
	return caught.vector;
}

void test_main(void)
{
	static const struct { const char *what; u32 cs, ss; } cases[] = {
		{ "ring 0 with our code segment", 12 * 8, 13 * 8 },
		{ "the Host's code segment", 10 * 8, 11 * 8 },
		{ "the Host's code segment, RPL 1", 10 * 8 + 1, 13 * 8 + 1 },
		{ "our data segment as code", 13 * 8 + 1, 13 * 8 + 1 },
		{ "the Host's TSS as code", 16 * 8 + 1, 13 * 8 + 1 },
		{ "a selector beyond the GDT", 0xFFF8 + 1, 13 * 8 + 1 },
		{ "an LDT selector", 12 * 8 + 4 + 1, 13 * 8 + 1 },
	};
	unsigned int i;
	u32 v, cs;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		v = try_iret(cases[i].cs, cases[i].ss);
		asm volatile("movl %%cs, %0" : "=r"(cs));
		if (v == 0)
			fail("iret to %s (%x) worked", cases[i].what, cases[i].cs);
		else if (v != 13 && v != 11)
			fail("iret to %s: trap %u, expected #GP or #NP", cases[i].what, v);
		if ((cs & 3) != 1)
			fail("after iret to %s we run at ring %u", cases[i].what, cs & 3);
	}
	printf("every hostile iret trapped\n");
}
