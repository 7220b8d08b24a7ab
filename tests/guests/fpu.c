/*
 * @test     fpu
 * @summary  x87 and SSE registers are preserved across hypercalls, interrupts and halts while the Host runs other work
 * @category functional
 * @timeout  60
 * @expect   SUCCESS
 */
#include "guest.h"

const char test_title[] = "FPU and SSE registers preserved across switches";

/* fxsave images: what we loaded, and what we find later. */
static u8 want[512] __aligned(16);
static u8 got[512] __aligned(16);
static u32 values[8][4] __aligned(16);
static int have_sse;

/* The parts of the image that are registers: control and status words,
 * tag, MXCSR, ST0-7 and XMM0-7 (fxsave layout). */
static int same_registers(void)
{
	return !memcmp(want, got, 5) && !memcmp(want + 24, got + 24, 4) &&
	       !memcmp(want + 32, got + 32, 128) &&
	       (!have_sse || !memcmp(want + 160, got + 160, 128));
}

static void load_registers(u32 seed)
{
	u32 i, j;

	for (i = 0; i < 8; i++)
		for (j = 0; j < 4; j++)
			values[i][j] = seed * 2654435761u + i * 0x01010101u + j * 0x10001u;
	asm volatile("fninit\n\t"
		     "fildl 0(%0)\n\tfildl 4(%0)\n\tfildl 8(%0)\n\tfildl 12(%0)\n\t"
		     "fildl 16(%0)\n\tfildl 20(%0)\n\tfildl 24(%0)\n\tfldpi"
		     : : "r"(values) : "memory");
	if (have_sse)
		asm volatile("movups 0(%0), %%xmm0\n\tmovups 16(%0), %%xmm1\n\t"
			     "movups 32(%0), %%xmm2\n\tmovups 48(%0), %%xmm3\n\t"
			     "movups 64(%0), %%xmm4\n\tmovups 80(%0), %%xmm5\n\t"
			     "movups 96(%0), %%xmm6\n\tmovups 112(%0), %%xmm7"
			     : : "r"(values) : "memory");
	asm volatile("fxsave %0" : "=m"(want));
}

static void check(const char *when, u32 i)
{
	u32 k;

	asm volatile("fxsave %0" : "=m"(got));
	if (same_registers())
		return;
	for (k = 0; k < 512 && want[k] == got[k]; k++)
		;
	test_failure("registers changed after %s %u: first difference at byte %u of "
		     "the fxsave image (%x, expected %x)", when, i, k, got[k], want[k]);
}

void test_main(void)
{
	u32 a, b, c, d, i, seed = (u32)rdtsc();

	cpuid(1, &a, &b, &c, &d);
	if (!(d & (1 << 0)))
		test_skip("no FPU");
	if (!(d & (1 << 24)))
		test_skip("no fxsave");
	have_sse = !!(d & (1 << 25));
	printf("x87%s, pattern %x\n", have_sse ? " and SSE" : " only", seed);

	load_registers(seed);
	check("loading", 0);
	for (i = 0; i < 300; i++) {
		switch (i % 3) {
		case 0:
			hcall0(LHCALL_FLUSH_ASYNC);
			check("a hypercall", i);
			break;
		case 1:
			/* Sleep: the Host runs something else meanwhile. */
			set_clockevent(1000000);
			safe_halt();
			irq_disable();
			check("a halt and a clock interrupt", i);
			break;
		case 2: {
			/* Busy for a while, interrupted by the clock. */
			u32 before = irq_count[0];
			u64 t0 = rdtsc();

			irq_enable();
			set_clockevent(200000);
			while (irq_count[0] == before && rdtsc() - t0 < (1ull << 34))
				;
			irq_disable();
			check("an interrupt while running", i);
			break;
		}
		}
	}
	printf("300 switches, registers intact\n");
}
