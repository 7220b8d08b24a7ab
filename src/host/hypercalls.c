// SPDX-License-Identifier: GPL-2.0
#line 2292 "host.nw"
/*
 * lg.ko, the lguest Host: hypercalls.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/kernel.h>
#include <asm/irq_vectors.h>
#include <asm/tsc.h>
#include "lg.h"

/* console and shutdown */
#line 2084 "host.nw"
static void lg_console_write(struct lguest *lg, u32 gpa, u32 len)
{
	/* check that the text lies in Guest memory, then report it to the Launcher */
#line 2098 "host.nw"
	if (len > PAGE_SIZE || (u64)gpa + len > lg->mem_end) {
		lg_kill(lg, "console write of %u bytes at %#x", len, gpa);
		return;
	}
	lg->exit.kind = LGEXIT_CONSOLE;
	lg->exit.arg[0] = gpa;
	lg->exit.arg[1] = len;
#line 2087 "host.nw"
}

#line 2112 "host.nw"
static void lg_shutdown(struct lguest *lg, u32 gpa, u32 how)
{
	struct lguest_exit e = { .kind = LGEXIT_SHUTDOWN, .arg[0] = how };
	u32 len = sizeof(e.why) - 1;

	if (gpa >= lg->mem_end) {
		lg_kill(lg, "shutdown message at %#x is outside its memory", gpa);
		return;
	}
	len = min(len, lg->mem_end - gpa);
	if (!lg_read(lg, gpa, e.why, len))
		return;
	e.why[len] = '\0';
	lg->exit = e;
}

/* the dispatcher */
#line 1979 "host.nw"
static void lg_do_hcall(struct lguest *lg, const struct lguest_hcall_args *a)
{
	switch (a->nr) {
	/* pass the calls about page tables to the shadow page tables */
#line 2004 "host.nw"
	case LHCALL_NEW_PGTABLE:
		lg_new_pagetable(lg, a->arg1);
		break;
	case LHCALL_FLUSH_TLB:
		lg_flush_tlb(lg, a->arg1 == 1);
		break;
	case LHCALL_SET_PTE:
		lg_set_pte(lg, a->arg1, a->arg2, a->arg3);
		break;
	case LHCALL_SET_PGD:
		lg_set_pgd(lg, a->arg1, a->arg2);
		break;
	/* pass the calls about descriptor tables and the kernel stack on */
#line 2024 "host.nw"
	case LHCALL_LOAD_IDT_ENTRY:
		lg_load_idt_entry(lg, a->arg1, a->arg2, a->arg3);
		break;
	case LHCALL_SET_STACK:
		lg_set_stack(lg, a->arg1, a->arg2, a->arg3);
		break;
	case LHCALL_LOAD_TLS:
		lg_load_tls(lg, a->arg1);
		break;
	case LHCALL_LOAD_GDT_ENTRY:
		lg_load_gdt_entry(lg, a->arg1, a->arg2, a->arg3);
		break;
	/* set the Guest's alarm, or mark it halted */
#line 2042 "host.nw"
	case LHCALL_SET_CLOCKEVENT:
		lg_set_clockevent(lg, a->arg1);
		break;
	case LHCALL_HALT:
		lg->halted = true;
		break;
	/* turn a shutdown, a notification or console output into a report */
#line 2055 "host.nw"
	case LHCALL_SHUTDOWN:
		lg_shutdown(lg, a->arg1, a->arg2);
		break;
	case LHCALL_NOTIFY:
		lg->exit.kind = LGEXIT_NOTIFY;
		lg->exit.arg[0] = a->arg1;
		break;
	/* hand console output to its check */
#line 2072 "host.nw"
	case LHCALL_CONSOLE_WRITE:
		lg_console_write(lg, a->arg1, a->arg2);
		break;
#line 1986 "host.nw"
	case LHCALL_FLUSH_ASYNC:
	case LHCALL_SEND_INTERRUPTS:
		/* The run loop does both before the Guest runs again. */
		break;
	case LHCALL_LGUEST_INIT:
		lg_kill(lg, "it called LHCALL_LGUEST_INIT twice");
		break;
	default:
		lg_kill(lg, "unknown hypercall %u", a->nr);
	}
}

