/*
 * @test     irq-mask
 * @summary  no interrupt is delivered while irq_enabled is 0 or the interrupt is blocked; a pending one comes when the Guest enables
 * @category functional
 * @timeout  30
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "interrupts wait while the Guest has them disabled";

static volatile u32 handler_saw_enabled;

static void tick(struct trap_frame *f)
{
	(void)f;
	handler_saw_enabled |= ACCESS_ONCE(lguest_data.irq_enabled);
}

/* Spin for about `ms` milliseconds of the Guest's clock (or a fixed number
 * of loops without one), making a hypercall now and then. */
static void spin(u32 ms)
{
	u64 t0 = rdtsc(), limit = (u64)lguest_data.tsc_khz * ms;
	u32 n = 0;

	for (;;) {
		if (lguest_data.tsc_khz ? rdtsc() - t0 > limit : n > ms * 20000)
			return;
		if (++n % 4096 == 0)
			hcall0(LHCALL_FLUSH_ASYNC);
	}
}

void test_main(void)
{
	u64 t0;
	u32 n;

	irq_handlers[0] = tick;

	/* 1. Disabled: the clock fires, the Host marks it pending only. */
	irq_disable();
	set_clockevent(100000);			/* 0.1 ms */
	t0 = rdtsc();
	for (n = 0; !ACCESS_ONCE(lguest_data.irq_pending); n++) {
		if (lguest_data.tsc_khz ? rdtsc() - t0 > (u64)lguest_data.tsc_khz * 10000
					: n > 200000000) {
			fail("the Host never set irq_pending for the waiting clock interrupt");
			break;
		}
		if (n % 4096 == 0)
			hcall0(LHCALL_FLUSH_ASYNC);
	}
	spin(50);
	if (irq_count[0])
		fail("%u clock interrupts delivered while irq_enabled was 0", irq_count[0]);

	/* 2. Enabling asks for it (LHCALL_SEND_INTERRUPTS): it comes at once. */
	irq_enable();
	if (irq_count[0] != 1)
		fail("%u clock interrupts right after enabling, expected 1", irq_count[0]);
	if (handler_saw_enabled)
		fail("irq_enabled was on in the handler (interrupt gate)");
	if (lguest_data.irq_enabled != X86_EFLAGS_IF)
		fail("irq_enabled %x after the handler returned, expected %x",
		     lguest_data.irq_enabled, X86_EFLAGS_IF);

	/* 3. Enabled but blocked: still nothing. */
	irq_disable();
	lguest_data.blocked_interrupts[0] = 1;	/* interrupt 0 */
	irq_enable();
	set_clockevent(100000);
	spin(50);
	if (irq_count[0] != 1)
		fail("%u clock interrupts delivered while it was blocked", irq_count[0] - 1);
	irq_disable();
	lguest_data.blocked_interrupts[0] = 0;

	/* 4. And enabled, not blocked, it comes without being asked for. */
	irq_enable();
	set_clockevent(100000);
	t0 = rdtsc();
	for (n = 0; irq_count[0] < 2; n++) {
		if (lguest_data.tsc_khz ? rdtsc() - t0 > (u64)lguest_data.tsc_khz * 10000
					: n > 200000000) {
			fail("an enabled clock interrupt was never delivered");
			break;
		}
	}
	irq_disable();
}
