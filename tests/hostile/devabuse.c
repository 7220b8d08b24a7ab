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
 * @subtests yes
 * @timeout  240
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
	struct lguest_exit e;
	volatile int done;
};

static void *run_guest(void *arg)
{
	struct runner *r = arg;

	r->ret = read(r->fd, &r->e, sizeof(r->e));
	r->err = errno;
	r->done = 1;
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

/*
 * Guests that do something.  Machine code assembled into this program and
 * copied to guest-physical 0x1000, where make_guest() starts the Guest.
 *
 * halt_code: LHCALL_LGUEST_INIT with the address the case left at 0xFFC,
 * the clock in a millisecond, LHCALL_HALT; then it spins.
 * touch_code: reads a word at every 4 KB from 4 MB up to 36 MB, then makes
 * a hypercall before LHCALL_LGUEST_INIT, which kills it: the read returns.
 */
extern const uint8_t halt_code[], halt_code_end[];
extern const uint8_t touch_code[], touch_code_end[];
asm(".pushsection .rodata\n"
    "halt_code:\n"
    "\tmovl $1, %eax\n\tmovl 0xffc, %ebx\n\tint $0x1f\n"
    "\tmovl $9, %eax\n\tmovl $1000000, %ebx\n\tint $0x1f\n"
    "\tmovl $10, %eax\n\tint $0x1f\n"
    "\tjmp .\n"
    "halt_code_end:\n"
    "touch_code:\n"
    "\tmovl $0x400000, %eax\n"
    "1:\tmovl (%eax), %ebx\n\taddl $0x1000, %eax\n"
    "\tcmpl $0x2400000, %eax\n\tjne 1b\n"
    "\tmovl $2, %eax\n\tint $0x1f\n"
    "\tjmp .\n"
    "touch_code_end:\n"
    ".popsection\n");

#define DATA_GPA 0x3000u	/* where halt_code's lguest_data goes */

static int held(const char *what);

static struct lguest_data *guest_data(struct guest *g)
{
	return (struct lguest_data *)(g->mem + DATA_GPA);
}

/* Put code in the Guest and lguest_data's address at 0xFFC. */
static void load_code(struct guest *g, const uint8_t *code, const uint8_t *end,
		      uint32_t data)
{
	memcpy(g->mem + 0x1000, code, end - code);
	memcpy(g->mem + 0xFFC, &data, 4);
}

/* Start the Guest in a thread; 0, or 10 when the Host refused a valid one. */
static int launch(struct guest *g, struct runner *r, pthread_t *t)
{
	r->fd = open_lguest();
	r->done = 0;
	if (init_guest(r->fd, g) != 0)
		return 10;
	signal(SIGUSR1, nothing);
	pthread_create(t, NULL, run_guest, r);
	return 0;
}

/* Wait at most `ms` for the Guest to exit; stop it if it has not.  The
 * exit kind, or 0 if it was still running. */
static uint32_t finish(struct runner *r, pthread_t t, long ms)
{
	long waited;

	for (waited = 0; waited < ms && !r->done; waited += 10)
		sleep_ms(10);
	if (!r->done)
		pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	return r->ret == sizeof(r->e) ? r->e.kind : 0;
}

/* The Guest must be killed, and its reason must contain `why`. */
static int killed_for(struct runner *r, uint32_t kind, const char *why)
{
	if (kind == LGEXIT_DEAD && strstr(r->e.why, why))
		return 0;
	printf("#   expected a kill for \"%s\"; got exit kind %u%s%.*s\n", why,
	       kind, kind ? ": " : " (still running after the deadline)",
	       (int)sizeof(r->e.why), r->e.why);
	return 12;
}

/* lguest_data in the device page, just past Guest memory proper. */
static int data_in_device_page(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	make_guest(&g, GUEST_PAGES);
	load_code(&g, halt_code, halt_code_end, GUEST_PAGES * PAGE);
	if (launch(&g, &r, &t))
		return 10;
	return killed_for(&r, finish(&r, t, 3000), "bad lguest_data address");
}

/* A no-interrupt window over all of memory. */
static int window_everywhere(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	make_guest(&g, GUEST_PAGES);
	load_code(&g, halt_code, halt_code_end, DATA_GPA);
	guest_data(&g)->noirq_iret_start = 0;
	guest_data(&g)->noirq_iret_end = GUEST_PAGES * PAGE;
	if (launch(&g, &r, &t))
		return 10;
	return killed_for(&r, finish(&r, t, 3000), "no-interrupt window");
}

/*
 * Halted with the clock interrupt pending and the halt itself inside a
 * (valid) no-interrupt window: nothing can be delivered, so the Launcher's
 * thread must sleep, not spin.  Its processor time over one second says.
 */
static int halted_in_window(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;
	clockid_t clock;
	struct timespec a, b;
	double busy;

	make_guest(&g, GUEST_PAGES);
	load_code(&g, halt_code, halt_code_end, DATA_GPA);
	guest_data(&g)->noirq_iret_start = 0x1000;
	guest_data(&g)->noirq_iret_end = 0x1100;
	if (launch(&g, &r, &t))
		return 10;
	sleep_ms(300);
	pthread_getcpuclockid(t, &clock);
	clock_gettime(clock, &a);
	sleep_ms(1000);
	clock_gettime(clock, &b);
	busy = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	if (finish(&r, t, 0))
		printf("#   the Guest exited: %.*s\n", (int)sizeof(r.e.why), r.e.why);
	printf("#   halted Guest's thread: %.0f ms of processor time in 1000 ms\n",
	       busy * 1000);
	return busy > 0.5 ? 12 : 0;
}

/*
 * One frame (5) mapped at every 4 KB from 4 MB to 36 MB, and every one of
 * those 8192 pages read: the Host may pin that frame once, not 8192 times.
 */
static int one_frame_everywhere(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;
	uint32_t *pgdir, *table, i;
	int pinned;

	make_guest(&g, GUEST_PAGES);
	load_code(&g, touch_code, touch_code_end, 0);
	pgdir = (uint32_t *)(g.mem + (GUEST_PAGES - 2) * PAGE);
	table = (uint32_t *)(g.mem + (GUEST_PAGES - 3) * PAGE);
	for (i = 0; i < 1024; i++)
		table[i] = 5 * PAGE | 0x7;
	for (i = 1; i <= 8; i++)
		pgdir[i] = (GUEST_PAGES - 3) * PAGE | 0x7;
	if (launch(&g, &r, &t))
		return 10;
	if (killed_for(&r, finish(&r, t, 60000), "before LHCALL_LGUEST_INIT"))
		return 12;
	pinned = held("pinned_pages");
	printf("#   8192 mappings of one frame: %d pages pinned\n", pinned);
	close(r.fd);
	return pinned < 0 || pinned > (int)GUEST_PAGES + 1 ? 12 : 0;
}

/*
 * The Launcher discards Guest memory under the running Guest.  The rule
 * (Chapter V, "Pinning each frame once") is that a Launcher never does;
 * the Host must stay whole when one does, and give back every pin.
 */
static int discarded_under_guest(void)
{
	struct guest g;
	struct runner r;
	pthread_t t;

	if (start_guest(&g, &r, &t))
		return 10;
	madvise(g.mem, (GUEST_PAGES + 1) * PAGE, MADV_DONTNEED);
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
	else if (WEXITSTATUS(status) == 12)
		result(name, "the Host got it wrong (the line above says how)");
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
	in_child("memory discarded under the Guest", discarded_under_guest, 20);
	in_child("lguest_data in the device page", data_in_device_page, 20);
	in_child("no-interrupt window over all memory", window_everywhere, 20);
	in_child("halted inside its no-interrupt window", halted_in_window, 20);
	in_child("one frame mapped 8192 times", one_frame_everywhere, 90);
	all_given_back();

	printf("%d passed, %d failed\n", passed, failed);
	if (failed)
		printf("Test result: FAILURE: %d of %d cases\n", failed, passed + failed);
	else
		printf("Test result: SUCCESS\n");
	return failed ? 1 : 0;
}
