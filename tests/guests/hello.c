/*
 * @test     hello
 * @summary  console output by hypercall: the Launcher prints what we write
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 * @output   ^Hello from a test guest: 42 2a -7 ok\nwritten in two pieces$
 */
#include "guest.h"

const char test_title[] = "console output by LHCALL_CONSOLE_WRITE";

void test_main(void)
{
	static const char part[] = "written in two pieces\n";

	printf("Hello from a test guest: %u %x %d %s\n", 42, 42, -7, "ok");
	console_write(part, 8);
	console_write(part + 8, sizeof(part) - 9);
}
