// SPDX-License-Identifier: GPL-2.0
#line 826 "guest.nw"
/*
 * Linux as an lguest Guest.  Tangled from guest.nw: edit that, not this.
 */

/* the headers it needs */

/* the kernel's general headers */
#line 857 "guest.nw"
#include <generated/utsrelease.h>
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/stringify.h>

/* the x86 headers, the treaty and ours */
#line 876 "guest.nw"
#include <asm/bootparam.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/fixmap.h>
#include <asm/hw_irq.h>
#include <asm/i8259.h>
#include <asm/irq.h>
#include <asm/irq_vectors.h>
#include <asm/page.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#include <asm/lguest_abi.h>
#include "lguest.h"

/* the shared page */
#line 925 "guest.nw"
struct lguest_data lguest_data = {
	.hcall_status = { [0 ... LHCALL_RING_SIZE - 1] = 0xFF },
	.blocked_interrupts = { [0 ... LGUEST_IRQS / 32 - 1] = ~0U },
	.syscall_vec = IA32_SYSCALL_VECTOR,
};
static_assert(offsetof(struct lguest_data, irq_enabled) == 0);

/* batching */
#line 1588 "guest.nw"
static unsigned int lguest_next_hcall;
static bool lguest_queued;

static void lguest_async_hcall(u32 nr, u32 a1, u32 a2, u32 a3)
{
	struct lguest_hcall_args *slot;
	unsigned long flags;

	local_irq_save(flags);
	slot = &lguest_data.hcalls[lguest_next_hcall];
	if (READ_ONCE(lguest_data.hcall_status[lguest_next_hcall]) != 0xFF)
		hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
	*slot = (struct lguest_hcall_args){ nr, a1, a2, a3, 0 };
	barrier();
	WRITE_ONCE(lguest_data.hcall_status[lguest_next_hcall], 0);
	lguest_next_hcall = (lguest_next_hcall + 1) % LHCALL_RING_SIZE;
	lguest_queued = true;
	local_irq_restore(flags);
}

static void lguest_lazy_hcall(u32 nr, u32 a1, u32 a2, u32 a3)
{
	if (paravirt_get_lazy_mode() == PARAVIRT_LAZY_NONE)
		hcall(nr, a1, a2, a3, 0);
	else
		lguest_async_hcall(nr, a1, a2, a3);
}

#line 1636 "guest.nw"
static void lguest_flush_queued(void)
{
	if (!lguest_queued)
		return;
	lguest_queued = false;
	hcall(LHCALL_FLUSH_ASYNC, 0, 0, 0, 0);
}

static void lguest_leave_lazy_mmu(void)
{
	lguest_flush_queued();
	paravirt_leave_lazy_mmu();
}

static void lguest_end_context_switch(struct task_struct *next)
{
	lguest_flush_queued();
	paravirt_end_context_switch(next);
}

static void __init lguest_take_lazy_modes(void)
{
	pv_ops.mmu.lazy_mode.enter = paravirt_enter_lazy_mmu;
	pv_ops.mmu.lazy_mode.leave = lguest_leave_lazy_mmu;
	pv_ops.mmu.lazy_mode.flush = paravirt_flush_lazy_mmu;
	pv_ops.cpu.start_context_switch = paravirt_start_context_switch;
	pv_ops.cpu.end_context_switch = lguest_end_context_switch;
}

/* the boot console */
#line 968 "guest.nw"
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
#line 1011 "guest.nw"
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

#line 1045 "guest.nw"
static void lguest_safe_halt(void)
{
	hcall(LHCALL_HALT, 0, 0, 0, 0);
	lguest_irq_enable();
}

#line 1056 "guest.nw"
static void __init lguest_take_irq_flag(void)
{
	pv_ops.irq.save_fl = PV_CALLEE_SAVE(lguest_save_fl);
	pv_ops.irq.irq_disable = PV_CALLEE_SAVE(lguest_irq_disable);
	pv_ops.irq.irq_enable = PV_CALLEE_SAVE(lguest_irq_enable);
	pv_ops.irq.safe_halt = lguest_safe_halt;
	pv_ops.irq.halt = lguest_safe_halt;
}

/* what the processor admits to */
#line 1126 "guest.nw"
#define LGUEST_CPUID_1_EDX	(BIT(0) | BIT(4) | BIT(8) | BIT(15) | BIT(23) | \
				 BIT(24) | BIT(25) | BIT(26))
