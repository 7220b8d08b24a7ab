/*
 * @test     halt
 * @summary  LHCALL_HALT sleeps until the next interrupt, which is then delivered
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "LHCALL_HALT sleeps until an interrupt";

void test_main(void)
{
	u32 i, before;
	u64 t0, ns;

	if (!lguest_data.tsc_khz)
		printf("lguest_data.tsc_khz is 0: not measuring the sleeps\n");
	for (i = 0; i < 5; i++) {
		before = irq_count[0];
		/*
		 * Read the TSC before asking for the clock: the Host starts
		 * its 20 ms inside the hypercall and may be busy with another
		 * Guest for a while before it comes back to us.
		 */
		t0 = rdtsc();
		set_clockevent(20000000);	/* 20 ms */
		safe_halt();
		ns = tsc_to_ns(rdtsc() - t0);
		irq_disable();
		if (irq_count[0] != before + 1)
			fail("halt %u: %u clock interrupts delivered, expected 1", i,
			     irq_count[0] - before);
		if (lguest_data.tsc_khz && ns < 10000000)
			fail("halt %u returned after %llu ns; the clock was set for 20 ms",
			     i, ns);
		else
			printf("halt %u: slept %llu us\n", i, ns / 1000);
	}
}
