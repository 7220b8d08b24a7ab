/*
 * @test     hostile-async-flood
 * @summary  thousands of rounds of a full asynchronous hypercall ring, slots marked ready with odd status bytes, and at last an unknown call in the ring that gets the Guest killed
 * @category hostile
 * @timeout  60
 * @expect   killed [Uu]nknown hypercall 777
 * @output   flooded 2000 rounds
 */
#include "guest.h"

const char test_title[] = "a flood of the asynchronous hypercall ring";

#define ROUNDS 2000

void test_main(void)
{
	unsigned int r, i, busy = 0;

	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < LHCALL_RING_SIZE; i++) {
			lguest_data.hcalls[i].nr = (i & 1) ? LHCALL_FLUSH_TLB : LHCALL_SET_CLOCKEVENT;
			lguest_data.hcalls[i].arg1 = 0;
			lguest_data.hcalls[i].arg2 = r;
			lguest_data.hcalls[i].arg3 = i;
			lguest_data.hcalls[i].arg4 = 0;
		}
		barrier();
		/* Any status but 0xFF means "ready"; a Guest may write any. */
		for (i = 0; i < LHCALL_RING_SIZE; i++)
			ACCESS_ONCE(lguest_data.hcall_status[i]) = (u8)(r + i) == 0xFF ? 0 : (u8)(r + i);
		hcall0(LHCALL_FLUSH_ASYNC);
		for (i = 0; i < LHCALL_RING_SIZE; i++)
			if (ACCESS_ONCE(lguest_data.hcall_status[i]) != 0xFF)
				busy++;
	}
	if (busy)
		fail("%u slots were not emptied by LHCALL_FLUSH_ASYNC", busy);
	printf("flooded %u rounds\n", ROUNDS);
	/* The lib's ring pointer and the Host's are in step again only by
	 * luck: queue the fatal call in every slot. */
	for (i = 0; i < LHCALL_RING_SIZE; i++) {
		lguest_data.hcalls[i].nr = 777;
		barrier();
		ACCESS_ONCE(lguest_data.hcall_status[i]) = 0;
	}
	hcall0(LHCALL_FLUSH_ASYNC);
	test_failure("an unknown hypercall in the ring was run without a kill (failures: %u)", failures);
}