#define LGUEST_CPUID_1_ECX	(BIT(0) | BIT(9) | BIT(13))
#define LGUEST_CPUID_EXT_EDX_OFF (BIT(11) | BIT(20) | BIT(27) | BIT(29))

static void lguest_cpuid(unsigned int *ax, unsigned int *bx,
			 unsigned int *cx, unsigned int *dx)
{
	unsigned int leaf = *ax;

	native_cpuid(ax, bx, cx, dx);
	if (leaf == 0) {
		*ax = min(*ax, 5U);
	} else if (leaf == 1) {
		*cx &= LGUEST_CPUID_1_ECX;
		*dx &= LGUEST_CPUID_1_EDX;
	} else if (leaf >= 0x40000000 && leaf < 0x40000100) {
		*ax = *bx = *cx = *dx = 0;
	} else if (leaf == 0x80000000) {
		*ax = min(*ax, 0x80000008U);
	} else if (leaf == 0x80000001) {
		*dx &= ~LGUEST_CPUID_EXT_EDX_OFF;
	}
}

/* registers that are ours to pretend */
#line 1178 "guest.nw"
static unsigned long lguest_cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_NE |
				  X86_CR0_WP | X86_CR0_AM | X86_CR0_PG;

static unsigned long lguest_read_cr0(void)
{
	return lguest_cr0;
}

static void lguest_write_cr0(unsigned long val)
{
	lguest_cr0 = val;
}

static void lguest_write_cr4(unsigned long val)
{
}

static unsigned long lguest_get_debugreg(int regno)
{
	return 0;
}

static void lguest_set_debugreg(int regno, unsigned long value)
{
}

#line 1210 "guest.nw"
static u64 lguest_read_msr(unsigned int msr)
{
	return 0;
}

static void lguest_write_msr(unsigned int msr, unsigned int low,
			     unsigned int high)
{
}

static u64 lguest_read_msr_safe(unsigned int msr, int *err)
{
	*err = -EIO;
	return 0;
}

static int lguest_write_msr_safe(unsigned int msr, unsigned int low,
				 unsigned int high)
{
	return -EIO;
}

static u64 lguest_read_pmc(int counter)
{
	return 0;
}

#line 1247 "guest.nw"
static void __init lguest_take_processor(void)
{
	pv_ops.cpu.cpuid = lguest_cpuid;
	pv_ops.cpu.read_cr0 = lguest_read_cr0;
	pv_ops.cpu.write_cr0 = lguest_write_cr0;
	pv_ops.cpu.write_cr4 = lguest_write_cr4;
	pv_ops.cpu.get_debugreg = lguest_get_debugreg;
	pv_ops.cpu.set_debugreg = lguest_set_debugreg;
	pv_ops.cpu.read_msr = lguest_read_msr;
	pv_ops.cpu.write_msr = lguest_write_msr;
	pv_ops.cpu.read_msr_safe = lguest_read_msr_safe;
	pv_ops.cpu.write_msr_safe = lguest_write_msr_safe;
	pv_ops.cpu.read_pmc = lguest_read_pmc;
	pv_ops.cpu.io_delay = paravirt_nop;
	pv_ops.cpu.wbinvd = paravirt_nop;
	pv_ops.cpu.load_tr_desc = paravirt_nop;
	pv_ops.cpu.set_ldt = paravirt_nop;
}

/* descriptor tables by hypercall */
#line 1340 "guest.nw"
static void lguest_send_gdt_entry(unsigned int i, const void *entry)
{
	const u32 *w = entry;

	hcall(LHCALL_LOAD_GDT_ENTRY, i, w[0], w[1], 0);
}

static void lguest_send_idt_entry(unsigned int vector, const gate_desc *gate)
{
	const u32 *w = (const u32 *)gate;
	gate_desc syscall;

	if (vector == IA32_SYSCALL_VECTOR) {
		pack_gate(&syscall, GATE_TRAP, (unsigned long)lguest_entry_INT80,
			  3, 0, __KERNEL_CS);
		w = (const u32 *)&syscall;
	}
	hcall(LHCALL_LOAD_IDT_ENTRY, vector, w[0], w[1], 0);
}

