/* Reading and writing memory that may fault, for the page-table tests. */
#ifndef PROBE_H
#define PROBE_H
#include "guest.h"

/* 0 and the value read, or 1 with `caught` filled in. */
static inline int probe_read(u32 va, u32 *val)
{
	if (!trap_catch()) {
		*val = *(volatile u32 *)va;
		trap_uncatch();
		return 0;
	}
	return 1;
}

static inline int probe_write(u32 va, u32 val)
{
	if (!trap_catch()) {
		*(volatile u32 *)va = val;
		trap_uncatch();
		return 0;
	}
	return 1;
}

/* Expect a page fault at `va` with error code `err`; `what` for messages. */
static inline void expect_pf(const char *what, u32 va, u32 err)
{
	if (caught.vector != 14)
		fail("%s: trap %u, expected a page fault", what, caught.vector);
	else if (caught.cr2 != va || caught.error != err)
		fail("%s: #PF at %x error code %x, expected %x error code %x",
		     what, caught.cr2, caught.error, va, err);
}

static inline void fill_page(void *p, u32 v)
{
	u32 *w = p, i;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = v + i;
}
#endif
