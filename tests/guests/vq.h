/*
 * The Launcher's device page as a driver sees it, for the test guests that
 * talk to its devices: find a device, lay out a ring of ours for one of its
 * queues, offer chains, kick, and read what came back in the used ring.
 * Only what the tests need: no interrupt handling of its own (the Launcher
 * serves an output queue before our notification returns; the tests that
 * wait for input halt until the queue's interrupt), no event index, no
 * indirect descriptors.  The hostile ones break one rule each and expect to
 * be stopped; virtio-block, virtio-console and virtio-net use their devices
 * properly.
 */
#ifndef VQ_H
#define VQ_H
#include "guest.h"

#define MEM_END			0x2000000u	/* @mem 32; the device page follows */
#define DEVPAGE_VA		0x00C00000u	/* where we map the device page */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define DESC_F_NEXT		1
#define DESC_F_WRITE		2
#define DESC_SIZE		5	/* struct lguest_device_desc, unpadded */

struct vring_desc { u64 addr; u32 len; u16 flags; u16 next; };
struct vring_used_elem { u32 id; u32 len; };

struct vq {
	u8 *dev;		/* the device's lguest_device_desc */
	u8 *config;		/* our queue's lguest_vqconfig */
	u16 num;		/* entries in the ring, the Launcher's choice */
	struct vring_desc *desc;
	volatile u16 *avail;	/* flags, idx, ring[num] */
	volatile u16 *used;	/* flags, idx, then the elements */
	u32 pfn;		/* where our ring is, for the vqconfig */
};

/* A ring for queue 0 and one for queue 1, each big enough for 512 entries
 * (3 pages); page aligned. */
static u8 vq_rings[2][4 * PAGE_SIZE] __page_aligned;

/* The device's bytes of feature bits offered, and its configuration. */
static inline u8 *vq_features(struct vq *q)
{
	return q->dev + DESC_SIZE + q->dev[1] * sizeof(struct lguest_vqconfig);
}

static inline u8 *vq_device_config(struct vq *q)
{
	return vq_features(q) + 2 * q->dev[2];
}

/* Map the device page (once), find the first device of `type` and lay out a ring
 * of ours for its queue `queue` (not yet given to the Launcher). */
static inline void vq_find(struct vq *q, u8 type, unsigned int queue)
{
	static u32 *pgdir;
	u8 *p = (u8 *)DEVPAGE_VA, *end = p + PAGE_SIZE - DESC_SIZE;
	u8 *ring = vq_rings[queue & 1];
	u32 used;

	if (!pgdir) {
		pgdir = pt_new_pgdir(PTE_P | PTE_W);
		pt_switch(pgdir);
		pt_set(pgdir, DEVPAGE_VA, MEM_END | PTE_P | PTE_W);
	}
	while (p < end && p[0] && p[0] != type)
		p += DESC_SIZE + p[1] * sizeof(struct lguest_vqconfig) + p[2] * 2 + p[3];
	if (p >= end || p[0] != type || p[1] <= queue || queue > 1)
		test_error("no device of type %u with a queue %u on the device page", type, queue);
	q->dev = p;
	q->config = p + DESC_SIZE + queue * sizeof(struct lguest_vqconfig);
	memcpy(&q->num, q->config, sizeof(q->num));
	if (q->num == 0 || q->num > 512)
		test_error("queue %u of device type %u has %u entries", queue, type, q->num);
	q->desc = (struct vring_desc *)ring;
	q->avail = (volatile u16 *)(ring + q->num * sizeof(struct vring_desc));
	used = (q->num * sizeof(struct vring_desc) + (3 + q->num) * 2 + PAGE_SIZE - 1) &
	       ~(PAGE_SIZE - 1);
	q->used = (volatile u16 *)(ring + used);
	q->pfn = __pa(ring) >> 12;
	printf("device type %u, queue %u: %u entries; our ring at page %x\n",
	       type, queue, q->num, q->pfn);
}

/* The console's transmit queue, which the hostile guests abuse. */
static inline void vq_setup(struct vq *q)
{
	vq_find(q, VIRTIO_ID_CONSOLE, 1);
}

/* Make the chain at `head` available, with the available index set to `idx`. */
static inline void vq_offer(struct vq *q, u16 head, u16 idx)
{
	q->avail[2 + (u16)(idx - 1) % q->num] = head;
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

/* The used ring's index, and its element number `i`. */
static inline u16 vq_used_idx(struct vq *q)
{
	return q->used[1];
}

static inline struct vring_used_elem vq_used_elem(struct vq *q, u16 i)
{
	volatile struct vring_used_elem *e = (volatile void *)(q->used + 2);

	return (struct vring_used_elem){ e[i % q->num].id, e[i % q->num].len };
}
#endif
