/*
 * @test     timer
 * @summary  clock interrupts (virtual interrupt 0, vector 32) come at the rate asked with LHCALL_SET_CLOCKEVENT, by the Guest's own TSC
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "timer interrupts at the requested rate";

static volatile u32 ticks, wanted, period_ns;
static volatile u32 enabled_in_handler;

static void tick(struct trap_frame *f)
{
	(void)f;
	/* We come through an interrupt gate: the Host turned them off. */
	if (ACCESS_ONCE(lguest_data.irq_enabled))
		enabled_in_handler++;
	if (++ticks < wanted)
		set_clockevent(period_ns);
}

/* Run `n` ticks of `ns` each; return the TSC cycles they took. */
static u64 run_ticks(u32 n, u32 ns, u64 give_up_cycles)
{
	u64 t0;

	ticks = 0;
	wanted = n;
	period_ns = ns;
	irq_enable();
	t0 = rdtsc();
	set_clockevent(ns);
	while (ACCESS_ONCE(ticks) < n) {
		if (rdtsc() - t0 > give_up_cycles) {
			irq_disable();
			test_failure("%u of %u ticks of %u ns after %llu ns", ticks, n,
				     ns, tsc_to_ns(rdtsc() - t0));
		}
	}
	t0 = rdtsc() - t0;
	irq_disable();
	return t0;
}

static void check_rate(u32 n, u32 ns, u32 slack)
{
	u32 khz = lguest_data.tsc_khz;
	u64 cycles = run_ticks(n, ns, (u64)khz * 20000);	/* 20 s */
	u64 mean = tsc_to_ns(cycles) / n;

	printf("%u ticks asked every %u us: one every %llu us on average\n",
	       n, ns / 1000, mean / 1000);
	/* A timer never fires early; the emulated machine may be slow. */
	if (mean < ns / 2)
		fail("ticks of %u ns came every %llu ns: too fast", ns, mean);
	if (mean > (u64)ns * slack)
		fail("ticks of %u ns came every %llu ns: over %u times too slow",
		     ns, mean, slack);
}

void test_main(void)
{
	if (!lguest_data.tsc_khz)
		test_skip("lguest_data.tsc_khz is 0: no clock to measure the rate with");
	printf("tsc_khz %u\n", lguest_data.tsc_khz);
	irq_handlers[0] = tick;
	check_rate(50, 1000000, 50);
	check_rate(10, 10000000, 20);
	check_rate(4, 50000000, 10);
	if (irq_count[0] != 64)
		fail("%u clock interrupts in all, expected 64", irq_count[0]);
	if (enabled_in_handler)
		fail("irq_enabled was on inside the handler %u times (interrupt gate)",
		     enabled_in_handler);
	/* Stopped: no more ticks. */
	set_clockevent(0);
}
