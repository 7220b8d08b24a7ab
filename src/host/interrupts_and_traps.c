// SPDX-License-Identifier: GPL-2.0
#line 2942 "host.nw"
/*
 * lg.ko, the lguest Host: traps, interrupts and the clock.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/hrtimer.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <asm/irq_vectors.h>
#include <asm/traps.h>
#include "lg.h"

/* error codes */
#line 2402 "host.nw"
static bool lg_has_errcode(u32 vec)
{
	return vec == X86_TRAP_DF || (vec >= X86_TRAP_TS && vec <= X86_TRAP_PF) ||
	       vec == X86_TRAP_AC;
}

/* delivery */
#line 2425 "host.nw"
static bool lg_push(struct lguest *lg, u32 *sp, u32 val)
{
	u32 gpa;

	*sp -= 4;
	if (!lg_guest_pa(lg, *sp, &gpa)) {
		lg_kill(lg, "its stack at %#x is not mapped", *sp);
		return false;
	}
	return lg_write_u32(lg, gpa, val);
}

#line 2444 "host.nw"
static bool lg_deliver(struct lguest *lg, u32 vec, bool has_err, u32 err)
{
	const struct lg_gate *g = &lg->idt[vec];
	struct lg_regs *r = &lg->regs;
	u32 sp, ss, flags, irq_enabled = X86_EFLAGS_IF;
	bool from_user = (r->cs & 3) != 1;

	if (!(g->hi & LG_GATE_PRESENT))
		return false;
	/* make the flags to push from the Guest's virtual interrupt flag */
#line 2466 "host.nw"
	if (lg->has_data &&
	    !lg_read_u32(lg, lg->data + offsetof(struct lguest_data, irq_enabled),
			 &irq_enabled))
		return true;
	flags = (r->eflags & ~X86_EFLAGS_IF) | (irq_enabled & X86_EFLAGS_IF);
	/* push the frame, on the Guest kernel's stack if the trap came from ring 3 */
#line 2482 "host.nw"
	if (from_user && !lg->ss1) {
		lg_kill(lg, "trap %u from ring 3, and it never set a kernel stack (LHCALL_SET_STACK)",
			vec);
		return true;
	}
	if (from_user) {
		ss = lg->ss1;
		sp = lg->esp1;
		if (!lg_push(lg, &sp, r->ss) || !lg_push(lg, &sp, r->esp))
			return true;
	} else {
		ss = r->ss;
		sp = r->esp;
	}
	if (!lg_push(lg, &sp, flags) || !lg_push(lg, &sp, r->cs) ||
	    !lg_push(lg, &sp, r->eip) || (has_err && !lg_push(lg, &sp, err)))
		return true;
	/* enter the handler the gate names, at ring 1 */
#line 2511 "host.nw"
	r->ss = ss;
	r->esp = sp;
	r->cs = (lg_gate_sel(g) & ~3) | 1;
	r->eip = lg_gate_offset(g);
	r->eflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF);
	if (lg_gate_type(g) == LG_GATE_INTR && lg->has_data)
		lg_write_u32(lg, lg->data + offsetof(struct lguest_data, irq_enabled), 0);
#line 2456 "host.nw"
	return true;
}

/* reading the Guest's code */
#line 2797 "host.nw"
static bool lg_code_byte(struct lguest *lg, u32 off, u8 *byte)
{
	u32 gpa;

	return lg_guest_pa(lg, lg->regs.eip + off, &gpa) &&
	       lg_read(lg, gpa, byte, 1);
}

/* the length of in and out */
#line 2814 "host.nw"
static u32 lg_io_length(u8 op)
{
	switch (op) {
	case 0xE4 ... 0xE7:
		return 2;
	case 0xEC ... 0xEF:
		return 1;
	default:
		return 0;
	}
}