#line 1365 "guest.nw"
static void lguest_load_gdt(const struct desc_ptr *desc)
{
	const struct desc_struct *gdt = (const void *)desc->address;
	unsigned int i;

	for (i = 0; i < (desc->size + 1) / sizeof(*gdt); i++)
		lguest_send_gdt_entry(i, &gdt[i]);
}

static void lguest_load_idt(const struct desc_ptr *desc)
{
	const gate_desc *idt = (const void *)desc->address;
	unsigned int i;

	for (i = 0; i < (desc->size + 1) / sizeof(*idt); i++)
		lguest_send_idt_entry(i, &idt[i]);
}

static void lguest_write_gdt_entry(struct desc_struct *dt, int entry,
				   const void *desc, int type)
{
	native_write_gdt_entry(dt, entry, desc, type);
	lguest_send_gdt_entry(entry, &dt[entry]);
}

static void lguest_write_idt_entry(gate_desc *dt, int entry,
				   const gate_desc *gate)
{
	native_write_idt_entry(dt, entry, gate);
	lguest_send_idt_entry(entry, &dt[entry]);
}

#line 1411 "guest.nw"
static void lguest_load_tls(struct thread_struct *t, unsigned int cpu)
{
	native_load_tls(t, cpu);
	lguest_lazy_hcall(LHCALL_LOAD_TLS, __pa(&t->tls_array), cpu, 0);
}

static void lguest_load_sp0(unsigned long sp0)
{
	this_cpu_write(cpu_tss_rw.x86_tss.sp0, sp0);
	hcall(LHCALL_SET_STACK, __KERNEL_DS | 1, sp0, THREAD_SIZE / PAGE_SIZE, 0);
}

static unsigned long lguest_store_tr(void)
{
	return GDT_ENTRY_TSS * 8;
}

static void __init lguest_take_descriptor_tables(void)
{
	pv_ops.cpu.load_gdt = lguest_load_gdt;
	pv_ops.cpu.load_idt = lguest_load_idt;
	pv_ops.cpu.write_gdt_entry = lguest_write_gdt_entry;
	pv_ops.cpu.write_idt_entry = lguest_write_idt_entry;
	pv_ops.cpu.load_tls = lguest_load_tls;
	pv_ops.cpu.load_sp0 = lguest_load_sp0;
	pv_ops.cpu.store_tr = lguest_store_tr;
}

/* page tables, treated like a TLB */
#line 1480 "guest.nw"
static unsigned long lguest_cr3;

static unsigned long lguest_read_cr3(void)
{
	return lguest_cr3;
}

static void lguest_write_cr3(unsigned long cr3)
{
	lguest_cr3 = cr3;
	lguest_lazy_hcall(LHCALL_NEW_PGTABLE, cr3, 0, 0);
	lguest_lazy_hcall(LHCALL_FLUSH_TLB, 0, 0, 0);
}

static void lguest_flush_tlb(void)
{
	lguest_lazy_hcall(LHCALL_FLUSH_TLB, 1, 0, 0);
}

static void lguest_flush_tlb_one(unsigned long addr)
{
	lguest_lazy_hcall(LHCALL_SET_PTE, lguest_cr3, addr & PAGE_MASK, 0);
}

static void lguest_set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	unsigned long pa = __pa(pmdp);

	native_set_pmd(pmdp, pmd);
	lguest_lazy_hcall(LHCALL_SET_PGD, pa & PAGE_MASK,
			  (pa & ~PAGE_MASK) / sizeof(pmd), 0);
}

#line 1518 "guest.nw"
__visible unsigned long lguest_read_cr2(void)
{
	return READ_ONCE(lguest_data.cr2);
}
PV_CALLEE_SAVE_REGS_THUNK(lguest_read_cr2);

static void lguest_write_cr2(unsigned long cr2)
{
	WRITE_ONCE(lguest_data.cr2, cr2);
}

static void __init lguest_take_page_tables(void)
{
	pv_ops.mmu.read_cr2 = PV_CALLEE_SAVE(lguest_read_cr2);
	pv_ops.mmu.write_cr2 = lguest_write_cr2;
	pv_ops.mmu.read_cr3 = lguest_read_cr3;
	pv_ops.mmu.write_cr3 = lguest_write_cr3;
	pv_ops.mmu.flush_tlb_user = lguest_flush_tlb;
	pv_ops.mmu.flush_tlb_kernel = lguest_flush_tlb;
	pv_ops.mmu.flush_tlb_one_user = lguest_flush_tlb_one;
	pv_ops.mmu.set_pmd = lguest_set_pmd;
}

