/*
 * @test     hostile-vq-outside
 * @summary  a descriptor whose buffer runs past the end of Guest memory: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: descriptor 0 points at 0x1fffff8, 16 bytes, outside
 */
#include "vq.h"

const char test_title[] = "a buffer past the end of memory";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	/* The last 8 bytes of memory and 8 of the device page. */
	q.desc[0] = (struct vring_desc){ MEM_END - 8, 16, 0, 0 };
	vq_offer(&q, 0, 1);
	vq_kick(&q, q.pfn);
	test_failure("the Launcher took a buffer past the end of memory");
}
