/* SPDX-License-Identifier: GPL-2.0 */
#line 2707 "launcher.nw"
/* The virtio block device on a file.  Tangled from launcher.nw. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_ids.h>
#include "lguest.h"

struct block {
	int fd;
	u64 bytes;		/* whole sectors only */
	bool ro;
};

#line 2732 "launcher.nw"
static u8 block_rw(struct block *b, bool write, const struct iovec *iov,
		   unsigned int n, size_t skip, size_t len, u64 sector)
{
	struct iovec part[VQ_MAX_NUM];
	unsigned int k = iov_slice(iov, n, skip, len, part);
	ssize_t done;

	if (sector > b->bytes / 512 || len > b->bytes - sector * 512) {
		say("block: %zu bytes at sector %llu: past the end\n", len,
		    (unsigned long long)sector);
		return VIRTIO_BLK_S_IOERR;
	}
	if (write)
		done = pwritev(b->fd, part, k, sector * 512);
	else
		done = preadv(b->fd, part, k, sector * 512);
	return done == (ssize_t)len ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
}

#line 2760 "launcher.nw"
static int block_request(struct block *b, struct vq_chain *c, u32 *written)
{
	struct virtio_blk_outhdr h;
	struct iovec *in = c->iov + c->n_out;
	size_t data_in;
	char id[VIRTIO_BLK_ID_BYTES] = "lguest-block";
	u8 status;

	if (c->out_len < sizeof(h))
		return fail("block request without its %zu-byte header",
			    sizeof(h));
	if (c->in_len < 1)
		return fail("block request without room for a status byte");
	iov_from(c->iov, c->n_out, 0, &h, sizeof(h));
	data_in = c->in_len - 1;
	*written = 1;
	/* do what the request's type asks, and choose its status */
#line 2787 "launcher.nw"
	switch (h.type) {
	case VIRTIO_BLK_T_IN:
		status = block_rw(b, false, in, c->n_in, 0, data_in,
				  h.sector);
		if (status == VIRTIO_BLK_S_OK)
			*written += data_in;
		break;
	case VIRTIO_BLK_T_OUT:
		status = b->ro ? VIRTIO_BLK_S_IOERR :
			 block_rw(b, true, c->iov, c->n_out, sizeof(h),
				  c->out_len - sizeof(h), h.sector);
		break;
	case VIRTIO_BLK_T_FLUSH:
		status = fdatasync(b->fd) ? VIRTIO_BLK_S_IOERR :
			 VIRTIO_BLK_S_OK;
		break;
	case VIRTIO_BLK_T_GET_ID:
		*written += iov_to(in, c->n_in, 0, id,
				   data_in < sizeof(id) ? data_in : sizeof(id));
		status = VIRTIO_BLK_S_OK;
		break;
	default:
		status = VIRTIO_BLK_S_UNSUPP;
	}
#line 2777 "launcher.nw"
	iov_to(in, c->n_in, data_in, &status, 1);
	return 0;
}

#line 2817 "launcher.nw"
static int block_chain(struct virtqueue *vq, struct vq_chain *c, u32 *written)
{
	return block_request(vq->dev->priv, c, written);
}

static int block_service(struct virtqueue *vq)
{
	return vq_serve(vq, block_chain);
}

/* open the disk and measure it */
#line 2888 "launcher.nw"
static int open_disk(struct block *b, const char *path)
{
	off_t size;

	b->fd = open_file(path, b->ro ? O_RDONLY : O_RDWR, true);
	if (b->fd < 0)
		return -1;
	size = lseek(b->fd, 0, SEEK_END);
	if (size < 512) {
		if (size < 0)
			fail("cannot find the size of block device %s: %s",
			     path, strerror(errno));
		else
			fail("block device %s holds %lld bytes, less than one "
			     "512-byte sector: the Guest would see capacity 0",
			     path, (long long)size);
		close(b->fd);
		return -1;
	}
	if (size % 512)
		fprintf(stderr, "lguest: %s: the last %lld bytes are not a "
			"whole sector and are ignored\n", path,
			(long long)(size % 512));
	b->bytes = size - size % 512;
	return 0;
}

#line 2836 "launcher.nw"
struct device *setup_block(const char *spec)
{
	struct virtio_blk_config cfg;
	struct block *b = calloc(1, sizeof(*b));
	char *path = strdup(spec), *comma = strrchr(path, ',');
	struct device *dev;
	u32 features;

	if (comma && strcmp(comma, ",ro") == 0) {
		*comma = '\0';
		b->ro = true;
	}
	if (open_disk(b, path) < 0) {
		free(b);
		free(path);
		return NULL;
	}
	/* describe the disk to the Guest, its capacity and its features */
#line 2869 "launcher.nw"
	memset(&cfg, 0, sizeof(cfg));
	cfg.capacity = b->bytes / 512;
	cfg.seg_max = VQ_SIZE - 2;
	features = 1u << VIRTIO_BLK_F_SEG_MAX | 1u << VIRTIO_BLK_F_FLUSH;
	if (b->ro)
		features |= 1u << VIRTIO_BLK_F_RO;
#line 2854 "launcher.nw"
	dev = add_device(path, VIRTIO_ID_BLOCK, 1, features, &cfg,
			 sizeof(cfg));
	if (!dev || add_vq(dev, 0, block_service) < 0)
		return NULL;
	dev->priv = b;
	say("block: %s, %llu sectors%s\n", path,
	    (unsigned long long)cfg.capacity, b->ro ? ", read-only" : "");
	return dev;
}
