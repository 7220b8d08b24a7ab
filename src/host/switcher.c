// SPDX-License-Identifier: GPL-2.0
#line 1417 "host.nw"
/*
 * lg.ko, the lguest Host: the Switcher's home, each CPU's pages and the
 * world switch.  Tangled from host.nw: edit that, not this file.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/fpu/api.h>
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>
#include "lg.h"

/* the Switcher's variables */
#line 705 "host.nw"
static struct page **lg_switcher_pages;
static void *lg_switcher_base;
unsigned long lg_switcher_addr;
static DEFINE_PER_CPU(u32 *, lg_switcher_pte);

static u32 lg_switcher_pfn(unsigned int i)
{
	return page_to_pfn(lg_switcher_pages[i]);
}

/* unmapping the Switcher */
#line 684 "host.nw"
static void lg_unmap_switcher(void)
{
	unsigned int n = SWITCHER_TEXT_PAGES + 2 * nr_cpu_ids, i, cpu;

	for_each_possible_cpu(cpu) {
		free_page((unsigned long)per_cpu(lg_switcher_pte, cpu));
		per_cpu(lg_switcher_pte, cpu) = NULL;
	}
	vunmap(lg_switcher_base);
	for (i = 0; i < n; i++)
		__free_page(lg_switcher_pages[i]);
	kfree(lg_switcher_pages);
}

/* mapping the Switcher */
#line 560 "host.nw"
static void *lg_vmap_one_slot(struct page **pages, unsigned int n)
{
	void *spacer[8], *addr;
	unsigned int tries = 0, i;
	unsigned long first, last;

	for (;;) {
		addr = vmap(pages, n, VM_MAP, PAGE_KERNEL_EXEC);
		if (!addr)
			break;
		first = (unsigned long)addr;
		last = first + n * PAGE_SIZE - 1;
		if ((first >> PGDIR_SHIFT) == (last >> PGDIR_SHIFT))
			break;
		if (tries == ARRAY_SIZE(spacer)) {
			vunmap(addr);
			addr = NULL;
			break;
		}
		spacer[tries++] = addr;
	}
	for (i = 0; i < tries; i++)
		vunmap(spacer[i]);
	return addr;
}

#line 595 "host.nw"
static int __init lg_map_switcher(void)
{
	unsigned int n = SWITCHER_TEXT_PAGES + 2 * nr_cpu_ids, i, cpu, first;
	u32 *pte;

	/* refuse a Switcher larger than its code pages */
#line 628 "host.nw"
	if (lg_switcher_text_end - lg_switcher_text_start >
	    SWITCHER_TEXT_PAGES * PAGE_SIZE) {
		pr_err("lguest: the Switcher is larger than its pages\n");
		return -EINVAL;
	}
	/* allocate the Switcher's pages and map them inside one 4 MB slot */
#line 640 "host.nw"
	lg_switcher_pages = kcalloc(n, sizeof(*lg_switcher_pages), GFP_KERNEL);
	if (!lg_switcher_pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		lg_switcher_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!lg_switcher_pages[i])
			goto free_all;
	}
	lg_switcher_base = lg_vmap_one_slot(lg_switcher_pages, n);
	if (!lg_switcher_base)
		goto free_all;
	lg_switcher_addr = (unsigned long)lg_switcher_base;
