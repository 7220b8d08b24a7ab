// SPDX-License-Identifier: GPL-2.0
/*
 * tap-peer IFNAME: the far end of a Guest's network card, in the lab machine.
 *
 * The Launcher, given --tunnet=IFNAME, creates the tap interface IFNAME and
 * passes frames between it and the Guest's virtio network device.  This
 * program waits for the interface to appear, brings it up, and answers every
 * frame of the local experimental EtherType 0x88B5 whose payload begins with
 * "ping" with a frame back to its sender whose payload begins with "pong"
 * and goes on like the ping's.  It speaks no IP at all: nothing leaves the
 * lab machine, which has no network card of its own.  It runs until it is
 * killed, or for 60 seconds.  /init starts it for a test guest with
 * `@net yes` (tests/guests/virtio-net.c), which checks the answers.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define ETHERTYPE_LGUEST	0x88B5
static const unsigned char our_mac[ETH_ALEN] = { 0x02, 0x4c, 0x47, 0xff, 0xff, 0x01 };

static int bring_up(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	ifr.ifr_flags |= IFF_UP;
	return ioctl(fd, SIOCSIFFLAGS, &ifr);
}

int main(int argc, char **argv)
{
	unsigned char frame[ETH_FRAME_LEN];
	struct sockaddr_ll sll;
	unsigned int idx = 0, tries, answered = 0;
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: tap-peer IFNAME\n");
		return 2;
	}
	alarm(60);
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETHERTYPE_LGUEST));
	if (fd < 0) {
		perror("tap-peer: packet socket");
		return 1;
	}
	/* The Launcher creates the interface as it starts. */
	for (tries = 0; tries < 200 && !(idx = if_nametoindex(argv[1])); tries++)
		usleep(100000);
	if (!idx || bring_up(fd, argv[1]) < 0) {
		fprintf(stderr, "tap-peer: no interface %s to bring up: %s\n",
			argv[1], strerror(errno));
		return 1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETHERTYPE_LGUEST);
	sll.sll_ifindex = idx;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		perror("tap-peer: bind");
		return 1;
	}
	printf("tap-peer: %s is up\n", argv[1]);
	fflush(stdout);
	for (;;) {
		n = recv(fd, frame, sizeof(frame), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == ENETDOWN || errno == ENXIO)) {
			/* The Launcher ended, and its interface with it. */
			printf("tap-peer: %s is gone\n", argv[1]);
			return 0;
		}
		if (n < 0) {
			perror("tap-peer: recv");
			return 1;
		}
		if (n < ETH_HLEN + 4 || memcmp(frame + ETH_HLEN, "ping", 4))
			continue;
		/* Back to the sender, from us, "pong" and the rest as it came. */
		memcpy(frame, frame + ETH_ALEN, ETH_ALEN);
		memcpy(frame + ETH_ALEN, our_mac, ETH_ALEN);
		memcpy(frame + ETH_HLEN, "pong", 4);
		if (send(fd, frame, n, 0) != n) {
			perror("tap-peer: send");
			return 1;
		}
		printf("tap-peer: answered frame %u (%zd bytes)\n", ++answered, n);
		fflush(stdout);
	}
}
