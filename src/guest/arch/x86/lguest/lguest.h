/* SPDX-License-Identifier: GPL-2.0 */
#line 988 "guest.nw"
/*
 * What the files of the lguest Guest share.  Tangled from guest.nw.
 */
#ifndef _ARCH_X86_LGUEST_LGUEST_H
#define _ARCH_X86_LGUEST_LGUEST_H

void lguest_init(unsigned long boot_params_pa);
unsigned long lguest_save_fl(void);
void lguest_irq_disable(void);
void lguest_irq_enable(void);

#endif /* _ARCH_X86_LGUEST_LGUEST_H */
