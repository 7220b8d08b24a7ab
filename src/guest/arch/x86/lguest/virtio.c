// SPDX-License-Identifier: GPL-2.0
#line 68 "drivers.nw"
/*
 * The lguest virtio transport.  Tangled from drivers.nw: edit that, not this.
 */

/* the headers it needs */
#line 95 "drivers.nw"
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/pfn.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <asm/cpufeature.h>
#include <asm/e820/api.h>
#include <asm/irq_vectors.h>
#include "lguest.h"

/* the device page */
#line 131 "drivers.nw"
static u8 *lguest_devpage;
static phys_addr_t lguest_devpage_addr;
static struct device *lguest_root;

/* a device */
#line 148 "drivers.nw"
struct lguest_device {
	struct virtio_device vdev;
	struct lguest_device_desc *desc;	/* its entry in the device page */
	u32 desc_addr;				/* the entry's guest-physical address */
	unsigned int num_vq;
	unsigned int feature_len;
	unsigned int config_len;
	unsigned int irq[];			/* each queue's, once requested */
};

static struct lguest_device *to_lgdev(struct virtio_device *vdev)
{
	return container_of(vdev, struct lguest_device, vdev);
}

/* where its parts are */
#line 173 "drivers.nw"
static u8 *lgdev_vqconfig(struct lguest_device *ldev, unsigned int i)
{
	return (u8 *)(ldev->desc + 1) + i * sizeof(struct lguest_vqconfig);
}

static u8 *lgdev_features(struct lguest_device *ldev)
{
	return lgdev_vqconfig(ldev, ldev->num_vq);
}

static u8 *lgdev_config(struct lguest_device *ldev)
{
	return lgdev_features(ldev) + 2 * ldev->feature_len;
}

/* features */
#line 206 "drivers.nw"
static unsigned int lgdev_feature_bits(struct lguest_device *ldev)
{
	return min(ldev->feature_len * 8, 32U);
}

static u64 lgdev_get_features(struct virtio_device *vdev)
{
	struct lguest_device *ldev = to_lgdev(vdev);
	u8 *offered = lgdev_features(ldev);
	u64 features = 0;
	unsigned int i;

	for (i = 0; i < lgdev_feature_bits(ldev); i++)
		if (offered[i / 8] & BIT(i % 8))
			features |= BIT_ULL(i);
	return features;
}

#line 233 "drivers.nw"
static int lgdev_finalize_features(struct virtio_device *vdev)
{
	struct lguest_device *ldev = to_lgdev(vdev);
	u8 *taken = lgdev_features(ldev) + ldev->feature_len;
	unsigned int i;

	vring_transport_features(vdev);
	memset(taken, 0, ldev->feature_len);
	for (i = 0; i < lgdev_feature_bits(ldev); i++)
		if (vdev->features & BIT_ULL(i))
			taken[i / 8] |= BIT(i % 8);
	return 0;
}

/* configuration */
#line 262 "drivers.nw"
static bool lgdev_config_ok(struct lguest_device *ldev, unsigned int offset,
			    unsigned int len)
{
	if (offset <= ldev->config_len && len <= ldev->config_len - offset)
		return true;
	dev_err_once(&ldev->vdev.dev,
		     "config bytes %u-%u asked for; the device has %u\n",
		     offset, offset + len, ldev->config_len);
	return false;
}

#line 279 "drivers.nw"
static void lgdev_get(struct virtio_device *vdev, unsigned int offset,
		      void *buf, unsigned int len)
{
	struct lguest_device *ldev = to_lgdev(vdev);

	if (lgdev_config_ok(ldev, offset, len))
		memcpy(buf, lgdev_config(ldev) + offset, len);
	else
		memset(buf, 0, len);
}

static void lgdev_set(struct virtio_device *vdev, unsigned int offset,
		      const void *buf, unsigned int len)
{
	struct lguest_device *ldev = to_lgdev(vdev);

	if (lgdev_config_ok(ldev, offset, len))
		memcpy(lgdev_config(ldev) + offset, buf, len);
}

