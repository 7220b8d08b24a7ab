/* SPDX-License-Identifier: GPL-2.0 */
#line 3394 "launcher.nw"
/* The Launcher's side of /dev/lguest: meeting the Host, interrupts and the
 * run loop.  Tangled from launcher.nw. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"

int lguest_fd = -1;
volatile int caught_signal;

#line 3416 "launcher.nw"
int open_lguest(const struct kernel_info *ki)
{
	struct lguest_init init = {
		.req = LHREQ_INITIALIZE,
		.base = (u32)(uintptr_t)guest.base,
		.pfnlimit = guest.size / PAGE_SIZE,
		.start = ki->entry,
		.pgdir = ki->pgdir,
	};

	lguest_fd = open("/dev/lguest", O_RDWR | O_CLOEXEC);
	if (lguest_fd < 0 && errno == ENOENT)
		return fail("/dev/lguest does not exist: load the Host module "
			    "first (insmod lg.ko)");
	if (lguest_fd < 0)
		return fail("cannot open /dev/lguest: %s", strerror(errno));
	if (write(lguest_fd, &init, sizeof(init)) != sizeof(init))
		return fail("the Host refused to create the Guest: %s",
			    strerror(errno));
	say("Guest: entry %#x, page directory %#x\n", ki->entry, ki->pgdir);
	return 0;
}

#line 3445 "launcher.nw"
int interrupt_guest(u16 irq)
{
	u32 req[2] = { LHREQ_IRQ, irq };

	if (write(lguest_fd, req, sizeof(req)) != sizeof(req))
		return fail("cannot send interrupt %u to the Guest: %s", irq,
			    strerror(errno));
	return 0;
}

#line 3465 "launcher.nw"
int run_guest(int (*handle)(const struct lguest_exit *e))
{
	struct lguest_exit e;
	ssize_t n;
	int status = KEEP_RUNNING;

	while (status == KEEP_RUNNING) {
		if (caught_signal)
			break;
		memset(&e, 0, sizeof(e));
		n = read(lguest_fd, &e, sizeof(e));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != sizeof(e)) {
			fprintf(stderr, "lguest: reading /dev/lguest: %s\n",
				n < 0 ? strerror(errno) : "short read");
			return 1;
		}
		status = handle(&e);
	}
	if (caught_signal) {
		fprintf(stderr, "lguest: stopped by signal %d\n", caught_signal);
		return 128 + caught_signal;
	}
	return status;
}
