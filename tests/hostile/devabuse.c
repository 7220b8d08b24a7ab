// SPDX-License-Identifier: GPL-2.0
/*
 * devabuse: a hostile user of /dev/lguest.
 *
 * Runs inside the lab machine with lg.ko loaded.  Each case does something a
 * correct Launcher never would and checks that the Host refuses it cleanly:
 * the system call fails (or the Guest is killed with a reason), nothing
 * hangs, and this process lives on.  The Host's dmesg is checked for Oops,
 * BUG and WARNING by the harness afterwards.
 *
 * Prints one line per case, "ok - NAME" or "FAIL - NAME: why", and ends
 * with "N passed, N failed" and a test guest's result line, for the lab
 * harness (make check-hostile), which reads this metadata:
 *
 * @test     devabuse
 * @summary  a hostile user of /dev/lguest: bad requests, bad memory, races
 * @category hostile
 * @program  /bin/devabuse
 * @timeout  150
 * @expect   SUCCESS
 * @output   ^[0-9]+ passed, 0 failed
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lguest_abi.h"

#define PAGE 4096u
#define GUEST_PAGES 64u
#define PAGE_OFFSET 0xC0000000u

static int passed, failed;

static void result(const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!fmt) {
		printf("ok - %s\n", name);
		passed++;
	} else {
		printf("FAIL - %s: ", name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		failed++;
	}
	fflush(stdout);
}

static int open_lguest(void)
{
	int fd = open("/dev/lguest", O_RDWR);

	if (fd < 0) {
		perror("devabuse: /dev/lguest (is lg.ko loaded?)");
		exit(2);
	}
	return fd;
}

/*
 * A tiny but valid Guest: page tables mapping its memory at 0 and at
 * PAGE_OFFSET, as the contract in Chapter I says, and code at 0x1000 that
 * spins forever ("jmp ."), so it never leaves the Host on its own.
 */
struct guest {
	uint8_t *mem;
	struct lguest_init init;
};

static void make_guest(struct guest *g, uint32_t pages)
{
	uint32_t *pgdir, *pte, i;

	g->mem = mmap(NULL, (pages + 1) * PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->mem == MAP_FAILED) {
		perror("devabuse: mmap");
		exit(2);
	}
	/* The last two pages of memory: the page directory, one page table. */
	pgdir = (uint32_t *)(g->mem + (pages - 2) * PAGE);
	pte = (uint32_t *)(g->mem + (pages - 1) * PAGE);
	for (i = 0; i < pages && i < 1024; i++)
		pte[i] = i * PAGE | 0x7;
	pgdir[0] = (pages - 1) * PAGE | 0x7;
	pgdir[PAGE_OFFSET >> 22] = (pages - 1) * PAGE | 0x7;
	g->mem[0x1000] = 0xEB;	/* jmp . */
	g->mem[0x1001] = 0xFE;
	g->init.req = LHREQ_INITIALIZE;
	g->init.base = (uint32_t)(uintptr_t)g->mem;
	g->init.pfnlimit = pages;
	g->init.start = 0x1000;
	g->init.pgdir = (pages - 2) * PAGE;
}

static int init_guest(int fd, struct guest *g)
{
	return write(fd, &g->init, sizeof(g->init)) == sizeof(g->init) ? 0 : -1;
}

/* The case must fail: a write the Host has to refuse. */
static void refused_write(const char *name, const void *buf, size_t len)
{
	int fd = open_lguest();
	ssize_t r = write(fd, buf, len);

	if (r >= 0)
		result(name, "the Host accepted it (returned %zd)", r);
	else
		result(name, NULL);
	close(fd);
}

static void bad_init(const char *name, void (*spoil)(struct lguest_init *))
{
	struct guest g;

	make_guest(&g, GUEST_PAGES);
	spoil(&g.init);
	refused_write(name, &g.init, sizeof(g.init));
	munmap(g.mem, (GUEST_PAGES + 1) * PAGE);
}

