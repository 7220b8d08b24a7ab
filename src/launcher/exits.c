/* SPDX-License-Identifier: GPL-2.0 */
#line 3230 "launcher.nw"
/* What to do when the Guest stops.  Tangled from launcher.nw. */
#include <stdio.h>
#include "lguest.h"

/* print what the Guest's early console wrote */
#line 3327 "launcher.nw"
static int console_write(u32 addr, u32 len)
{
	/* print the text if it lies in memory the Guest may read, else stop */
#line 3339 "launcher.nw"
	const void *text = guest_readable(addr, len);

	if (!text) {
		fail("it asked to print %u bytes at %#x, outside its memory",
		     len, addr);
		return stopping();
	}
	if (write_all(console_out, text, len) < 0)
		return stopping();
	return KEEP_RUNNING;
#line 3330 "launcher.nw"
}

/* end the Launcher as the Guest's shutdown asks */
#line 3358 "launcher.nw"
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

#line 3241 "launcher.nw"
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
