/* SPDX-License-Identifier: GPL-2.0 */
#line 234 "host.nw"
/*
 * lg.ko, the lguest Host: shared declarations.
 * Tangled from host.nw and switcher.nw: edit those, not this file.
 */
#ifndef _LG_H
#define _LG_H

#include <asm/page_types.h>
#include <asm/segment.h>

/* the Switcher's page layout */
#line 109 "switcher.nw"
/* The Switcher's code pages, then two pages per CPU. */
#define SWITCHER_TEXT_PAGES	2

/* The Switcher's ring 0 segments, in the Guest's GDT and the Host's. */
#define LGUEST_CS_ENTRY		10
#define LGUEST_DS_ENTRY		11
#define LGUEST_CS		(LGUEST_CS_ENTRY * 8)
#define LGUEST_DS		(LGUEST_DS_ENTRY * 8)

/* Offsets in struct lg_pages, checked by the compiler in core.c. */
#define LG_REGS_SIZE		76
#define LGP_REGS		(PAGE_SIZE - LG_REGS_SIZE)
#define LGP_TRAPNUM		(LGP_REGS + 48)
#define LGP_HOST_CR3		(PAGE_SIZE + 0)
#define LGP_HOST_SP		(PAGE_SIZE + 4)
#define LGP_HOST_GDTR		(PAGE_SIZE + 10)
#define LGP_HOST_IDTR		(PAGE_SIZE + 18)
#define LGP_GUEST_GDTR		(PAGE_SIZE + 26)
#define LGP_GUEST_IDTR		(PAGE_SIZE + 34)
#define LGP_GUEST_GDT		(PAGE_SIZE + 256)

#line 246 "host.nw"
#ifndef __ASSEMBLY__
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <asm/desc.h>
#include <asm/fpu/types.h>
#include <asm/processor.h>
#include "lguest_abi.h"

/* registers */
#line 79 "host.nw"
struct lg_regs {
	/* Pushed by the Switcher with pushal, popped with popal. */
	u32 edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	/* Pushed one by one, after the general registers. */
	u32 ds, es, fs, gs;
	/* Which trap brought us out, and its error code (or 0). */
	u32 trapnum, errcode;
	/* Pushed by the processor when it left ring 1 or 3. */
	u32 eip, cs, eflags, esp, ss;
};

/* gates */
#line 106 "host.nw"
struct lg_gate {
	u32 lo, hi;
};

#define LG_GATE_PRESENT		0x8000
#define LG_GATE_INTR		0xE	/* interrupt gate: clears IF */
#define LG_GATE_TRAP		0xF	/* trap gate: leaves IF alone */
#define LG_GATE_TYPE_SHIFT	8
#define LG_GATE_DPL_SHIFT	13

static inline u32 lg_gate_type(const struct lg_gate *g)
{
	return (g->hi >> LG_GATE_TYPE_SHIFT) & 0xF;
}

static inline u32 lg_gate_dpl(const struct lg_gate *g)
{
	return (g->hi >> LG_GATE_DPL_SHIFT) & 3;
}

static inline u32 lg_gate_sel(const struct lg_gate *g)
{
	return g->lo >> 16;
}

static inline u32 lg_gate_offset(const struct lg_gate *g)
{
	return (g->lo & 0xFFFF) | (g->hi & 0xFFFF0000);
}

/* the Switcher's pages */
#line 76 "switcher.nw"
struct lg_dtr {
	u16 pad;
	u16 limit;
	u32 base;
};

struct lg_state {
	u32 host_cr3;
	u32 host_sp;
	struct lg_dtr host_gdtr;
	struct lg_dtr host_idtr;
	struct lg_dtr guest_gdtr;
	struct lg_dtr guest_idtr;
	struct x86_hw_tss guest_tss;
	struct desc_struct guest_gdt[GDT_ENTRIES] __aligned(256);
	struct lg_gate guest_idt[IDT_ENTRIES];
};

struct lg_pages {
	u8 stack[PAGE_SIZE - sizeof(struct lg_regs)];
	struct lg_regs regs;
	struct lg_state state;
} __aligned(PAGE_SIZE);

/* the Guest */
#line 151 "host.nw"
#define LG_SHADOWS	4

struct lg_shadow {
	u32 gpgdir;		/* guest-physical address of the Guest's pgdir */
	u32 *pgd;		/* our page directory, or NULL if never used */
};

#line 167 "host.nw"
struct lguest {
	/* The Launcher's memory and the Guest's slice of it. */
	struct mm_struct *mm;
	unsigned long mem_base;
	u32 pfn_limit;
	u32 mem_end;

	/* One reader at a time runs the Guest. */
	struct mutex run_lock;
	struct task_struct *tsk;

	/* The processor: registers, descriptor tables, kernel stack. */
	struct lg_regs regs;
	struct desc_struct gdt[GDT_ENTRIES];
	struct lg_gate idt[IDT_ENTRIES];
	u32 ss1, esp1;
	u32 cr2;
	struct fxregs_state *fpu;
	bool fpu_ts;			/* this trip ran with the FPU off */
	unsigned int fpu_trips;		/* trips left with the FPU loaded */