static void zero_pages(struct lguest_init *i) { i->pfnlimit = 0; }
static void huge_pages(struct lguest_init *i) { i->pfnlimit = 0xFFFFFFFF; }
static void odd_base(struct lguest_init *i) { i->base += 12; }
static void kernel_base(struct lguest_init *i) { i->base = PAGE_OFFSET; }
static void wrapping_base(struct lguest_init *i)
{
	i->base = 0xBFFFF000;
	i->pfnlimit = 0x100;
}
static void pgdir_outside(struct lguest_init *i) { i->pgdir = 0x7FFFF000; }
static void pgdir_unaligned(struct lguest_init *i) { i->pgdir += 4; }

static void read_before_init(void)
{
	int fd = open_lguest();
	struct lguest_exit e;
	ssize_t r = read(fd, &e, sizeof(e));

	if (r >= 0)
		result("read before initialization", "read returned %zd", r);
	else
		result("read before initialization", NULL);
	close(fd);
}

static void double_init(void)
{
	struct guest g;
	int fd = open_lguest();

	make_guest(&g, GUEST_PAGES);
	if (init_guest(fd, &g) != 0) {
		result("double initialization",
		       "the first, valid, initialization failed: %s",
		       strerror(errno));
	} else if (init_guest(fd, &g) == 0) {
		result("double initialization", "the second one was accepted");
	} else {
		result("double initialization", NULL);
	}
	close(fd);
	munmap(g.mem, (GUEST_PAGES + 1) * PAGE);
}

static void bad_irq(void)
{
	struct guest g;
	int fd = open_lguest();
	uint32_t req[2] = { LHREQ_IRQ, 1000000 };

	make_guest(&g, GUEST_PAGES);
	if (init_guest(fd, &g) != 0) {
		result("interrupt number out of range", "init failed: %s",
		       strerror(errno));
	} else if (write(fd, req, sizeof(req)) >= 0) {
		result("interrupt number out of range", "the Host accepted it");
	} else {
		result("interrupt number out of range", NULL);
	}
	close(fd);
	munmap(g.mem, (GUEST_PAGES + 1) * PAGE);
}

/*
 * Cases with a running Guest.  Each runs in a child process, so that
 * whatever the Host does to the Launcher side (a signal, a hang) cannot take
 * the test program down with it; the parent gives the child a deadline.
 */
struct runner {
	int fd;
	ssize_t ret;
	int err;
};

static void *run_guest(void *arg)
{
	struct runner *r = arg;
	struct lguest_exit e;

	r->ret = read(r->fd, &e, sizeof(e));
	r->err = errno;
	return NULL;
}

static void nothing(int sig)
{
	(void)sig;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Several threads read at once: at most one may run the Guest. */
static int concurrent_readers(void)
{
	struct guest g;
	struct runner r[4];
	pthread_t t[4];
	int fd = open_lguest(), i, still;

	make_guest(&g, GUEST_PAGES);
	if (init_guest(fd, &g) != 0)
		return 10;
	signal(SIGUSR1, nothing);
	for (i = 0; i < 4; i++) {
		r[i].fd = fd;
		r[i].ret = 0;
		r[i].err = 0;
		pthread_create(&t[i], NULL, run_guest, &r[i]);
	}
	sleep_ms(500);
	for (i = 0; i < 4; i++)
		pthread_kill(t[i], SIGUSR1);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	still = 0;
	for (i = 0; i < 4; i++)
		if (r[i].ret >= 0)
			still++;
	return still ? 11 : 0;
}

/*
 * Start the spinning Guest in a thread of its own and give it time to get
 * going: 0, or 10 when the Host refused a valid Guest.
 */
static int start_guest(struct guest *g, struct runner *r, pthread_t *t)
{
	r->fd = open_lguest();
	make_guest(g, GUEST_PAGES);
	if (init_guest(r->fd, g) != 0)
		return 10;
	signal(SIGUSR1, nothing);
	pthread_create(t, NULL, run_guest, r);
	sleep_ms(300);
	return 0;
}

/* The Guest runs in one thread while another closes the descriptor. */
static int close_while_running(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	if (start_guest(&g, &r, &t))
		return 10;
	close(r.fd);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	return 0;
}

/* The process simply exits while its Guest runs. */
static int exit_while_running(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	if (start_guest(&g, &r, &t))
		return 10;
	_exit(0);
}

/*
 * Guest memory disappears under the running Guest.  The Host must notice
 * when it next touches that memory (a page fault to fill, a hypercall
 * argument to read) and kill the Guest rather than crash.
 */
static int unmap_while_running(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	if (start_guest(&g, &r, &t))
		return 10;
	munmap(g.mem, (GUEST_PAGES + 1) * PAGE);
	sleep_ms(300);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	close(r.fd);
	return 0;
}

static void in_child(const char *name, int (*fn)(void), int seconds)
{
	pid_t pid = fork();
	int status, waited;

	if (pid == 0)
		exit(fn());
	for (waited = 0; waited < seconds * 10; waited++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		sleep_ms(100);
	}
	if (waited == seconds * 10) {
		kill(pid, SIGKILL);
		if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status))
			result(name, "stuck: not even SIGKILL ended it");
		else
			result(name, "hung for %d s (SIGKILL ended it)", seconds);
		return;
	}
	if (WIFSIGNALED(status))
		result(name, "killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) == 10)
		result(name, "could not initialize a valid Guest");
	else if (WEXITSTATUS(status) == 11)
		result(name, "more than one reader ran the Guest");
	else if (WEXITSTATUS(status))
		result(name, "exit status %d", WEXITSTATUS(status));
	else
		result(name, NULL);
}