#line 602 "host.nw"
	memcpy(lg_switcher_base, lg_switcher_text_start,
	       lg_switcher_text_end - lg_switcher_text_start);

	first = (lg_switcher_addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
	for_each_possible_cpu(cpu) {
		/* give this CPU a page table for the Switcher's slot */
#line 665 "host.nw"
		pte = (u32 *)get_zeroed_page(GFP_KERNEL);
		if (!pte)
			goto free_ptes;
		for (i = 0; i < SWITCHER_TEXT_PAGES; i++)
			pte[first + i] = lg_switcher_pfn(i) << PAGE_SHIFT |
					 _PAGE_PRESENT | _PAGE_ACCESSED;
		i = SWITCHER_TEXT_PAGES + 2 * cpu;
		pte[first + i] = lg_switcher_pfn(i) << PAGE_SHIFT |
				 _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_RW |
				 _PAGE_DIRTY;
		pte[first + i + 1] = lg_switcher_pfn(i + 1) << PAGE_SHIFT |
				     _PAGE_PRESENT | _PAGE_ACCESSED;
		per_cpu(lg_switcher_pte, cpu) = pte;
#line 608 "host.nw"
	}
	return 0;

free_ptes:
	lg_unmap_switcher();
	return -ENOMEM;
free_all:
	while (i--)
		__free_page(lg_switcher_pages[i]);
	kfree(lg_switcher_pages);
	return -ENOMEM;
}

#line 742 "host.nw"
static const struct kernel_param_ops lg_switcher_addr_ops = {
	.set = lg_param_refuse,
	.get = param_get_ulong,
};
module_param_cb(switcher_addr, &lg_switcher_addr_ops, &lg_switcher_addr, 0444);
MODULE_PARM_DESC(switcher_addr, "Where the Switcher is mapped (read-only)");

/* our segments */
#line 772 "host.nw"
static const struct desc_struct lg_cs_desc = {
	.limit0 = 0xFFFF, .limit1 = 0xF, .type = 0xB, .s = 1, .p = 1,
	.d = 1, .g = 1,
};

static const struct desc_struct lg_ds_desc = {
	.limit0 = 0xFFFF, .limit1 = 0xF, .type = 0x3, .s = 1, .p = 1,
	.d = 1, .g = 1,
};

static void lg_host_segments(bool install)
{
	struct desc_struct *gdt;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		gdt = get_cpu_gdt_rw(cpu);
		if (install) {
			gdt[LGUEST_CS_ENTRY] = lg_cs_desc;
			gdt[LGUEST_DS_ENTRY] = lg_ds_desc;
		} else {
			memset(&gdt[LGUEST_CS_ENTRY], 0, 2 * sizeof(*gdt));
		}
	}
}

/* the real IDT */
#line 823 "host.nw"
static struct lg_gate lg_default_idt[IDT_ENTRIES];

static struct lg_gate lg_make_gate(u32 addr, u32 sel, u32 type, u32 dpl)
{
	struct lg_gate g = {
		.lo = (sel << 16) | (addr & 0xFFFF),
		.hi = (addr & 0xFFFF0000) | LG_GATE_PRESENT |
		      (dpl << LG_GATE_DPL_SHIFT) | (type << LG_GATE_TYPE_SHIFT),
	};

	return g;
}

static void __init lg_setup_default_idt(void)
{
	unsigned int i;
	u32 addr;

	for (i = 0; i < IDT_ENTRIES; i++) {
		addr = lg_switcher_addr + (lg_trap_stubs[i] -
					   (unsigned long)lg_switcher_text_start);
		lg_default_idt[i] = lg_make_gate(addr, LGUEST_CS, LG_GATE_INTR,
						 i == LGUEST_TRAP_ENTRY ? 1 : 0);
	}
}

/* the per-CPU pages */
#line 856 "host.nw"
struct lg_pages *lg_cpu_pages(unsigned int cpu)
{
	return (struct lg_pages *)(lg_switcher_addr +
				   (SWITCHER_TEXT_PAGES + 2 * cpu) * PAGE_SIZE);
}

#line 876 "host.nw"
static void lg_setup_cpu_pages(struct lg_pages *p)
{
	p->state.guest_tss.sp0 = (unsigned long)(&p->regs + 1);
	p->state.guest_tss.ss0 = LGUEST_DS;
	p->state.guest_tss.io_bitmap_base = sizeof(p->state.guest_tss);
	p->state.guest_gdtr.limit = sizeof(p->state.guest_gdt) - 1;
	p->state.guest_gdtr.base = (unsigned long)p->state.guest_gdt;
	p->state.guest_idtr.limit = sizeof(p->state.guest_idt) - 1;
	p->state.guest_idtr.base = (unsigned long)p->state.guest_idt;
}

