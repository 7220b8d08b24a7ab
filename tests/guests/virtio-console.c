/*
 * @test     virtio-console
 * @summary  the Launcher's console through its virtqueues: a buffer on the transmit queue appears on the Launcher's output, and a line typed into the Launcher's input arrives in a receive buffer, with the queue's interrupt
 * @category functional
 * @timeout  20
 * @mem      32
 * @input    yes
 * @expect   SUCCESS
 * @output   ^sent through the transmit queue$
 */
#include "vq.h"

const char test_title[] = "the console through its virtqueues";

#define TYPED	"typed on the console\n"	/* what /init types (@input) */

static struct vq rx, tx;
static const char said[] = "sent through the transmit queue\n";
static char in[64];

void test_main(void)
{
	struct vring_used_elem e;
	u32 before, tries;
	u16 irq;

	vq_find(&tx, VIRTIO_ID_CONSOLE, 1);
	vq_find(&rx, VIRTIO_ID_CONSOLE, 0);

	/* Out: one readable buffer, written before our notification returns. */
	tx.desc[0] = (struct vring_desc){ __pa(said), sizeof(said) - 1, 0, 0 };
	vq_offer(&tx, 0, 1);
	vq_kick(&tx, tx.pfn);
	if (vq_used_idx(&tx) != 1)
		fail("transmit: used index %u after the kick, expected 1", vq_used_idx(&tx));

	/* In: one writable buffer.  The Launcher's input thread fills it
	 * when it has something, and raises the queue's interrupt. */
	memcpy(&irq, rx.config + __builtin_offsetof(struct lguest_vqconfig, irq),
	       sizeof(irq));
	if (irq >= LGUEST_IRQS)
		test_error("the receive queue's interrupt is %u", irq);
	before = irq_count[irq];
	irq_enable();
	rx.desc[0] = (struct vring_desc){ __pa(in), sizeof(in) - 1, DESC_F_WRITE, 0 };
	vq_offer(&rx, 0, 1);
	vq_kick(&rx, rx.pfn);
	for (tries = 0; vq_used_idx(&rx) == 0 && tries < 500; tries++) {
		set_clockevent(10000000);
		safe_halt();
	}
	irq_disable();
	if (vq_used_idx(&rx) != 1)
		test_failure("nothing arrived in the receive queue in 5 s");
	e = vq_used_elem(&rx, 0);
	printf("received %u bytes: %s", e.len, in);
	if (e.id != 0 || e.len != sizeof(TYPED) - 1 || memcmp(in, TYPED, e.len))
		fail("receive: chain %u, %u bytes \"%s\", expected chain 0, \"%s\"",
		     e.id, e.len, in, TYPED);
	if (irq_count[irq] == before)
		fail("no interrupt %u came with the input", irq);
}
