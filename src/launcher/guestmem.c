/* SPDX-License-Identifier: GPL-2.0 */
#line 398 "launcher.nw"
/* Guest memory.  Tangled from launcher.nw. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "lguest.h"

struct guest_memory guest;

static void *in_guest(u64 addr, u64 len, u64 size)
{
	if (addr > size || len > size - addr)
		return NULL;
	return guest.base + addr;
}

void *guest_ptr(u64 addr, u64 len)
{
	return in_guest(addr, len, guest.size);
}

#line 434 "launcher.nw"
u8 *device_page(void)
{
	return guest.base + guest.size;
}

void *guest_readable(u64 addr, u64 len)
{
	return in_guest(addr, len, (u64)guest.size + PAGE_SIZE);
}

#line 464 "launcher.nw"
u32 guest_mem_limit(void)
{
	FILE *f = fopen("/sys/module/lg/parameters/switcher_addr", "r");
	char text[32];
	u64 addr, limit = DEFAULT_MAX_MEM;

	if (f) {
		if (fgets(text, sizeof(text), f)) {
			addr = strtoull(text, NULL, 0) & ~(u64)(FOUR_MB - 1);
			if (addr > PAGE_OFFSET)
				limit = addr - PAGE_OFFSET;
		}
		fclose(f);
	}
	return limit;
}

#line 489 "launcher.nw"
int parse_mem_size(const char *arg, u32 limit, u32 *bytes)
{
	unsigned long long n, unit = MB;
	char *end;

	if (arg[0] == '-')
		return fail("memory size '%s': memory must be a positive number "
			    "of megabytes", arg);
	errno = 0;
	n = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || errno)
		return fail("memory size '%s' is not a number of megabytes",
			    arg);
	/* read the unit after the number */
#line 515 "launcher.nw"
	switch (*end) {
	case 'K': case 'k':
		unit = 1024;
		end++;
		break;
	case 'M': case 'm':
		end++;
		break;
	case 'G': case 'g':
		unit = 1024 * MB;
		end++;
		break;
	}
#line 503 "launcher.nw"
	if (*end)
		return fail("memory size '%s': unknown unit '%s' (use K, M or G)",
			    arg, end);
	/* refuse a size that is too large, not whole pages, or too small */
#line 535 "launcher.nw"
	if (n > limit / unit || n * unit > limit)
		return fail("memory size '%s' is too large: at most %u MB fit "
			    "below the Switcher", arg, limit / MB);
	n *= unit;
	if (n % PAGE_SIZE)
		return fail("memory size '%s' is not a whole number of %u-byte "
			    "pages", arg, PAGE_SIZE);
	if (n < MIN_GUEST_MEM)
		return fail("memory size '%s' is too small: a Guest needs at "
			    "least %u MB", arg, MIN_GUEST_MEM / MB);
#line 507 "launcher.nw"
	*bytes = n;
	return 0;
}

#line 555 "launcher.nw"
int map_guest_memory(u32 size)
{
	unsigned long min = 65536;
	FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
	void *want, *p;

	/* find the lowest address the Host lets us map, in whole pages */
#line 585 "launcher.nw"
	if (f) {
		if (fscanf(f, "%lu", &min) != 1)
			min = 65536;
		fclose(f);
	}
	min = (min + PAGE_SIZE - 1) & ~(unsigned long)(PAGE_SIZE - 1);
	if (min == 0)
		min = PAGE_SIZE;
#line 562 "launcher.nw"
	want = (void *)min;
	p = mmap(want, (size_t)size + PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE |
		 MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return fail("cannot map %u MB of Guest memory at %p: %s",
			    size / MB, want, strerror(errno));
	if (p != want) {
		munmap(p, (size_t)size + PAGE_SIZE);
		return fail("the Host placed Guest memory at %p, not %p", p, want);
	}
	guest.base = p;
	guest.size = size;
	say("Guest memory: %u MB at %p, device page at %p\n", size / MB, p,
	    (void *)device_page());
	return 0;
}