/* making the Switcher ready */
#line 896 "host.nw"
int __init lg_switcher_init(void)
{
	unsigned int cpu;
	int err;

	err = lg_map_switcher();
	if (err)
		return err;
	lg_setup_default_idt();
	for_each_possible_cpu(cpu)
		lg_setup_cpu_pages(lg_cpu_pages(cpu));
	lg_host_segments(true);
	return 0;
}

void lg_switcher_exit(void)
{
	lg_host_segments(false);
	lg_unmap_switcher();
}

/* the TSS descriptor */
#line 1031 "host.nw"
static void lg_tss_descriptor(struct desc_struct *d, const void *tss)
{
	unsigned long base = (unsigned long)tss;
	u32 limit = sizeof(struct x86_hw_tss) - 1;

	memset(d, 0, sizeof(*d));
	d->limit0 = limit & 0xFFFF;
	d->limit1 = limit >> 16;
	d->base0 = base & 0xFFFF;
	d->base1 = (base >> 16) & 0xFF;
	d->base2 = base >> 24;
	d->type = DESC_TSS;
	d->p = 1;
}

/* the direct system-call gate */
#line 978 "host.nw"
static struct lg_gate lg_direct_gate(const struct lg_gate *g)
{
	return lg_make_gate(lg_gate_offset(g), lg_gate_sel(g), LG_GATE_TRAP,
			    lg_gate_dpl(g));
}

/* CR4 while the Guest runs */
#line 1079 "host.nw"
#define LG_CR4_OFF	(X86_CR4_PGE | X86_CR4_SMEP | X86_CR4_SMAP)

static void lg_write_cr4(unsigned long cr4)
{
	asm volatile("mov %0, %%cr4" : : "r" (cr4) : "memory");
}

static unsigned long lg_cr4_for_guest(void)
{
	unsigned long cr4 = cr4_read_shadow();

	if (cr4 & LG_CR4_OFF)
		lg_write_cr4(cr4 & ~LG_CR4_OFF);
	return cr4;
}

static void lg_cr4_for_host(unsigned long cr4)
{
	if (cr4 & LG_CR4_OFF)
		lg_write_cr4(cr4);
}

/* the floating-point unit */
#line 1267 "host.nw"
#define LG_FCW_INIT	0x037F	/* fninit's x87 control word */
#define LG_FPU_TRIPS	64	/* trips with the FPU after the Guest used it */

static void lg_fpu_load(struct fxregs_state *fx)
{
	asm volatile("fxrstor %0" : : "m" (*fx));
}

static void lg_fpu_save(struct fxregs_state *fx)
{
	asm volatile("fxsave %0" : "=m" (*fx));
}

void lg_fpu_init(struct fxregs_state *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->cwd = LG_FCW_INIT;
	fx->mxcsr = MXCSR_DEFAULT;
}

/* one trip into the Guest */
#line 988 "host.nw"
static void lg_copy_in(struct lguest *lg, struct lg_pages *p)
{
	struct lg_state *st = &p->state;
	const struct lg_gate *g;
	unsigned int v;

	p->regs = lg->regs;
	st->guest_tss.ss1 = lg->ss1;
	st->guest_tss.sp1 = lg->esp1;

	memcpy(st->guest_gdt, lg->gdt, sizeof(st->guest_gdt));
	st->guest_gdt[LGUEST_CS_ENTRY] = lg_cs_desc;
	st->guest_gdt[LGUEST_DS_ENTRY] = lg_ds_desc;
	lg_tss_descriptor(&st->guest_gdt[GDT_ENTRY_TSS], &st->guest_tss);

	/* copy the default IDT, with the Guest's own breakpoint and system-call gates */
#line 1012 "host.nw"
	memcpy(st->guest_idt, lg_default_idt, sizeof(st->guest_idt));
	for (v = X86_TRAP_BP; v <= X86_TRAP_OF; v++) {
		g = &lg->idt[v];
		if (g->hi & LG_GATE_PRESENT)
			st->guest_idt[v].hi |= lg_gate_dpl(g) << LG_GATE_DPL_SHIFT;
	}
	g = &lg->idt[IA32_SYSCALL_VECTOR];
	if (lg->direct_syscall && (g->hi & LG_GATE_PRESENT))
		st->guest_idt[IA32_SYSCALL_VECTOR] = lg_direct_gate(g);
#line 1004 "host.nw"
}

