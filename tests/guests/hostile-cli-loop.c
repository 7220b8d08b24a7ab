/*
 * @test     hostile-cli-loop
 * @summary  an endless loop with interrupts disabled: a signal to the Launcher (SIGINT after the timeout) still ends it
 * @category hostile
 * @timeout  8
 * @signal   INT
 * @expect   killed stopped by signal 2
 * @output   looping with interrupts disabled
 */
#include "guest.h"

const char test_title[] = "an endless loop with interrupts disabled";

void test_main(void)
{
	irq_disable();
	set_clockevent(1000000);
	printf("looping with interrupts disabled\n");
	for (;;)
		barrier();
}