/* the shared page */
#line 2182 "host.nw"
static bool lg_data_address_ok(struct lguest *lg, u32 gpa)
{
	if ((gpa & 3) || (u64)gpa + sizeof(struct lguest_data) >
			 (u64)lg->pfn_limit * PAGE_SIZE) {
		lg_kill(lg, "bad lguest_data address %#x: not a word-aligned place in its memory",
			gpa);
		return false;
	}
	return true;
}

#line 2205 "host.nw"
static bool lg_noirq_window_ok(struct lguest *lg)
{
	u32 start = lg->noirq_start, end = lg->noirq_end, gpa;

	if (start == end)
		return true;
	if (start < end && end - start <= PAGE_SIZE &&
	    lg_guest_pa(lg, start, &gpa) && lg_guest_pa(lg, end - 1, &gpa))
		return true;
	lg_kill(lg, "its no-interrupt window %#x-%#x is not a short stretch of its mapped code",
		start, end);
	return false;
}

#line 2227 "host.nw"
static void lg_init_data(struct lguest *lg, u32 gpa)
{
	u32 vec;

	if (!lg_data_address_ok(lg, gpa))
		return;
	lg->data = gpa;
	lg->has_data = true;
	if (!lg_write_u32(lg, gpa + offsetof(struct lguest_data, reserve_mem),
			  lg_reserve_mem()) ||
	    !lg_write_u32(lg, gpa + offsetof(struct lguest_data, tsc_khz),
			  boot_cpu_has(X86_FEATURE_CONSTANT_TSC) ? tsc_khz : 0) ||
	    !lg_read_u32(lg, gpa + offsetof(struct lguest_data, noirq_iret_start),
			 &lg->noirq_start) ||
	    !lg_read_u32(lg, gpa + offsetof(struct lguest_data, noirq_iret_end),
			 &lg->noirq_end) ||
	    !lg_noirq_window_ok(lg) ||
	    !lg_read_u32(lg, gpa + offsetof(struct lguest_data, syscall_vec), &vec))
		return;
	lg->direct_syscall = vec == IA32_SYSCALL_VECTOR;
	lg_update_time(lg);
}

/* the synchronous call */
#line 2146 "host.nw"
void lg_hypercall(struct lguest *lg)
{
	struct lguest_hcall_args a = {
		.nr = lg->regs.eax,
		.arg1 = lg->regs.ebx,
		.arg2 = lg->regs.ecx,
		.arg3 = lg->regs.edx,
		.arg4 = lg->regs.esi,
	};

	lg->regs.eax = 0;
	if (!lg->has_data) {
		if (a.nr == LHCALL_LGUEST_INIT)
			lg_init_data(lg, a.arg1);
		else
			lg_kill(lg, "hypercall %u before LHCALL_LGUEST_INIT", a.nr);
		return;
	}
	lg_do_hcall(lg, &a);
}

/* the ring */
#line 2260 "host.nw"
void lg_do_async_hcalls(struct lguest *lg)
{
	u8 status[LHCALL_RING_SIZE];
	struct lguest_hcall_args a;
	u32 ring = lg->data + offsetof(struct lguest_data, hcalls);
	u32 st = lg->data + offsetof(struct lguest_data, hcall_status);
	unsigned int n, i;

	if (!lg->has_data || !lg_read(lg, st, status, sizeof(status)))
		return;
	for (n = 0; n < LHCALL_RING_SIZE; n++) {
		i = lg->next_hcall;
		if (status[i] == 0xFF)
			break;
		if (!lg_read(lg, ring + i * sizeof(a), &a, sizeof(a)))
			return;
		lg_do_hcall(lg, &a);
		status[i] = 0xFF;
		if (!lg_write(lg, st + i, &status[i], 1))
			return;
		lg->next_hcall = (i + 1) % LHCALL_RING_SIZE;
		if (lg->exit.kind)
			break;
	}
}
