/*
 * @test     demo
 * @summary  the guest `make run` shows until the Linux Guest exists: a short tour through the hypercalls
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 * @output   Goodbye: LHCALL_SHUTDOWN\.$
 */
#include "guest.h"

const char test_title[] = "demo: a tiny Guest introduces itself";

static void tick(struct trap_frame *f)
{
	(void)f;
}

void test_main(void)
{
	u32 i, khz = lguest_data.tsc_khz;
	u64 t0, ns;

	printf("\nHello from inside lguest!  I am a tiny Guest (tests/guests/demo.c),\n"
	       "loaded by the Launcher at 1 MB and started by the Host.\n\n");
	printf("I run at privilege level %u (my code segment is 0x%x): the Host\n"
	       "kernel runs at 0 and a Guest's user programs run at 3.\n",
	       kernel_cs & 3, kernel_cs);
	printf("The Host wrote into my struct lguest_data (LHCALL_LGUEST_INIT):\n");
	printf("  the Switcher keeps the top %u MB of my address space;\n",
	       lguest_data.reserve_mem >> 20);
	if (khz)
		printf("  my TSC ticks %u.%03u million times a second;\n",
		       khz / 1000, khz % 1000);
	else
		printf("  the Host does not trust the TSC here (tsc_khz 0);\n");
	printf("  the wall clock says %llu seconds since 1970.\n\n",
	       (u64)lguest_data.time_sec);

	irq_handlers[0] = tick;
	printf("Now I sleep ten times for 300 milliseconds: LHCALL_SET_CLOCKEVENT\n"
	       "asks for a clock interrupt, LHCALL_HALT sleeps until it arrives at\n"
	       "vector 32.\n");
	for (i = 1; i <= 10; i++) {
		t0 = rdtsc();
		set_clockevent(300000000);
		safe_halt();
		irq_disable();
		ns = tsc_to_ns(rdtsc() - t0);
		if (khz)
			printf("  tick %u: slept %llu ms\n", i, ns / 1000000);
		else
			printf("  tick %u\n", i);
	}
	printf("%u clock interrupts in all.  Goodbye: LHCALL_SHUTDOWN.\n\n", irq_count[0]);
	if (irq_count[0] != 10)
		fail("%u clock interrupts, expected 10", irq_count[0]);
}
