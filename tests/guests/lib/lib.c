/*
 * The shared library of the test guests (see guest.h).
 */
#include <stdarg.h>
#include "guest.h"

/* The shared page.  The ring of asynchronous hypercalls starts empty (0xFF)
 * before the Host ever sees it. */
struct lguest_data lguest_data __aligned(64);
unsigned int failures;
trap_fn trap_handlers[256];
volatile u32 irq_count[LGUEST_IRQS];
void (*irq_handlers[LGUEST_IRQS])(struct trap_frame *f);
struct trap_jmp trap_jb;
struct trap_info caught;
u32 expect_eip;
void (*syscall_hook)(struct trap_frame *f);

extern const u32 trap_stubs[64];
extern char syscall_stub[], guest_iret_noirq[], guest_iret_end[];
extern char __image_end[];
void __noreturn user_exit(u32 value);

/* ------------------------------------------------------------------ */
/* Strings and the console. */

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void *memset(void *d, int c, size_t n)
{
	u8 *p = d;

	while (n--)
		*p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *p = d;
	const u8 *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void console_write(const char *s, size_t len)
{
	hcall2(LHCALL_CONSOLE_WRITE, __pa(s), len);
}

/* printf into a line buffer; each full line is one console hypercall. */
static char line[256];
static size_t line_len;

static void flush_line(void)
{
	if (line_len)
		console_write(line, line_len);
	line_len = 0;
}

static void put(char c)
{
	if (line_len == sizeof(line))
		flush_line();
	line[line_len++] = c;
	if (c == '\n')
		flush_line();
}

static void put_num(u64 v, unsigned int base, int width, char pad, int neg)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	while (width-- > n)
		put(pad);
	while (n)
		put(buf[--n]);
}

static void vprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		char pad = ' ';
		u64 v;

		if (*fmt != '%') {
			put(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l')
			longs++, fmt++;
		switch (*fmt) {
		case 'd': {
			long long s = longs > 1 ? va_arg(ap, long long) : va_arg(ap, int);

			put_num(s < 0 ? -(u64)s : (u64)s, 10, width, pad, s < 0);
			break;
		}
		case 'u':
		case 'x':
			v = longs > 1 ? va_arg(ap, u64) : va_arg(ap, u32);
			put_num(v, *fmt == 'u' ? 10 : 16, width, pad, 0);
			break;
		case 'p':
			put('0');
			put('x');
			put_num(va_arg(ap, u32), 16, 8, '0', 0);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);

			while (*s)
				put(*s++);
			break;
		}
		case 'c':
			put((char)va_arg(ap, int));
			break;
		case '%':
			put('%');
			break;
		default:
			put('?');
			break;
		}
	}
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Results.  The line is fixed: "Test result: WORD" and maybe a reason. */

void __noreturn shutdown(void)
{
	static const char why[] = "test guest finished";

	flush_line();
	hcall2(LHCALL_SHUTDOWN, __pa(why), LGUEST_SHUTDOWN_POWEROFF);
	/* Still here: the Host did not stop us.  Say so, then spin. */
	printf("shutdown hypercall returned\n");
	for (;;)
		hcall0(LHCALL_HALT);
}

static void __noreturn result(const char *word, const char *fmt, va_list ap)
{
	flush_line();
	printf("Test result: %s", word);
	if (fmt) {
		printf(": ");
		vprintf(fmt, ap);
	}
	printf("\n");
	shutdown();
}

void __noreturn test_success(void)
{
	va_list ap;

	memset(&ap, 0, sizeof(ap));
	result("SUCCESS", 0, ap);
}

#define RESULT_FN(name, word)				\
void __noreturn name(const char *fmt, ...)		\
{							\
	va_list ap;					\
							\
	va_start(ap, fmt);				\
	result(word, fmt, ap);				\
}
RESULT_FN(test_skip, "SKIP")
RESULT_FN(test_error, "ERROR")
RESULT_FN(test_failure, "FAILURE")