	/* the fields that change as the Guest runs */
#line 199 "host.nw"
	/* The shared page, once the Guest has told us where it is. */
	bool has_data;
	u32 data;
	u32 noirq_start, noirq_end;
	bool direct_syscall;
	unsigned int next_hcall;
	bool hcall_pending;

	/* Virtual interrupts, the clock, sleeping. */
	DECLARE_BITMAP(irqs_pending, LGUEST_IRQS);
	struct hrtimer timer;
	bool halted;

	/* The shadow page tables, and the page pinned for each frame. */
	struct lg_shadow shadows[LG_SHADOWS];
	struct page **frames;
	unsigned int cur_shadow, next_victim;

	/* What the next read() reports; kind 0 means "keep running". */
	struct lguest_exit exit;
#line 189 "host.nw"
};

/* what each file offers the others, the lowest first */

/* what guestmem.c offers */
#line 515 "host.nw"
bool lg_read(struct lguest *lg, u32 gpa, void *buf, u32 len);
bool lg_write(struct lguest *lg, u32 gpa, const void *buf, u32 len);
bool lg_read_u32(struct lguest *lg, u32 gpa, u32 *val);
bool lg_write_u32(struct lguest *lg, u32 gpa, u32 val);
__printf(2, 3) void lg_kill(struct lguest *lg, const char *fmt, ...);
extern atomic_t lg_guests, lg_shadow_pages, lg_pinned_pages;
int lg_param_refuse(const char *val, const struct kernel_param *kp);
void lg_check_counts(void);

/* what switcher.c offers */
#line 723 "host.nw"
extern unsigned long lg_switcher_addr;

static inline unsigned int lg_switcher_slot(void)
{
	return lg_switcher_addr >> PGDIR_SHIFT;
}

/* The bytes from the Switcher's 4 MB slot to the top of memory. */
static inline u32 lg_reserve_mem(void)
{
	return -(u32)(lg_switcher_slot() << PGDIR_SHIFT);
}

#line 921 "host.nw"
int lg_switcher_init(void);
void lg_switcher_exit(void);
struct lg_pages *lg_cpu_pages(unsigned int cpu);

#line 1405 "host.nw"
void lg_fpu_init(struct fxregs_state *fx);
void lg_enter_guest(struct lguest *lg);
bool lg_fpu_fault(struct lguest *lg);

/* what switcher_32.S offers */
#line 1185 "host.nw"
extern char lg_switcher_text_start[], lg_switcher_text_end[];
extern char lg_switch_to_guest[];
extern const unsigned long lg_trap_stubs[IDT_ENTRIES];

/* what segments.c offers */
#line 3302 "host.nw"
bool lg_guest_selector(u32 sel);
void lg_load_gdt_entry(struct lguest *lg, u32 i, u32 lo, u32 hi);
void lg_load_tls(struct lguest *lg, u32 gpa);
void lg_init_segments(struct lguest *lg);
bool lg_check_segments(struct lguest *lg);

/* what page_tables.c offers */
#line 3910 "host.nw"
bool lg_guest_pa(struct lguest *lg, u32 vaddr, u32 *gpa);
bool lg_demand_page(struct lguest *lg, u32 vaddr, u32 errcode);
int lg_init_shadows(struct lguest *lg, u32 gpgdir);
void lg_free_shadows(struct lguest *lg);
void lg_new_pagetable(struct lguest *lg, u32 gpgdir);
bool lg_prepare_shadow(struct lguest *lg);
void lg_set_pte(struct lguest *lg, u32 gpgdir, u32 vaddr, u32 gpte);
void lg_set_pgd(struct lguest *lg, u32 gpgdir, u32 index);
void lg_flush_tlb(struct lguest *lg, bool all);

/* what interrupts_and_traps.c offers */
#line 2969 "host.nw"
void lg_handle_trap(struct lguest *lg);
void lg_raise_irq(struct lguest *lg, unsigned int irq);
u32 lg_blocked_irqs(struct lguest *lg);
bool lg_in_noirq_window(struct lguest *lg);
void lg_maybe_deliver_irq(struct lguest *lg);
enum hrtimer_restart lg_clock_fired(struct hrtimer *timer);
void lg_set_clockevent(struct lguest *lg, u32 delta_ns);
void lg_update_time(struct lguest *lg);
void lg_load_idt_entry(struct lguest *lg, u32 vec, u32 lo, u32 hi);
void lg_set_stack(struct lguest *lg, u32 ss, u32 esp, u32 pages);

/* what hypercalls.c offers */
#line 2316 "host.nw"
void lg_hypercall(struct lguest *lg);
void lg_do_async_hcalls(struct lguest *lg);

/* what core.c offers */
#line 1647 "host.nw"
int lg_run(struct lguest *lg);

/* what user.c offers */
#line 1950 "host.nw"
int lg_device_init(void);
void lg_device_exit(void);
#line 263 "host.nw"
#endif /* __ASSEMBLY__ */
#endif /* _LG_H */
