/*
 * The Launcher's device page as a driver sees it, for the hostile virtqueue
 * guests: find the console, lay out a ring of ours for its transmit queue,
 * offer chains and kick.  Only what the attacks need: no interrupts, no
 * used ring, and each guest breaks one rule and expects to be stopped.
 */
#ifndef VQ_H
#define VQ_H
#include "guest.h"

#define MEM_END			0x2000000u	/* @mem 32; the device page follows */
#define DEVPAGE_VA		0x00C00000u	/* where we map the device page */
#define VIRTIO_ID_CONSOLE	3
#define DESC_F_NEXT		1
#define DESC_SIZE		5	/* struct lguest_device_desc, unpadded */

struct vring_desc { u64 addr; u32 len; u16 flags; u16 next; };

struct vq {
	u8 *dev;		/* the console's lguest_device_desc */
	u8 *config;		/* its transmit queue's lguest_vqconfig */
	u16 num;		/* entries in the ring, the Launcher's choice */
	struct vring_desc *desc;
	volatile u16 *avail;	/* flags, idx, ring[num] */
	u32 pfn;		/* where our ring is, for the vqconfig */
};

/* Big enough for the ring of 512 entries (3 pages); page aligned. */
static u8 vq_ring[4 * PAGE_SIZE] __page_aligned;

static inline void vq_setup(struct vq *q)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W);
	u8 *p = (u8 *)DEVPAGE_VA, *end = p + PAGE_SIZE - DESC_SIZE;

	pt_switch(pgdir);
	pt_set(pgdir, DEVPAGE_VA, MEM_END | PTE_P | PTE_W);
	while (p < end && p[0] && p[0] != VIRTIO_ID_CONSOLE)
		p += DESC_SIZE + p[1] * sizeof(struct lguest_vqconfig) + p[2] * 2 + p[3];
	if (p >= end || p[0] != VIRTIO_ID_CONSOLE || p[1] < 2)
		test_error("no console with two queues on the device page");
	q->dev = p;
	q->config = p + DESC_SIZE + sizeof(struct lguest_vqconfig);	/* queue 1 */
	memcpy(&q->num, q->config, sizeof(q->num));
	if (q->num == 0 || q->num > 512)
		test_error("the console's transmit queue has %u entries", q->num);
	q->desc = (struct vring_desc *)vq_ring;
	q->avail = (volatile u16 *)(vq_ring + q->num * sizeof(struct vring_desc));
	q->pfn = __pa(vq_ring) >> 12;
	printf("console transmit queue: %u entries; our ring at page %x\n", q->num, q->pfn);
}

/* Make the chain at `head` available, with the available index set to `idx`. */
static inline void vq_offer(struct vq *q, u16 head, u16 idx)
{
	q->avail[2] = head;
	barrier();
	q->avail[1] = idx;
}

/* Tell the Launcher the ring is at `pfn` and kick it: the Launcher looks at
 * the ring now, and this is where a rule-breaking Guest is stopped. */
static inline void vq_kick(struct vq *q, u32 pfn)
{
	memcpy(q->config + __builtin_offsetof(struct lguest_vqconfig, pfn), &pfn, sizeof(pfn));
	hcall1(LHCALL_NOTIFY, pfn << 12);
}
#endif