void fail(const char *fmt, ...)
{
	va_list ap;

	failures++;
	printf("fail: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void __noreturn test_done(void)
{
	if (failures)
		test_failure("%u check%s failed", failures, failures == 1 ? "" : "s");
	test_success();
}

/* ------------------------------------------------------------------ */
/* Traps and interrupts. */

void set_gate(unsigned int vector, void *entry, unsigned int type, unsigned int dpl)
{
	u32 a = (u32)entry;
	u32 lo = (kernel_cs << 16) | (a & 0xFFFF);
	u32 hi = (a & 0xFFFF0000) | 0x8000 | (dpl << 13) | (type << 8);

	hcall3(LHCALL_LOAD_IDT_ENTRY, vector, lo, hi);
}

static const char *const trap_names[32] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF(old)",
	"#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM",
};

void trap_dispatch(struct trap_frame *f)
{
	u32 v = f->vector;

	if (trap_handlers[v]) {
		trap_handlers[v](f);
		return;
	}
	if (v >= 32 && v < 32 + LGUEST_IRQS) {
		irq_count[v - 32]++;
		if (irq_handlers[v - 32])
			irq_handlers[v - 32](f);
		return;
	}
	if (v == SYSCALL_VEC) {
		if (syscall_hook)
			syscall_hook(f);
		if (f->eax == SYS_EXIT)
			user_exit(f->ebx);
		return;
	}
	if (ACCESS_ONCE(trap_jb.armed)) {
		caught.vector = v;
		caught.error = f->error;
		caught.eip = f->eip;
		caught.cs = f->cs;
		caught.cr2 = lguest_data.cr2;
		caught.esp = (f->cs & 3) ? f->esp : 0;
		caught.ss = (f->cs & 3) ? f->ss : 0;
		trap_longjmp(&trap_jb, 1);
	}
	test_failure("unexpected trap %u %s, error code %x, at %x (cs %x), cr2 %x",
		     v, v < 32 && trap_names[v] ? trap_names[v] : "",
		     f->error, f->eip, f->cs, lguest_data.cr2);
}

void irq_enable(void)
{
	barrier();
	ACCESS_ONCE(lguest_data.irq_enabled) = X86_EFLAGS_IF;
	barrier();
	if (ACCESS_ONCE(lguest_data.irq_pending))
		hcall0(LHCALL_SEND_INTERRUPTS);
}

/*
 * Enabling interrupts and then halting would be a race: an interrupt that
 * arrives between the two is delivered at once, and the halt then sleeps
 * for one that may never come.  Real hardware has `sti; hlt` (sti takes
 * effect only after the next instruction).  Here we halt with interrupts
 * disabled: the Host wakes us for an interrupt that is pending even while
 * they are off, and delivers it as it enables them (or leaves that to the
 * irq_enable() that follows).
 */
void safe_halt(void)
{
	irq_disable();
	hcall0(LHCALL_HALT);
	irq_enable();
}

unsigned int async_hcall(u32 nr, u32 a1, u32 a2, u32 a3, u32 a4)
{
	static unsigned int next;
	unsigned int i = next;

	/* A full ring: let the Host empty it. */
	if (ACCESS_ONCE(lguest_data.hcall_status[i]) != 0xFF)
		hcall0(LHCALL_FLUSH_ASYNC);
	if (ACCESS_ONCE(lguest_data.hcall_status[i]) != 0xFF)
		test_failure("async ring slot %u still busy after LHCALL_FLUSH_ASYNC", i);
	lguest_data.hcalls[i].nr = nr;
	lguest_data.hcalls[i].arg1 = a1;
	lguest_data.hcalls[i].arg2 = a2;
	lguest_data.hcalls[i].arg3 = a3;
	lguest_data.hcalls[i].arg4 = a4;
	barrier();
	ACCESS_ONCE(lguest_data.hcall_status[i]) = 0;
	next = (i + 1) % LHCALL_RING_SIZE;
	return i;
}

u64 tsc_to_ns(u64 cycles)
{
	u32 khz = ACCESS_ONCE(lguest_data.tsc_khz);

	if (!khz)
		return 0;
	/* cycles * 10^6 / khz, without overflow for a few hours of cycles */
	return cycles / khz * 1000000 + cycles % khz * 1000000 / khz;
}

void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(0));
}

/* ------------------------------------------------------------------ */
/* Page tables. */

