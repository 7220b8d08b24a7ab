/*
 * @test     hcall-async
 * @summary  asynchronous hypercalls in the shared ring run in order, at a flush or at the next hypercall and before it, and the ring wraps
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "asynchronous hypercalls through the ring in lguest_data";

extern const u32 trap_stubs[64];

/* The gate for vector 3 that leads to the stub of vector `stub`: when
 * `int3` then reports vector `stub`, that gate is the one in force. */
static void gate_words(unsigned int stub, u32 *lo, u32 *hi)
{
	u32 a = trap_stubs[stub];

	*lo = (kernel_cs << 16) | (a & 0xFFFF);
	*hi = (a & 0xFFFF0000) | 0x8000 | (3 << 13) | (GATE_TRAP << 8);
}

static void queue_gate(unsigned int stub)
{
	u32 lo, hi;

	gate_words(stub, &lo, &hi);
	async_hcall(LHCALL_LOAD_IDT_ENTRY, 3, lo, hi, 0);
}

/* Which stub does int3 reach now? */
static u32 int3_lands(void)
{
	if (!trap_catch()) {
		asm volatile("int3" ::: "memory");
		trap_uncatch();
		test_failure("int3 did not trap");
	}
	return caught.vector;
}

static unsigned int busy_slots(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < LHCALL_RING_SIZE; i++)
		if (ACCESS_ONCE(lguest_data.hcall_status[i]) != 0xFF)
			n++;
	return n;
}

void test_main(void)
{
	unsigned int slot, i, v;
	u32 lo, hi;
	/* Stubs without a processor error code, other than 3. */
	static const unsigned int stubs[] = { 4, 5, 6, 7, 9, 16, 18, 19, 20 };

	if ((v = int3_lands()) != 3)
		test_error("int3 reached the stub of vector %u before any change", v);

	/* Queued, not run until we flush. */
	queue_gate(4);
	slot = 0;
	if (lguest_data.hcall_status[slot] != 0)
		fail("slot %u status %x right after queueing, expected 0", slot,
		     lguest_data.hcall_status[slot]);
	hcall0(LHCALL_FLUSH_ASYNC);
	if (busy_slots())
		fail("%u ring slots still busy after LHCALL_FLUSH_ASYNC", busy_slots());
	if ((v = int3_lands()) != 4)
		fail("after the flush int3 reached vector %u's stub, expected 4", v);

	/* Any hypercall runs the ring first. */
	queue_gate(5);
	hcall0(LHCALL_SEND_INTERRUPTS);
	if (busy_slots())
		fail("%u ring slots still busy after another hypercall", busy_slots());
	if ((v = int3_lands()) != 5)
		fail("after LHCALL_SEND_INTERRUPTS int3 reached vector %u's stub, expected 5", v);

	/* A synchronous call comes after the calls queued before it: the
	 * Host empties the ring first, so the synchronous gate wins. */
	queue_gate(7);
	gate_words(16, &lo, &hi);
	hcall3(LHCALL_LOAD_IDT_ENTRY, 3, lo, hi);
	if ((v = int3_lands()) != 16)
		fail("queued gate, then a synchronous one: int3 reached vector %u's stub, expected 16", v);

	/* In order: the last one wins. */
	queue_gate(6);
	queue_gate(7);
	queue_gate(9);
	hcall0(LHCALL_FLUSH_ASYNC);
	if ((v = int3_lands()) != 9)
		fail("three queued calls: int3 reached vector %u's stub, expected 9 (the last)", v);

	/* More than the ring holds: async_hcall() flushes when it meets a
	 * busy slot, so the ring wraps around several times. */
	for (i = 0; i < 3 * LHCALL_RING_SIZE + 7; i++)
		queue_gate(stubs[i % ARRAY_SIZE(stubs)]);
	hcall0(LHCALL_FLUSH_ASYNC);
	if (busy_slots())
		fail("%u ring slots still busy after the wrap-around", busy_slots());
	v = stubs[(3 * LHCALL_RING_SIZE + 6) % ARRAY_SIZE(stubs)];
	if ((i = int3_lands()) != v)
		fail("after %u queued calls int3 reached vector %u's stub, expected %u",
		     3 * LHCALL_RING_SIZE + 7, i, v);

	queue_gate(3);
	hcall0(LHCALL_FLUSH_ASYNC);
}
