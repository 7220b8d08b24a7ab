// SPDX-License-Identifier: GPL-2.0
/*
 * lintrap CASE [N]: a user program of the Linux Guest's tests (tests/linux/),
 * built static for i386 by mk/lab.mk and put in the Guest's initrd as
 * /bin/lintrap.  Each CASE does one thing at ring 3 of the Guest:
 *
 *   segv fpe int3 ud2      a NULL store, a division by zero, int3, ud2:
 *                          the Guest's kernel must kill this process with
 *                          SIGSEGV, SIGFPE, SIGTRAP, SIGILL
 *   hcall cli hlt in lgdt  the hypercall vector (int $0x1f, asking for a
 *                          shutdown), and privileged instructions: each
 *                          must end in a signal, never reach the Host
 *   switcher               a load from 0xffc00000, the top 4 MB, where the
 *                          Host's Switcher lives: SIGSEGV
 *   mem [MB]               map MB (64) of anonymous memory, write every
 *                          word and read it back
 *   syscalls [N]           N (100000) getppid() through int $0x80
 *   nanosleep              clock_nanosleep() with 32-bit times, the one
 *                          busybox's sleep calls: exit 4 if the kernel
 *                          has no such system call (ENOSYS)
 *
 * A case that should have been killed and was not says so and exits 3; mem
 * and syscalls exit 0 when every check held, 1 when one did not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define HYPERCALL_VECTOR	"0x1f"	/* LGUEST_TRAP_ENTRY */
#define LHCALL_SHUTDOWN		2
#define NR_GETPPID		64	/* i386 */
#define NR_CLOCK_NANOSLEEP32	267	/* i386, struct old_timespec32 */

static int survived(const char *what)
{
	printf("lintrap: %s: still alive, no signal\n", what);
	return 3;
}

static int mem(unsigned long mb)
{
	unsigned long words = mb * 1024 * 1024 / sizeof(unsigned long);
	unsigned long i, bad = 0;
	unsigned long *p = mmap(NULL, words * sizeof(*p), PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("lintrap: mmap");
		return 1;
	}
	for (i = 0; i < words; i++)
		p[i] = i * 2654435761u ^ 0x5a5a5a5au;
	for (i = 0; i < words; i++)
		if (p[i] != (i * 2654435761u ^ 0x5a5a5a5au))
			bad++;
	if (munmap(p, words * sizeof(*p)) != 0) {
		perror("lintrap: munmap");
		return 1;
	}
	printf("lintrap: mem: %lu MB at %p, %lu words written and read, %lu wrong\n",
	       mb, (void *)p, words, bad);
	return bad != 0;
}

static int syscalls(unsigned long n)
{
	unsigned long i, bad = 0;
	long want = getppid(), got;

	for (i = 0; i < n; i++) {
		asm volatile("int $0x80" : "=a"(got) : "0"(NR_GETPPID) : "memory");
		if (got != want)
			bad++;
	}
	printf("lintrap: syscalls: %lu getppid() by int $0x80, %lu wrong\n", n, bad);
	return bad != 0;
}

static int nanosleep32(void)
{
	int ts[2] = { 0, 1000000 };	/* 1 ms, in two 32-bit words */

	if (syscall(NR_CLOCK_NANOSLEEP32, CLOCK_REALTIME, 0, ts, NULL) == 0)
		return 0;
	printf("lintrap: nanosleep: clock_nanosleep (32-bit times): %s\n", strerror(errno));
	return errno == ENOSYS ? 4 : 1;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	unsigned long n = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
	static volatile int zero;
	volatile int x = 1;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(c, "segv")) {
		*(volatile int *)(long)zero = 1;
	} else if (!strcmp(c, "fpe")) {
		x = x / zero;
	} else if (!strcmp(c, "int3")) {
		asm volatile("int3");
	} else if (!strcmp(c, "ud2")) {
		asm volatile("ud2");
	} else if (!strcmp(c, "hcall")) {
		asm volatile("int $" HYPERCALL_VECTOR
			     : : "a"(LHCALL_SHUTDOWN), "b"(0), "c"(0) : "memory");
	} else if (!strcmp(c, "cli")) {
		asm volatile("cli");
	} else if (!strcmp(c, "hlt")) {
		asm volatile("hlt");
	} else if (!strcmp(c, "in")) {
		unsigned char v;

		asm volatile("inb $0x70, %0" : "=a"(v));
		x = v;
	} else if (!strcmp(c, "lgdt")) {
		struct { unsigned short limit; unsigned int base; } __attribute__((packed))
			gdt = { 0xffff, 0 };

		asm volatile("lgdt %0" : : "m"(gdt));
	} else if (!strcmp(c, "switcher")) {
		x = *(volatile int *)0xffc00000ul;
	} else if (!strcmp(c, "mem")) {
		return mem(n ? n : 64);
	} else if (!strcmp(c, "syscalls")) {
		return syscalls(n ? n : 100000);
	} else if (!strcmp(c, "nanosleep")) {
		return nanosleep32();
	} else {
		fprintf(stderr, "usage: lintrap segv|fpe|int3|ud2|hcall|cli|hlt|in|lgdt|switcher|mem [MB]|syscalls [N]|nanosleep\n");
		return 2;
	}
	return survived(c);
}
