/*
 * @test     int80
 * @summary  int $0x80 from ring 3 goes straight to the Guest's handler: counted, without an exit to the Host
 * @category functional
 * @timeout  60
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "the system-call gate goes straight into the Guest";

/*
 * How do we see whether a trap went through the Host?  We make a clock
 * interrupt pending while interrupts are disabled, then turn irq_enabled on
 * by writing the shared page alone.  The Host delivers the pending
 * interrupt the next time it runs the Guest, which is the next time the
 * Guest exits for any reason.  If `int $0x80` exits, the clock handler runs
 * before the system-call handler gets to look; if it goes straight to the
 * Guest, the interrupt is still pending when the handler looks.  A control
 * round with a hypercall in place of the system call shows the method works.
 * (A real interrupt hitting the Host in that window also counts as an exit:
 * rare, so a few are tolerated.)
 */
#define ROUNDS 20

static u8 user_stack[PAGE_SIZE] __page_aligned;
static volatile u32 ticks_at_syscall;

asm(".text\nuser_exit_at_once:\n\t"
    "movl $1, %eax\n\tmovl $0, %ebx\n\tint $0x80\n\tud2\n");
void user_exit_at_once(void);

static void on_syscall(struct trap_frame *f)
{
	(void)f;
	ticks_at_syscall = irq_count[0];
}

/* Make the clock interrupt pending with interrupts off, then enable them
 * behind the Host's back.  0 if that could not be done. */
static int arm_pending(void)
{
	u64 t0 = rdtsc();
	u32 n;

	irq_disable();
	irq_count[0] = 0;
	set_clockevent(10000);
	for (n = 0; !ACCESS_ONCE(lguest_data.irq_pending); n++)
		if (n > 100000000 || (lguest_data.tsc_khz &&
				       rdtsc() - t0 > (u64)lguest_data.tsc_khz * 5000))
			return 0;
	ACCESS_ONCE(lguest_data.irq_enabled) = X86_EFLAGS_IF;
	barrier();
	return 1;
}

/* Let the still-pending interrupt in, and wait until it has come. */
static void drain(void)
{
	irq_enable();
	hcall0(LHCALL_SEND_INTERRUPTS);
	irq_disable();
}

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);
	u32 i, exits = 0, valid = 0, noise = 0, control = 0;

	pt_switch(pgdir);
	test_user_init();
	syscall_hook = on_syscall;

	/* It works at all. */
	if (run_user(user_exit_at_once, user_stack + PAGE_SIZE) != 0)
		fail("the system call did not return its value");

	/* Control: a hypercall is an exit, and the method sees it. */
	for (i = 0; i < 3; i++) {
		if (!arm_pending())
			test_failure("the Host never set irq_pending for a waiting clock interrupt");
		if (irq_count[0]) {
			drain();
			continue;
		}
		hcall0(LHCALL_FLUSH_ASYNC);
		if (irq_count[0])
			control++;
		drain();
	}
	if (!control)
		test_error("cannot count exits: a pending interrupt was not delivered "
			   "after a hypercall with irq_enabled on");

	for (i = 0; i < ROUNDS; i++) {
		if (!arm_pending())
			test_failure("the Host never set irq_pending for a waiting clock interrupt");
		if (irq_count[0]) {
			noise++;	/* an exit before we even started */
			drain();
			continue;
		}
		ticks_at_syscall = ~0u;
		run_user(user_exit_at_once, user_stack + PAGE_SIZE);
		if (ticks_at_syscall == ~0u)
			test_failure("the system call never reached the handler");
		valid++;
		if (ticks_at_syscall)
			exits++;
		drain();
	}
	printf("%u rounds: %u system calls exited to the Host (%u rounds lost to noise)\n",
	       valid, exits, noise);
	if (valid < ROUNDS / 2)
		test_error("too many rounds disturbed (%u of %u)", noise, ROUNDS);
	if (exits > valid / 4)
		fail("%u of %u system calls went through the Host", exits, valid);
}
