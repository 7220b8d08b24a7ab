/*
 * @test     msr-ring1
 * @summary  rdmsr and wrmsr at ring 1 are emulated (every MSR reads 0, a write is dropped, each steps over its 2 bytes); rdmsr and wrmsr at ring 3, other 0F instructions and a prefixed rdmsr at ring 1 still #GP; in and out next door are still emulated
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "rdmsr and wrmsr at ring 1 emulated; at ring 3 a #GP";

/* The MSR Linux 6.1 writes and reads back raw in early_init_intel(). */
#define MSR_IA32_UCODE_REV	0x8B
#define MSR_IA32_APICBASE	0x1B
#define MSR_IA32_SYSENTER_CS	0x174
/* The instruction right after the one emulated leaves this in %esi: if the
 * Host stepped over the wrong number of bytes, it does not. */
#define MARK			0x600d

static u8 user_stack[PAGE_SIZE] __page_aligned;

/* Ring 3 programs: each faults at expect_eip, or exits with 0. */
asm(".text\n"
    "user_rdmsr:\n\t"
    "movl $0x8b, %ecx\n\tmovl $1f, expect_eip\n"
    "1:\trdmsr\n\tmovl $1, %eax\n\tmovl $0, %ebx\n\tint $0x80\n\tud2\n"
    "user_wrmsr:\n\t"
    "movl $0x8b, %ecx\n\tmovl $1f, expect_eip\n"
    "1:\twrmsr\n\tmovl $1, %eax\n\tmovl $0, %ebx\n\tint $0x80\n\tud2\n");
void user_rdmsr(void), user_wrmsr(void);

static void ring1_wrmsr(u32 msr, u32 lo, u32 hi)
{
	u32 c = msr, a = lo, d = hi, mark = 0;

	if (trap_catch()) {
		fail("wrmsr %x at ring 1: trap %u error code %x at %x, expected none",
		     msr, caught.vector, caught.error, caught.eip);
		return;
	}
	asm volatile("wrmsr\n\tmovl %4, %0"
		     : "+S"(mark), "+a"(a), "+d"(d), "+c"(c)
		     : "i"(MARK) : "memory");
	trap_uncatch();
	if (mark != MARK)
		fail("wrmsr %x: the next instruction did not run (%%esi %x)", msr, mark);
	if (c != msr || a != lo || d != hi)
		fail("wrmsr %x: registers changed: ecx %x eax %x edx %x", msr, c, a, d);
}

/* 1 and the value in *hi:*lo if rdmsr at ring 1 was emulated. */
static int ring1_rdmsr(u32 msr, u32 *lo, u32 *hi)
{
	u32 c = msr, a = 0xDEADBEEF, d = 0xFEEDFACE, mark = 0;

	if (trap_catch()) {
		fail("rdmsr %x at ring 1: trap %u error code %x at %x, expected none",
		     msr, caught.vector, caught.error, caught.eip);
		return 0;
	}
	asm volatile("rdmsr\n\tmovl %4, %0"
		     : "+S"(mark), "+a"(a), "+d"(d), "+c"(c)
		     : "i"(MARK) : "memory");
	trap_uncatch();
	if (mark != MARK)
		fail("rdmsr %x: the next instruction did not run (%%esi %x)", msr, mark);
	if (c != msr)
		fail("rdmsr %x: ecx changed to %x", msr, c);
	*lo = a;
	*hi = d;
	return 1;
}

static void expect_zero(u32 msr)
{
	u32 lo, hi;

	if (ring1_rdmsr(msr, &lo, &hi) && (lo || hi))
		fail("rdmsr %x at ring 1 read %x:%x, expected 0", msr, hi, lo);
}

/* wbinvd (0F 09) and clts (0F 06) are privileged: not ours to emulate;
 * nor is rdmsr behind an operand-size prefix (66 0F 32). */
static void expect_other_0f_gp(void)
{
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\t.byte 0x66\n\trdmsr"
			     ::: "eax", "edx", "memory");
		trap_uncatch();
		fail("66 0F 32 at ring 1 did not trap");
	} else if (caught.vector != 13 || caught.error || caught.eip != expect_eip) {
		fail("66 0F 32: trap %u error code %x at %x, expected #GP(0) at %x",
		     caught.vector, caught.error, caught.eip, expect_eip);
	}
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\twbinvd" ::: "memory");
		trap_uncatch();
		fail("wbinvd at ring 1 did not trap");
	} else if (caught.vector != 13 || caught.error || caught.eip != expect_eip) {
		fail("wbinvd: trap %u error code %x at %x, expected #GP(0) at %x",
		     caught.vector, caught.error, caught.eip, expect_eip);
	}
	if (!trap_catch()) {
		asm volatile("movl $1f, expect_eip\n1:\tclts" ::: "memory");
		trap_uncatch();
		fail("clts at ring 1 did not trap");
	} else if (caught.vector != 13 || caught.error || caught.eip != expect_eip) {
		fail("clts: trap %u error code %x at %x, expected #GP(0) at %x",
		     caught.vector, caught.error, caught.eip, expect_eip);
	}
}

/* Port I/O shares the Host's way in: one instruction at ring 1 with %eax
 * preset to 0x12345678 and %dx to 0x80, which must leave %eax as `out`.
 * One function each, for one trap_catch() each. */
#define RING1_IO(name, insn, out)					\
static __attribute__((noinline)) void name(void)			\
{									\
	u32 a = 0x12345678, m = 0;					\
									\
	if (trap_catch()) {						\
		fail("%s at ring 1: trap %u at %x, expected none", insn,	\
		     caught.vector, caught.eip);				\
		return;							\
	}								\
	asm volatile(insn "\n\tmovl %2, %1"				\
		     : "+a"(a), "+S"(m) : "i"(MARK), "d"(0x80) : "memory");	\
	trap_uncatch();							\
	if (a != (out) || m != MARK)					\
		fail("%s: %%eax %x %%esi %x, expected %x and %x", insn,	\
		     a, m, (out), MARK);					\
}
RING1_IO(io_inb_imm, "inb $0x80, %%al", 0x123456FF)
RING1_IO(io_inb_dx, "inb %%dx, %%al", 0x123456FF)
RING1_IO(io_inw_dx, "inw %%dx, %%ax", 0x1234FFFF)
RING1_IO(io_inl_imm, "inl $0x80, %%eax", 0xFFFFFFFF)
RING1_IO(io_inl_dx, "inl %%dx, %%eax", 0xFFFFFFFF)
RING1_IO(io_outb_imm, "outb %%al, $0x80", 0x12345678)
RING1_IO(io_outw_dx, "outw %%ax, %%dx", 0x12345678)
RING1_IO(io_outl_dx, "outl %%eax, %%dx", 0x12345678)

static void expect_io_emulated(void)
{
	io_inb_imm();
	io_inb_dx();
	io_inw_dx();
	io_inl_imm();
	io_inl_dx();
	io_outb_imm();
	io_outw_dx();
	io_outl_dx();
}

static void expect_user_gp(const char *what, void (*fn)(void))
{
	if (!trap_catch()) {
		run_user(fn, user_stack + PAGE_SIZE);
		trap_uncatch();
		fail("%s at ring 3 did not trap", what);
		return;
	}
	if (caught.vector != 13 || caught.error != 0)
		fail("%s at ring 3: trap %u error code %x, expected #GP(0)", what,
		     caught.vector, caught.error);
	if ((caught.cs & 3) != 3)
		fail("%s: trapped with cs %x, not from ring 3", what, caught.cs);
	if (caught.eip != expect_eip)
		fail("%s at ring 3: at %x, expected %x", what, caught.eip, expect_eip);
}

void test_main(void)
{
	u32 *pgdir;

	/* What Linux does in intel_get_microcode_revision(). */
	ring1_wrmsr(MSR_IA32_UCODE_REV, 0, 0);
	expect_zero(MSR_IA32_UCODE_REV);
	/* A write is dropped: the MSR still reads 0. */
	ring1_wrmsr(MSR_IA32_UCODE_REV, 0x12345678, 0x9ABCDEF0);
	expect_zero(MSR_IA32_UCODE_REV);
	/* The Host's own MSRs are not the Guest's to see or change. */
	expect_zero(MSR_IA32_APICBASE);
	ring1_wrmsr(MSR_IA32_SYSENTER_CS, 0x60, 0);
	expect_zero(MSR_IA32_SYSENTER_CS);

	expect_other_0f_gp();
	expect_io_emulated();

	pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);
	pt_switch(pgdir);
	test_user_init();
	expect_user_gp("rdmsr", user_rdmsr);
	expect_user_gp("wrmsr", user_wrmsr);

	/* And the Guest kernel still gets its MSRs emulated afterwards. */
	expect_zero(MSR_IA32_UCODE_REV);
}
