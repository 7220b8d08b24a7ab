/* SPDX-License-Identifier: GPL-2.0 */
#line 2801 "launcher.nw"
/* The run loop: what to do when the Guest stops.  Tangled from launcher.nw. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"

volatile int caught_signal;

static int stopping(void)
{
	fprintf(stderr, "lguest: stopping the Guest: %s\n", why_failed());
	return 1;
}

/* Guest text, made harmless */
#line 2873 "launcher.nw"
#define GUEST_TEXT_MAX	(4 * sizeof(((struct lguest_exit *)0)->why) + 1)

static const char *guest_text(const struct lguest_exit *e, char *out)
{
	size_t i, len = strnlen(e->why, sizeof(e->why));
	char *p = out;

	for (i = 0; i < len; i++) {
		u8 c = e->why[i];

		if (c == '\\') {
			*p++ = '\\';
			*p++ = '\\';
		} else if (c >= ' ' && c <= '~') {
			*p++ = c;
		} else {
			p += sprintf(p, "\\x%02x", c);
		}
	}
	*p = '\0';
	return out;
}
/* the Guest's early console */
#line 2901 "launcher.nw"
static int console_write(u32 addr, u32 len)
{
	if ((u64)addr + len > (u64)guest.size + PAGE_SIZE) {
		fprintf(stderr, "lguest: stopping the Guest: it asked to print "
			"%u bytes at %#x, outside its memory\n", len, addr);
		return 1;
	}
	if (write_all(console_out, guest.base + addr, len) < 0)
		return stopping();
	return KEEP_RUNNING;
}
/* the Guest's shutdown */
#line 2921 "launcher.nw"
static int shutdown_guest(u32 how, const char *why)
{
	if (how == LGUEST_SHUTDOWN_POWEROFF) {
		if (why[0])
			fprintf(stderr, "lguest: Guest powered off: %s\n", why);
		return 0;
	}
	if (how == LGUEST_SHUTDOWN_RESTART) {
		fprintf(stderr, "lguest: Guest restarting: %s\n", why);
		return RESTART;
	}
	if (how == LGUEST_SHUTDOWN_CRASH) {
		fprintf(stderr, "lguest: Guest crashed: %s\n", why);
		return 2;
	}
	fprintf(stderr, "lguest: Guest shut down with unknown reason %u: %s\n",
		how, why);
	return 1;
}
#line 2826 "launcher.nw"
int handle_exit(const struct lguest_exit *e)
{
	char why[GUEST_TEXT_MAX];

	switch (e->kind) {
	case LGEXIT_CONSOLE:
		return console_write(e->arg[0], e->arg[1]);
	case LGEXIT_NOTIFY:
		return device_notify(e->arg[0]) < 0 ? stopping() : KEEP_RUNNING;
	case LGEXIT_SHUTDOWN:
		return shutdown_guest(e->arg[0], guest_text(e, why));
	case LGEXIT_DEAD:
		fprintf(stderr, "lguest: Guest died: %s\n", guest_text(e, why));
		return 1;
	}
	fprintf(stderr, "lguest: the Host returned an exit of unknown kind %u\n",
		e->kind);
	return 1;
}
#line 2951 "launcher.nw"
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
#line 2984 "launcher.nw"
void stop_guest(void)
{
	exit(stopping());
}
