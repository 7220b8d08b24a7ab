/* SPDX-License-Identifier: GPL-2.0 */
#line 2937 "launcher.nw"
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

#line 2960 "launcher.nw"
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

#line 2989 "launcher.nw"
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

#line 3046 "launcher.nw"
static const char mac_example[] = "02:4c:47:00:01:03";

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#line 3066 "launcher.nw"
static int parse_mac(const char *s, u8 mac[6])
{
	int hi, lo, i;

	for (i = 0; i < 6; i++, s += 3) {
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0 || s[2] != (i < 5 ? ':' : '\0'))
			return -1;
		mac[i] = hi * 16 + lo;
	}
	return 0;
}

#line 3090 "launcher.nw"
static int refuse_mac(const char *addr, const u8 mac[6])
{
	static const u8 zero[6];
	const char *why;

	if (mac[0] & 1)
		why = "a multicast address (the low bit of its first byte is set)";
	else if (memcmp(mac, zero, sizeof(zero)) == 0)
		why = "all zeroes";
	else
		return 0;
	return fail("--tunnet: %s is %s: a card's own address is unicast and not zero, like %s",
		    addr, why, mac_example);
}

#line 3115 "launcher.nw"
static int parse_tunnet(const char *spec, char tap[IFNAMSIZ], u8 mac[6])
{
	const char *comma = strchr(spec, ','), *addr;
	size_t len = comma ? (size_t)(comma - spec) : strlen(spec);

	if (len == 0 || len >= IFNAMSIZ)
		return fail("--tunnet: '%.*s' is not a network interface name (1 to %d characters)",
			    (int)len, spec, IFNAMSIZ - 1);
	memcpy(tap, spec, len);
	tap[len] = '\0';
	if (!comma)
		return 0;
	if (strncmp(comma + 1, "mac=", 4) != 0)
		return fail("--tunnet=%s: only mac=ADDRESS may follow the tap's name, not '%s'",
			    spec, comma + 1);
	addr = comma + 5;
	if (parse_mac(addr, mac) < 0)
		return fail("--tunnet: '%s' is not a MAC address (six hex pairs joined by colons: %s)",
			    addr, mac_example);
	return refuse_mac(addr, mac);
}

#line 3147 "launcher.nw"
struct device *setup_net(const char *spec)
{
	static char tap[IFNAMSIZ];
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	struct device *dev;
	u8 mac[6] = { 0x02, 0x4c, 0x47, 0x00, 0x00, (u8)num_devices };

	if (parse_tunnet(spec, tap, mac) < 0)
		return NULL;
	/* open the tap interface, or say why not */
#line 3172 "launcher.nw"
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
#line 3157 "launcher.nw"
	dev = add_device(tap, VIRTIO_ID_NET, 2, 1u << VIRTIO_NET_F_MAC, mac,
			 sizeof(mac));
	if (!dev || add_vq(dev, 0, NULL) < 0 || add_vq(dev, 1, net_output) < 0)
		return NULL;
	dev->input = net_input;
	say("net: tap %s, MAC %02x:%02x:%02x:%02x:%02x:%02x\n", tap,
	    mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return dev;
}