#line 1118 "host.nw"
static void lg_switch(struct lguest *lg)
{
	struct lg_pages *p = lg_cpu_pages(smp_processor_id());
	u32 *pgd = lg->shadows[lg->cur_shadow].pgd;
	u32 sysenter_lo, sysenter_hi, clobber;
	unsigned long cr4;

	lg_copy_in(lg, p);
	pgd[lg_switcher_slot()] = __pa(this_cpu_read(lg_switcher_pte)) |
				  _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;

	/* make sysenter fault and clear the CR4 bits a Guest must not have */
#line 1142 "host.nw"
	rdmsr(MSR_IA32_SYSENTER_CS, sysenter_lo, sysenter_hi);
	if (sysenter_lo)
		wrmsr(MSR_IA32_SYSENTER_CS, 0, 0);
	cr4 = lg_cr4_for_guest();

	/* call the Switcher, which returns when the Guest traps */
#line 1158 "host.nw"
	asm volatile("pushfl\n\t"
		     "pushl %%cs\n\t"
		     "call *%%ecx"
		     : "=a" (clobber), "=b" (clobber), "=c" (clobber)
		     : "0" (p), "1" (__pa(pgd)),
		       "2" (lg_switcher_addr +
			    (lg_switch_to_guest - lg_switcher_text_start))
		     : "memory", "cc", "edx", "esi", "edi");

	/* read the fault address, then give the Host its SYSENTER and CR4 back */
#line 1173 "host.nw"
	if (p->regs.trapnum == X86_TRAP_PF)
		lg->cr2 = read_cr2();
	lg_cr4_for_host(cr4);
	if (sysenter_lo)
		wrmsr(MSR_IA32_SYSENTER_CS, sysenter_lo, sysenter_hi);
#line 1134 "host.nw"
	lg->regs = p->regs;
}

#line 1296 "host.nw"
static void lg_trip_with_fpu(struct lguest *lg)
{
	/* take the FPU from the Launcher and load the Guest's registers */
#line 1312 "host.nw"
	kernel_fpu_begin();
	lg_fpu_load(lg->fpu);
#line 1299 "host.nw"
	local_irq_disable();
	lg_switch(lg);
	local_irq_enable();
	/* keep the Guest's registers and hand the FPU back */
#line 1324 "host.nw"
	lg_fpu_save(lg->fpu);
	kernel_fpu_end();
#line 1303 "host.nw"
}

#line 1341 "host.nw"
static void lg_trip_without_fpu(struct lguest *lg)
{
	local_irq_disable();
	write_cr0(read_cr0() | X86_CR0_TS);
	lg_switch(lg);
	local_irq_enable();
}

#line 1355 "host.nw"
void lg_enter_guest(struct lguest *lg)
{
	/* choose the trip: with the FPU while trips are left, else without */
#line 1369 "host.nw"
	lg->fpu_ts = !lg->fpu_trips;
	if (lg->fpu_trips)
		lg->fpu_trips--;
#line 1358 "host.nw"
	if (lg->fpu_ts)
		lg_trip_without_fpu(lg);
	else
		lg_trip_with_fpu(lg);
}

#line 1380 "host.nw"
bool lg_fpu_fault(struct lguest *lg)
{
	/* say whether the Guest faulted for its FPU, and give it the FPU */
#line 1395 "host.nw"
	if (!lg->fpu_ts)
		return false;
	lg->fpu_trips = LG_FPU_TRIPS;
	return true;
#line 1383 "host.nw"
}
