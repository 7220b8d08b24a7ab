/* SPDX-License-Identifier: GPL-2.0 */
#line 2535 "launcher.nw"
/* The virtio console on the Launcher's terminal.  Tangled from launcher.nw. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/virtio_ids.h>
#include "lguest.h"

static int console_in = -1;
int console_out = 1;

#line 2554 "launcher.nw"
static int console_chain(struct virtqueue *vq, struct vq_chain *c,
			 u32 *written)
{
	unsigned int i;

	(void)vq;
	(void)written;
	for (i = 0; i < c->n_out; i++)
		if (write_all(console_out, c->iov[i].iov_base,
			      c->iov[i].iov_len) < 0)
			return -1;
	return 0;
}

static int console_output(struct virtqueue *vq)
{
	return vq_serve(vq, console_chain);
}

#line 2595 "launcher.nw"
static void console_input(struct virtqueue *vq)
{
	struct pollfd fds[2] = { { .fd = console_in, .events = POLLIN },
				 { .fd = vq->kick_fd, .events = POLLIN } };
	u8 held[4096], in[256];
	size_t have = 0, taken, room;
	unsigned int ctrl_c = 0;
	ssize_t n;
	int r;

	for (;;) {
		/* give the Guest what the console thread holds */
#line 2649 "launcher.nw"
		while (have) {
			r = vq_deliver(vq, NULL, 0, held, have, false, &taken);
			if (r < 0)
				stop_guest();
			if (r == 0)
				break;
			memmove(held, held + taken, have - taken);
			have -= taken;
		}
#line 2607 "launcher.nw"
		if (fds[0].fd < 0 && have == 0)
			return;
		if (poll(fds, 2, -1) < 0)
			continue;
		if ((fds[1].revents & POLLIN) && vq_wait(vq) < 0)
			stop_guest();
		if (fds[0].fd < 0 || !fds[0].revents)
			continue;
		/* read what was typed, and stop at the third Ctrl-C */
#line 2625 "launcher.nw"
		n = read(console_in, in, sizeof(in));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			say("console input closed\n");
			fds[0].fd = -1;
			continue;
		}
		ctrl_c = (n == 1 && in[0] == 3) ? ctrl_c + 1 : 0;
		if (ctrl_c == 3) {
			fprintf(stderr, "\nlguest: three Ctrl-C: stopping\n");
			exit(128 + SIGINT);
		}
		room = sizeof(held) - have;
		memcpy(held + have, in, (size_t)n < room ? (size_t)n : room);
		have += (size_t)n < room ? (size_t)n : room;
#line 2616 "launcher.nw"
	}
}

#line 2664 "launcher.nw"
struct device *setup_console(int in_fd, int out_fd)
{
	struct device *dev = add_device("console", VIRTIO_ID_CONSOLE, 2, 0,
					NULL, 0);

	if (!dev || add_vq(dev, 0, NULL) < 0 ||
	    add_vq(dev, 1, console_output) < 0)
		return NULL;
	console_in = in_fd;
	console_out = out_fd;
	dev->input = console_input;
	return dev;
}
