#line 2563 "launcher.nw"
/* SPDX-License-Identifier: GPL-2.0 */
/* The run loop: what to do when the Guest stops.  Tangled from launcher.nw. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"

volatile int caught_signal;

int handle_exit(const struct lguest_exit *e)
{
	int why_len = strnlen(e->why, sizeof(e->why));
	const void *p;

	switch (e->kind) {
	case LGEXIT_CONSOLE:
		p = (u64)e->arg[0] + e->arg[1] <= (u64)guest.size + PAGE_SIZE ?
		    guest.base + e->arg[0] : NULL;
		if (!p) {
			fprintf(stderr, "lguest: stopping the Guest: it asked to "
				"print %u bytes at %#x, outside its memory\n",
				e->arg[1], e->arg[0]);
			return 1;
		}
		if (write_all(console_out, p, e->arg[1]) < 0)
			break;
		return KEEP_RUNNING;
	case LGEXIT_NOTIFY:
		if (device_notify(e->arg[0]) < 0)
			break;
		return KEEP_RUNNING;
	case LGEXIT_SHUTDOWN:
		if (e->arg[0] == LGUEST_SHUTDOWN_POWEROFF) {
			if (why_len)
				fprintf(stderr, "lguest: Guest powered off: "
					"%.*s\n", why_len, e->why);
			return 0;
		}
		if (e->arg[0] == LGUEST_SHUTDOWN_RESTART) {
			fprintf(stderr, "lguest: Guest restarting: %.*s\n",
				why_len, e->why);
			return RESTART;
		}
		fprintf(stderr, "lguest: Guest shut down with unknown reason "
			"%u: %.*s\n", e->arg[0], why_len, e->why);
		return 1;
	case LGEXIT_DEAD:
		fprintf(stderr, "lguest: Guest died: %.*s\n", why_len, e->why);
		return 1;
	default:
		fprintf(stderr, "lguest: the Host returned an exit of unknown "
			"kind %u\n", e->kind);
		return 1;
	}
	fprintf(stderr, "lguest: stopping the Guest: %s\n", why_failed());
	return 1;
}
#line 2634 "launcher.nw"
int run_guest(void)
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
		status = handle_exit(&e);
	}
	if (caught_signal) {
		fprintf(stderr, "lguest: stopped by signal %d\n", caught_signal);
		return 128 + caught_signal;
	}
	return status;
}
#line 2667 "launcher.nw"
void stop_guest(void)
{
	fprintf(stderr, "lguest: stopping the Guest: %s\n", why_failed());
	exit(1);
}
