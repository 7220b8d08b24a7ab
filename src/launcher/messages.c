/* SPDX-License-Identifier: GPL-2.0 */
#line 247 "launcher.nw"
/* What the Launcher says: why something failed, what it is doing, and the
 * Guest's words quoted harmlessly.  Tangled from launcher.nw. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"

bool verbose;
static __thread char failure[256];

int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(failure, sizeof(failure), fmt, ap);
	va_end(ap);
	return -1;
}

const char *why_failed(void)
{
	return failure;
}

#line 280 "launcher.nw"
void say(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	fputs("lguest: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

#line 300 "launcher.nw"
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

#line 329 "launcher.nw"
int stopping(void)
{
	fprintf(stderr, "lguest: stopping the Guest: %s\n", why_failed());
	return 1;
}

void stop_guest(void)
{
	exit(stopping());
}

/* quote the Guest's words so that they cannot pass for ours */
#line 3301 "launcher.nw"
const char *guest_text(const struct lguest_exit *e, char *out)
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
