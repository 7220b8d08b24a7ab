/* SPDX-License-Identifier: GPL-2.0 */
#line 2172 "launcher.nw"
/* The device page and notifications.  Tangled from launcher.nw. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <linux/virtio_config.h>
#include "lguest.h"

struct device devices[MAX_DEVICES];
unsigned int num_devices;
static u32 page_used;

/* add a device and its queues to the device page */
#line 2196 "launcher.nw"
struct device *add_device(const char *name, u8 type, unsigned int num_vq,
			  u32 features, const void *config, u8 config_len)
{
	struct lguest_device_desc d = { .type = type, .num_vq = num_vq,
					.config_len = config_len };
	struct device *dev;
	u32 size;
	u8 *p;

	while ((u64)features >> (8 * d.feature_len))
		d.feature_len++;
	size = sizeof(d) + num_vq * sizeof(struct lguest_vqconfig) +
	       2 * d.feature_len + config_len;
	if (num_devices == MAX_DEVICES || num_vq > 2 ||
	    page_used + size + 1 > PAGE_SIZE) {
		fail("too many devices for the device page");
		return NULL;
	}
	dev = &devices[num_devices++];
	memset(dev, 0, sizeof(*dev));
	dev->name = name;
	dev->offset = page_used;
	dev->num_vq = num_vq;
	dev->feature_len = d.feature_len;
	/* write the descriptor, our features and the configuration */
#line 2231 "launcher.nw"
	p = device_page() + page_used;
	dev->desc = (struct lguest_device_desc *)p;
	memcpy(p, &d, sizeof(d));
	p = device_features(dev);
	memcpy(p, &features, d.feature_len);
	if (config_len)
		memcpy(p + 2 * d.feature_len, config, config_len);
#line 2221 "launcher.nw"
	page_used += size;
	return dev;
}

#line 2244 "launcher.nw"
struct lguest_vqconfig *vq_config(struct virtqueue *vq)
{
	return (struct lguest_vqconfig *)((u8 *)(vq->dev->desc + 1) +
		vq->index * sizeof(struct lguest_vqconfig));
}

u8 *device_features(struct device *dev)
{
	return (u8 *)(dev->desc + 1) +
	       dev->num_vq * sizeof(struct lguest_vqconfig);
}

#line 2264 "launcher.nw"
int add_vq(struct device *dev, unsigned int index,
	   int (*service)(struct virtqueue *vq))
{
	struct virtqueue *vq = &dev->vq[index];
	struct lguest_vqconfig cfg = { .num = VQ_SIZE,
				       .irq = dev - devices + 1 };

	memset(vq, 0, sizeof(*vq));
	vq->dev = dev;
	vq->index = index;
	vq->num = cfg.num;
	vq->irq = cfg.irq;
	vq->service = service;
	vq->kick_fd = -1;
	pthread_mutex_init(&vq->lock, NULL);
	memcpy(vq_config(vq), &cfg, sizeof(cfg));
	if (!service) {
		vq->kick_fd = eventfd(0, EFD_CLOEXEC);
		if (vq->kick_fd < 0)
			return fail("cannot create an eventfd: %s",
				    strerror(errno));
	}
	return 0;
}

#line 2299 "launcher.nw"
void *input_thread(void *arg)
{
	struct virtqueue *vq = arg;

	vq->dev->input(vq);
	return NULL;
}

#line 2311 "launcher.nw"
void reset_devices(void)
{
	unsigned int i, j;

	for (i = 0; i < num_devices; i++)
		for (j = 0; j < devices[i].num_vq; j++)
			if (devices[i].vq[j].kick_fd >= 0)
				close(devices[i].vq[j].kick_fd);
	num_devices = 0;
	page_used = 0;
	memset(device_page(), 0, PAGE_SIZE);
}

/* answer the Guest's notifications */
#line 2350 "launcher.nw"
u32 vq_config_pfn(struct virtqueue *vq)
{
	u32 pfn;

	memcpy(&pfn, (u8 *)vq_config(vq) +
	       offsetof(struct lguest_vqconfig, pfn), sizeof(pfn));
	return pfn;
}

static int wake(struct virtqueue *vq)
{
	u64 one = 1;

	if (vq->kick_fd >= 0 && write(vq->kick_fd, &one, sizeof(one)) < 0)
		return fail("cannot wake the %s device: %s", vq->dev->name,
			    strerror(errno));
	return 0;
}

int vq_wait(struct virtqueue *vq)
{
	u64 count;

	if (read(vq->kick_fd, &count, sizeof(count)) < 0 && errno != EINTR)
		return fail("cannot wait for the Guest: %s", strerror(errno));
	return 0;
}

#line 2384 "launcher.nw"
static int vq_kick(struct virtqueue *vq, u32 pfn)
{
	int r = 0;

	pthread_mutex_lock(&vq->lock);
	if (vq->ring_addr != (u64)pfn * PAGE_SIZE)
		r = vq_attach(vq, pfn);
	if (r == 0 && vq->service)
		r = vq->service(vq);
	pthread_mutex_unlock(&vq->lock);
	return r < 0 ? r : wake(vq);
}

#line 2411 "launcher.nw"
static int device_status(struct device *dev)
{
	u8 status = *(volatile u8 *)&dev->desc->status;
	unsigned int i;
	u32 pfn;

	say("%s: status %#x%s\n", dev->name, status,
	    status & VIRTIO_CONFIG_S_FAILED ? ": the Guest's driver failed" :
	    "");
	for (i = 0; i < dev->num_vq; i++) {
		struct virtqueue *vq = &dev->vq[i];
		int r = 0;

		pthread_mutex_lock(&vq->lock);
		if (status == 0) {
			vq_detach(vq);
		} else if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
			pfn = vq_config_pfn(vq);
			if (pfn && vq->ring_addr != (u64)pfn * PAGE_SIZE)
				r = vq_attach(vq, pfn);
		}
		pthread_mutex_unlock(&vq->lock);
		if (r < 0 || wake(vq) < 0)
			return -1;
	}
	if (status == 0)
		memset(device_features(dev) + dev->feature_len, 0,
		       dev->feature_len);
	return 0;
}

#line 2447 "launcher.nw"
int device_notify(u32 addr)
{
	unsigned int i, j;
	u32 pfn;

	if (addr >= guest.size && addr - guest.size < PAGE_SIZE) {
		for (i = 0; i < num_devices; i++)
			if (addr - guest.size == devices[i].offset)
				return device_status(&devices[i]);
		return fail("the Guest notified %#x, inside the device page "
			    "but not a device", addr);
	}
	for (i = 0; i < num_devices; i++) {
		for (j = 0; j < devices[i].num_vq; j++) {
			pfn = vq_config_pfn(&devices[i].vq[j]);
			if (pfn && (u64)pfn * PAGE_SIZE == addr)
				return vq_kick(&devices[i].vq[j], pfn);
		}
	}
	return fail("the Guest notified %#x, which is neither a device nor "
		    "a virtqueue", addr);
}
