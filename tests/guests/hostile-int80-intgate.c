/*
 * @test     hostile-int80-intgate
 * @summary  an interrupt gate asked for at vector 0x80 becomes a trap gate: the Guest's system-call handler runs with the real interrupt flag set
 * @category hostile
 * @timeout  30
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "the direct system-call gate never runs the Guest with interrupts off";

/*
 * Through an interrupt gate the processor clears the real interrupt flag,
 * and the direct gate is taken without the Host: a handler that never
 * returned would keep the Host's processor for itself.  We ask for exactly
 * that gate, as Linux 6.1 does, and look at the real flag (pushfl shows it
 * at any ring) from inside the handler.
 */
extern char syscall_stub[];
void user_exit_now(void);

static u8 user_stack[PAGE_SIZE] __page_aligned;
static volatile u32 flags_in_handler;

static void on_syscall(struct trap_frame *f)
{
	u32 flags;

	(void)f;
	asm volatile("pushfl\n\tpopl %0" : "=r"(flags));
	flags_in_handler = flags;
}

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);

	pt_switch(pgdir);
	test_user_init();
	set_gate(SYSCALL_VEC, syscall_stub, GATE_INTR, 3);
	syscall_hook = on_syscall;
	if (run_user(user_exit_now, user_stack + PAGE_SIZE) != 0x600d)
		test_failure("the system call did not come back with its value");
	printf("real flags in the system-call handler: 0x%x\n", flags_in_handler);
	if (!(flags_in_handler & X86_EFLAGS_IF))
		test_failure("the handler ran with the real interrupt flag clear: "
			     "the Host could not have taken the processor back");
}
