/* SPDX-License-Identifier: GPL-2.0 */
#line 2936 "launcher.nw"
/* The virtio network device on a tap interface.  Tangled from launcher.nw. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_net.h>
#include "lguest.h"

#define NET_HDR_LEN	sizeof(struct virtio_net_hdr)
#define MAX_FRAME	65536

static int tap_fd = -1;

#line 2959 "launcher.nw"
static int net_chain(struct virtqueue *vq, struct vq_chain *c, u32 *written)
{
	struct iovec frame[VQ_MAX_NUM];
	unsigned int k;

	(void)vq;
	(void)written;
	if (c->out_len < NET_HDR_LEN)
		return fail("network packet without its %zu-byte header",
			    NET_HDR_LEN);
	k = iov_slice(c->iov, c->n_out, NET_HDR_LEN,
		      c->out_len - NET_HDR_LEN, frame);
	if (writev(tap_fd, frame, k) < 0)
		say("net: dropped a frame: %s\n", strerror(errno));
	return 0;
}

static int net_output(struct virtqueue *vq)
{
	return vq_serve(vq, net_chain);
}

#line 2988 "launcher.nw"
static void net_input(struct virtqueue *vq)
{
	static u8 frame[MAX_FRAME];
	struct virtio_net_hdr hdr;
	size_t taken;
	ssize_t n;
	int r;

	memset(&hdr, 0, sizeof(hdr));
	for (;;) {
		n = read(tap_fd, frame, sizeof(frame));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			say("net: the tap device closed\n");
			return;
		}
		while ((r = vq_deliver(vq, &hdr, NET_HDR_LEN, frame, n, true,
				       &taken)) == 0)
			if (vq_wait(vq) < 0)
				stop_guest();
		if (r < 0)
			stop_guest();
	}
}

#line 3023 "launcher.nw"
struct device *setup_net(const char *tap)
{
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	struct device *dev;
	u8 mac[6] = { 0x02, 0x4c, 0x47, 0x00, 0x00, (u8)num_devices };

	if (strlen(tap) >= IFNAMSIZ || !tap[0]) {
		fail("'%s' is not a network interface name", tap);
		return NULL;
	}
	/* open the tap interface, or say why not */
#line 3048 "launcher.nw"
	tap_fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (tap_fd < 0) {
		fail("cannot open /dev/net/tun for --tunnet=%s: %s (is the tun "
		     "module loaded?)", tap, strerror(errno));
		return NULL;
	}
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", tap);
	if (ioctl(tap_fd, TUNSETIFF, &ifr) < 0) {
		fail("cannot attach to tap interface %s: %s (does it exist, "
		     "and may you use it?)", tap, strerror(errno));
		close(tap_fd);
		return NULL;
	}
#line 3034 "launcher.nw"
	dev = add_device(tap, VIRTIO_ID_NET, 2, 1u << VIRTIO_NET_F_MAC, mac,
			 sizeof(mac));
	if (!dev || add_vq(dev, 0, NULL) < 0 || add_vq(dev, 1, net_output) < 0)
		return NULL;
	dev->input = net_input;
	say("net: tap %s\n", tap);
	return dev;
}
