/*
 * @test     virtio-net
 * @summary  the Launcher's network device on a real tap interface: frames sent on the transmit queue reach the lab machine's tap-peer, and its answers arrive in receive buffers with the queue's interrupt
 * @category functional
 * @timeout  60
 * @mem      32
 * @net      yes
 * @expect   SUCCESS
 * @output   ^the answer: pong from the Guest [0-9]+$
 */
#include "vq.h"

const char test_title[] = "the network device through a tap interface";

#define HDR_LEN		10	/* struct virtio_net_hdr, no mergeable buffers */
#define ETH_HLEN	14
#define FRAME_MAX	1514
#define RX_BUFS		4
#define TRIES		100	/* pings, 100 ms of the Guest's clock apart */

static struct vq rx, tx;
static u8 rx_buf[RX_BUFS][HDR_LEN + FRAME_MAX];
static u8 tx_buf[HDR_LEN + 64];
static u16 rx_avail, tx_avail, rx_seen;

/* One frame to everyone: EtherType 0x88B5, "ping from the Guest N". */
static u32 make_ping(const u8 *mac, unsigned int n)
{
	u8 *f = tx_buf + HDR_LEN;
	const char *text = "ping from the Guest ";
	u32 len = strlen(text);

	memset(tx_buf, 0, sizeof(tx_buf));
	memset(f, 0xFF, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x88;
	f[13] = 0xB5;
	memcpy(f + ETH_HLEN, text, len);
	f[ETH_HLEN + len] = '0' + n / 100 % 10;
	f[ETH_HLEN + len + 1] = '0' + n / 10 % 10;
	f[ETH_HLEN + len + 2] = '0' + n % 10;
	return HDR_LEN + ETH_HLEN + len + 3;
}

static void offer_rx(u16 i)
{
	rx.desc[i] = (struct vring_desc){ __pa(rx_buf[i]), sizeof(rx_buf[i]), DESC_F_WRITE, 0 };
	vq_offer(&rx, i, ++rx_avail);
}

/* Look at what arrived; 1 when it was the answer.  Anything else (the lab
 * machine's kernel says things on a new interface) goes back to the ring. */
static int check_received(const u8 *mac)
{
	struct vring_used_elem e;
	char text[64];
	const u8 *f;
	int found = 0, kick = 0;
	u32 len;

	while (rx_seen != vq_used_idx(&rx)) {
		e = vq_used_elem(&rx, rx_seen++);
		if (e.id >= RX_BUFS || e.len < HDR_LEN + ETH_HLEN || e.len > sizeof(rx_buf[0])) {
			fail("receive: chain %u with %u bytes", e.id, e.len);
			return 1;
		}
		f = rx_buf[e.id] + HDR_LEN;
		if (f[12] == 0x88 && f[13] == 0xB5 &&
		    !memcmp(f + ETH_HLEN, "pong from the Guest ", 20)) {
			if (memcmp(f, mac, 6))
				fail("the answer is not addressed to our MAC");
			len = e.len - HDR_LEN - ETH_HLEN;
			if (len > sizeof(text) - 1)
				len = sizeof(text) - 1;
			memcpy(text, f + ETH_HLEN, len);
			text[len] = 0;
			printf("the answer: %s\n", text);
			found = 1;
		}
		offer_rx(e.id);
		kick = 1;
	}
	if (kick)
		vq_kick(&rx, rx.pfn);
	return found;
}

void test_main(void)
{
	u8 mac[6];
	u32 len, irqs_before, n, waits;
	u16 irq, i;
	int answered = 0;

	vq_find(&tx, VIRTIO_ID_NET, 1);
	vq_find(&rx, VIRTIO_ID_NET, 0);
	memcpy(mac, vq_device_config(&rx), sizeof(mac));
	printf("our MAC is %x:%x:%x:%x:%x:%x\n", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	memcpy(&irq, rx.config + __builtin_offsetof(struct lguest_vqconfig, irq), sizeof(irq));
	if (irq >= LGUEST_IRQS)
		test_error("the receive queue's interrupt is %u", irq);

	for (i = 0; i < RX_BUFS; i++)
		offer_rx(i);
	vq_kick(&rx, rx.pfn);

	/* The far end needs a moment to bring the interface up, and frames
	 * sent before that are dropped: ping until an answer comes. */
	irqs_before = irq_count[irq];
	for (n = 1; n <= TRIES && !answered; n++) {
		len = make_ping(mac, n);
		tx.desc[0] = (struct vring_desc){ __pa(tx_buf), len, 0, 0 };
		vq_offer(&tx, 0, ++tx_avail);
		vq_kick(&tx, tx.pfn);
		if (vq_used_idx(&tx) != tx_avail)
			fail("transmit: used index %u after the kick, expected %u",
			     vq_used_idx(&tx), tx_avail);
		for (waits = 0; waits < 10 && !answered; waits++) {
			irq_disable();
			set_clockevent(10000000);
			safe_halt();
			answered = check_received(mac);
		}
		irq_disable();
	}
	if (!answered)
		test_failure("no answer to %u pings", TRIES);
	if (irq_count[irq] == irqs_before)
		fail("no interrupt %u came with the frames", irq);
}
