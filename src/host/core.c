// SPDX-License-Identifier: GPL-2.0
#line 1627 "host.nw"
/*
 * lg.ko, the lguest Host: the run loop and the module's setup.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include "lg.h"

/* the layout checks */
#line 573 "switcher.nw"
static_assert(sizeof(struct lg_regs) == LG_REGS_SIZE);
static_assert(offsetof(struct lg_pages, regs) == LGP_REGS);
static_assert(offsetof(struct lg_pages, regs.trapnum) == LGP_TRAPNUM);
static_assert(offsetof(struct lg_pages, state.host_cr3) == LGP_HOST_CR3);
static_assert(offsetof(struct lg_pages, state.host_sp) == LGP_HOST_SP);
static_assert(offsetof(struct lg_pages, state.host_gdtr.limit) == LGP_HOST_GDTR);
static_assert(offsetof(struct lg_pages, state.host_idtr.limit) == LGP_HOST_IDTR);
static_assert(offsetof(struct lg_pages, state.guest_gdtr.limit) == LGP_GUEST_GDTR);
static_assert(offsetof(struct lg_pages, state.guest_idtr.limit) == LGP_GUEST_IDTR);
static_assert(offsetof(struct lg_pages, state.guest_gdt) == LGP_GUEST_GDT);
static_assert(sizeof(struct lg_pages) == 2 * PAGE_SIZE);
static_assert(offsetof(struct lguest_data, time_nsec) ==
	      offsetof(struct lguest_data, time_sec) + 8);

/* halting */
#line 1549 "host.nw"
static void lg_halt(struct lguest *lg)
{
	u32 blocked = lg_blocked_irqs(lg);

	if (lg->exit.kind)
		return;
	if (lg_in_noirq_window(lg))
		blocked = ~0U;
	set_current_state(TASK_INTERRUPTIBLE);
	if (!(READ_ONCE(lg->irqs_pending[0]) & ~blocked) &&
	    !signal_pending(current))
		schedule();
	__set_current_state(TASK_RUNNING);
}

/* the run loop */
#line 1469 "host.nw"
int lg_run(struct lguest *lg)
{
	for (;;) {
		/* return to the Launcher if a report or a signal waits for it */
#line 1496 "host.nw"
		if (lg->exit.kind)
			return 0;
		if (signal_pending(current))
			return -EINTR;
#line 1473 "host.nw"
		cond_resched();

		/* make the queued hypercalls, then the one the Guest trapped with */
#line 1507 "host.nw"
		lg_do_async_hcalls(lg);
		if (!lg->exit.kind && lg->hcall_pending) {
			lg->hcall_pending = false;
			lg_hypercall(lg);
		}
		if (lg->exit.kind)
			continue;
#line 1476 "host.nw"
		lg_update_time(lg);
		lg_maybe_deliver_irq(lg);
		if (lg->halted) {
			lg_halt(lg);
			continue;
		}
		if (!lg_check_segments(lg) || !lg_prepare_shadow(lg))
			continue;

		lg_enter_guest(lg);
		lg_handle_trap(lg);
	}
}

/* module load and unload */
#line 1581 "host.nw"
static int __init lg_init(void)
{
	int err;

	if (!boot_cpu_has(X86_FEATURE_FXSR)) {
		pr_err("lguest: this processor has no fxsave/fxrstor\n");
		return -ENODEV;
	}
	err = lg_switcher_init();
	if (err)
		return err;
	err = lg_device_init();
	if (err) {
		lg_switcher_exit();
		return err;
	}
	pr_info("lguest: Switcher at %#lx, Guests keep clear of the top %#x bytes\n",
		lg_switcher_addr, lg_reserve_mem());
	return 0;
}

#line 1607 "host.nw"
static void __exit lg_exit(void)
{
	lg_device_exit();
	lg_switcher_exit();
	lg_check_counts();
}

module_init(lg_init);
module_exit(lg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lguest, the teaching edition: the Host");
