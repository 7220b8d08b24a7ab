/*
 * @test     hostile-vq-ring
 * @summary  a ring placed on the last page of Guest memory, where it cannot fit: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: a ring of [0-9]+ entries at page 0x1fff does not fit
 */
#include "vq.h"

const char test_title[] = "a ring that does not fit in memory";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	vq_kick(&q, (MEM_END >> 12) - 1);
	test_failure("the Launcher took a ring on the last page of memory");
}