/* One of the module's counts, from /sys/module/lg/parameters/; -1 if it
 * cannot be read. */
static int held(const char *what)
{
	char path[80];
	FILE *f;
	int n = -1;

	snprintf(path, sizeof(path), "/sys/module/lg/parameters/%s", what);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

/* Every case above has closed its files and its children are gone, so the
 * module must hold nothing: no Guest, no shadow page, no pin.  A file whose
 * last reference went in an odd place is released a moment later, so we
 * give it a second. */
static void all_given_back(void)
{
	int guests, shadow, pinned, tries;

	for (tries = 0; tries < 10; tries++) {
		guests = held("guests");
		shadow = held("shadow_pages");
		pinned = held("pinned_pages");
		if (!guests && !shadow && !pinned)
			break;
		sleep_ms(100);
	}
	if (guests || shadow || pinned)
		result("everything given back",
		       "the module still holds %d Guests, %d shadow pages, %d pins",
		       guests, shadow, pinned);
	else
		result("everything given back", NULL);
}

int main(void)
{
	uint32_t garbage[64];
	unsigned int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	srand(1);
	for (i = 0; i < 64; i++)
		garbage[i] = (uint32_t)rand() * 2654435761u;

	refused_write("empty write", garbage, 0);
	refused_write("write shorter than a request", garbage, 2);
	garbage[0] = 0xDEADBEEF;
	refused_write("unknown request number", garbage, sizeof(garbage));
	refused_write("irq before initialization",
		      (uint32_t[]){ LHREQ_IRQ, 0 }, 8);
	refused_write("initialize with too few words",
		      (uint32_t[]){ LHREQ_INITIALIZE, 0, 0 }, 12);
	bad_init("zero pages of memory", zero_pages);
	bad_init("absurd amount of memory", huge_pages);
	bad_init("memory base not page aligned", odd_base);
	bad_init("memory base in kernel space", kernel_base);
	bad_init("memory wrapping into kernel space", wrapping_base);
	bad_init("page directory outside memory", pgdir_outside);
	bad_init("page directory not page aligned", pgdir_unaligned);
	read_before_init();
	double_init();
	bad_irq();
	in_child("concurrent readers", concurrent_readers, 20);
	in_child("close while the Guest runs", close_while_running, 20);
	in_child("exit while the Guest runs", exit_while_running, 20);
	in_child("memory unmapped under the Guest", unmap_while_running, 20);
	all_given_back();

	printf("%d passed, %d failed\n", passed, failed);
	if (failed)
		printf("Test result: FAILURE: %d of %d cases\n", failed, passed + failed);
	else
		printf("Test result: SUCCESS\n");
	return failed ? 1 : 0;
}
