/* SPDX-License-Identifier: GPL-2.0 */
#line 803 "guest.nw"
/*
 * The lguest Guest's way in.  Tangled from guest.nw: edit that, not this.
 */
#include <linux/linkage.h>
#include <linux/init.h>

	__HEAD
SYM_CODE_START(lguest_entry)
	movl initial_stack, %esp
	movl %esi, %eax
	movl $lguest_init, %ecx
	jmp *%ecx
SYM_CODE_END(lguest_entry)
