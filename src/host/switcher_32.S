/* SPDX-License-Identifier: GPL-2.0 */
#line 444 "switcher.nw"
/*
 * lg.ko, the lguest Host: the Switcher.
 * Tangled from switcher.nw: edit that, not this file.
 */
#include <linux/linkage.h>
#include <asm/irq_vectors.h>
#include <asm/page_types.h>
#include <asm/segment.h>
#include "lg.h"

	.text
	.balign	16
	.globl	lg_switcher_text_start
lg_switcher_text_start:

/* switcher: saving the Host */
#line 195 "switcher.nw"
SYM_CODE_START(lg_switch_to_guest)
	/* push the Host's frame pointer, data segments and LDT */
#line 208 "switcher.nw"
	pushl	%ebp
	pushl	%es
	pushl	%ds
	pushl	%fs
	pushl	%gs
	sldt	%edx
	pushl	%edx
#line 197 "switcher.nw"
	movl	%esp, LGP_HOST_SP(%eax)
	movl	%cr3, %edx
	movl	%edx, LGP_HOST_CR3(%eax)
	sgdt	LGP_HOST_GDTR(%eax)
	sidt	LGP_HOST_IDTR(%eax)

/* switcher: loading the Guest's tables */
#line 236 "switcher.nw"
	movl	(LGP_HOST_GDTR + 2)(%eax), %edx
	andb	$0xFD, (GDT_ENTRY_TSS * 8 + 5)(%edx)
	lgdt	LGP_GUEST_GDTR(%eax)
	lidt	LGP_GUEST_IDTR(%eax)
	andb	$0xFD, (LGP_GUEST_GDT + GDT_ENTRY_TSS * 8 + 5)(%eax)
	movl	$(GDT_ENTRY_TSS * 8), %edx
	ltr	%dx
	xorl	%edx, %edx
	lldt	%dx

/* switcher: the leap */
#line 267 "switcher.nw"
	leal	LGP_REGS(%eax), %esp
	movl	%ebx, %cr3
	popal
	popl	%ds
	popl	%es
	popl	%fs
	popl	%gs
	addl	$8, %esp
	iret
SYM_CODE_END(lg_switch_to_guest)

/* switcher: the stubs */
#line 299 "switcher.nw"
.macro lg_stub vector
	.pushsection .rodata
	.long	1f
	.popsection
1:
	.if !((\vector == 8) || (\vector >= 10 && \vector <= 14) || \
	      (\vector == 17) || (\vector == 21) || (\vector == 30))
	pushl	$0
	.endif
	pushl	$\vector
	jmp	lg_return_to_host
.endm

	.pushsection .rodata
	.balign	4
SYM_DATA_START(lg_trap_stubs)
	.popsection
vector = 0
.rept 256
	lg_stub vector
	vector = vector + 1
.endr
	.pushsection .rodata
SYM_DATA_END(lg_trap_stubs)
	.popsection

/* switcher: saving the Guest */
#line 341 "switcher.nw"
SYM_CODE_START_LOCAL(lg_return_to_host)
	pushl	%gs
	pushl	%fs
	pushl	%es
	pushl	%ds
	pushal
	movl	$LGUEST_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%esp, %eax
	andl	$PAGE_MASK, %eax
	movl	LGP_HOST_CR3(%eax), %edx
	movl	%edx, %cr3
	lgdt	LGP_HOST_GDTR(%eax)
	lidt	LGP_HOST_IDTR(%eax)
	movl	$(GDT_ENTRY_TSS * 8), %edx
	ltr	%dx

/* switcher: restoring the Host */
#line 402 "switcher.nw"
	clts
	movl	LGP_HOST_SP(%eax), %esp
	movl	$__KERNEL_DS, %edx
	movl	%edx, %ss
	/* pop the Host's LDT, data segments and frame pointer */
#line 428 "switcher.nw"
	popl	%edx
	lldt	%dx
	popl	%gs
	popl	%fs
	popl	%ds
	popl	%es
	popl	%ebp
#line 407 "switcher.nw"
	movl	LGP_TRAPNUM(%eax), %edx
	cmpl	$2, %edx
	je	1f
	cmpl	$FIRST_EXTERNAL_VECTOR, %edx
	jae	1f
	iret
1:	movl	(LGP_HOST_IDTR + 2)(%eax), %ecx
	leal	(%ecx, %edx, 8), %ecx
	movzwl	(%ecx), %edx
	movl	4(%ecx), %ecx
	andl	$0xFFFF0000, %ecx
	orl	%ecx, %edx
	pushl	$__KERNEL_CS
	pushl	%edx
	lret
SYM_CODE_END(lg_return_to_host)

#line 466 "switcher.nw"
	.globl	lg_switcher_text_end
lg_switcher_text_end:
