/* SPDX-License-Identifier: GPL-2.0 */
#line 1675 "launcher.nw"
/* Split virtqueues, parsed defensively.  Tangled from launcher.nw. */
#include <string.h>
#include "lguest.h"

/* order our accesses to the rings against the Guest's */
#line 1701 "launcher.nw"
#define rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

/* attach the ring the Guest placed, or detach it */
#line 1716 "launcher.nw"
int vq_attach(struct virtqueue *vq, u32 pfn)
{
	u64 addr = (u64)pfn * PAGE_SIZE;
	u32 size = vring_size(vq->num, LGUEST_DEVICE_ALIGN);
	struct vring vr;
	void *p;

	vq_detach(vq);
	p = guest_ptr(addr, size);
	if (pfn == 0 || !p)
		return fail("virtqueue %u: a ring of %u entries at page %#x "
			    "does not fit in the Guest's memory", vq->index,
			    vq->num, pfn);
	vring_init(&vr, vq->num, p, LGUEST_DEVICE_ALIGN);
	vq->desc = vr.desc;
	vq->avail = vr.avail;
	vq->used = vr.used;
	vq->ring_addr = addr;
	return 0;
}

void vq_detach(struct virtqueue *vq)
{
	vq->desc = NULL;
	vq->avail = NULL;
	vq->used = NULL;
	vq->ring_addr = 0;
	vq->last_avail = 0;
	vq->used_idx = 0;
}

/* take a chain from the available ring */
#line 1758 "launcher.nw"
int vq_pop(struct virtqueue *vq, struct vq_chain *c)
{
	u16 avail_idx, i, flags, next;
	unsigned int count = 0;
	u64 addr;
	u32 len;
	void *p;

	if (!vq->avail)
		return 0;
	/* read the available index once, and return if nothing is new */
#line 1789 "launcher.nw"
	avail_idx = vq->avail->idx;
	if ((u16)(avail_idx - vq->last_avail) > vq->num)
		return fail("virtqueue %u: the Guest's available index moved "
			    "from %u to %u, past the %u entries of the ring",
			    vq->index, vq->last_avail, avail_idx, vq->num);
	if (avail_idx == vq->last_avail)
		return 0;
	rmb();
	/* take the chain's head from the available ring */
#line 1803 "launcher.nw"
	i = vq->avail->ring[vq->last_avail % vq->num];
	if (i >= vq->num)
		return fail("virtqueue %u: chain head %u is outside the ring "
			    "of %u", vq->index, i, vq->num);
	c->head = i;
#line 1770 "launcher.nw"
	c->n_out = c->n_in = 0;
	c->out_len = c->in_len = 0;
	for (;;) {
		/* read descriptor i once, and check the copy */
#line 1817 "launcher.nw"
		addr = vq->desc[i].addr;
		len = vq->desc[i].len;
		flags = vq->desc[i].flags;
		next = vq->desc[i].next;
		if (++count > vq->num)
			return fail("virtqueue %u: the descriptor chain from "
				    "%u loops (longer than the ring)",
				    vq->index, c->head);
		if (flags & VRING_DESC_F_INDIRECT)
			return fail("virtqueue %u: indirect descriptor %u, a "
				    "feature we never offered", vq->index, i);
		/* check that the descriptor lies inside Guest memory */
#line 1834 "launcher.nw"
		p = guest_ptr(addr, len);
		if (!p)
			return fail("virtqueue %u: descriptor %u points at "
				    "%#llx, %u bytes, outside the Guest's %u MB",
				    vq->index, i, (unsigned long long)addr, len,
				    guest.size / MB);
		/* add the buffer to the chain, the readable ones first */
#line 1848 "launcher.nw"
		if (flags & VRING_DESC_F_WRITE) {
			c->iov[c->n_out + c->n_in].iov_base = p;
			c->iov[c->n_out + c->n_in].iov_len = len;
			c->n_in++;
			c->in_len += len;
		} else {
			if (c->n_in)
				return fail("virtqueue %u: readable descriptor "
					    "%u after a writable one", vq->index,
					    i);
			c->iov[c->n_out].iov_base = p;
			c->iov[c->n_out].iov_len = len;
			c->n_out++;
			c->out_len += len;
		}
#line 1775 "launcher.nw"
		if (!(flags & VRING_DESC_F_NEXT))
			break;
		/* follow the link to the next descriptor, inside the ring */
#line 1869 "launcher.nw"
		if (next >= vq->num)
			return fail("virtqueue %u: descriptor %u links to %u, "
				    "outside the ring of %u", vq->index, i,
				    next, vq->num);
		i = next;
#line 1778 "launcher.nw"
	}
	vq->last_avail++;
	return 1;
}

