/*
 * @test     hostile-vq-loop
 * @summary  a descriptor chain in the console's transmit queue that loops back on itself: the Launcher stops the Guest with a message
 * @category hostile
 * @timeout  20
 * @mem      32
 * @expect   killed stopping the Guest: virtqueue [0-9]+: the descriptor chain from 0 loops
 */
#include "vq.h"

const char test_title[] = "a looping descriptor chain";

static char byte[] = "x";

void test_main(void)
{
	struct vq q;

	vq_setup(&q);
	q.desc[0] = (struct vring_desc){ __pa(byte), 1, DESC_F_NEXT, 1 };
	q.desc[1] = (struct vring_desc){ __pa(byte), 1, DESC_F_NEXT, 0 };
	vq_offer(&q, 0, 1);
	vq_kick(&q, q.pfn);
	test_failure("the Launcher took a chain that loops");
}