#line 1555 "guest.nw"
static void __init lguest_start_on_linux_page_tables(void)
{
	mk_early_pgtbl_32();
	lguest_write_cr3(__pa(initial_page_table));
}

/* a PC without the PC */
#line 1709 "guest.nw"
static unsigned long lguest_tsc_khz(void)
{
	return lguest_data.tsc_khz;
}

static void lguest_get_wallclock(struct timespec64 *now)
{
	now->tv_sec = READ_ONCE(lguest_data.time_sec);
	now->tv_nsec = READ_ONCE(lguest_data.time_nsec);
}

static void __init lguest_no_legacy_devices(void)
{
	x86_platform.legacy.rtc = 0;
	x86_platform.legacy.i8042 = X86_LEGACY_I8042_PLATFORM_ABSENT;
	x86_platform.legacy.reserve_bios_regions = 0;
}

#line 1733 "guest.nw"
static void __init lguest_trust_the_tsc(void)
{
	if (!lguest_data.tsc_khz) {
		setup_clear_cpu_cap(X86_FEATURE_TSC);
		return;
	}
	setup_force_cpu_cap(X86_FEATURE_TSC_KNOWN_FREQ);
	setup_force_cpu_cap(X86_FEATURE_TSC_RELIABLE);
}

static void __init lguest_take_platform(void)
{
	lguest_trust_the_tsc();
	x86_platform.calibrate_cpu = lguest_tsc_khz;
	x86_platform.calibrate_tsc = lguest_tsc_khz;
	x86_platform.get_wallclock = lguest_get_wallclock;
	x86_platform.set_legacy_features = lguest_no_legacy_devices;
	x86_init.resources.probe_roms = x86_init_noop;
	legacy_pic = &null_legacy_pic;
	paravirt_disable_iospace();
	pv_info.name = "lguest";
}

/* interrupts */
#line 1787 "guest.nw"
static void lguest_irq_mask(struct irq_data *d)
{
	set_bit(d->irq, (unsigned long *)lguest_data.blocked_interrupts);
}

static void lguest_irq_unmask(struct irq_data *d)
{
	clear_bit(d->irq, (unsigned long *)lguest_data.blocked_interrupts);
}

static struct irq_chip lguest_irq_chip = {
	.name		= "lguest",
	.irq_mask	= lguest_irq_mask,
	.irq_unmask	= lguest_irq_unmask,
};

static void __init lguest_init_IRQ(void)
{
	unsigned int i;

	native_init_IRQ();
	for (i = 0; i < NR_IRQS; i++) {
		per_cpu(vector_irq, 0)[FIRST_EXTERNAL_VECTOR + i] = irq_to_desc(i);
		irq_set_chip_and_handler_name(i, &lguest_irq_chip,
					      handle_level_irq, "level");
	}
}

/* the clock */
#line 1834 "guest.nw"
static int lguest_clockevent_next(unsigned long ns,
				  struct clock_event_device *evt)
{
	hcall(LHCALL_SET_CLOCKEVENT, ns, 0, 0, 0);
	return 0;
}

static int lguest_clockevent_shutdown(struct clock_event_device *evt)
{
	hcall(LHCALL_SET_CLOCKEVENT, 0, 0, 0, 0);
	return 0;
}

static struct clock_event_device lguest_clockevent = {
	.name			= "lguest",
	.features		= CLOCK_EVT_FEAT_ONESHOT,
	.set_next_event		= lguest_clockevent_next,
	.set_state_shutdown	= lguest_clockevent_shutdown,
	.rating			= INT_MAX,
};

#line 1877 "guest.nw"
static u64 lguest_clock_read(struct clocksource *cs)
{
	u64 sec;
	u32 nsec;

	do {
		sec = READ_ONCE(lguest_data.time_sec);
		nsec = READ_ONCE(lguest_data.time_nsec);
	} while (sec != READ_ONCE(lguest_data.time_sec));
	return sec * NSEC_PER_SEC + nsec;
}

static struct clocksource lguest_clock = {
	.name		= "lguest",
	.rating		= 200,
	.read		= lguest_clock_read,
	.mask		= CLOCKSOURCE_MASK(64),
	.flags		= CLOCK_SOURCE_IS_CONTINUOUS,
};

