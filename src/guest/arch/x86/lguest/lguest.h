/* SPDX-License-Identifier: GPL-2.0 */
#line 2250 "guest.nw"
/*
 * What the files of the lguest Guest share.  Tangled from guest.nw.
 */
#ifndef _ARCH_X86_LGUEST_LGUEST_H
#define _ARCH_X86_LGUEST_LGUEST_H

#include <linux/stringify.h>
#include <linux/types.h>
#include <asm/lguest_abi.h>

void lguest_init(unsigned long boot_params_pa);
unsigned long lguest_save_fl(void);
void lguest_irq_disable(void);
void lguest_irq_enable(void);
unsigned long lguest_read_cr2(void);

/* The shared page, and the window and door of patch 0005 (entry_32.S). */
extern struct lguest_data lguest_data;
extern char lguest_noirq_start[], lguest_noirq_end[], lguest_entry_INT80[];

/* head32.c's, called from assembly only, so Linux declares it nowhere. */
void mk_early_pgtbl_32(void);

/* the hypercall */
#line 943 "guest.nw"
static inline u32 hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4)
{
	asm volatile("int $" __stringify(LGUEST_TRAP_ENTRY)
		     : "+a" (nr)
		     : "b" (a1), "c" (a2), "d" (a3), "S" (a4)
		     : "memory");
	return nr;
}

#line 2275 "guest.nw"
#endif /* _ARCH_X86_LGUEST_LGUEST_H */