u32 *current_pgdir;
static u32 next_free_page;

void *alloc_page(void)
{
	void *p;

	if (!next_free_page)
		next_free_page = ((u32)__image_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (next_free_page >= 0x400000)
		test_error("out of pages below 4 MB");
	p = (void *)next_free_page;
	next_free_page += PAGE_SIZE;
	memset(p, 0, PAGE_SIZE);
	return p;
}

void pt_set(u32 *pgdir, u32 va, u32 pte)
{
	u32 *pde = &pgdir[va >> 22];
	u32 *table;

	if (!(*pde & PTE_P)) {
		table = alloc_page();
		*pde = __pa(table) | PTE_P | PTE_W | PTE_U | PTE_A;
		hcall2(LHCALL_SET_PGD, __pa(pgdir), va >> 22);
	}
	table = (u32 *)(*pde & ~0xFFFu);
	table[(va >> 12) & 1023] = pte;
	hcall3(LHCALL_SET_PTE, __pa(pgdir), va & ~0xFFFu, pte);
}

u32 pt_get(u32 *pgdir, u32 va)
{
	u32 pde = pgdir[va >> 22];

	if (!(pde & PTE_P))
		return 0;
	return ((u32 *)(pde & ~0xFFFu))[(va >> 12) & 1023];
}

u32 *pt_new_pgdir(u32 identity_flags)
{
	u32 *pgdir = alloc_page();
	u32 *table = alloc_page();
	u32 i;

	/* The first 4 MB 1:1 (page 0, the zero page, stays unmapped). */
	for (i = 1; i < 1024; i++)
		table[i] = (i << 12) | identity_flags | PTE_A | PTE_D;
	pgdir[0] = __pa(table) | PTE_P | PTE_W | PTE_U | PTE_A;
	return pgdir;
}

void pt_switch(u32 *pgdir)
{
	current_pgdir = pgdir;
	hcall1(LHCALL_NEW_PGTABLE, __pa(pgdir));
}

void flush_tlb(void)
{
	hcall1(LHCALL_FLUSH_TLB, 0);
}

/* ------------------------------------------------------------------ */
/* Ring 3. */

static u8 kernel_stack[PAGE_SIZE] __page_aligned;

void test_user_init(void)
{
	/* Flat 4 GB segments at privilege 3, as Linux's GDT entries 14/15. */
	hcall3(LHCALL_LOAD_GDT_ENTRY, GDT_USER_CS, 0x0000FFFF, 0x00CFFA00);
	hcall3(LHCALL_LOAD_GDT_ENTRY, GDT_USER_DS, 0x0000FFFF, 0x00CFF200);
	/* Traps from ring 3 arrive on this stack. */
	hcall3(LHCALL_SET_STACK, kernel_ds, __pa(kernel_stack + PAGE_SIZE), 1);
}

/* ------------------------------------------------------------------ */
/* Boot. */

void __noreturn guest_start(void)
{
	unsigned int v;

	memset(lguest_data.hcall_status, 0xFF, sizeof(lguest_data.hcall_status));
	lguest_data.irq_enabled = 0;
	lguest_data.noirq_iret_start = __pa(guest_iret_noirq);
	lguest_data.noirq_iret_end = __pa(guest_iret_end);
	lguest_data.syscall_vec = SYSCALL_VEC;
	/* The very first act: tell the Host where the shared page is. */
	hcall1(LHCALL_LGUEST_INIT, __pa(&lguest_data));

	printf("test guest: %s\n", test_title);
	/* Exceptions through trap gates (interrupt state unchanged), device
	 * interrupts through interrupt gates, the system call reachable from
	 * ring 3.  NMI, double fault, 15 and the hypercall vector are the
	 * Host's. */
	for (v = 0; v < 64; v++) {
		if (v == 2 || v == 8 || v == 15 || v == LGUEST_TRAP_ENTRY)
			continue;
		set_gate(v, (void *)trap_stubs[v], v < 32 ? GATE_TRAP : GATE_INTR, v == 3 || v == 4 ? 3 : 1);
	}
	set_gate(SYSCALL_VEC, syscall_stub, GATE_TRAP, 3);

	test_main();
	test_done();
}
