/*
 * @test     hostile-shadow-churn
 * @summary  far more page directories than the Host caches shadows for, switched among in every order, each still seen correctly
 * @category hostile
 * @timeout  60
 * @expect   SUCCESS
 */
#include "guest.h"
#include "probe.h"

const char test_title[] = "exhausting the shadow page-table cache";

#define NDIRS 64
#define V 0x00C00000u

static u32 *dirs[NDIRS];
static u32 *pages[NDIRS];

static u32 next_rand(u32 *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

void test_main(void)
{
	unsigned int i, n, bad = 0;
	u32 s = 42, v;

	for (i = 0; i < NDIRS; i++) {
		dirs[i] = pt_new_pgdir(PTE_P | PTE_W);
		pages[i] = alloc_page();
		pages[i][0] = 0x5A000000u + i;
		pt_switch(dirs[i]);
		pt_set(dirs[i], V, __pa(pages[i]) | PTE_P | PTE_W);
	}
	for (n = 0; n < 4000; n++) {
		i = n < 2 * NDIRS ? n % NDIRS : next_rand(&s) % NDIRS;
		pt_switch(dirs[i]);
		if (probe_read(V, &v)) {
			fail("directory %u: trap %u reading %x", i, caught.vector, V);
			if (++bad > 5)
				break;
		} else if (v != 0x5A000000u + i) {
			fail("directory %u: read %x, expected %x", i, v, 0x5A000000u + i);
			if (++bad > 5)
				break;
		}
		/* Now and then, change a mapping of a directory not in use. */
		if ((n % 97) == 0) {
			unsigned int j = (i + 1) % NDIRS;

			pages[j][0] = 0x5A000000u + j;
			pt_set(dirs[j], V, __pa(pages[j]) | PTE_P | PTE_W);
		}
	}
	printf("%u switches among %u page directories\n", n, NDIRS);
}
