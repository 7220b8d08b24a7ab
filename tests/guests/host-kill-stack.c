/*
 * host-kill-stack: a trap with no stack to push on is fatal.
 *
 * @test     host-kill-stack
 * @summary  a trap with no stack to push on gets the Guest killed
 * @category functional
 * @timeout  30
 * @expect   killed Guest died: its stack at 0x9ffefffc is not mapped
 */
#include "guest.h"

const char test_title[] = "a trap with an unmapped stack kills the Guest";

void test_main(void)
{
	asm volatile("movl $0x9fff0000, %%esp\n\tud2" ::: "memory");
	test_failure("the Guest survived a trap with no stack");
}
