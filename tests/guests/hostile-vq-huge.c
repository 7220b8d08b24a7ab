/*
 * @test     hostile-vq-huge
 * @summary  a descriptor 4 GB long: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: descriptor 0 points at 0x1000, 4294967295 bytes, outside
 */
#include "vq.h"

const char test_title[] = "a 4 GB buffer";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	q.desc[0] = (struct vring_desc){ 0x1000, 0xFFFFFFFFu, 0, 0 };
	vq_offer(&q, 0, 1);
	vq_kick(&q, q.pfn);
	test_failure("the Launcher took a 4 GB buffer");
}
