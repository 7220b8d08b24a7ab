#line 1843 "launcher.nw"
/* SPDX-License-Identifier: GPL-2.0 */
/* The virtio console on the Launcher's terminal.  Tangled from launcher.nw. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/virtio_ids.h>
#include "lguest.h"

static int console_in = -1;
int console_out = 1;

int write_all(int fd, const void *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail("cannot write to the console: %s",
				    n ? strerror(errno) : "nothing written");
		buf = (const u8 *)buf + n;
		len -= n;
	}
	return 0;
}

static int console_output(struct virtqueue *vq)
{
	struct vq_chain c;
	unsigned int i;
	bool any = false;
	int r;

	while ((r = vq_pop(vq, &c)) == 1) {
		for (i = 0; i < c.n_out; i++)
			if (write_all(console_out, c.iov[i].iov_base,
				      c.iov[i].iov_len) < 0)
				return -1;
		vq_push(vq, c.head, 0);
		any = true;
	}
	if (r < 0)
		return -1;
	return any ? vq_interrupt(vq) : 0;
}
#line 1909 "launcher.nw"
static void *console_thread(struct virtqueue *vq)
{
	u8 buf[4096];
	unsigned int ctrl_c = 0;
	size_t done, taken;
	ssize_t n;

	for (;;) {
		n = read(console_in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			say("console input closed\n");
			return NULL;
		}
		ctrl_c = (n == 1 && buf[0] == 3) ? ctrl_c + 1 : 0;
		if (ctrl_c == 3) {
			fprintf(stderr, "\nlguest: three Ctrl-C: stopping\n");
			exit(1);
		}
		for (done = 0; done < (size_t)n; done += taken) {
			int r = vq_deliver(vq, NULL, 0, buf + done, n - done,
					   false, &taken);
			if (r < 0)
				stop_guest();
			if (r == 0 && vq_wait(vq) < 0)
				stop_guest();
			if (r == 0)
				taken = 0;
		}
	}
}
#line 1947 "launcher.nw"
struct device *setup_console(int in_fd, int out_fd)
{
	struct device *dev = add_device("console", VIRTIO_ID_CONSOLE, 2, 0,
					NULL, 0);

	if (!dev || add_vq(dev, 0, NULL) < 0 ||
	    add_vq(dev, 1, console_output) < 0)
		return NULL;
	console_in = in_fd;
	console_out = out_fd;
	dev->priv = console_thread;
	return dev;
}
#line 1967 "launcher.nw"
void *input_thread(void *arg)
{
	struct virtqueue *vq = arg;
	void *(*fn)(struct virtqueue *) = (void *(*)(struct virtqueue *))
		vq->dev->priv;

	return fn(vq);
}
