/*
 * @test     hostile-vq-wrap
 * @summary  the second descriptor of a chain at an address near 2^64, where address plus length wraps to a small number: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: descriptor 1 points at 0xfffffffffffff000, 8192 bytes, outside
 */
#include "vq.h"

const char test_title[] = "a buffer address that wraps around";

static char byte[] = "x";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	q.desc[0] = (struct vring_desc){ __pa(byte), 1, DESC_F_NEXT, 1 };
	q.desc[1] = (struct vring_desc){ 0xFFFFFFFFFFFFF000ull, 0x2000, 0, 0 };
	vq_offer(&q, 0, 1);
	vq_kick(&q, q.pfn);
	test_failure("the Launcher took a buffer at 0xfffffffffffff000");
}
