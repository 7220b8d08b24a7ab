/*
 * @test     hostile-no-stack
 * @summary  a trap from ring 3 in a Guest that never made LHCALL_SET_STACK kills it, and the reason says so
 * @category hostile
 * @timeout  20
 * @expect   killed trap 6 from ring 3, and it never set a kernel stack
 */
#include "guest.h"

const char test_title[] = "a trap from ring 3 with no kernel stack kills the Guest with that reason";

/* ud2 at ring 3: an exception the Host itself must reflect. */
asm(".text\nuser_ud2:\n\tud2\n");
void user_ud2(void);

static u8 user_stack[PAGE_SIZE] __page_aligned;

void test_main(void)
{
	u32 *pgdir = pt_new_pgdir(PTE_P | PTE_W | PTE_U);

	pt_switch(pgdir);
	/* test_user_init(), less its LHCALL_SET_STACK. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, GDT_USER_CS, 0x0000FFFF, 0x00CFFA00);
	hcall3(LHCALL_LOAD_GDT_ENTRY, GDT_USER_DS, 0x0000FFFF, 0x00CFF200);
	run_user(user_ud2, user_stack + PAGE_SIZE);
	test_failure("the ud2 at ring 3 came back to the Guest kernel");
}
