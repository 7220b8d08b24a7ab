/* SPDX-License-Identifier: GPL-2.0 */
#line 353 "preparation.nw"
/*
 * The interface shared by the lguest Host, Launcher and Guest.
 * Tangled from the lguest chapters: edit those, not this file.
 */
#ifndef _LGUEST_ABI_H
#define _LGUEST_ABI_H

#include <linux/types.h>

/* ABI: hypercalls */
#line 384 "preparation.nw"
#define LGUEST_TRAP_ENTRY	0x1F

/* Hypercall numbers: %eax; arguments: %ebx, %ecx, %edx, %esi. */
#define LHCALL_FLUSH_ASYNC	0	/* run the asynchronous ring now */
#define LHCALL_LGUEST_INIT	1	/* guest-phys address of lguest_data */
#define LHCALL_SHUTDOWN		2	/* reason string, LGUEST_SHUTDOWN_* */
#define LHCALL_NEW_PGTABLE	4	/* guest-phys address of a new pgdir */
#define LHCALL_FLUSH_TLB	5	/* 1: all, including kernel mappings */
#define LHCALL_LOAD_IDT_ENTRY	6	/* vector, low word, high word */
#define LHCALL_SET_STACK	7	/* ss, esp, pages of kernel stack */
#define LHCALL_SET_CLOCKEVENT	9	/* nanoseconds from now, 0 to stop */
#define LHCALL_HALT		10	/* sleep until an interrupt */
#define LHCALL_SET_PTE		14	/* pgdir, virtual address, pte */
#define LHCALL_SET_PGD		15	/* pgdir, index of the entry */
#define LHCALL_LOAD_TLS		16	/* guest-phys address of 3 entries */
#define LHCALL_NOTIFY		17	/* guest-phys address for the Launcher */
#define LHCALL_LOAD_GDT_ENTRY	18	/* entry number, low word, high word */
#define LHCALL_SEND_INTERRUPTS	19	/* deliver what is pending now */

/* ABI: the console's hypercall number */
#line 423 "preparation.nw"
#define LHCALL_CONSOLE_WRITE	20	/* guest-phys address, length */

#line 404 "preparation.nw"
#define LGUEST_SHUTDOWN_POWEROFF	1
#define LGUEST_SHUTDOWN_RESTART		2
#define LGUEST_SHUTDOWN_CRASH		3	/* the Guest kernel panicked */

#line 435 "preparation.nw"
#define LHCALL_RING_SIZE	64

struct lguest_hcall_args {
	__u32 nr;
	__u32 arg1;
	__u32 arg2;
	__u32 arg3;
	__u32 arg4;
};

/* ABI: the shared page */
#line 461 "preparation.nw"
#define LGUEST_IRQS		32

struct lguest_data {
	/* Written by the Guest: 512 (X86_EFLAGS_IF) or 0. */
	__u32 irq_enabled;
	/* Interrupts the Guest does not want at all, even when enabled. */
	__u32 blocked_interrupts[LGUEST_IRQS / 32];
	/* The Guest's iret sequence: no interrupts are delivered in it. */
	__u32 noirq_iret_start;
	__u32 noirq_iret_end;
	/* The vector the Guest uses for system calls (0x80 for Linux). */
	__u32 syscall_vec;

	/* Written by the Host: the faulting address of the last page fault. */
	__u32 cr2;
	/* Set by the Host when an interrupt waits for irq_enabled. */
	__u32 irq_pending;
	/* Bytes at the top of the address space the Switcher occupies. */
	__u32 reserve_mem;
	/* The TSC frequency in kHz, or 0 if the TSC is not usable. */
	__u32 tsc_khz;
	/* Wall-clock time, updated by the Host whenever it runs the Guest. */
	__u64 time_sec;
	__u32 time_nsec;

	/* The asynchronous hypercall ring: status 0xFF is empty, 0 is ready. */
	__u8 hcall_status[LHCALL_RING_SIZE];
	struct lguest_hcall_args hcalls[LHCALL_RING_SIZE];
};

/* ABI: requests to /dev/lguest */
#line 505 "preparation.nw"
enum lguest_req {
	LHREQ_INITIALIZE = 0,	/* base, pfnlimit, start, pgdir */
	LHREQ_IRQ = 2,		/* interrupt number */
};

struct lguest_init {
	__u32 req;		/* LHREQ_INITIALIZE */
	__u32 base;		/* Launcher address of guest-physical 0 */
	__u32 pfnlimit;		/* number of pages of Guest memory */
	__u32 start;		/* the Guest's first instruction (virtual) */
	__u32 pgdir;		/* guest-physical address of its page directory */
};

/* ABI: what read() returns */
#line 527 "preparation.nw"
enum lguest_exit_kind {
	LGEXIT_CONSOLE = 1,	/* arg[0]: guest-phys address, arg[1]: length */
	LGEXIT_NOTIFY = 2,	/* arg[0]: the guest-phys address notified */
	LGEXIT_SHUTDOWN = 3,	/* arg[0]: LGUEST_SHUTDOWN_*; why: message */
	LGEXIT_DEAD = 4,	/* why: the reason the Host killed the Guest */
};

struct lguest_exit {
	__u32 kind;
	__u32 arg[2];
	char why[116];
};

/* ABI: the device page */
#line 554 "preparation.nw"
struct lguest_device_desc {
	__u8 type;		/* virtio device ID; 0 ends the list */
	__u8 num_vq;		/* number of lguest_vqconfig that follow */
	__u8 feature_len;	/* bytes of feature bits, twice: offered, taken */
	__u8 config_len;	/* bytes of config space after the features */
	__u8 status;		/* virtio status byte, written by the Guest */
};

struct lguest_vqconfig {
	__u16 num;		/* entries in the ring */
	__u16 irq;		/* the interrupt this queue raises */
	__u32 pfn;		/* guest page frame where the ring lives */
};

#define LGUEST_DEVICE_ALIGN	4096	/* virtio ring alignment */

#line 368 "preparation.nw"
#endif /* _LGUEST_ABI_H */