#line 1882 "launcher.nw"
void vq_unpop(struct virtqueue *vq)
{
	vq->last_avail--;
}

/* return a chain, and interrupt the Guest */
#line 1896 "launcher.nw"
void vq_push(struct virtqueue *vq, u16 head, u32 len)
{
	volatile struct vring_used_elem *e;

	e = &vq->used->ring[vq->used_idx % vq->num];
	e->id = head;
	e->len = len;
	wmb();
	vq->used->idx = ++vq->used_idx;
}

#line 1919 "launcher.nw"
int vq_interrupt(struct virtqueue *vq)
{
	mb();
	if (vq->avail->flags & VRING_AVAIL_F_NO_INTERRUPT)
		return 0;
	return interrupt_guest(vq->irq);
}

#line 1936 "launcher.nw"
int vq_serve(struct virtqueue *vq,
	     int (*handle)(struct virtqueue *vq, struct vq_chain *c,
			   u32 *written))
{
	struct vq_chain c;
	bool any = false;
	u32 written;
	int r;

	while ((r = vq_pop(vq, &c)) == 1) {
		written = 0;
		if (handle(vq, &c, &written) < 0)
			return -1;
		vq_push(vq, c.head, written);
		any = true;
	}
	if (r < 0)
		return -1;
	return any ? vq_interrupt(vq) : 0;
}

/* copy through a chain's buffers as one string of bytes */
#line 1972 "launcher.nw"
static size_t iov_copy(const struct iovec *iov, unsigned int n, size_t skip,
		       u8 *buf, size_t len, bool into_iov)
{
	size_t done = 0, part;
	unsigned int i;
	u8 *at;

	for (i = 0; i < n && done < len; i++) {
		if (skip >= iov[i].iov_len) {
			skip -= iov[i].iov_len;
			continue;
		}
		part = iov[i].iov_len - skip;
		if (part > len - done)
			part = len - done;
		at = (u8 *)iov[i].iov_base + skip;
		if (into_iov)
			memcpy(at, buf + done, part);
		else
			memcpy(buf + done, at, part);
		done += part;
		skip = 0;
	}
	return done;
}

#line 2002 "launcher.nw"
size_t iov_from(const struct iovec *iov, unsigned int n, size_t skip,
		void *dst, size_t len)
{
	return iov_copy(iov, n, skip, dst, len, false);
}

size_t iov_to(const struct iovec *iov, unsigned int n, size_t skip,
	      const void *src, size_t len)
{
	return iov_copy(iov, n, skip, (u8 *)src, len, true);
}

#line 2020 "launcher.nw"
unsigned int iov_slice(const struct iovec *iov, unsigned int n, size_t skip,
		       size_t len, struct iovec *out)
{
	unsigned int i, k = 0;
	size_t part;

	for (i = 0; i < n && len; i++) {
		if (skip >= iov[i].iov_len) {
			skip -= iov[i].iov_len;
			continue;
		}
		part = iov[i].iov_len - skip;
		if (part > len)
			part = len;
		out[k].iov_base = (u8 *)iov[i].iov_base + skip;
		out[k].iov_len = part;
		k++;
		len -= part;
		skip = 0;
	}
	return k;
}

/* deliver input into the Guest's empty buffers */
#line 2064 "launcher.nw"
int vq_deliver(struct virtqueue *vq, const void *hdr, size_t hdr_len,
	       const void *data, size_t len, bool whole, size_t *taken)
{
	struct vq_chain c;
	struct iovec *in = c.iov;
	size_t room;
	int r;

	pthread_mutex_lock(&vq->lock);
	r = vq_pop(vq, &c);
	if (r <= 0) {
		pthread_mutex_unlock(&vq->lock);
		return r;
	}
	in += c.n_out;
	room = c.in_len > hdr_len ? c.in_len - hdr_len : 0;
	/* put back a buffer too small for the input, and drop the input */
#line 2100 "launcher.nw"
	if (c.in_len < hdr_len || (whole && room < len)) {
		vq_unpop(vq);
		pthread_mutex_unlock(&vq->lock);
		say("dropped %zu bytes of input: the Guest's buffer holds %zu\n",
		    len, c.in_len);
		*taken = len;
		return 1;
	}
#line 2081 "launcher.nw"
	*taken = len < room ? len : room;
	iov_to(in, c.n_in, 0, hdr, hdr_len);
	iov_to(in, c.n_in, hdr_len, data, *taken);
	vq_push(vq, c.head, hdr_len + *taken);
	r = vq_interrupt(vq);
	pthread_mutex_unlock(&vq->lock);
	return r < 0 ? -1 : 1;
}
