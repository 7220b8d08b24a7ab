#line 741 "guest.nw"
// SPDX-License-Identifier: GPL-2.0
/*
 * Linux as an lguest Guest.  Tangled from guest.nw: edit that, not this.
 */
#include <generated/utsrelease.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <asm/bootparam.h>
#include <asm/irq_vectors.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/lguest_abi.h>

#line 775 "guest.nw"
static struct lguest_data lguest_data = {
	.hcall_status = { [0 ... LHCALL_RING_SIZE - 1] = 0xFF },
	.syscall_vec = IA32_SYSCALL_VECTOR,
};
#line 788 "guest.nw"
static u32 hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4)
{
	asm volatile("int $" __stringify(LGUEST_TRAP_ENTRY)
		     : "+a" (nr)
		     : "b" (a1), "c" (a2), "d" (a3), "S" (a4)
		     : "memory");
	return nr;
}
#line 805 "guest.nw"
static __printf(1, 2) void __init lguest_say(const char *fmt, ...)
{
	static char buf[160] __initdata;
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	hcall(LHCALL_CONSOLE_WRITE, __pa(buf), len, 0, 0);
}
#line 839 "guest.nw"
void __init lguest_init(unsigned long boot_params_pa);
void __init lguest_init(unsigned long boot_params_pa)
{
	static const char bye[] __initconst =
		"Linux stops at the door: the paravirt operations come next";
	const char *cmdline = "";

	memset(__bss_start, 0, __bss_stop - __bss_start);
	memcpy(&boot_params, __va(boot_params_pa), sizeof(boot_params));
	hcall(LHCALL_LGUEST_INIT, __pa(&lguest_data), 0, 0, 0);

	if (boot_params.hdr.cmd_line_ptr)
		cmdline = __va(boot_params.hdr.cmd_line_ptr);
	lguest_say("lguest: Linux %s entered at ring 1\n", UTS_RELEASE);
	lguest_say("lguest: the Host says: TSC at %u kHz, Switcher in the top %u MB\n",
		   lguest_data.tsc_khz, lguest_data.reserve_mem >> 20);
	lguest_say("lguest: the Launcher says: command line \"%s\"\n", cmdline);
	hcall(LHCALL_SHUTDOWN, __pa(bye), LGUEST_SHUTDOWN_POWEROFF, 0, 0);
}
