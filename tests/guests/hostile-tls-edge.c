/*
 * @test     hostile-tls-edge
 * @summary  LHCALL_LOAD_TLS whose three descriptors straddle the end of Guest memory gets the Guest killed, not a read beyond
 * @category hostile
 * @timeout  20
 * @expect   killed read of 24 bytes at 0x2000ff0 is outside its memory
 */
#include "guest.h"

const char test_title[] = "TLS descriptors across the end of memory";

void test_main(void)
{
	/* 32 MB and the device page end at 0x2001000: 24 bytes from
	 * 0x2000ff0 run 8 bytes past. */
	hcall1(LHCALL_LOAD_TLS, 0x2000ff0u);
	test_failure("LHCALL_LOAD_TLS at 0x2000ff0 returned");
}