/* status */
#line 316 "drivers.nw"
static u8 lgdev_get_status(struct virtio_device *vdev)
{
	return READ_ONCE(to_lgdev(vdev)->desc->status);
}

static void lgdev_set_status(struct virtio_device *vdev, u8 status)
{
	struct lguest_device *ldev = to_lgdev(vdev);

	WRITE_ONCE(ldev->desc->status, status);
	hcall(LHCALL_NOTIFY, ldev->desc_addr, 0, 0, 0);
}

static void lgdev_reset(struct virtio_device *vdev)
{
	lgdev_set_status(vdev, 0);
}

/* kicks and interrupts */
#line 361 "drivers.nw"
static bool lgdev_notify(struct virtqueue *vq)
{
	hcall(LHCALL_NOTIFY, virtqueue_get_desc_addr(vq), 0, 0, 0);
	return true;
}

static int lgdev_request_irq(struct lguest_device *ldev, struct virtqueue *vq,
			     unsigned int irq)
{
	int err = request_irq(irq, vring_interrupt, IRQF_SHARED,
			      dev_name(&ldev->vdev.dev), vq);

	if (!err)
		ldev->irq[vq->index] = irq;
	return err;
}

/* a queue's entry, checked */
#line 394 "drivers.nw"
static int lgdev_read_vq(struct lguest_device *ldev, unsigned int index,
			 struct lguest_vqconfig *cfg)
{
	struct device *dev = &ldev->vdev.dev;

	if (index >= ldev->num_vq) {
		dev_err(dev, "the driver asks for queue %u, and the device has %u\n",
			index, ldev->num_vq);
		return -ENOENT;
	}
	memcpy(cfg, lgdev_vqconfig(ldev, index), sizeof(*cfg));
	if (!cfg->irq || cfg->irq >= NR_IRQS) {
		dev_err(dev, "queue %u asks for interrupt %u, which is no device's\n",
			index, cfg->irq);
		return -EINVAL;
	}
	if (!is_power_of_2(cfg->num)) {
		dev_err(dev, "queue %u has %u entries, not a power of two\n",
			index, cfg->num);
		return -EINVAL;
	}
	return 0;
}

/* making a queue */
#line 431 "drivers.nw"
static struct virtqueue *lgdev_setup_vq(struct lguest_device *ldev,
					unsigned int index,
					vq_callback_t *callback,
					const char *name, bool ctx)
{
	struct lguest_vqconfig cfg;
	struct virtqueue *vq;
	u32 pfn;
	int err;

	err = lgdev_read_vq(ldev, index, &cfg);
	if (err)
		return ERR_PTR(err);
	vq = vring_create_virtqueue(index, cfg.num, LGUEST_DEVICE_ALIGN,
				    &ldev->vdev, true, false, ctx,
				    lgdev_notify, callback, name);
	if (!vq)
		return ERR_PTR(-ENOMEM);
	pfn = virtqueue_get_desc_addr(vq) >> PAGE_SHIFT;
	memcpy(lgdev_vqconfig(ldev, index) + offsetof(struct lguest_vqconfig, pfn),
	       &pfn, sizeof(pfn));
	err = lgdev_request_irq(ldev, vq, cfg.irq);
	return err ? ERR_PTR(err) : vq;
}

/* all the queues of a device */
#line 465 "drivers.nw"
static void lgdev_del_vqs(struct virtio_device *vdev)
{
	struct lguest_device *ldev = to_lgdev(vdev);
	struct virtqueue *vq, *next;
	u32 pfn = 0;

	list_for_each_entry_safe(vq, next, &vdev->vqs, list) {
		if (ldev->irq[vq->index])
			free_irq(ldev->irq[vq->index], vq);
		ldev->irq[vq->index] = 0;
		memcpy(lgdev_vqconfig(ldev, vq->index) +
		       offsetof(struct lguest_vqconfig, pfn), &pfn, sizeof(pfn));
		vring_del_virtqueue(vq);
	}
}

#line 490 "drivers.nw"
static int lgdev_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
			  struct virtqueue *vqs[], vq_callback_t *callbacks[],
			  const char * const names[], const bool *ctx,
			  struct irq_affinity *desc)
{
	unsigned int i, index = 0;