/* emulating in and out */
#line 2834 "host.nw"
static bool lg_emulate_io(struct lguest *lg, u8 op)
{
	u32 prefix = 0, size = 4, len;

	if (op == 0x66) {
		prefix = 1;
		size = 2;
		if (!lg_code_byte(lg, 1, &op))
			return false;
	}
	len = lg_io_length(op);
	if (!len)
		return false;
	if (!(op & 1))
		size = 1;
	if (!(op & 2))
		lg->regs.eax |= size == 4 ? 0xFFFFFFFF : (1U << (size * 8)) - 1;
	lg->regs.eip += prefix + len;
	return true;
}

/* emulating rdmsr and wrmsr */
#line 2903 "host.nw"
static bool lg_emulate_msr(struct lguest *lg)
{
	u8 op;

	if (!lg_code_byte(lg, 1, &op))
		return false;
	if (op == 0x32) {
		lg->regs.eax = 0;
		lg->regs.edx = 0;
	} else if (op != 0x30) {
		return false;
	}
	lg->regs.eip += 2;
	return true;
}

/* emulation */
#line 2926 "host.nw"
static bool lg_emulate(struct lguest *lg)
{
	u8 op;

	if (!lg_code_byte(lg, 0, &op))
		return false;
	if (op == 0x0F)
		return lg_emulate_msr(lg);
	return lg_emulate_io(lg, op);
}

/* handling a trap */
#line 2348 "host.nw"
void lg_handle_trap(struct lguest *lg)
{
	u32 vec = lg->regs.trapnum;

	switch (vec) {
	case X86_TRAP_NMI:
		return;
	case X86_TRAP_NM:
		if (lg_fpu_fault(lg))
			return;
		break;
	case X86_TRAP_GP:
		if (lg->regs.errcode == 0 && (lg->regs.cs & 3) == 1 &&
		    lg_emulate(lg))
			return;
		break;
	case X86_TRAP_PF:
		/* return if the shadow was only missing the page, else tell the Guest its cr2 */
#line 2387 "host.nw"
		if (lg_demand_page(lg, lg->cr2, lg->regs.errcode))
			return;
		if (lg->exit.kind)
			return;
		if (lg->has_data &&
		    !lg_write_u32(lg, lg->data + offsetof(struct lguest_data, cr2),
				  lg->cr2))
			return;
#line 2366 "host.nw"
		break;
	case LGUEST_TRAP_ENTRY:
		lg->hcall_pending = true;
		return;
	}
	if (vec >= FIRST_EXTERNAL_VECTOR)
		return;
	if (!lg_deliver(lg, vec, lg_has_errcode(vec), lg->regs.errcode))
		lg_kill(lg, "trap %u at %#x (error code %#x), and no handler",
			vec, lg->regs.eip, lg->regs.errcode);
}

/* virtual interrupts */
#line 2533 "host.nw"
void lg_raise_irq(struct lguest *lg, unsigned int irq)
{
	struct task_struct *tsk;

	set_bit(irq, lg->irqs_pending);
	rcu_read_lock();
	tsk = READ_ONCE(lg->tsk);
	if (tsk && !wake_up_process(tsk))
		kick_process(tsk);
	rcu_read_unlock();
}

#line 2552 "host.nw"
u32 lg_blocked_irqs(struct lguest *lg)
{
	u32 blocked;

	if (!lg->has_data ||
	    !lg_read_u32(lg, lg->data + offsetof(struct lguest_data,
						 blocked_interrupts), &blocked))
		return ~0U;
	return blocked;
}

static u32 lg_irqs_wanted(struct lguest *lg)
{
	return lg->irqs_pending[0] & ~lg_blocked_irqs(lg);
}

#line 2602 "host.nw"
bool lg_in_noirq_window(struct lguest *lg)
{
	return (lg->regs.cs & 3) == 1 && lg->regs.eip >= lg->noirq_start &&
	       lg->regs.eip < lg->noirq_end;
}

