// SPDX-License-Identifier: GPL-2.0
#line 743 "guest.nw"
/*
 * Linux as an lguest Guest.  Tangled from guest.nw: edit that, not this.
 */
#include <generated/utsrelease.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <asm/bootparam.h>
#include <asm/irq_vectors.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/lguest_abi.h>
#include "lguest.h"

/* the shared page */
#line 795 "guest.nw"
static struct lguest_data lguest_data = {
	.hcall_status = { [0 ... LHCALL_RING_SIZE - 1] = 0xFF },
	.syscall_vec = IA32_SYSCALL_VECTOR,
};
/* hypercalls */
#line 808 "guest.nw"
static u32 hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4)
{
	asm volatile("int $" __stringify(LGUEST_TRAP_ENTRY)
		     : "+a" (nr)
		     : "b" (a1), "c" (a2), "d" (a3), "S" (a4)
		     : "memory");
	return nr;
}
/* the boot console */
#line 833 "guest.nw"
static void lguest_boot_write(struct console *con, const char *s,
			      unsigned int n)
{
	hcall(LHCALL_CONSOLE_WRITE, __pa(s), n, 0, 0);
}

static struct console lguest_boot_console = {
	.name	= "lguest",
	.write	= lguest_boot_write,
	.flags	= CON_BOOT | CON_PRINTBUFFER,
	.index	= -1,
};
/* the interrupt flag */
#line 876 "guest.nw"
__visible unsigned long lguest_save_fl(void)
{
	return READ_ONCE(lguest_data.irq_enabled);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_save_fl);

__visible void lguest_irq_disable(void)
{
	WRITE_ONCE(lguest_data.irq_enabled, 0);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_irq_disable);

__visible void lguest_irq_enable(void)
{
	WRITE_ONCE(lguest_data.irq_enabled, X86_EFLAGS_IF);
	if (READ_ONCE(lguest_data.irq_pending))
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0, 0);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_irq_enable);
#line 910 "guest.nw"
static void lguest_safe_halt(void)
{
	hcall(LHCALL_HALT, 0, 0, 0, 0);
	lguest_irq_enable();
}
#line 921 "guest.nw"
static void __init lguest_take_irq_flag(void)
{
	pv_ops.irq.save_fl = PV_CALLEE_SAVE(lguest_save_fl);
	pv_ops.irq.irq_disable = PV_CALLEE_SAVE(lguest_irq_disable);
	pv_ops.irq.irq_enable = PV_CALLEE_SAVE(lguest_irq_enable);
	pv_ops.irq.safe_halt = lguest_safe_halt;
	pv_ops.irq.halt = lguest_safe_halt;
}
/* lguest_init */
#line 956 "guest.nw"
void __init lguest_init(unsigned long boot_params_pa)
{
	static const char bye[] __initconst =
		"Linux stops at the door: the paravirt operations come next";
	const char *cmdline = "";

	memset(__bss_start, 0, __bss_stop - __bss_start);
	memcpy(&boot_params, __va(boot_params_pa), sizeof(boot_params));
	hcall(LHCALL_LGUEST_INIT, __pa(&lguest_data), 0, 0, 0);

	lguest_take_irq_flag();
	register_console(&lguest_boot_console);

	if (boot_params.hdr.cmd_line_ptr)
		cmdline = __va(boot_params.hdr.cmd_line_ptr);
	pr_info("lguest: Linux %s entered at ring 1\n", UTS_RELEASE);
	pr_info("lguest: the Host says: TSC at %u kHz, Switcher in the top %u MB\n",
		lguest_data.tsc_khz, lguest_data.reserve_mem >> 20);
	pr_info("lguest: the Launcher says: command line \"%s\"\n", cmdline);
	hcall(LHCALL_SHUTDOWN, __pa(bye), LGUEST_SHUTDOWN_POWEROFF, 0, 0);
}
