/*
 * @test     hostile-fault-stack
 * @summary  a fault whose delivery needs a stack that is not mapped (a fault while delivering a fault) gets the Guest killed
 * @category hostile
 * @timeout  20
 * @expect   killed its stack at 0xdffffffc is not mapped
 */
#include "guest.h"

const char test_title[] = "a fault with the stack outside memory kills the Guest";

void test_main(void)
{
	printf("stack at 0xe0000000, then ud2\n");
	asm volatile("movl $0xE0000000, %%esp\n\tud2" ::: "memory");
	test_failure("ud2 with an unmapped stack returned");
}
