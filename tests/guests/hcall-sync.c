/*
 * @test     hcall-sync
 * @summary  synchronous hypercalls return, keep every register but %eax, and can be made many times
 * @category functional
 * @timeout  20
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "synchronous hypercalls: registers kept, many calls";

/*
 * u32 hcall_clobbers(void): load known values in every register, make the
 * hypercall LHCALL_FLUSH_ASYNC, and return a bit for each register (other
 * than %eax) whose value changed: ebx 1, ecx 2, edx 4, esi 8, edi 16,
 * ebp 32, esp 64.
 */
asm(".text\n"
    "hcall_clobbers:\n\t"
    "pushl %ebp\n\tpushl %ebx\n\tpushl %esi\n\tpushl %edi\n\t"
    "movl %esp, saved_esp\n\t"
    "movl $0x11111111, %ebx\n\tmovl $0x22222222, %ecx\n\t"
    "movl $0x33333333, %edx\n\tmovl $0x44444444, %esi\n\t"
    "movl $0x55555555, %edi\n\tmovl $0x66666666, %ebp\n\t"
    "movl $0, %eax\n\t"			/* LHCALL_FLUSH_ASYNC */
    "int $0x1f\n\t"
    "xorl %eax, %eax\n\t"
    "cmpl $0x11111111, %ebx\n\tje 1f\n\torl $1, %eax\n"
    "1:\tcmpl $0x22222222, %ecx\n\tje 1f\n\torl $2, %eax\n"
    "1:\tcmpl $0x33333333, %edx\n\tje 1f\n\torl $4, %eax\n"
    "1:\tcmpl $0x44444444, %esi\n\tje 1f\n\torl $8, %eax\n"
    "1:\tcmpl $0x55555555, %edi\n\tje 1f\n\torl $16, %eax\n"
    "1:\tcmpl $0x66666666, %ebp\n\tje 1f\n\torl $32, %eax\n"
    "1:\tcmpl saved_esp, %esp\n\tje 1f\n\torl $64, %eax\n\t"
    "movl saved_esp, %esp\n"
    "1:\tpopl %edi\n\tpopl %esi\n\tpopl %ebx\n\tpopl %ebp\n\t"
    "ret\n"
    ".data\nsaved_esp: .long 0\n.text\n");
u32 hcall_clobbers(void);

void test_main(void)
{
	static const char *const names[] = {
		"ebx", "ecx", "edx", "esi", "edi", "ebp", "esp" };
	u32 bad, i, flags_before, flags_after;

	bad = hcall_clobbers();
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (bad & (1u << i))
			fail("the hypercall changed %%%s", names[i]);

	/* The direction flag and the arithmetic flags survive too. */
	asm volatile("std\n\tstc\n\tpushfl\n\tpopl %0\n\t"
		     "int $0x1f\n\t"
		     "pushfl\n\tpopl %1\n\tcld"
		     : "=&r"(flags_before), "=&r"(flags_after)
		     : "a"(LHCALL_FLUSH_ASYNC) : "memory", "cc");
	if ((flags_before ^ flags_after) & 0x0CD5)
		fail("flags %x before the hypercall, %x after", flags_before, flags_after);

	/* Many in a row, of several kinds that change nothing. */
	for (i = 0; i < 2000; i++) {
		switch (i % 3) {
		case 0: hcall0(LHCALL_FLUSH_ASYNC); break;
		case 1: hcall0(LHCALL_SEND_INTERRUPTS); break;
		case 2: hcall1(LHCALL_SET_CLOCKEVENT, 0); break;
		}
	}
	printf("2000 hypercalls made\n");
}
