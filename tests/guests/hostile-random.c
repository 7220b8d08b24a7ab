/*
 * @test     hostile-random
 * @summary  a randomized hostile guest: thousands of random hypercalls (direct and through the ring), faults, page-table entries and descriptor loads per run, reproducible from the seed on its command line
 * @category hostile
 * @timeout  120
 * @mem      32
 * @seeded   yes
 * @expect   SUCCESS
 * @output   ^random: seed \d+, \d+ iterations
 */
#include "guest.h"
#include "probe.h"

const char test_title[] = "random hypercalls, faults and descriptors";

/* What the Launcher put on the kernel command line: boot_params is at
 * guest-physical 0, its cmd_line_ptr at offset 0x228. */
#define CMD_LINE_PTR	0x228u
#define MEM_END		0x2000000u	/* @mem 32 */
#define SCRATCH		0x00800000u	/* 4 MB of scratch mappings */
#define DEFAULT_ITERS	5000u

static u32 rng;

static u32 rnd(void)
{
	/* xorshift32: small, and the same on every run of a seed. */
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static u32 below(u32 n) { return rnd() % n; }

/* A value that is often on an edge: 0, all ones, page and memory limits. */
static u32 edgy(void)
{
	static const u32 edges[] = {
		0, 1, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0xFFF, 0x1000,
		MEM_END - 4, MEM_END, MEM_END + 0x1000, 0xC0000000u, 0xFFC00000u,
	};

	return below(3) ? rnd() : edges[below(ARRAY_SIZE(edges))];
}

static u32 parse_arg(const char *cmd, const char *key, u32 dflt)
{
	size_t n = strlen(key);
	u32 v = 0;
	const char *p;

	for (p = cmd; *p; p++) {
		if ((p == cmd || p[-1] == ' ') && !memcmp(p, key, n)) {
			for (p += n; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (u32)(*p - '0');
			return v;
		}
	}
	return dflt;
}

static u32 *dirs[4];
static u32 *scratch_table[4];
static u32 *scratch_page;
static u32 counts[8];

/* A page-table entry for the scratch area: a frame inside our memory (the
 * Host must map it), with random flags.  Frames beyond memory would get
 * us killed: hostile-pte-beyond tests that. */
static u32 random_pte(void)
{
	u32 frame = below(4) ? __pa(scratch_page) : below(MEM_END >> 12) << 12;

	return frame | (rnd() & 0xFFF & ~0x80u);
}

static void random_hypercall(int async)
{
	u32 nr, a1 = 0, a2 = 0, a3 = 0, d = below(4);
	u32 vec;

	switch (below(11)) {
	case 0:
		nr = LHCALL_FLUSH_TLB; a1 = below(3);
		break;
	case 10:
		/* Sleep until the clock wakes us: armed with interrupts
		 * off, or it could fire before we sleep (see safe_halt).  A
		 * "stop the clock" may still sit in the ring: the Host must
		 * run it before this alarm, or we sleep for ever (it once
		 * did: seeds 4, 6 and 7 hung). */
		if (async)
			return;
		irq_disable();
		set_clockevent(20000 + below(200000));
		hcall(LHCALL_HALT, edgy(), edgy(), edgy(), edgy());
		irq_enable();
		counts[0]++;
		return;
	case 1:
		nr = LHCALL_SET_CLOCKEVENT; a1 = below(2) ? 0 : below(2000000);
		break;
	case 2:
		/* A page directory of ours, or somewhere in memory. */
		nr = LHCALL_SET_PTE;
		a1 = below(4) ? __pa(dirs[d]) : below(MEM_END >> 12) << 12;
		a2 = below(0xFFC00000u - 0x1000) & ~0xFFFu;
		a3 = edgy();
		if (a2 >= 0u - lguest_data.reserve_mem)
			a2 = SCRATCH;
		break;
	case 3:
		nr = LHCALL_SET_PGD;
		a1 = below(4) ? __pa(dirs[d]) : edgy();
		a2 = below((0u - lguest_data.reserve_mem) >> 22);
		break;
	case 4:
		/* Random descriptors into entries the Guest may own. */
		nr = LHCALL_LOAD_GDT_ENTRY;
		a1 = 16 + below(16);
		a2 = edgy();
		a3 = edgy();
		break;
	case 5:
		nr = LHCALL_LOAD_TLS;
		a1 = below(MEM_END - 24);
		break;
	case 6:
		/* A gate we never use, pointing anywhere. */
		vec = 64 + below(192);
		if (vec == SYSCALL_VEC)
			vec = 0x81;
		nr = LHCALL_LOAD_IDT_ENTRY;
		a1 = vec;
		a2 = (kernel_cs << 16) | (rnd() & 0xFFFF);
		a3 = (rnd() & 0xFFFF0000u) | (below(2) ? 0 : 0x8000) |
		     (below(4) << 13) | (below(2) ? 0xE00 : 0xF00);
		break;
	case 7:
		nr = LHCALL_SEND_INTERRUPTS;
		a1 = edgy();
		break;
	case 8:
		/* Switch among our page directories. */
		if (async)
			return;
		current_pgdir = dirs[d];
		nr = LHCALL_NEW_PGTABLE; a1 = __pa(dirs[d]);
		break;
	default:
		nr = LHCALL_FLUSH_ASYNC; a1 = edgy(); a2 = edgy(); a3 = edgy();
		break;
	}
	if (async)
		async_hcall(nr, a1, a2, a3, edgy());
	else
		hcall(nr, a1, a2, a3, edgy());
	counts[async]++;
}

/* Change a scratch mapping in the Guest's own tables, then tell the Host
 * (or not: it must cope with stale shadows only by our flushes). */
static void random_pte_change(void)
{
	u32 d = below(4), i = below(1024), pte = random_pte();

	scratch_table[d][i] = pte;
	if (below(4))
		hcall3(LHCALL_SET_PTE, __pa(dirs[d]), SCRATCH + (i << 12), pte);
	counts[2]++;
}

/* One instruction that may trap; the trap comes back to us. */
static void random_fault(void)
{
	u32 a = below(4) ? SCRATCH + (below(1024) << 12) + (below(1024) << 2) : edgy() & ~3u;
	u32 sel = below(2) ? edgy() & 0xFFFF : below(32) * 8 + below(8);
	volatile u32 sink;

	counts[3]++;
	if (trap_catch()) {
		asm volatile("movl %0, %%fs\n\tmovl %0, %%gs" :: "r"(0));
		counts[4]++;
		return;
	}
	switch (below(9)) {
	case 0:
		sink = *(volatile u32 *)a;
		(void)sink;
		break;
	case 1:
		/* Writes only where nothing of ours can be: the scratch page,
		 * or the top of the address space. */
		*(volatile u32 *)(below(2) ? __pa(scratch_page) + (a & 0xFFC) :
				  (0u - lguest_data.reserve_mem) | (a & 0x3FFFFC)) = a;
		break;
	case 2:
		asm volatile("movl %0, %%fs\n\tmovl %%fs:0, %%eax\n\tmovl %1, %%fs"
			     :: "r"(sel), "r"(0) : "eax");
		break;
	case 3:
		asm volatile("movl %0, %%gs\n\tmovl %1, %%gs" :: "r"(sel), "r"(0));
		break;
	case 4:
		asm volatile("ud2");
		break;
	case 5:
		asm volatile("int3");
		break;
	case 6: {
		u32 zero = 0, q = 1;

		asm volatile("xorl %%edx, %%edx\n\tdivl %1" : "+a"(q) : "r"(zero) : "edx");
		(void)q;
		break;
	}
	case 7:
		asm volatile("hlt");
		break;
	default:
		asm volatile("cli; sti");
		break;
	}
	trap_uncatch();
}

void test_main(void)
{
	const char *cmd;
	u32 seed, iters, i, d, ptr;

	ptr = CMD_LINE_PTR;
	asm("" : "+r"(ptr));	/* a computed address, for gcc's bounds checks */
	if (probe_read(ptr, &ptr))
		test_error("boot_params unreadable (trap %u)", caught.vector);
	if (ptr == 0 || ptr >= MEM_END - 256)
		test_error("no command line (cmd_line_ptr %x)", ptr);
	cmd = (const char *)ptr;
	seed = parse_arg(cmd, "seed=", 1);
	iters = parse_arg(cmd, "iters=", DEFAULT_ITERS);
	printf("random: seed %u (command line \"%s\")\n", seed, cmd);
	rng = seed * 2654435761u ^ 0x9E3779B9u;
	if (!rng)
		rng = 1;

	scratch_page = alloc_page();
	for (d = 0; d < 4; d++) {
		dirs[d] = pt_new_pgdir(PTE_P | PTE_W);
		scratch_table[d] = alloc_page();
		dirs[d][SCRATCH >> 22] = __pa(scratch_table[d]) | PTE_P | PTE_W | PTE_U;
	}
	pt_switch(dirs[0]);
	/* The timer ticks now and then through all of it. */
	irq_enable();

	for (i = 0; i < iters; i++) {
		switch (below(4)) {
		case 0:
			random_hypercall(0);
			break;
		case 1:
			random_hypercall(1);
			break;
		case 2:
			random_pte_change();
			break;
		default:
			random_fault();
			break;
		}
		/* Our own segments must have survived whatever was loaded. */
		ACCESS_ONCE(lguest_data.irq_enabled) = X86_EFLAGS_IF;
	}
	hcall0(LHCALL_FLUSH_ASYNC);
	set_clockevent(0);
	printf("random: seed %u, %u iterations: %u hypercalls, %u through the ring, "
	       "%u page-table changes, %u faulting tries, %u traps\n",
	       seed, iters, counts[0], counts[1], counts[2], counts[3], counts[4]);
}
