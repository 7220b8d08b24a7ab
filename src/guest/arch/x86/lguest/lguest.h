/* SPDX-License-Identifier: GPL-2.0 */
#line 1654 "guest.nw"
/*
 * What the files of the lguest Guest share.  Tangled from guest.nw.
 */
#ifndef _ARCH_X86_LGUEST_LGUEST_H
#define _ARCH_X86_LGUEST_LGUEST_H

void lguest_init(unsigned long boot_params_pa);
unsigned long lguest_save_fl(void);
void lguest_irq_disable(void);
void lguest_irq_enable(void);
unsigned long lguest_read_cr2(void);

/* head32.c's, called from assembly only, so Linux declares it nowhere. */
void mk_early_pgtbl_32(void);

#endif /* _ARCH_X86_LGUEST_LGUEST_H */