#line 1904 "guest.nw"
static irqreturn_t lguest_clock_interrupt(int irq, void *dev)
{
	lguest_clockevent.event_handler(&lguest_clockevent);
	return IRQ_HANDLED;
}

static void __init lguest_time_init(void)
{
	if (request_irq(0, lguest_clock_interrupt, IRQF_TIMER, "lguest-clock",
			NULL))
		panic("lguest: cannot claim the clock's interrupt\n");
	lguest_clockevent.cpumask = cpumask_of(0);
	clockevents_config_and_register(&lguest_clockevent, NSEC_PER_SEC,
					NSEC_PER_USEC, U32_MAX);
	if (!lguest_data.tsc_khz)
		clocksource_register_hz(&lguest_clock, NSEC_PER_SEC);
}

static void __init lguest_take_interrupts_and_clock(void)
{
	x86_init.irqs.intr_init = lguest_init_IRQ;
	x86_init.timers.timer_init = lguest_time_init;
}

/* endings */
#line 2092 "guest.nw"
static void lguest_shutdown(const char *why, u32 how)
{
	hcall(LHCALL_SHUTDOWN, __pa(why), how, 0, 0);
}

static void lguest_power_off(void)
{
	lguest_shutdown("Power down", LGUEST_SHUTDOWN_POWEROFF);
}

static void lguest_restart(char *cmd)
{
	lguest_shutdown("Restarting system", LGUEST_SHUTDOWN_RESTART);
}

static void lguest_emergency_restart(void)
{
	lguest_restart(NULL);
}

static int lguest_panic(struct notifier_block *nb, unsigned long event,
			void *msg)
{
	lguest_shutdown(msg, LGUEST_SHUTDOWN_CRASH);
	return NOTIFY_DONE;
}

#line 2127 "guest.nw"
static struct notifier_block lguest_panic_notifier = {
	.notifier_call = lguest_panic,
};

static void __init lguest_take_endings(void)
{
	machine_ops.power_off = lguest_power_off;
	machine_ops.halt = lguest_power_off;
	machine_ops.restart = lguest_restart;
	machine_ops.emergency_restart = lguest_emergency_restart;
	pm_power_off = lguest_power_off;
	atomic_notifier_chain_register(&panic_notifier_list,
				       &lguest_panic_notifier);
}

/* lguest_init */
#line 2157 "guest.nw"
void __init lguest_init(unsigned long boot_params_pa)
{
	/* do what startup_32 would have done first */
#line 2181 "guest.nw"
	memset(__bss_start, 0, __bss_stop - __bss_start);
	memcpy(&boot_params, __va(boot_params_pa), sizeof(boot_params));
	if (boot_params.hdr.cmd_line_ptr)
		strscpy(boot_command_line, __va(boot_params.hdr.cmd_line_ptr),
			COMMAND_LINE_SIZE);
#line 2160 "guest.nw"
	lguest_data.noirq_iret_start = (unsigned long)lguest_noirq_start;
	lguest_data.noirq_iret_end = (unsigned long)lguest_noirq_end;
	hcall(LHCALL_LGUEST_INIT, __pa(&lguest_data), 0, 0, 0);
	/* take over the interrupt flag, then start printing */
#line 2202 "guest.nw"
	lguest_take_irq_flag();
	register_console(&lguest_boot_console);
	early_console = &lguest_boot_console;
	pr_info("lguest: Linux %s entered at ring 1\n", UTS_RELEASE);
	pr_info("lguest: the Host says: TSC at %u kHz, Switcher in the top %u MB\n",
		lguest_data.tsc_khz, lguest_data.reserve_mem >> 20);
	pr_info("lguest: the Launcher says: command line \"%s\"\n",
		boot_command_line);
#line 2164 "guest.nw"
	reserve_top_address(lguest_data.reserve_mem);
	/* replace the rest of the privileged habits */
#line 2229 "guest.nw"
	setup_force_cpu_cap(X86_FEATURE_LGUEST);
	lguest_take_processor();
	lguest_take_descriptor_tables();
	lguest_take_page_tables();
	lguest_take_platform();
	lguest_take_interrupts_and_clock();
	lguest_take_lazy_modes();
	lguest_take_endings();
#line 2166 "guest.nw"
	lguest_start_on_linux_page_tables();
	i386_start_kernel();
}
