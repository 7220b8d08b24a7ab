// SPDX-License-Identifier: GPL-2.0
/*
 * lguest-badpage: the Launcher, with a device page that lies, for the test
 * linux-badpage (tests/linux/badpage.sh).
 *
 * It is the Launcher's own objects linked with this file and
 * -Wl,--wrap=add_device (mk/lab.mk): the linker sends the Launcher's calls
 * of add_device() here, to __wrap_add_device(), and this file reaches the
 * real one as __real_add_device().  After the console, the first device,
 * it adds seven disks, and rewrites each one's entry on the device page to
 * be wrong in one way.  The Launcher's own records of them stay true, so it
 * still answers correctly whatever the Guest does with them; only the
 * Guest is lied to.  (A queue with no service function would be an input
 * queue, with a thread of its own, so each liar's queue gets one, which
 * stops the Launcher: none of them should ever carry a request.)
 *
 * An entry is 5 bytes, 8 per queue, twice the feature bytes, then the
 * configuration.  The first five carry 255 bytes of configuration so that
 * the last, which claims 255 queues, 255 feature bytes and 255 bytes of
 * configuration (2,810 bytes), starts late enough to run past the page.
 */
#include <stddef.h>
#include <string.h>
#include <linux/virtio_ids.h>
#include "lguest.h"

struct device *__real_add_device(const char *name, u8 type,
				 unsigned int num_vq, u32 features,
				 const void *config, u8 config_len);
struct device *__wrap_add_device(const char *name, u8 type,
				 unsigned int num_vq, u32 features,
				 const void *config, u8 config_len);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const u8 filler[255];

/* each liar: its queues and configuration, and what its queue's entry says */
#define KEEP -1
static const struct liar {
	const char *name;
	u8 num_vq, config_len;
	int num, irq;
} liars[] = {
	{ "badpage: interrupt 0",	1, 255, KEEP, 0 },
	{ "badpage: interrupt 4000",	1, 255, KEEP, 4000 },
	{ "badpage: 3 entries",		1, 255, 3, KEEP },
	{ "badpage: 0 entries",		1, 255, 0, KEEP },
	{ "badpage: no queues",		0, 255, KEEP, KEEP },
	{ "badpage: no configuration",	1, 0, KEEP, KEEP },
	{ "badpage: too long",		1, 0, KEEP, KEEP },
};

static void lie_u16(struct device *dev, size_t field, int value)
{
	u16 v = value;

	if (value != KEEP)
		memcpy((u8 *)(dev->desc + 1) + field, &v, sizeof(v));
}

/* none of them may get as far as a request: the Launcher stops if one does */
static int no_requests(struct virtqueue *vq)
{
	return fail("the Guest sent a request to %s", vq->dev->name);
}

static void add_liar(const struct liar *l)
{
	struct device *dev = __real_add_device(l->name, VIRTIO_ID_BLOCK,
					       l->num_vq, 0, filler,
					       l->config_len);

	if (!dev || (l->num_vq && add_vq(dev, 0, no_requests) < 0))
		return;
	lie_u16(dev, offsetof(struct lguest_vqconfig, num), l->num);
	lie_u16(dev, offsetof(struct lguest_vqconfig, irq), l->irq);
	if (l == &liars[ARRAY_SIZE(liars) - 1]) {
		dev->desc->num_vq = 255;
		dev->desc->feature_len = 255;
		dev->desc->config_len = 255;
	}
}

struct device *__wrap_add_device(const char *name, u8 type,
				 unsigned int num_vq, u32 features,
				 const void *config, u8 config_len)
{
	struct device *dev = __real_add_device(name, type, num_vq, features,
					       config, config_len);
	unsigned int i;

	if (dev && type == VIRTIO_ID_CONSOLE)
		for (i = 0; i < ARRAY_SIZE(liars); i++)
			add_liar(&liars[i]);
	return dev;
}
