/*
 * host-kill-idt: an interrupt gate into the Switcher's segment is fatal.
 *
 * @test     host-kill-idt
 * @summary  an interrupt gate into the Switcher's own code segment gets the Guest killed
 * @category functional
 * @timeout  30
 * @expect   killed Guest died: bad IDT entry 40
 */
#include "guest.h"

const char test_title[] = "an IDT entry naming LGUEST_CS kills the Guest";

void test_main(void)
{
	hcall(LHCALL_LOAD_IDT_ENTRY, 40, (0x50 << 16) | 0x1000, 0x8E00, 0);
	test_failure("the Host accepted a gate into its own segment");
}