#line 2614 "host.nw"
void lg_maybe_deliver_irq(struct lguest *lg)
{
	u32 want = lg_irqs_wanted(lg), enabled, flag;
	u32 irq_pending = lg->data + offsetof(struct lguest_data, irq_pending);
	unsigned int irq;

	if (!want)
		return;
	/* wait if interrupts are off, unless the Guest halted with them off */
#line 2637 "host.nw"
	if (!lg_read_u32(lg, lg->data + offsetof(struct lguest_data, irq_enabled),
			 &enabled))
		return;
	if (!(enabled & X86_EFLAGS_IF) && lg->halted) {
		if (!lg_write_u32(lg, lg->data +
				  offsetof(struct lguest_data, irq_enabled),
				  X86_EFLAGS_IF))
			return;
	} else if (!(enabled & X86_EFLAGS_IF)) {
		lg_write_u32(lg, irq_pending, 1);
		return;
	}
#line 2623 "host.nw"
	if (lg_in_noirq_window(lg))
		return;

	/* deliver the lowest-numbered interrupt the Guest wants */
#line 2656 "host.nw"
	irq = __ffs(want);
	clear_bit(irq, lg->irqs_pending);
	lg->halted = false;
	if (!lg_deliver(lg, FIRST_EXTERNAL_VECTOR + irq, false, 0)) {
		lg_kill(lg, "interrupt %u arrived and it has no handler", irq);
		return;
	}
#line 2627 "host.nw"
	flag = lg_irqs_wanted(lg) ? 1 : 0;
	lg_write_u32(lg, irq_pending, flag);
}

/* the clock */
#line 2673 "host.nw"
enum hrtimer_restart lg_clock_fired(struct hrtimer *timer)
{
	struct lguest *lg = container_of(timer, struct lguest, timer);

	lg_raise_irq(lg, 0);
	return HRTIMER_NORESTART;
}

void lg_set_clockevent(struct lguest *lg, u32 delta_ns)
{
	if (!delta_ns) {
		hrtimer_try_to_cancel(&lg->timer);
		return;
	}
	hrtimer_start(&lg->timer, ns_to_ktime(delta_ns), HRTIMER_MODE_REL);
}

#line 2696 "host.nw"
void lg_update_time(struct lguest *lg)
{
	struct timespec64 now;
	struct {
		u64 sec;
		u32 nsec;
	} __packed t;

	if (!lg->has_data)
		return;
	ktime_get_real_ts64(&now);
	t.sec = now.tv_sec;
	t.nsec = now.tv_nsec;
	lg_write(lg, lg->data + offsetof(struct lguest_data, time_sec), &t,
		 sizeof(t));
}

/* the Guest's IDT */
#line 2735 "host.nw"
void lg_load_idt_entry(struct lguest *lg, u32 vec, u32 lo, u32 hi)
{
	struct lg_gate g = { .lo = lo, .hi = hi };

	if (vec >= IDT_ENTRIES) {
		lg_kill(lg, "IDT entry %u does not exist", vec);
		return;
	}
	if (vec == X86_TRAP_NMI || vec == X86_TRAP_DF || vec == LGUEST_TRAP_ENTRY)
		return;
	if (!(hi & LG_GATE_PRESENT)) {
		memset(&lg->idt[vec], 0, sizeof(lg->idt[vec]));
		return;
	}
	/* kill a Guest whose gate is no interrupt or trap gate into its own code */
#line 2758 "host.nw"
	if ((lg_gate_type(&g) != LG_GATE_INTR && lg_gate_type(&g) != LG_GATE_TRAP) ||
	    !lg_guest_selector(lg_gate_sel(&g))) {
		lg_kill(lg, "bad IDT entry %u: %#x %#x", vec, lo, hi);
		return;
	}
#line 2750 "host.nw"
	lg->idt[vec] = g;
}

#line 2774 "host.nw"
void lg_set_stack(struct lguest *lg, u32 ss, u32 esp, u32 pages)
{
	if ((ss & 3) != 1 || !lg_guest_selector(ss)) {
		lg_kill(lg, "bad kernel stack segment %#x", ss);
		return;
	}
	lg->ss1 = ss;
	lg->esp1 = esp;
}
