/*
 * @test     hostile-spin
 * @summary  a Guest that never returns to the Launcher (no hypercalls, its clock ticking): a signal to the Launcher still ends it
 * @category hostile
 * @timeout  8
 * @signal   INT
 * @expect   killed stopped by signal 2
 * @output   spinning
 */
#include "guest.h"

const char test_title[] = "a Guest that never returns to the Launcher";

static void tick(struct trap_frame *f)
{
	(void)f;
	set_clockevent(100000);
}

void test_main(void)
{
	irq_handlers[0] = tick;
	set_clockevent(100000);
	irq_enable();
	printf("spinning\n");
	for (;;)
		barrier();
}
