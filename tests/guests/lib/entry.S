/*
 * The first instructions of every test guest, the trap entry stubs, the
 * return from traps, and the jumps to and from ring 3.
 *
 * We start at ring 1 with paging on (the Launcher's page tables map us 1:1),
 * flat segments, %esi = 0 and no stack.
 */
/* (lguest_abi.h is C only: the one number we need is below.) */

#define X86_EFLAGS_IF	0x200
#define SYS_EXIT	1

	.section .text.entry, "ax"
	.globl _start
_start:
	/* Remember the selectors the Host gave us; the gates use them. */
	movl	%cs, %eax
	movl	%eax, kernel_cs
	movl	%ds, %eax
	movl	%eax, kernel_ds
	/* Clear .bss (the stack is in it), then take the stack. */
	cld
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	/* kernel_cs, kernel_ds are in .data, so they survived. */
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp
	call	guest_start
1:	jmp	1b

/*
 * One stub per vector.  Vectors where the processor pushes an error code
 * (8, 10-14, 17) get none pushed by the stub; the others push 0, so every
 * frame looks the same.
 */
.macro	stub vec
	.p2align 4
trap_stub_\vec:
	.if (\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17)
	.else
	pushl	$0
	.endif
	pushl	$\vec
	jmp	trap_common
	.pushsection .rodata
	.long	trap_stub_\vec
	.popsection
.endm

	.pushsection .rodata
	.p2align 2
	.globl trap_stubs
trap_stubs:
	.popsection
	.text
	.irp	v,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stub	\v
	.endr
	.globl	syscall_stub
syscall_stub:
	pushl	$0
	pushl	$0x80
	jmp	trap_common

trap_common:
	pushl	%es
	pushl	%ds
	pushal
	movl	%ss:kernel_ds, %eax
	movl	%eax, %ds
	movl	%eax, %es
	cld
	pushl	%esp
	call	trap_dispatch
	addl	$4, %esp
	popal
	popl	%ds
	popl	%es
	addl	$8, %esp

/*
 * Back from a trap.  A Guest at ring 1 cannot change the real interrupt
 * flag, so iret alone would not restore its virtual one: we copy the IF bit
 * of the saved flags to lguest_data.irq_enabled first.  Between that store
 * and the iret an interrupt would land on the frame we are about to pop, so
 * we tell the Host (noirq_iret_start/end) never to deliver one there.
 */
	.globl	guest_iret, guest_iret_noirq, guest_iret_end
guest_iret:
	pushl	%eax
	movl	12(%esp), %eax		/* the saved eflags */
guest_iret_noirq:
	andl	$X86_EFLAGS_IF, %eax
	movl	%eax, %ss:lguest_data	/* irq_enabled is the first word */
	popl	%eax
	iret
guest_iret_end:

/*
 * setjmp and longjmp for catching expected traps: trap_dispatch() jumps
 * back to the trap_catch() that armed it.
 */
	.globl	trap_setjmp, trap_longjmp
trap_setjmp:
	movl	4(%esp), %eax
	movl	%ebx, 0(%eax)
	movl	%esi, 4(%eax)
	movl	%edi, 8(%eax)
	movl	%ebp, 12(%eax)
	leal	4(%esp), %ecx
	movl	%ecx, 16(%eax)
	movl	(%esp), %ecx
	movl	%ecx, 20(%eax)
	movl	$1, 24(%eax)
	xorl	%eax, %eax
	ret
trap_longjmp:
	movl	4(%esp), %edx
	movl	8(%esp), %eax
	movl	$0, 24(%edx)
	movl	0(%edx), %ebx
	movl	4(%edx), %esi
	movl	8(%edx), %edi
	movl	12(%edx), %ebp
	movl	16(%edx), %esp
	jmp	*20(%edx)

/*
 * u32 run_user(void (*fn)(void), void *stack_top): run fn at ring 3 until
 * it makes the system call SYS_EXIT; user_exit() (from the system-call
 * handler, on the kernel stack) comes back here with its value.
 */
	.globl	run_user, user_exit
run_user:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, user_saved_esp
	movl	20(%esp), %ecx		/* fn */
	movl	24(%esp), %edx		/* stack_top */
	movl	user_ds, %eax
	pushl	%eax			/* ss */
	pushl	%edx			/* esp */
	pushl	$0x202			/* eflags: IF, as real hardware would */
	pushl	user_cs			/* cs */
	pushl	%ecx			/* eip */
	movl	%eax, %ds
	movl	%eax, %es
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	iret

/* void user_exit(u32 value): abandon the kernel stack, back to run_user. */
user_exit:
	movl	4(%esp), %eax
	movl	%ss:kernel_ds, %ecx
	movl	%ecx, %ds
	movl	%ecx, %es
	movl	%ss:user_saved_esp, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

/* A user-mode program that only exits: int $0x80 with %eax = SYS_EXIT. */
	.globl	user_exit_now
user_exit_now:
	movl	$SYS_EXIT, %eax
	movl	$0x600d, %ebx
	int	$0x80
	ud2

	.data
	.globl	kernel_cs, kernel_ds, user_cs, user_ds
kernel_cs:	.long 0
kernel_ds:	.long 0
user_cs:	.long (14 * 8 + 3)
user_ds:	.long (15 * 8 + 3)
user_saved_esp:	.long 0

	.bss
	.p2align 12
boot_stack:
	.skip	16384
boot_stack_top:
