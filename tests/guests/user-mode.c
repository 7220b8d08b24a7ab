/*
 * @test     user-mode
 * @summary  code runs at ring 3 under the Guest's page tables; its faults and system calls come back to the Guest kernel on the stack given with LHCALL_SET_STACK
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "probe.h"

const char test_title[] = "ring 3: user code, user faults, user system calls";

static u8 user_stack[PAGE_SIZE] __page_aligned;
static u32 kernel_only[PAGE_SIZE / 4] __page_aligned;
static struct trap_frame seen;
static u32 syscalls;

/* Ring 3 programs.  Each ends with the system call SYS_EXIT (%eax 1),
 * whose %ebx run_user() returns. */
asm(".text\n"
    "user_get_cs:\n\t"			/* exit(%cs) */
    "movl %cs, %ebx\n\tmovl $1, %eax\n\tint $0x80\n\tud2\n"
    "user_nop_call:\n\t"		/* nop(0x1234) then exit(%eax) */
    "movl $2, %eax\n\tmovl $0x1234, %ebx\n\tint $0x80\n\t"
    "movl %eax, %ebx\n\tmovl $1, %eax\n\tint $0x80\n\tud2\n"
    "user_read_kernel:\n\t"
    "movl $1f, expect_eip\n"
    "1:\tmovl kernel_only, %eax\n\tmovl $1, %eax\n\tint $0x80\n\tud2\n"
    "user_cli:\n\t"
    "movl $1f, expect_eip\n1:\tcli\n\tmovl $1, %eax\n\tint $0x80\n\tud2\n"
    "user_hypercall:\n\t"		/* LHCALL_FLUSH_ASYNC from ring 3 */
    "movl $1f, expect_eip\n\tmovl $0, %eax\n1:\tint $0x1f\n\t"
    "movl $1, %eax\n\tint $0x80\n\tud2\n");
void user_get_cs(void), user_nop_call(void), user_read_kernel(void);
void user_cli(void), user_hypercall(void);

static void on_syscall(struct trap_frame *f)
{
	if (f->eax == SYS_NOP) {
		seen = *f;
		syscalls++;
		f->eax = 0x600d;
	}
}

/* Run a program that must fault; check the fault came from ring 3. */
static void expect_user_fault(const char *what, void (*fn)(void), u32 vector, u32 error)
{
	if (!trap_catch()) {
		run_user(fn, user_stack + PAGE_SIZE);
		trap_uncatch();
		fail("%s: no fault", what);
		return;
	}
	if (caught.vector != vector || caught.error != error)
		fail("%s: trap %u error code %x, expected %u error code %x", what,
		     caught.vector, caught.error, vector, error);
	if ((caught.cs & 3) != 3)
		fail("%s: trapped with cs %x, not from ring 3", what, caught.cs);
	if (caught.eip != expect_eip)
		fail("%s: at %x, expected %x", what, caught.eip, expect_eip);
	if (caught.ss != USER_DS || caught.esp != (u32)user_stack + PAGE_SIZE)
		fail("%s: saved ss:esp %x:%x, expected %x:%x", what, caught.ss,
		     caught.esp, USER_DS, (u32)user_stack + PAGE_SIZE);
}

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);
	u32 v;

	/* Everything user-accessible but one page. */
	pt_switch(pgdir);
	pt_set(pgdir, (u32)kernel_only, __pa(kernel_only) | PTE_P | PTE_W);
	flush_tlb();
	test_user_init();
	syscall_hook = on_syscall;

	v = run_user(user_get_cs, user_stack + PAGE_SIZE);
	if (v != USER_CS)
		fail("ring 3 code ran with cs %x, expected %x", v, USER_CS);

	v = run_user(user_nop_call, user_stack + PAGE_SIZE);
	if (syscalls != 1)
		fail("%u system calls seen, expected 1", syscalls);
	if (v != 0x600d)
		fail("the system call returned %x to ring 3, expected 0x600d", v);
	if ((seen.cs & 3) != 3 || seen.ebx != 0x1234)
		fail("system call frame: cs %x ebx %x", seen.cs, seen.ebx);
	if (seen.ss != USER_DS)
		fail("system call frame: ss %x, expected %x", seen.ss, USER_DS);

	expect_user_fault("reading a supervisor page", user_read_kernel, 14, 5);
	if (caught.cr2 != (u32)kernel_only)
		fail("reading a supervisor page: cr2 %x, expected %x", caught.cr2,
		     (u32)kernel_only);
	expect_user_fault("cli at ring 3", user_cli, 13, 0);
	/* Ring 3 may not make hypercalls: the gate refuses it, #GP with the
	 * vector in the error code ((0x1f << 3) | 2). */
	expect_user_fault("a hypercall from ring 3", user_hypercall, 13, 0xFA);

	/* The kernel still works after all that. */
	if (probe_read((u32)kernel_only, &v))
		fail("the Guest kernel cannot read its own page any more");
}
