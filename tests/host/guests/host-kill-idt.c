/* host-kill-idt: an interrupt gate into the Switcher's segment is fatal. */
#include "guest.h"

const char test_title[] = "an IDT entry naming LGUEST_CS kills the Guest";

void test_main(void)
{
	hcall(LHCALL_LOAD_IDT_ENTRY, 40, (0x50 << 16) | 0x1000, 0x8E00, 0);
	test_failure("the Host accepted a gate into its own segment");
}