	for (i = 0; i < nvqs; i++) {
		vqs[i] = NULL;
		if (!names[i])
			continue;
		vqs[i] = lgdev_setup_vq(to_lgdev(vdev), index++, callbacks[i],
					names[i], ctx && ctx[i]);
		if (IS_ERR(vqs[i])) {
			int err = PTR_ERR(vqs[i]);

			lgdev_del_vqs(vdev);
			return err;
		}
	}
	return 0;
}

/* the operations */
#line 523 "drivers.nw"
static const char *lgdev_bus_name(struct virtio_device *vdev)
{
	return "lguest";
}

static const struct virtio_config_ops lguest_config_ops = {
	.get			= lgdev_get,
	.set			= lgdev_set,
	.get_status		= lgdev_get_status,
	.set_status		= lgdev_set_status,
	.reset			= lgdev_reset,
	.find_vqs		= lgdev_find_vqs,
	.del_vqs		= lgdev_del_vqs,
	.get_features		= lgdev_get_features,
	.finalize_features	= lgdev_finalize_features,
	.bus_name		= lgdev_bus_name,
};

/* registering a device */
#line 555 "drivers.nw"
static void lgdev_release(struct device *dev)
{
	kfree(to_lgdev(dev_to_virtio(dev)));
}

static void __init lguest_add_device(unsigned int offset,
				     const struct lguest_device_desc *d)
{
	struct lguest_device *ldev;

	ldev = kzalloc(struct_size(ldev, irq, d->num_vq), GFP_KERNEL);
	if (!ldev)
		return;
	ldev->desc = (struct lguest_device_desc *)(lguest_devpage + offset);
	ldev->desc_addr = lguest_devpage_addr + offset;
	ldev->num_vq = d->num_vq;
	ldev->feature_len = d->feature_len;
	ldev->config_len = d->config_len;
	ldev->vdev.dev.parent = lguest_root;
	ldev->vdev.dev.release = lgdev_release;
	ldev->vdev.id.device = d->type;
	ldev->vdev.config = &lguest_config_ops;
	if (register_virtio_device(&ldev->vdev)) {
		pr_err("lguest: cannot register the device of type %u\n", d->type);
		put_device(&ldev->vdev.dev);
	}
}

/* reading the device page */
#line 595 "drivers.nw"
static unsigned int lgdev_size(const struct lguest_device_desc *d)
{
	return sizeof(*d) + d->num_vq * sizeof(struct lguest_vqconfig) +
	       2 * d->feature_len + d->config_len;
}

static void __init lguest_scan_devices(void)
{
	struct lguest_device_desc d;
	unsigned int offset = 0;

	while (offset + sizeof(d) <= PAGE_SIZE) {
		memcpy(&d, lguest_devpage + offset, sizeof(d));
		if (!d.type)
			return;
		if (lgdev_size(&d) > PAGE_SIZE - offset) {
			pr_err("lguest: the device at offset %u (type %u, %u queues, %u feature and %u config bytes) runs past the device page: it and any after it are ignored\n",
			       offset, d.type, d.num_vq, d.feature_len, d.config_len);
			return;
		}
		lguest_add_device(offset, &d);
		offset += lgdev_size(&d);
	}
}

/* at boot */
#line 630 "drivers.nw"
static int __init lguest_devices_init(void)
{
	if (!boot_cpu_has(X86_FEATURE_LGUEST))
		return 0;
	lguest_devpage_addr = PFN_PHYS(e820__end_of_ram_pfn());
	lguest_devpage = memremap(lguest_devpage_addr, PAGE_SIZE, MEMREMAP_WB);
	if (!lguest_devpage) {
		pr_err("lguest: cannot map the device page at %pa\n",
		       &lguest_devpage_addr);
		return -ENOMEM;
	}
	lguest_root = root_device_register("lguest");
	if (IS_ERR(lguest_root))
		return PTR_ERR(lguest_root);
	lguest_scan_devices();
	return 0;
}
postcore_initcall(lguest_devices_init);
