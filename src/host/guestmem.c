// SPDX-License-Identifier: GPL-2.0
#line 495 "host.nw"
/*
 * lg.ko, the lguest Host: Guest memory, killing a Guest, the counters.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/uaccess.h>
#include "lg.h"

/* killing a Guest */
#line 391 "host.nw"
void lg_kill(struct lguest *lg, const char *fmt, ...)
{
	va_list ap;

	if (lg->exit.kind == LGEXIT_DEAD || lg->exit.kind == LGEXIT_SHUTDOWN)
		return;
	memset(&lg->exit, 0, sizeof(lg->exit));
	lg->exit.kind = LGEXIT_DEAD;
	va_start(ap, fmt);
	vsnprintf(lg->exit.why, sizeof(lg->exit.why), fmt, ap);
	va_end(ap);
	pr_info_ratelimited("lguest: killed a Guest: %s\n", lg->exit.why);
}

/* reading and writing Guest memory */
#line 351 "host.nw"
bool lg_read(struct lguest *lg, u32 gpa, void *buf, u32 len)
{
	if ((u64)gpa + len > lg->mem_end) {
		lg_kill(lg, "read of %u bytes at %#x is outside its memory",
			len, gpa);
		return false;
	}
	if (copy_from_user(buf, (void __user *)(lg->mem_base + gpa), len)) {
		lg_kill(lg, "its memory at %#x cannot be read", gpa);
		return false;
	}
	return true;
}

bool lg_write(struct lguest *lg, u32 gpa, const void *buf, u32 len)
{
	if ((u64)gpa + len > lg->mem_end) {
		lg_kill(lg, "write of %u bytes at %#x is outside its memory",
			len, gpa);
		return false;
	}
	if (copy_to_user((void __user *)(lg->mem_base + gpa), buf, len)) {
		lg_kill(lg, "its memory at %#x cannot be written", gpa);
		return false;
	}
	return true;
}

#line 410 "host.nw"
bool lg_read_u32(struct lguest *lg, u32 gpa, u32 *val)
{
	return lg_read(lg, gpa, val, sizeof(*val));
}

bool lg_write_u32(struct lguest *lg, u32 gpa, u32 val)
{
	return lg_write(lg, gpa, &val, sizeof(val));
}

/* keeping count */
#line 447 "host.nw"
atomic_t lg_guests = ATOMIC_INIT(0);
atomic_t lg_shadow_pages = ATOMIC_INIT(0);
atomic_t lg_pinned_pages = ATOMIC_INIT(0);

int lg_param_refuse(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops lg_count_ops = {
	.set = lg_param_refuse,
	.get = param_get_int,
};
module_param_cb(guests, &lg_count_ops, &lg_guests.counter, 0444);
MODULE_PARM_DESC(guests, "Guests that exist (read-only)");
module_param_cb(shadow_pages, &lg_count_ops, &lg_shadow_pages.counter, 0444);
MODULE_PARM_DESC(shadow_pages, "Pages of shadow page tables (read-only)");
module_param_cb(pinned_pages, &lg_count_ops, &lg_pinned_pages.counter, 0444);
MODULE_PARM_DESC(pinned_pages, "Launcher pages pinned by shadow entries (read-only)");

#line 477 "host.nw"
void lg_check_counts(void)
{
	int guests = atomic_read(&lg_guests);
	int shadow = atomic_read(&lg_shadow_pages);
	int pinned = atomic_read(&lg_pinned_pages);

	if (!WARN(guests || shadow || pinned,
		  "lguest: %d Guests, %d shadow pages and %d pins never given back\n",
		  guests, shadow, pinned))
		pr_info("lguest: unloaded; every Guest, shadow page and pin was given back\n");
}
