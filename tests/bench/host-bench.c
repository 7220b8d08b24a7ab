// SPDX-License-Identifier: GPL-2.0
/*
 * host-bench: the Host's side of make bench.  The same operations as the
 * test guest tests/guests/bench.c, measured the same way (the best of five
 * rounds, in processor cycles), by an ordinary process of the lab machine:
 * a system call through int $0x80, and a page fault the kernel resolves by
 * mapping a page (the first read of fresh anonymous memory).
 *
 * @test     host-bench
 * @summary  the Host's side of make bench: cycles per system call and per minor page fault, in the same lab run as the Guest
 * @category bench
 * @program  /bin/host-bench
 * @timeout  60
 * @expect   SUCCESS
 * @output   ^bench: host fault
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define ROUNDS	5
#define CALLS	2000
#define PAGES	256
#define PAGE	4096

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* getppid(), number 64, through the same gate a Guest's processes use. */
static void syscalls(void)
{
	int i, r;

	for (i = 0; i < CALLS; i++) {
		r = 64;
		asm volatile("int $0x80" : "+a"(r) :: "memory");
	}
}

static uint64_t touch(volatile uint8_t *p)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < PAGES; i++)
		sum += p[i * PAGE];
	return sum;
}

int main(void)
{
	uint64_t best_call = ~0ull, best_fault = ~0ull, best_mapped = ~0ull, t;
	uint8_t *p;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		t = rdtsc();
		syscalls();
		t = rdtsc() - t;
		if (t < best_call)
			best_call = t;

		p = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			perror("host-bench: mmap");
			printf("Test result: ERROR: no memory to fault in\n");
			return 1;
		}
		t = rdtsc();
		touch(p);
		t = rdtsc() - t;
		if (t < best_fault)
			best_fault = t;
		t = rdtsc();
		if (touch(p) != 0) {
			printf("Test result: FAILURE: fresh memory did not read as zeroes\n");
			return 1;
		}
		t = rdtsc() - t;
		if (t < best_mapped)
			best_mapped = t;
		munmap(p, PAGES * PAGE);
	}
	printf("bench: host syscall %llu cycles\n", (unsigned long long)(best_call / CALLS));
	printf("bench: host fault %llu cycles\n", best_fault > best_mapped ?
	       (unsigned long long)((best_fault - best_mapped) / PAGES) : 0ull);
	printf("Test result: SUCCESS\n");
	return 0;
}
