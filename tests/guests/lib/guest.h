/*
 * The shared library of the test guests: boot, hypercalls, console, traps,
 * interrupts, page tables, user mode, results.  See tests/guests/README.
 */
#ifndef GUEST_H
#define GUEST_H

#include <lguest_abi.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __u32 size_t;

#define PAGE_SIZE	4096u
#define X86_EFLAGS_IF	0x200u
#define barrier()	asm volatile("" ::: "memory")
#define ACCESS_ONCE(x)	(*(volatile __typeof__(x) *)&(x))
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __aligned(n)	__attribute__((aligned(n)))
#define __page_aligned	__attribute__((aligned(4096), section(".bss.pages")))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Every test guest defines these two. */
extern const char test_title[];
void test_main(void);

/* Selectors: the flat ring-1 segments the Guest starts with (read at boot),
 * and the ring-3 ones test_user_init() installs as Linux numbers them. */
extern u32 kernel_cs, kernel_ds;
#define GDT_USER_CS	14
#define GDT_USER_DS	15
#define USER_CS		(GDT_USER_CS * 8 + 3)
#define USER_DS		(GDT_USER_DS * 8 + 3)

extern struct lguest_data lguest_data;

/* Hypercalls: int $0x1F, number in %eax, arguments in %ebx, %ecx, %edx,
 * %esi, result in %eax. */
static inline u32 hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4)
{
	asm volatile("int $0x1f"
		     : "+a"(nr)
		     : "b"(a1), "c"(a2), "d"(a3), "S"(a4)
		     : "memory");
	return nr;
}
#define hcall0(nr)		hcall(nr, 0, 0, 0, 0)
#define hcall1(nr, a)		hcall(nr, a, 0, 0, 0)
#define hcall2(nr, a, b)	hcall(nr, a, b, 0, 0)
#define hcall3(nr, a, b, c)	hcall(nr, a, b, c, 0)

/* Queue an asynchronous hypercall in the ring of the shared page; the Host
 * runs it at the next trap.  Returns the slot used. */
unsigned int async_hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4);

/* Our memory is mapped at 0 with physical = virtual. */
static inline u32 __pa(const volatile void *p) { return (u32)p; }

/* Console and strings. */
void console_write(const char *s, size_t len);
int printf(const char *fmt, ...) __printf(1, 2);
size_t strlen(const char *s);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Results, as in Xen's XTF: exactly one of these lines ends the test.
 * fail() records a failure and goes on; test_done() reports. */
void __noreturn test_success(void);
void __noreturn test_skip(const char *fmt, ...) __printf(1, 2);
void __noreturn test_error(const char *fmt, ...) __printf(1, 2);
void __noreturn test_failure(const char *fmt, ...) __printf(1, 2);
void fail(const char *fmt, ...) __printf(1, 2);
void __noreturn test_done(void);
void __noreturn shutdown(void);
extern unsigned int failures;

/* Traps.  The frame our entry stubs build. */
struct trap_frame {
	u32 edi, esi, ebp, esp0, ebx, edx, ecx, eax;	/* pushal */
	u32 ds, es;
	u32 vector, error;
	u32 eip, cs, eflags;
	u32 esp, ss;	/* only when the trap came from ring 3 */
};
typedef void (*trap_fn)(struct trap_frame *f);
/* A handler per vector; unset exception vectors fail the test. */
extern trap_fn trap_handlers[256];
void set_gate(unsigned int vector, void *entry, unsigned int type, unsigned int dpl);
#define GATE_INTR 0xE	/* the Host turns irq_enabled off on delivery */
#define GATE_TRAP 0xF

/* Catching an expected exception: trap_catch() returns 0, then returns 1 a
 * second time when the exception arrives, with `caught` filled in.
 *	if (!trap_catch()) { <cause it>; trap_uncatch(); fail(...); }
 */
struct trap_jmp { u32 ebx, esi, edi, ebp, esp, eip, armed; };
struct trap_info { u32 vector, error, eip, cs, cr2, esp, ss; };
extern struct trap_jmp trap_jb;
extern struct trap_info caught;
int trap_setjmp(struct trap_jmp *jb) __attribute__((returns_twice));
void __noreturn trap_longjmp(struct trap_jmp *jb, int val);
#define trap_catch()	trap_setjmp(&trap_jb)
static inline void trap_uncatch(void) { ACCESS_ONCE(trap_jb.armed) = 0; }
/* Where an asm label put the address of the instruction expected to trap. */
extern u32 expect_eip;

/* Interrupts: virtual interrupt n arrives at vector 32 + n. */
extern volatile u32 irq_count[LGUEST_IRQS];
extern void (*irq_handlers[LGUEST_IRQS])(struct trap_frame *f);
static inline void irq_disable(void)
{
	barrier();
	ACCESS_ONCE(lguest_data.irq_enabled) = 0;
	barrier();
}
/* Turn interrupts on, and ask for any that waited meanwhile. */
void irq_enable(void);
/* Sleep in the Host until an interrupt, which is delivered; returns with
 * interrupts enabled.  Arm the clock with interrupts disabled first, or it
 * may fire before we sleep. */
void safe_halt(void);
/* Arm the clock: virtual interrupt 0 in `ns` nanoseconds. */
static inline void set_clockevent(u32 ns) { hcall1(LHCALL_SET_CLOCKEVENT, ns); }

/* The Guest's own clock. */
static inline u64 rdtsc(void)
{
	u32 lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
/* TSC cycles to nanoseconds with lguest_data.tsc_khz (0: unknown). */
u64 tsc_to_ns(u64 cycles);
void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d);

/* Page tables (2-level, 4 KB pages).  Pages come from a pool above the
 * image; new page directories map the first 4 MB 1:1. */
#define PTE_P	0x001u
#define PTE_W	0x002u
#define PTE_U	0x004u
#define PTE_A	0x020u
#define PTE_D	0x040u
void *alloc_page(void);
u32 *pt_new_pgdir(u32 identity_flags);
/* Set the entry for `va` (making a page table if needed) and tell the Host. */
void pt_set(u32 *pgdir, u32 va, u32 pte);
u32 pt_get(u32 *pgdir, u32 va);
void pt_switch(u32 *pgdir);
void flush_tlb(void);
extern u32 *current_pgdir;

/* Ring 3.  test_user_init() installs the user segments and the kernel stack
 * for traps from ring 3; run_user() runs `fn` at ring 3 on `stack_top` until
 * it makes the system call SYS_EXIT, and returns the call's %ebx. */
#define SYSCALL_VEC	0x80
#define SYS_EXIT	1
#define SYS_NOP		2
void test_user_init(void);
u32 run_user(void (*fn)(void), void *stack_top);
extern void (*syscall_hook)(struct trap_frame *f);

#endif
