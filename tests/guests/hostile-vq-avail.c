/*
 * @test     hostile-vq-avail
 * @summary  an available index that jumps past the size of the ring: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: the Guest.s available index moved from 0 to [0-9]+, past the
 */
#include "vq.h"

const char test_title[] = "an available index that jumps";

static char byte[] = "x";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	q.desc[0] = (struct vring_desc){ __pa(byte), 1, 0, 0 };
	vq_offer(&q, 0, q.num + 1);
	vq_kick(&q, q.pfn);
	test_failure("the Launcher took an available index of %u for a ring of %u", q.num + 1, q.num);
}
