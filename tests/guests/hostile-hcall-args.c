/*
 * @test     hostile-hcall-args
 * @summary  known hypercalls with out-of-range arguments the Host must refuse quietly, then a console write beyond memory that must kill
 * @category hostile
 * @timeout  20
 * @expect   killed console write of 16 bytes at 0xfffffff8
 */
#include "guest.h"

const char test_title[] = "out-of-range hypercall arguments";

void test_main(void)
{
	/* Harmless nonsense: the Host may ignore these, and we carry on. */
	hcall1(LHCALL_FLUSH_TLB, 0xFFFFFFFFu);
	hcall1(LHCALL_SET_CLOCKEVENT, 0xFFFFFFFFu);
	hcall1(LHCALL_SET_CLOCKEVENT, 0);
	hcall3(LHCALL_LOAD_GDT_ENTRY, 10, 0x0000FFFF, 0x00CF9A00);	/* the Host's CS */
	hcall3(LHCALL_LOAD_GDT_ENTRY, 16, 0x0000FFFF, 0x00CF9200);	/* the Host's TSS */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 2, 0, 0);		/* NMI: the Host's */
	hcall3(LHCALL_LOAD_IDT_ENTRY, 8, 0, 0);		/* double fault */
	hcall3(LHCALL_LOAD_IDT_ENTRY, LGUEST_TRAP_ENTRY, 0, 0);
	hcall1(LHCALL_SEND_INTERRUPTS, 0xFFFFFFFFu);
	printf("still alive after the harmless ones\n");
	/* Still able to make hypercalls: the hypercall gate was not replaced. */
	hcall2(LHCALL_CONSOLE_WRITE, 0xFFFFFFF8u, 16);
	test_failure("a console write at 0xfffffff8 returned");
}
