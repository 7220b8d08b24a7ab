/* Unit tests of the Launcher, run natively with no Host module: the loaders,
 * boot parameters, page tables, the device page, virtqueue parsing against
 * fake Guest memory, the console and block backends on pipes and temporary
 * files, and the run loop fed with made-up exits.
 *
 * Each test prints `ok - NAME` or `FAIL - NAME: why`; the last line is
 * `N passed, N failed`.  `unit --corpus DIR` writes seed images for the
 * loader fuzzer instead. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include "lguest.h"
#include "images.h"

#define TMEM (8 * MB)
static u8 *region;
static int irq_pipe[2] = { -1, -1 }, out_pipe[2] = { -1, -1 };
static char why[512];
static unsigned char img[1 << 20];

#define CHECK(cond) do { if (!(cond)) { \
	snprintf(why, sizeof(why), "line %d: %s [%s]", __LINE__, #cond, \
		 why_failed()); return 1; } } while (0)
#define FAILS_WITH(expr, text) do { CHECK((expr) < 0); \
	CHECK(strstr(why_failed(), text) != NULL); } while (0)

/* ------------------------------------------------------------------------ */
/* The world each test starts from. */

static void drain(int fd)
{
	char buf[4096];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static void fresh(void)
{
	if (!region) {
		region = mmap(NULL, TMEM + PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (pipe2(irq_pipe, O_NONBLOCK) || pipe2(out_pipe, O_NONBLOCK))
			exit(2);
		fcntl(irq_pipe[1], F_SETPIPE_SZ, 1 << 20);
	}
	guest.base = region;
	guest.size = TMEM;
	memset(region, 0, TMEM + PAGE_SIZE);
	reset_devices();
	lguest_fd = irq_pipe[1];
	console_out = out_pipe[1];
	drain(irq_pipe[0]);
	drain(out_pipe[0]);
	why[0] = '\0';
}

/* How many LHREQ_IRQ requests were written, and the last interrupt. */
static int irqs(u32 *last)
{
	u32 req[2];
	int n = 0;

	while (read(irq_pipe[0], req, sizeof(req)) == sizeof(req)) {
		if (req[0] == LHREQ_IRQ) {
			n++;
			if (last)
				*last = req[1];
		}
	}
	return n;
}

static size_t output(char *buf, size_t len)
{
	ssize_t n = read(out_pipe[0], buf, len - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : 0;
}

/* Silence stderr around a call that is expected to complain. */
static int quiet_fd = -1;
static void quiet(void)
{
	int null = open("/dev/null", O_WRONLY);

	fflush(stderr);
	quiet_fd = dup(2);
	dup2(null, 2);
	close(null);
}
static void loud(void)
{
	fflush(stderr);
	dup2(quiet_fd, 2);
	close(quiet_fd);
}

/* Catch what the Launcher prints on stderr, as its own messages, in a pipe
 * that caught() empties into a string. */
static int catch_pipe[2] = { -1, -1 };
static void catch_stderr(void)
{
	fflush(stderr);
	quiet_fd = dup(2);
	if (pipe2(catch_pipe, O_NONBLOCK) < 0)
		exit(2);
	dup2(catch_pipe[1], 2);
	close(catch_pipe[1]);
}
static size_t caught(char *buf, size_t len)
{
	ssize_t n;

	loud();
	n = read(catch_pipe[0], buf, len - 1);
	close(catch_pipe[0]);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : 0;
}

/* ------------------------------------------------------------------------ */
/* Memory sizes and guest_ptr(). */

static int t_mem_size_ok(void)
{
	u32 b;

	CHECK(parse_mem_size("64", 512 * MB, &b) == 0 && b == 64 * MB);
	CHECK(parse_mem_size("2048K", 512 * MB, &b) == 0 && b == 2 * MB);
	CHECK(parse_mem_size("1G", 2048u * MB, &b) == 0 && b == 1024 * MB);
	return 0;
}

static int t_mem_size_not_page(void)
{
	u32 b;

	FAILS_WITH(parse_mem_size("4097K", 512 * MB, &b), "whole number");
	return 0;
}

static int t_mem_size_small(void)
{
	u32 b;

	FAILS_WITH(parse_mem_size("1", 512 * MB, &b), "too small");
	FAILS_WITH(parse_mem_size("0", 512 * MB, &b), "too small");
	return 0;
}

static int t_mem_size_large(void)
{
	u32 b;

	FAILS_WITH(parse_mem_size("513", 512 * MB, &b), "too large");
	FAILS_WITH(parse_mem_size("99999999999999G", 512 * MB, &b),
		   "too large");
	return 0;
}

static int t_mem_size_garbage(void)
{
	u32 b;

	FAILS_WITH(parse_mem_size("lots", 512 * MB, &b), "not a number");
	FAILS_WITH(parse_mem_size("-5", 512 * MB, &b),
		   "memory must be a positive number of megabytes");
	FAILS_WITH(parse_mem_size("-1", 512 * MB, &b), "'-1'");
	FAILS_WITH(parse_mem_size("64Q", 512 * MB, &b), "unknown unit");
	return 0;
}

static int t_guest_ptr_bounds(void)
{
	CHECK(guest_ptr(0, TMEM) == region);
	CHECK(guest_ptr(TMEM - 1, 1) == region + TMEM - 1);
	CHECK(guest_ptr(TMEM, 0) == region + TMEM);
	CHECK(guest_ptr(TMEM - 1, 2) == NULL);
	CHECK(guest_ptr(16, 0xFFFFFFFFu) == NULL);
	CHECK(guest_ptr(0xFFFFFFF0u, 0x20) == NULL);
	CHECK(guest_ptr(0x100000000ull, 0) == NULL);
	CHECK(guest_ptr(~0ull, 2) == NULL);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The ELF loader. */

static const u8 code[] = { 0xb8, 0x02, 0, 0, 0, 0xcd, 0x1f, 0xeb, 0xfe };

static int t_elf_loads(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 100, 0x100000);

	memset(region + 0x100000, 0xAA, 4096);
	CHECK(load_kernel(img, len, &ki) == 0);
	CHECK(memcmp(region + 0x100000, code, sizeof(code)) == 0);
	CHECK(region[0x100000 + sizeof(code)] == 0);
	CHECK(region[0x100000 + sizeof(code) + 99] == 0);
	CHECK(region[0x100000 + sizeof(code) + 100] == 0xAA);
	CHECK(ki.entry == 0x100000 && ki.start == 0x100000);
	CHECK(ki.end == 0x100000 + sizeof(code) + 100);
	CHECK(!ki.bzimage && ki.hdr.version == 0x0207);
	return 0;
}

static int t_elf_entry_at_page_offset(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0,
			      PAGE_OFFSET + 0x100004);

	CHECK(load_kernel(img, len, &ki) == 0 && ki.entry == 0xC0100004);
	return 0;
}

static int t_elf_truncated_header(void)
{
	struct kernel_info ki;

	make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	FAILS_WITH(load_kernel(img, 40, &ki), "truncated");
	return 0;
}

static int t_elf_truncated_phdrs(void)
{
	struct kernel_info ki;

	make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	FAILS_WITH(load_kernel(img, sizeof(Elf32_Ehdr) + 10, &ki),
		   "program headers end past");
	return 0;
}

static int t_elf_truncated_segment(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);

	FAILS_WITH(load_kernel(img, len - 1, &ki), "truncated");
	return 0;
}

static int t_elf_wrong_machine(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	Elf32_Half m = EM_X86_64;

	memcpy(img + offsetof(Elf32_Ehdr, e_machine), &m, sizeof(m));
	FAILS_WITH(load_kernel(img, len, &ki), "not the i386");
	img[EI_CLASS] = ELFCLASS64;
	FAILS_WITH(load_kernel(img, len, &ki), "32-bit");
	return 0;
}

static int t_elf_beyond_memory(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, TMEM - 4, code, sizeof(code), 0, TMEM - 4);

	FAILS_WITH(load_kernel(img, len, &ki), "beyond the Guest");
	len = make_elf(img, 0xFFFFFFF0u, code, sizeof(code), 0x100, 0xFFFFFFF0u);
	FAILS_WITH(load_kernel(img, len, &ki), "beyond the Guest");
	return 0;
}

static int t_elf_zero_page(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x1000, code, sizeof(code), 0, 0x1000);

	FAILS_WITH(load_kernel(img, len, &ki), "zero page");
	return 0;
}

static int t_elf_filesz_gt_memsz(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	Elf32_Word small = 2;

	memcpy(img + sizeof(Elf32_Ehdr) + offsetof(Elf32_Phdr, p_memsz),
	       &small, sizeof(small));
	FAILS_WITH(load_kernel(img, len, &ki), "larger in the file");
	return 0;
}

static int t_elf_bad_entry(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x200000);

	FAILS_WITH(load_kernel(img, len, &ki), "entry point");
	return 0;
}

static int t_elf_nothing_to_load(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	Elf32_Word note = PT_NOTE;

	memcpy(img + sizeof(Elf32_Ehdr), &note, sizeof(note));
	FAILS_WITH(load_kernel(img, len, &ki), "nothing to load");
	return 0;
}

static int t_not_a_kernel(void)
{
	struct kernel_info ki;

	memset(img, 'x', 4096);
	FAILS_WITH(load_kernel(img, 4096, &ki), "not a kernel");
	FAILS_WITH(load_kernel(img, 0, &ki), "not a kernel");
	return 0;
}

/* A sparse file of 4 GB and one page is larger than any Guest: with its
 * size cut to 32 bits it would pass for a one-page kernel. */
static int t_file_over_4gb(void)
{
	char path[] = "/tmp/lguest-big-XXXXXX";
	int fd = mkstemp(path);
	u8 *data = NULL;
	size_t len = 0;

	CHECK(fd >= 0 && ftruncate(fd, (4ull << 30) + PAGE_SIZE) == 0);
	close(fd);
	FAILS_WITH(read_file(path, TMEM, NULL, &data, &len),
		   "is 4097 MB, larger than the Guest's 8 MB");
	CHECK(data == NULL);
	unlink(path);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The bzImage loader. */

static u8 payload[5000];

static size_t bz(unsigned short version, unsigned int init_size)
{
	unsigned int i;

	for (i = 0; i < sizeof(payload); i++)
		payload[i] = i * 7;
	return make_bzimage(img, 3, payload, sizeof(payload), version,
			    init_size);
}

static int t_bzimage_loads(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);

	CHECK(load_kernel(img, len, &ki) == 0);
	CHECK(ki.bzimage && ki.entry == 0x100000 && ki.start == 0x100000);
	CHECK(ki.end == 0x100000 + 3 * MB);
	CHECK(memcmp(region + 0x100000, payload, sizeof(payload)) == 0);
	CHECK(ki.hdr.version == 0x020f && ki.hdr.cmdline_size == 2047);
	return 0;
}

static int t_bzimage_old_protocol(void)
{
	struct kernel_info ki;
	size_t len = bz(0x0206, 3 * MB);

	FAILS_WITH(load_kernel(img, len, &ki), "boot protocol 2.06");
	return 0;
}

static int t_bzimage_truncated(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);

	FAILS_WITH(load_kernel(img, len - 16, &ki), "truncated");
	FAILS_WITH(load_kernel(img, 0x210, &ki), "truncated");
	return 0;
}

static int t_bzimage_too_big(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, TMEM);

	FAILS_WITH(load_kernel(img, len, &ki), "more than the Guest");
	return 0;
}

static int t_bzimage_runtime_address(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);
	u64 pref = 6 * MB;
	u32 align = 4 * MB;

	memcpy(img + 0x258, &pref, 8);			/* pref_address */
	FAILS_WITH(load_kernel(img, len, &ki), "needs 9 MB");
	pref = 2 * MB;
	memcpy(img + 0x258, &pref, 8);
	CHECK(load_kernel(img, len, &ki) == 0 && ki.end == 5 * MB);
	memcpy(img + 0x230, &align, 4);			/* kernel_alignment */
	img[0x234] = 1;					/* relocatable */
	CHECK(load_kernel(img, len, &ki) == 0 && ki.end == 7 * MB);
	CHECK(ki.entry == 0x100000);
	return 0;
}

/* The jump at 0x200 says where the header ends: 0x202 plus its operand. */
static int t_bzimage_header_length(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);

	img[0x201] = 0;
	FAILS_WITH(load_kernel(img, len, &ki), "byte at 0x201 is 0");
	CHECK(!strstr(why_failed(), "0.00"));
	img[0x201] = 0x5c;			/* ends inside init_size */
	FAILS_WITH(load_kernel(img, len, &ki), "byte at 0x201 is 0x5c");
	img[0x201] = 0x62;			/* ends right after it */
	CHECK(load_kernel(img, len, &ki) == 0 && ki.end == 0x100000 + 3 * MB);
	img[0x200] = 0xe9;
	FAILS_WITH(load_kernel(img, len, &ki), "byte at 0x200 is 0xe9");
	return 0;
}

static int t_bzimage_syssize_overflow(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);
	u32 syssize = 0x10000001;

	memcpy(img + 0x1F4, &syssize, 4);
	FAILS_WITH(load_kernel(img, len, &ki), "syssize 0x10000001");
	syssize = 0;
	memcpy(img + 0x1F4, &syssize, 4);
	FAILS_WITH(load_kernel(img, len, &ki), "syssize 0");
	return 0;
}

static int t_bzimage_pref_address_wraps(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 0x2000);
	u64 pref = 0xfffffffffffff000ull;

	memcpy(img + 0x258, &pref, 8);
	FAILS_WITH(load_kernel(img, len, &ki),
		   "pref_address 0xfffffffffffff000");
	pref = TMEM;				/* room for nothing */
	memcpy(img + 0x258, &pref, 8);
	FAILS_WITH(load_kernel(img, len, &ki), "more than the Guest");
	return 0;
}

static int t_bzimage_odd_alignment(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);
	u32 align = 3;

	memcpy(img + 0x230, &align, 4);
	FAILS_WITH(load_kernel(img, len, &ki), "kernel_alignment 0x3 ");
	img[0x234] = 1;				/* relocatable */
	FAILS_WITH(load_kernel(img, len, &ki), "kernel_alignment 0x3 ");
	align = 0;
	memcpy(img + 0x230, &align, 4);
	FAILS_WITH(load_kernel(img, len, &ki), "kernel_alignment 0 ");
	return 0;
}

static int t_bzimage_zimage(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);

	img[0x211] = 0;
	FAILS_WITH(load_kernel(img, len, &ki), "zImage");
	return 0;
}

static int t_bzimage_bad_signature(void)
{
	struct kernel_info ki;
	size_t len = bz(0x020f, 3 * MB);

	img[0x1FE] = 0;
	FAILS_WITH(load_kernel(img, len, &ki), "not a kernel");
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Compression. */

static int t_gzip_elf(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);
	size_t zlen;
	u8 *z = make_gzip(img, len, &zlen);

	CHECK(maybe_gunzip(&z, &zlen, TMEM) == 0 && zlen == len);
	CHECK(load_kernel(z, zlen, &ki) == 0);
	free(z);
	return 0;
}

static int t_gzip_truncated(void)
{
	size_t zlen, len = bz(0x020f, 3 * MB);
	u8 *z = make_gzip(img, len, &zlen);

	zlen /= 2;
	FAILS_WITH(maybe_gunzip(&z, &zlen, TMEM), "truncated");
	free(z);
	return 0;
}

static int t_gzip_corrupt(void)
{
	size_t zlen, len = bz(0x020f, 3 * MB);
	u8 *z = make_gzip(img, len, &zlen);

	memset(z + 10, 0xFF, 16);
	FAILS_WITH(maybe_gunzip(&z, &zlen, TMEM), "corrupt");
	free(z);
	return 0;
}

static int t_gzip_bomb(void)
{
	size_t zlen, len = sizeof(img);
	u8 *z;

	memset(img, 0, len);
	z = make_gzip(img, len, &zlen);
	FAILS_WITH(maybe_gunzip(&z, &zlen, len / 2), "more than");
	free(z);
	return 0;
}

/* Exactly the ceiling fits; one byte more does not, even when the stream
 * ends precisely as the buffer's last byte is filled.  Both below the 4 MB
 * first buffer and above it, where the buffer grows. */
static int t_gzip_one_byte_too_big(void)
{
	size_t sizes[] = { 100000, 5 * MB }, i, zlen;
	u8 *data, *z;

	for (i = 0; i < 2; i++) {
		data = calloc(1, sizes[i] + 1);
		CHECK(data != NULL);
		z = make_gzip(data, sizes[i] + 1, &zlen);
		FAILS_WITH(maybe_gunzip(&z, &zlen, sizes[i]), "more than");
		free(z);
		z = make_gzip(data, sizes[i], &zlen);
		CHECK(maybe_gunzip(&z, &zlen, sizes[i]) == 0);
		CHECK(zlen == sizes[i]);
		free(z);
		free(data);
	}
	return 0;
}

static int t_not_gzip_untouched(void)
{
	u8 *p = malloc(4);
	u8 *orig = p;
	size_t len = 4;

	memcpy(p, "\x7f" "ELF", 4);
	CHECK(maybe_gunzip(&p, &len, TMEM) == 0 && p == orig && len == 4);
	free(p);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Initrd, page tables and boot parameters. */

static int load_small_elf(struct kernel_info *ki)
{
	size_t len = make_elf(img, 0x100000, code, sizeof(code), 0, 0x100000);

	return load_kernel(img, len, ki);
}

static int t_initrd_top(void)
{
	struct kernel_info ki;
	static u8 rd[10000];

	memset(rd, 0x5A, sizeof(rd));
	CHECK(load_small_elf(&ki) == 0);
	CHECK(load_initrd(rd, sizeof(rd), &ki) == 0);
	CHECK(ki.initrd_addr % PAGE_SIZE == 0);
	CHECK(ki.initrd_addr + sizeof(rd) <= TMEM);
	CHECK(ki.initrd_addr + sizeof(rd) + PAGE_SIZE > TMEM);
	CHECK(memcmp(region + ki.initrd_addr, rd, sizeof(rd)) == 0);
	return 0;
}

static int t_initrd_too_big(void)
{
	struct kernel_info ki;
	u8 *rd = calloc(1, TMEM - MB);

	CHECK(load_small_elf(&ki) == 0);
	FAILS_WITH(load_initrd(rd, TMEM - MB, &ki), "does not fit");
	FAILS_WITH(load_initrd(rd, TMEM + 1, &ki), "larger than");
	free(rd);
	return 0;
}

static int t_pagetables(void)
{
	struct kernel_info ki;
	u32 *pgdir, *pte, i;

	CHECK(load_small_elf(&ki) == 0);
	CHECK(setup_pagetables(&ki) == 0);
	CHECK(ki.pgdir == TMEM - PAGE_SIZE);
	CHECK(ki.pgtables == TMEM - 3 * PAGE_SIZE);
	pgdir = (u32 *)(region + ki.pgdir);
	for (i = 0; i < 2; i++) {
		CHECK(pgdir[i] == ((ki.pgtables + i * PAGE_SIZE) | 7));
		CHECK(pgdir[768 + i] == pgdir[i]);
	}
	CHECK(pgdir[2] == 0 && pgdir[770] == 0 && pgdir[767] == 0);
	pte = (u32 *)(region + ki.pgtables);
	CHECK(pte[0] == 7 && pte[0x100] == (0x100000 | 7));
	CHECK(pte[TMEM / PAGE_SIZE - 1] == ((TMEM - PAGE_SIZE) | 7));
	return 0;
}

static int t_pagetables_below_initrd(void)
{
	struct kernel_info ki;
	static u8 rd[3 * 4096];

	CHECK(load_small_elf(&ki) == 0);
	CHECK(load_initrd(rd, sizeof(rd), &ki) == 0);
	CHECK(setup_pagetables(&ki) == 0);
	CHECK(ki.pgdir + PAGE_SIZE == ki.initrd_addr);
	return 0;
}

static int t_pagetables_no_room(void)
{
	struct kernel_info ki;
	size_t len = make_elf(img, 0x100000, code, sizeof(code),
			      TMEM - 0x100000 - sizeof(code) - PAGE_SIZE,
			      0x100000);

	CHECK(load_kernel(img, len, &ki) == 0);
	FAILS_WITH(setup_pagetables(&ki), "not enough memory");
	/* Without an initrd, the message does not mention one. */
	CHECK(!strstr(why_failed(), "initrd"));
	return 0;
}

static int t_boot_params(void)
{
	struct kernel_info ki;
	struct boot_params *bp = (struct boot_params *)region;
	static u8 rd[8192];

	CHECK(load_small_elf(&ki) == 0);
	CHECK(load_initrd(rd, sizeof(rd), &ki) == 0);
	CHECK(setup_pagetables(&ki) == 0);
	CHECK(setup_boot_params(&ki, "console=hvc0 root=/dev/vda") == 0);
	CHECK(bp->hdr.hardware_subarch == X86_SUBARCH_LGUEST);
	CHECK(bp->hdr.hardware_subarch == 1);
	CHECK(bp->hdr.boot_flag == 0xAA55 && bp->hdr.header == 0x53726448);
	CHECK(bp->hdr.version >= 0x0207 && bp->hdr.type_of_loader == 0xFF);
	CHECK(bp->hdr.loadflags & KEEP_SEGMENTS);
	CHECK(bp->hdr.cmd_line_ptr == CMDLINE_ADDR);
	CHECK(strcmp((char *)region + CMDLINE_ADDR,
		     "console=hvc0 root=/dev/vda") == 0);
	CHECK(bp->hdr.ramdisk_image == ki.initrd_addr);
	CHECK(bp->hdr.ramdisk_size == sizeof(rd));
	CHECK(bp->e820_entries == 3);
	CHECK(bp->e820_table[0].addr == 0 && bp->e820_table[0].type == 1);
	CHECK(bp->e820_table[0].size == ki.pgtables);
	CHECK(bp->e820_table[1].addr == ki.pgtables);
	CHECK(bp->e820_table[1].type == 2);
	CHECK(bp->e820_table[2].addr == ki.initrd_addr);
	CHECK(bp->e820_table[2].addr + bp->e820_table[2].size == TMEM);
	return 0;
}

static int t_boot_params_bzimage(void)
{
	struct kernel_info ki;
	struct boot_params *bp = (struct boot_params *)region;
	static char longline[3000];
	size_t len = bz(0x020f, 3 * MB);

	CHECK(load_kernel(img, len, &ki) == 0);
	CHECK(setup_pagetables(&ki) == 0);
	CHECK(setup_boot_params(&ki, "quiet") == 0);
	CHECK(bp->hdr.version == 0x020f && bp->hdr.code32_start == 0x100000);
	CHECK(bp->hdr.hardware_subarch == 1 && bp->e820_entries == 2);
	CHECK(bp->e820_table[1].addr + bp->e820_table[1].size == TMEM);
	memset(longline, 'a', sizeof(longline) - 1);
	FAILS_WITH(setup_boot_params(&ki, longline), "at most 2047");
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The device page. */

static int t_device_page_layout(void)
{
	char path[] = "/tmp/lguest-blk-XXXXXX";
	int fd = mkstemp(path);
	u8 *page = region + TMEM, *p;
	struct lguest_vqconfig vc;
	u64 capacity;

	CHECK(fd >= 0 && ftruncate(fd, 1 * MB) == 0);
	CHECK(setup_console(0, 1) != NULL);
	CHECK(setup_block(path) != NULL);
	unlink(path);
	close(fd);
	/* The console: 5-byte header, two queues, no features, no config. */
	CHECK(page[0] == VIRTIO_ID_CONSOLE && page[1] == 2);
	CHECK(page[2] == 0 && page[3] == 0 && page[4] == 0);
	memcpy(&vc, page + 5, sizeof(vc));
	CHECK(vc.num == VQ_SIZE && vc.irq == 1 && vc.pfn == 0);
	memcpy(&vc, page + 13, sizeof(vc));
	CHECK(vc.num == VQ_SIZE && vc.irq == 1);
	/* The disk right after it: one queue, 2 feature bytes, config. */
	p = page + 21;
	CHECK(devices[1].offset == 21);
	CHECK(p[0] == VIRTIO_ID_BLOCK && p[1] == 1 && p[2] == 2);
	CHECK(p[3] == sizeof(struct virtio_blk_config));
	memcpy(&vc, p + 5, sizeof(vc));
	CHECK(vc.irq == 2);
	CHECK(p[13] & (1 << VIRTIO_BLK_F_SEG_MAX));
	CHECK(p[14] & (1 << (VIRTIO_BLK_F_FLUSH - 8)));
	CHECK(!(p[13] & (1 << VIRTIO_BLK_F_RO)));
	CHECK(p[15] == 0 && p[16] == 0);	/* accepted: none yet */
	memcpy(&capacity, p + 17, 8);
	CHECK(capacity == 2048);
	/* And the end of the list. */
	CHECK(p[5 + 8 + 4 + sizeof(struct virtio_blk_config)] == 0);
	return 0;
}

static int t_device_page_full(void)
{
	static u8 cfg[255];
	unsigned int i;

	for (i = 0; i < 20; i++)
		if (!add_device("big", 9, 0, 0, cfg, sizeof(cfg)))
			break;
	CHECK(i == MAX_DEVICES);
	CHECK(strstr(why_failed(), "too many devices"));
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Virtqueues against fake Guest memory.  The ring lives at page 16. */

#define RING_PFN 16
static struct virtqueue tvq;

static int ring(u16 num)
{
	memset(&tvq, 0, sizeof(tvq));
	tvq.num = num;
	tvq.irq = 5;
	tvq.kick_fd = -1;
	pthread_mutex_init(&tvq.lock, NULL);
	return vq_attach(&tvq, RING_PFN);
}

static void desc(u16 i, u64 addr, u32 len, u16 flags, u16 next)
{
	tvq.desc[i].addr = addr;
	tvq.desc[i].len = len;
	tvq.desc[i].flags = flags;
	tvq.desc[i].next = next;
}

static void avail(u16 head)
{
	tvq.avail->ring[tvq.avail->idx % tvq.num] = head;
	tvq.avail->idx++;
}

static int t_vq_good_chain(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(3, 0x40000, 16, VRING_DESC_F_NEXT, 5);
	desc(5, 0x41000, 100, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 0);
	desc(0, 0x42000, 1, VRING_DESC_F_WRITE, 0);
	avail(3);
	CHECK(vq_pop(&tvq, &c) == 1);
	CHECK(c.head == 3 && c.n_out == 1 && c.n_in == 2);
	CHECK(c.out_len == 16 && c.in_len == 101);
	CHECK(c.iov[0].iov_base == region + 0x40000);
	CHECK(c.iov[1].iov_base == region + 0x41000 && c.iov[1].iov_len == 100);
	CHECK(c.iov[2].iov_base == region + 0x42000);
	CHECK(vq_pop(&tvq, &c) == 0);
	vq_push(&tvq, 3, 42);
	CHECK(tvq.used->idx == 1 && tvq.used->ring[0].id == 3);
	CHECK(tvq.used->ring[0].len == 42);
	return 0;
}

static int t_vq_empty_and_unattached(void)
{
	struct vq_chain c;

	memset(&tvq, 0, sizeof(tvq));
	tvq.num = 8;
	CHECK(vq_pop(&tvq, &c) == 0);
	CHECK(ring(8) == 0);
	CHECK(vq_pop(&tvq, &c) == 0);
	return 0;
}

static int t_vq_out_of_bounds(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, TMEM - 8, 16, 0, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "outside the Guest");
	return 0;
}

static int t_vq_address_wraps(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, 0xFFFFFFFFFFFFF000ull, 0x2000, 0, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "outside the Guest");
	CHECK(ring(8) == 0);
	desc(0, 0x1000, 0xFFFFFFFFu, 0, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "outside the Guest");
	return 0;
}

static int t_vq_device_page_is_not_memory(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, TMEM, 4, 0, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "outside the Guest");
	return 0;
}

static int t_vq_loop(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(1, 0x40000, 4, VRING_DESC_F_NEXT, 2);
	desc(2, 0x40000, 4, VRING_DESC_F_NEXT, 1);
	avail(1);
	FAILS_WITH(vq_pop(&tvq, &c), "loops");
	CHECK(ring(8) == 0);
	desc(4, 0x40000, 4, VRING_DESC_F_NEXT, 4);
	avail(4);
	FAILS_WITH(vq_pop(&tvq, &c), "loops");
	return 0;
}

static int t_vq_full_length_chain(void)
{
	struct vq_chain c;
	u16 i;

	CHECK(ring(8) == 0);
	for (i = 0; i < 8; i++)
		desc(i, 0x40000 + i * 64, 64, i < 7 ? VRING_DESC_F_NEXT : 0,
		     i + 1);
	avail(0);
	CHECK(vq_pop(&tvq, &c) == 1 && c.n_out == 8 && c.out_len == 512);
	return 0;
}

static int t_vq_bad_next(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, 0x40000, 4, VRING_DESC_F_NEXT, 8);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "outside the ring");
	return 0;
}

static int t_vq_bad_head(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	avail(200);
	FAILS_WITH(vq_pop(&tvq, &c), "head 200");
	return 0;
}

static int t_vq_avail_jump(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	tvq.avail->idx = 9;
	FAILS_WITH(vq_pop(&tvq, &c), "available index");
	return 0;
}

static int t_vq_zero_length(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, 0x40000, 0, VRING_DESC_F_NEXT, 1);
	desc(1, TMEM, 0, VRING_DESC_F_WRITE, 0);
	avail(0);
	CHECK(vq_pop(&tvq, &c) == 1);
	CHECK(c.n_out == 1 && c.n_in == 1 && c.out_len == 0 && c.in_len == 0);
	return 0;
}

static int t_vq_order(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, 0x40000, 4, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 1);
	desc(1, 0x41000, 4, 0, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "after a writable");
	return 0;
}

static int t_vq_indirect(void)
{
	struct vq_chain c;

	CHECK(ring(8) == 0);
	desc(0, 0x40000, 16, VRING_DESC_F_INDIRECT, 0);
	avail(0);
	FAILS_WITH(vq_pop(&tvq, &c), "indirect");
	return 0;
}

static int t_vq_wraparound(void)
{
	struct vq_chain c;
	unsigned int i;

	CHECK(ring(4) == 0);
	tvq.last_avail = tvq.used_idx = 65534;
	tvq.avail->idx = 65534;
	tvq.used->idx = 65534;
	desc(0, 0x40000, 4, 0, 0);
	desc(1, 0x41000, 4, 0, 0);
	desc(2, 0x42000, 4, 0, 0);
	for (i = 0; i < 3; i++)
		avail(i);
	CHECK(tvq.avail->idx == 1);
	for (i = 0; i < 3; i++) {
		CHECK(vq_pop(&tvq, &c) == 1 && c.head == i);
		vq_push(&tvq, c.head, 0);
	}
	CHECK(vq_pop(&tvq, &c) == 0);
	CHECK(tvq.last_avail == 1 && tvq.used->idx == 1);
	CHECK(tvq.used->ring[65534 % 4].id == 0);
	CHECK(tvq.used->ring[0].id == 2);
	return 0;
}

static int t_vq_ring_outside(void)
{
	memset(&tvq, 0, sizeof(tvq));
	tvq.num = 256;
	FAILS_WITH(vq_attach(&tvq, TMEM / PAGE_SIZE - 1), "does not fit");
	FAILS_WITH(vq_attach(&tvq, 0), "does not fit");
	FAILS_WITH(vq_attach(&tvq, 0xFFFFFFFFu), "does not fit");
	CHECK(tvq.desc == NULL);
	return 0;
}

static int t_vq_interrupts(void)
{
	u32 irq = 0;

	CHECK(ring(8) == 0);
	CHECK(vq_interrupt(&tvq) == 0);
	CHECK(irqs(&irq) == 1 && irq == 5);
	tvq.avail->flags = VRING_AVAIL_F_NO_INTERRUPT;
	CHECK(vq_interrupt(&tvq) == 0);
	CHECK(irqs(NULL) == 0);
	return 0;
}

static int t_iov_helpers(void)
{
	u8 a[3] = "abc", b[4] = "defg", out[7];
	struct iovec iov[2] = { { a, 3 }, { b, 4 } }, part[2];
	unsigned int k;

	CHECK(iov_from(iov, 2, 2, out, 4) == 4 && memcmp(out, "cdef", 4) == 0);
	CHECK(iov_from(iov, 2, 5, out, 10) == 2 && memcmp(out, "fg", 2) == 0);
	CHECK(iov_to(iov, 2, 1, "XYZW", 4) == 4 && memcmp(a, "aXY", 3) == 0);
	CHECK(memcmp(b, "ZWfg", 4) == 0);
	k = iov_slice(iov, 2, 2, 3, part);
	CHECK(k == 2 && part[0].iov_base == a + 2 && part[0].iov_len == 1);
	CHECK(part[1].iov_base == b && part[1].iov_len == 2);
	CHECK(iov_from(iov, 2, 7, out, 1) == 0);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Notifications and devices. */

static void set_pfn(struct virtqueue *vq, u32 pfn)
{
	memcpy((u8 *)vq_config(vq) + offsetof(struct lguest_vqconfig, pfn),
	       &pfn, 4);
}

static int t_notify_unknown(void)
{
	CHECK(setup_console(0, 1) != NULL);
	FAILS_WITH(device_notify(0x50000), "neither a device");
	FAILS_WITH(device_notify(TMEM + 3), "not a device");
	return 0;
}

static int t_console_output(void)
{
	struct device *d = setup_console(0, out_pipe[1]);
	char buf[64];
	u32 irq;

	CHECK(d != NULL);
	set_pfn(&d->vq[1], 40);
	memcpy(region + 0x60000, "hello, ", 7);
	memcpy(region + 0x61000, "world", 5);
	CHECK(device_notify(40 * PAGE_SIZE) == 0);	/* attach, empty */
	tvq = d->vq[1];
	desc(0, 0x60000, 7, VRING_DESC_F_NEXT, 1);
	desc(1, 0x61000, 5, 0, 0);
	d->vq[1].avail->ring[0] = 0;
	d->vq[1].avail->idx = 1;
	CHECK(device_notify(40 * PAGE_SIZE) == 0);
	CHECK(output(buf, sizeof(buf)) == 12 && strcmp(buf, "hello, world") == 0);
	CHECK(d->vq[1].used->idx == 1 && d->vq[1].used->ring[0].len == 0);
	CHECK(irqs(&irq) == 1 && irq == 1);
	return 0;
}

static int t_console_output_hostile(void)
{
	struct device *d = setup_console(0, out_pipe[1]);

	CHECK(d != NULL);
	set_pfn(&d->vq[1], 40);
	CHECK(device_notify(40 * PAGE_SIZE) == 0);
	d->vq[1].desc[0].addr = 0x7000000000ull;
	d->vq[1].desc[0].len = 4;
	d->vq[1].avail->idx = 1;
	FAILS_WITH(device_notify(40 * PAGE_SIZE), "outside the Guest");
	return 0;
}

static int t_console_input(void)
{
	struct device *d = setup_console(0, out_pipe[1]);
	struct virtqueue *vq;
	size_t taken;
	u32 irq;

	CHECK(d != NULL);
	vq = &d->vq[0];
	set_pfn(vq, 48);
	CHECK(vq_deliver(vq, NULL, 0, "x", 1, false, &taken) == 0);
	d->desc->status = VIRTIO_CONFIG_S_DRIVER_OK;
	CHECK(device_notify(TMEM + d->offset) == 0);	/* attaches the ring */
	CHECK(vq->desc != NULL);
	tvq = *vq;
	desc(0, 0x70000, 4, VRING_DESC_F_WRITE, 0);
	desc(1, 0x71000, 4, VRING_DESC_F_WRITE, 0);
	vq->avail->ring[0] = 0;
	vq->avail->ring[1] = 1;
	vq->avail->idx = 2;
	CHECK(vq_deliver(vq, NULL, 0, "abcdef", 6, false, &taken) == 1);
	CHECK(taken == 4 && memcmp(region + 0x70000, "abcd", 4) == 0);
	CHECK(vq_deliver(vq, NULL, 0, "ef", 2, false, &taken) == 1);
	CHECK(taken == 2 && memcmp(region + 0x71000, "ef", 2) == 0);
	CHECK(vq->used->idx == 2 && vq->used->ring[1].len == 2);
	CHECK(vq_deliver(vq, NULL, 0, "g", 1, false, &taken) == 0);
	CHECK(irqs(&irq) == 2 && irq == 1);
	return 0;
}

static int t_console_thread(void)
{
	volatile struct vring_used *used;
	struct device *d;
	struct vring vr;
	pthread_t t;
	int in[2], i;

	CHECK(pipe(in) == 0);
	d = setup_console(in[0], out_pipe[1]);
	CHECK(d != NULL);
	CHECK(write(in[1], "hi!", 3) == 3);
	CHECK(pthread_create(&t, NULL, input_thread, &d->vq[0]) == 0);
	usleep(20000);		/* it reads, and holds the keys: no ring yet */
	vring_init(&vr, VQ_SIZE, region + 48 * PAGE_SIZE, LGUEST_DEVICE_ALIGN);
	vr.desc[0].addr = 0x70000;
	vr.desc[0].len = 16;
	vr.desc[0].flags = VRING_DESC_F_WRITE;
	vr.avail->ring[0] = 0;
	vr.avail->idx = 1;
	set_pfn(&d->vq[0], 48);
	CHECK(device_notify(48 * PAGE_SIZE) == 0);
	used = vr.used;
	for (i = 0; i < 500 && used->idx == 0; i++)
		usleep(10000);
	CHECK(used->idx == 1 && used->ring[0].len == 3);
	CHECK(memcmp(region + 0x70000, "hi!", 3) == 0);
	close(in[1]);
	CHECK(pthread_join(t, NULL) == 0);	/* end of input ends it */
	close(in[0]);
	CHECK(irqs(NULL) == 1);
	return 0;
}

static int t_input_whole_drops(void)
{
	struct device *d = setup_console(0, out_pipe[1]);
	struct virtqueue *vq;
	size_t taken;
	char frame[100];

	CHECK(d != NULL);
	vq = &d->vq[0];
	CHECK(vq_attach(vq, 48) == 0);
	tvq = *vq;
	desc(0, 0x70000, 50, VRING_DESC_F_WRITE, 0);
	vq->avail->ring[0] = 0;
	vq->avail->idx = 1;
	memset(frame, 'f', sizeof(frame));
	CHECK(vq_deliver(vq, "HDR", 3, frame, 100, true, &taken) == 1);
	CHECK(taken == 100 && vq->used->idx == 0 && vq->last_avail == 0);
	CHECK(vq_deliver(vq, "HDR", 3, frame, 40, true, &taken) == 1);
	CHECK(taken == 40 && vq->used->idx == 1 && vq->used->ring[0].len == 43);
	CHECK(memcmp(region + 0x70000, "HDRff", 5) == 0);
	return 0;
}

static int t_status_reset(void)
{
	struct device *d = setup_console(0, out_pipe[1]);
	u8 *accepted;

	CHECK(d != NULL);
	set_pfn(&d->vq[1], 40);
	CHECK(device_notify(40 * PAGE_SIZE) == 0);
	CHECK(d->vq[1].desc != NULL);
	d->desc->status = 0;
	CHECK(device_notify(TMEM + d->offset) == 0);
	CHECK(d->vq[1].desc == NULL && d->vq[1].last_avail == 0);
	/* A device with features has its accepted bits cleared. */
	d = add_device("f", 9, 0, 0x3, NULL, 0);
	CHECK(d != NULL && d->desc->feature_len == 1);
	accepted = device_features(d) + 1;
	*accepted = 3;
	CHECK(device_notify(TMEM + d->offset) == 0 && *accepted == 0);
	return 0;
}

static int t_status_hostile_header(void)
{
	u8 cfg[4] = { 1, 2, 3, 4 };
	struct device *d = add_device("f", 9, 1, 0x1, cfg, sizeof(cfg));
	u8 *accepted;

	CHECK(d != NULL && add_vq(d, 0, NULL) == 0);
	accepted = device_features(d) + 1;
	*accepted = 1;
	d->desc->feature_len = 255;	/* the Guest lies about the layout */
	d->desc->num_vq = 200;
	d->desc->status = 0;
	CHECK(device_notify(TMEM + d->offset) == 0);
	CHECK(*accepted == 0 && memcmp(accepted + 1, cfg, 4) == 0);
	return 0;
}

static int t_status_bad_ring(void)
{
	struct device *d = setup_console(0, out_pipe[1]);

	CHECK(d != NULL);
	set_pfn(&d->vq[0], TMEM / PAGE_SIZE);
	d->desc->status = VIRTIO_CONFIG_S_DRIVER_OK;
	FAILS_WITH(device_notify(TMEM + d->offset), "does not fit");
	return 0;
}

/* The block device on a temporary file. */
static char blk_path[64];

static struct device *disk(const char *opts, unsigned int bytes)
{
	struct device *d;
	char spec[80];
	u8 *data = malloc(bytes);
	unsigned int i;
	int fd;

	strcpy(blk_path, "/tmp/lguest-blk-XXXXXX");
	fd = mkstemp(blk_path);
	for (i = 0; i < bytes; i++)
		data[i] = i / 512;
	if (write(fd, data, bytes) != (ssize_t)bytes)
		return NULL;
	free(data);
	close(fd);
	snprintf(spec, sizeof(spec), "%s%s", blk_path, opts);
	quiet();
	d = setup_block(spec);
	loud();
	if (d) {
		set_pfn(&d->vq[0], 56);
		if (vq_attach(&d->vq[0], 56) < 0)
			return NULL;
		tvq = d->vq[0];
	}
	return d;
}

/* One request: header at 0x80000, data at 0x81000, status at 0x82000. */
static int blk_request(u32 type, u64 sector, u32 len,
		       bool data_in)
{
	struct virtio_blk_outhdr h = { .type = type, .sector = sector };
	u16 i = tvq.avail->idx % tvq.num;

	memcpy(region + 0x80000, &h, sizeof(h));
	region[0x82000] = 0xEE;
	desc(0, 0x80000, sizeof(h), VRING_DESC_F_NEXT, 1);
	desc(1, 0x81000, len, VRING_DESC_F_NEXT |
	     (data_in ? VRING_DESC_F_WRITE : 0), 2);
	desc(2, 0x82000, 1, VRING_DESC_F_WRITE, 0);
	tvq.avail->ring[i] = 0;
	tvq.avail->idx++;
	return device_notify(56 * PAGE_SIZE) ? -1 : region[0x82000];
}

static int t_block_read(void)
{
	struct device *d = disk("", 8192);

	CHECK(d != NULL);
	CHECK(blk_request(VIRTIO_BLK_T_IN, 3, 1024, true) == VIRTIO_BLK_S_OK);
	CHECK(region[0x81000] == 3 && region[0x81000 + 1023] == 4);
	CHECK(d->vq[0].used->ring[0].len == 1025);
	CHECK(irqs(NULL) == 1);
	unlink(blk_path);
	return 0;
}

static int t_block_write(void)
{
	struct device *d = disk("", 8192);
	u8 back[512];
	int fd;

	CHECK(d != NULL);
	memset(region + 0x81000, 0x77, 512);
	CHECK(blk_request(VIRTIO_BLK_T_OUT, 15, 512, false) ==
	      VIRTIO_BLK_S_OK);
	fd = open(blk_path, O_RDONLY);
	CHECK(pread(fd, back, 512, 15 * 512) == 512 && back[0] == 0x77);
	CHECK(pread(fd, back, 1, 14 * 512) == 1 && back[0] == 14);
	close(fd);
	CHECK(blk_request(VIRTIO_BLK_T_FLUSH, 0, 0, false) ==
	      VIRTIO_BLK_S_OK);
	unlink(blk_path);
	return 0;
}

static int t_block_readonly(void)
{
	struct device *d = disk(",ro", 8192);
	u8 back;
	int fd;

	CHECK(d != NULL);
	CHECK(device_features(d)[0] & (1 << VIRTIO_BLK_F_RO));
	memset(region + 0x81000, 0x77, 512);
	CHECK(blk_request(VIRTIO_BLK_T_OUT, 1, 512, false) ==
	      VIRTIO_BLK_S_IOERR);
	fd = open(blk_path, O_RDONLY);
	CHECK(pread(fd, &back, 1, 512) == 1 && back == 1);
	close(fd);
	CHECK(blk_request(VIRTIO_BLK_T_IN, 1, 512, true) == VIRTIO_BLK_S_OK);
	unlink(blk_path);
	return 0;
}

static int t_block_past_end(void)
{
	struct device *d = disk("", 8192);

	CHECK(d != NULL);
	CHECK(blk_request(VIRTIO_BLK_T_IN, 15, 1024, true) ==
	      VIRTIO_BLK_S_IOERR);
	CHECK(blk_request(VIRTIO_BLK_T_IN, ~0ull / 256, 512, true) ==
	      VIRTIO_BLK_S_IOERR);
	CHECK(blk_request(VIRTIO_BLK_T_OUT, 16, 512, false) ==
	      VIRTIO_BLK_S_IOERR);
	CHECK(blk_request(VIRTIO_BLK_T_IN, 15, 512, true) ==
	      VIRTIO_BLK_S_OK);
	unlink(blk_path);
	return 0;
}

static int t_block_capacity(void)
{
	struct device *d = disk("", 1 * MB + 100);
	struct virtio_blk_config cfg;

	CHECK(d != NULL);
	memcpy(&cfg, device_features(d) + 2 * d->desc->feature_len,
	       sizeof(cfg));
	CHECK(cfg.capacity == 2048 && cfg.seg_max == VQ_SIZE - 2);
	unlink(blk_path);
	return 0;
}

/* A disk of 3 GB, sparse, is measured whole, and read and written beyond
 * 2 GB: an i386 Launcher with a 32-bit off_t refused it with "Value too
 * large for defined data type". */
static int t_block_large_disk(void)
{
	const u64 size = 3ull << 30, sector = ((5ull << 30) / 2) / 512;
	char path[] = "/tmp/lguest-blk-XXXXXX", spec[40];
	struct virtio_blk_config cfg;
	struct device *d;
	u8 back;
	int fd = mkstemp(path);

	CHECK(fd >= 0 && ftruncate(fd, size) == 0);
	close(fd);
	snprintf(spec, sizeof(spec), "%s", path);
	d = setup_block(spec);
	CHECK(d != NULL);
	memcpy(&cfg, device_features(d) + 2 * d->desc->feature_len,
	       sizeof(cfg));
	CHECK(cfg.capacity == size / 512);
	set_pfn(&d->vq[0], 56);
	CHECK(vq_attach(&d->vq[0], 56) == 0);
	tvq = d->vq[0];
	memset(region + 0x81000, 0x5a, 512);
	CHECK(blk_request(VIRTIO_BLK_T_OUT, sector, 512, false) ==
	      VIRTIO_BLK_S_OK);
	memset(region + 0x81000, 0, 512);
	CHECK(blk_request(VIRTIO_BLK_T_IN, sector, 512, true) ==
	      VIRTIO_BLK_S_OK);
	CHECK(region[0x81000] == 0x5a && region[0x81000 + 511] == 0x5a);
	fd = open(path, O_RDONLY);
	CHECK(pread(fd, &back, 1, sector * 512) == 1 && back == 0x5a);
	close(fd);
	CHECK(blk_request(VIRTIO_BLK_T_IN, size / 512, 512, true) ==
	      VIRTIO_BLK_S_IOERR);
	unlink(path);
	return 0;
}

static int t_block_id_and_unsupported(void)
{
	struct device *d = disk("", 4096);

	CHECK(d != NULL);
	CHECK(blk_request(VIRTIO_BLK_T_GET_ID, 0, 20, true) ==
	      VIRTIO_BLK_S_OK);
	CHECK(memcmp(region + 0x81000, "lguest-block", 12) == 0);
	CHECK(blk_request(77, 0, 20, true) == VIRTIO_BLK_S_UNSUPP);
	unlink(blk_path);
	return 0;
}

static int t_block_hostile(void)
{
	struct device *d = disk("", 4096);

	CHECK(d != NULL);
	desc(0, 0x80000, 8, VRING_DESC_F_NEXT, 1);	/* short header */
	desc(1, 0x82000, 1, VRING_DESC_F_WRITE, 0);
	tvq.avail->ring[0] = 0;
	tvq.avail->idx = 1;
	FAILS_WITH(device_notify(56 * PAGE_SIZE), "header");
	unlink(blk_path);
	return 0;
}

static int t_block_missing_file(void)
{
	CHECK(setup_block("/nonexistent/disk.img") == NULL);
	CHECK(strstr(why_failed(), "cannot open block device"));
	return 0;
}

/* Only a regular file or a block device is a disk, and it has at least one
 * sector. */
static int t_block_not_a_disk(void)
{
	char path[] = "/tmp/lguest-blk-XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0 && write(fd, "short", 5) == 5);
	close(fd);
	CHECK(setup_block("/dev/zero") == NULL);
	CHECK(strstr(why_failed(), "/dev/zero is a character device"));
	CHECK(setup_block("/tmp") == NULL);
	CHECK(strstr(why_failed(), "/tmp is a directory"));
	CHECK(setup_block(path) == NULL);
	CHECK(strstr(why_failed(), "capacity 0"));
	unlink(path);
	CHECK(num_devices == 0);
	return 0;
}

static int t_net_bad_name(void)
{
	CHECK(setup_net("a-name-much-too-long-for-linux") == NULL);
	CHECK(strstr(why_failed(), "not a network interface"));
	CHECK(setup_net("") == NULL);
	return 0;
}

/*
 * --tunnet=TAP,mac=ADDRESS: every bad address is refused, with its reason,
 * before any tap is opened, so this runs without root too.
 */
static int t_net_bad_mac(void)
{
	static const struct { const char *spec, *text; } bad[] = {
		{ "lgtest0,mac=02:4c:47:00:01", "is not a MAC address" },
		{ "lgtest0,mac=02:4c:47:00:01:3", "is not a MAC address" },
		{ "lgtest0,mac=02:4c:47:00:01:033", "is not a MAC address" },
		{ "lgtest0,mac=02:4c:47:00:01:03:", "is not a MAC address" },
		{ "lgtest0,mac=02-4c-47-00-01-03", "is not a MAC address" },
		{ "lgtest0,mac=02:4c:47:00:01:0g", "is not a MAC address" },
		{ "lgtest0,mac= 2:4c:47:00:01:03", "is not a MAC address" },
		{ "lgtest0,mac=0x2:4c:47:00:01:03", "is not a MAC address" },
		{ "lgtest0,mac=", "is not a MAC address" },
		{ "lgtest0,mac=02:4c:47:00:01:03,mac=02:4c:47:00:01:04",
		  "is not a MAC address" },
		{ "lgtest0,mac=01:00:5e:00:00:01", "is a multicast address" },
		{ "lgtest0,mac=03:4c:47:00:01:03", "is a multicast address" },
		{ "lgtest0,mac=ff:ff:ff:ff:ff:ff", "is a multicast address" },
		{ "lgtest0,mac=00:00:00:00:00:00", "is all zeroes" },
		{ "lgtest0,ro", "only mac=ADDRESS may follow the tap's name, not 'ro'" },
		{ "lgtest0,MAC=02:4c:47:00:01:03", "only mac=ADDRESS may follow" },
		{ "lgtest0,", "only mac=ADDRESS may follow" },
		{ ",mac=02:4c:47:00:01:03", "is not a network interface name" },
		{ "a-name-much-too-long-for-linux,mac=02:4c:47:00:01:03",
		  "'a-name-much-too-long-for-linux' is not a network interface" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (setup_net(bad[i].spec) != NULL ||
		    !strstr(why_failed(), bad[i].text)) {
			snprintf(why, sizeof(why), "--tunnet=%s: got '%s'",
				 bad[i].spec, why_failed());
			return 1;
		}
	}
	CHECK(num_devices == 0);
	return 0;
}

/* The network device on a real tap interface: only as root, and in a child
 * process, because the receive thread cannot be stopped and the interface
 * must not outlive the test.  The child returns 0, or the failing line. */
#define NCHECK(cond) do { if (!(cond)) _exit(__LINE__ & 0xff ? __LINE__ & 0xff : 1); } while (0)

static int net_child(void)
{
	static const u8 mac[6] = { 0x02, 0, 0, 0, 0, 0x99 };
	static const u8 card[6] = { 0x02, 0x4c, 0x47, 0x00, 0x01, 0x03 };
	struct ifreq ifr = { .ifr_name = "lgtest0" };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	volatile struct vring_used *used;
	struct timeval tv = { .tv_sec = 3 };
	struct device *d;
	struct vring vr;
	pthread_t t;
	u8 frame[64], got[2048];
	int s, ps, i, found = 0;
	FILE *f;

	/* The address given, in either case, is the card's configuration. */
	d = setup_net("lgtest0,mac=02:4C:47:00:01:03");
	NCHECK(d != NULL && strcmp(d->name, "lgtest0") == 0);
	NCHECK(d->desc->config_len == sizeof(card));
	NCHECK(memcmp(device_features(d) + 2 * d->feature_len, card, 6) == 0);
	f = fopen("/proc/sys/net/ipv6/conf/lgtest0/disable_ipv6", "w");
	if (f) {
		fputs("1", f);
		fclose(f);
	}
	s = socket(AF_INET, SOCK_DGRAM, 0);
	NCHECK(ioctl(s, SIOCGIFFLAGS, &ifr) == 0);
	ifr.ifr_flags |= IFF_UP;
	NCHECK(ioctl(s, SIOCSIFFLAGS, &ifr) == 0);
	ps = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = if_nametoindex("lgtest0");
	NCHECK(ps >= 0 && bind(ps, (struct sockaddr *)&sll, sizeof(sll)) == 0);
	setsockopt(ps, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

	/* Transmit: a 10-byte header, then the frame, in two buffers. */
	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6);
	memcpy(frame + 6, mac, 6);
	frame[12] = 0x88;
	frame[13] = 0xb5;		/* local experimental ethertype */
	memcpy(frame + 14, "lguest-tx", 9);
	memset(region + 0x60000, 0, 10);
	memcpy(region + 0x61000, frame, sizeof(frame));
	set_pfn(&d->vq[1], 40);
	vring_init(&vr, VQ_SIZE, region + 40 * PAGE_SIZE, LGUEST_DEVICE_ALIGN);
	vr.desc[0].addr = 0x60000;
	vr.desc[0].len = 10;
	vr.desc[0].flags = VRING_DESC_F_NEXT;
	vr.desc[0].next = 1;
	vr.desc[1].addr = 0x61000;
	vr.desc[1].len = sizeof(frame);
	vr.avail->ring[0] = 0;
	vr.avail->idx = 1;
	NCHECK(device_notify(40 * PAGE_SIZE) == 0);
	NCHECK(vr.used->idx == 1);
	for (i = 0; i < 20 && !found; i++) {
		ssize_t n = recv(ps, got, sizeof(got), 0);
		NCHECK(n > 0);
		found = n >= 23 && memcmp(got + 14, "lguest-tx", 9) == 0;
	}
	NCHECK(found);

	/* Receive: a frame sent out of the interface reaches the Guest. */
	vring_init(&vr, VQ_SIZE, region + 48 * PAGE_SIZE, LGUEST_DEVICE_ALIGN);
	vr.desc[0].addr = 0x70000;
	vr.desc[0].len = 2048;
	vr.desc[0].flags = VRING_DESC_F_WRITE;
	vr.avail->ring[0] = 0;
	vr.avail->idx = 1;
	set_pfn(&d->vq[0], 48);
	NCHECK(pthread_create(&t, NULL, input_thread, &d->vq[0]) == 0);
	NCHECK(device_notify(48 * PAGE_SIZE) == 0);
	memcpy(frame + 14, "lguest-rx", 9);
	NCHECK(send(ps, frame, sizeof(frame), 0) == sizeof(frame));
	used = vr.used;
	for (i = 0; i < 300 && used->idx == 0; i++)
		usleep(10000);
	NCHECK(used->idx == 1 && used->ring[0].len == 10 + sizeof(frame));
	NCHECK(memcmp(region + 0x70000 + 10 + 14, "lguest-rx", 9) == 0);
	NCHECK(region[0x70000] == 0 && region[0x70000 + 9] == 0);
	_exit(0);
}

/* Without mac=, the card of device 1 is 02:4c:47:00:00:01. */
static int default_mac_child(void)
{
	static const u8 want[6] = { 0x02, 0x4c, 0x47, 0x00, 0x00, 0x01 };
	struct device *d;

	NCHECK(setup_console(0, 1) != NULL);
	d = setup_net("lgtest1");
	NCHECK(d != NULL && strcmp(d->name, "lgtest1") == 0);
	NCHECK(memcmp(device_features(d) + 2 * d->feature_len, want, 6) == 0);
	_exit(0);
}

/* Run CHILD, a test that needs a real tap, in a child process. */
static int tap_test(int (*child)(void), const char *name)
{
	pid_t pid;
	int status;

	if (geteuid() != 0 || access("/dev/net/tun", R_OK | W_OK)) {
		printf("# %s skipped: needs root and /dev/net/tun\n", name);
		return 0;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		child();
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	snprintf(why, sizeof(why), "child failed near line %d (mod 256)",
		 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int t_net_tap(void)
{
	return tap_test(net_child, "net_tap");
}

static int t_net_default_mac(void)
{
	return tap_test(default_mac_child, "net_default_mac");
}

/* ------------------------------------------------------------------------ */
/* The run loop, with made-up exits. */

static int t_exit_console(void)
{
	struct lguest_exit e = { .kind = LGEXIT_CONSOLE, .arg = { 0x9000, 5 } };
	char buf[16];

	memcpy(region + 0x9000, "PASS\n", 5);
	CHECK(handle_exit(&e) == KEEP_RUNNING);
	CHECK(output(buf, sizeof(buf)) == 5 && strcmp(buf, "PASS\n") == 0);
	return 0;
}

static int t_exit_console_device_page(void)
{
	struct lguest_exit e = { .kind = LGEXIT_CONSOLE,
				 .arg = { TMEM - 2, 5 } };
	char buf[16];

	memcpy(region + TMEM - 2, "ramdv", 5);
	CHECK(handle_exit(&e) == KEEP_RUNNING);
	CHECK(output(buf, sizeof(buf)) == 5 && strcmp(buf, "ramdv") == 0);
	return 0;
}

static int t_exit_console_hostile(void)
{
	struct lguest_exit e = { .kind = LGEXIT_CONSOLE,
				 .arg = { TMEM + PAGE_SIZE - 2, 5 } };
	int r;

	quiet();
	r = handle_exit(&e);
	e.arg[0] = 0xFFFFFFFF;
	e.arg[1] = 2;
	r += handle_exit(&e);
	e.arg[0] = TMEM + PAGE_SIZE - 1;
	r += handle_exit(&e);
	loud();
	CHECK(r == 3);
	return 0;
}

static int t_exit_shutdown_and_death(void)
{
	struct lguest_exit e = { .kind = LGEXIT_SHUTDOWN,
				 .arg = { LGUEST_SHUTDOWN_POWEROFF } };
	int a, b, c, d, f, g;

	strcpy(e.why, "Power down");
	quiet();
	a = handle_exit(&e);
	e.arg[0] = LGUEST_SHUTDOWN_RESTART;
	b = handle_exit(&e);
	e.arg[0] = 99;
	c = handle_exit(&e);
	e.arg[0] = LGUEST_SHUTDOWN_CRASH;
	g = handle_exit(&e);
	e.kind = LGEXIT_DEAD;
	memset(e.why, 'z', sizeof(e.why));	/* no NUL at all */
	d = handle_exit(&e);
	e.kind = 1234;
	f = handle_exit(&e);
	loud();
	CHECK(a == 0 && b == RESTART && c == 1 && d == 1 && f == 1 && g == 2);
	return 0;
}

/* What the Guest wrote reaches the terminal with its control characters
 * escaped, after the Launcher's own words and on the same line: no escape
 * sequence, and no forged line of ours. */
static int t_exit_guest_text_escaped(void)
{
	static const u32 kinds[][2] = {
		{ LGEXIT_SHUTDOWN, LGUEST_SHUTDOWN_POWEROFF },
		{ LGEXIT_SHUTDOWN, LGUEST_SHUTDOWN_RESTART },
		{ LGEXIT_SHUTDOWN, 99 },
		{ LGEXIT_DEAD, 0 },
	};
	static const char sent[] = "bye\033]0;pwned\007\r\nlguest: Guest "
		"died: forged\033[2K\\x1b\x9b";
	static const char shown[] = "bye\\x1b]0;pwned\\x07\\x0d\\x0algues"
		"t: Guest died: forged\\x1b[2K\\\\x1b\\x9b\n";
	struct lguest_exit e;
	char buf[4096], *line;
	unsigned int i;

	memset(&e, 0, sizeof(e));
	memcpy(e.why, sent, sizeof(sent));
	catch_stderr();
	for (i = 0; i < 4; i++) {
		e.kind = kinds[i][0];
		e.arg[0] = kinds[i][1];
		handle_exit(&e);
	}
	caught(buf, sizeof(buf));
	CHECK(strpbrk(buf, "\033\007\r\x9b") == NULL);
	for (i = 0, line = buf; i < 4; i++, line = strchr(line, '\n') + 1) {
		CHECK(strncmp(line, "lguest: Guest ", 14) == 0);
		CHECK(strstr(line, shown) != NULL);
	}
	CHECK(*line == '\0');
	return 0;
}

static int t_run_loop(void)
{
	struct lguest_exit e[3];
	int host[2];
	char buf[32];
	int r;

	CHECK(pipe(host) == 0);
	memset(e, 0, sizeof(e));
	memcpy(region + 0x9000, "SUCCESS\n", 8);
	e[0].kind = LGEXIT_CONSOLE;
	e[0].arg[0] = 0x9000;
	e[0].arg[1] = 8;
	e[1] = e[0];
	e[2].kind = LGEXIT_SHUTDOWN;
	e[2].arg[0] = LGUEST_SHUTDOWN_POWEROFF;
	CHECK(write(host[1], e, sizeof(e)) == sizeof(e));
	lguest_fd = host[0];
	r = run_guest(handle_exit);	/* no reason given: nothing printed */
	close(host[0]);
	close(host[1]);
	CHECK(r == 0);
	CHECK(output(buf, sizeof(buf)) == 16);
	CHECK(strcmp(buf, "SUCCESS\nSUCCESS\n") == 0);
	return 0;
}

static int t_run_loop_death(void)
{
	struct lguest_exit e;
	int host[2], r;

	CHECK(pipe(host) == 0);
	memset(&e, 0, sizeof(e));
	e.kind = LGEXIT_DEAD;
	strcpy(e.why, "bad hypercall 99");
	CHECK(write(host[1], &e, sizeof(e)) == sizeof(e));
	close(host[1]);
	lguest_fd = host[0];
	quiet();
	r = run_guest(handle_exit);
	loud();
	CHECK(r == 1);
	/* The Host closing on us is a failure, not a hang. */
	quiet();
	r = run_guest(handle_exit);
	loud();
	close(host[0]);
	CHECK(r == 1);
	return 0;
}

/* ------------------------------------------------------------------------ */

#define T(fn) { #fn + 2, fn }
static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	T(t_mem_size_ok), T(t_mem_size_not_page), T(t_mem_size_small),
	T(t_mem_size_large), T(t_mem_size_garbage), T(t_guest_ptr_bounds),
	T(t_elf_loads), T(t_elf_entry_at_page_offset),
	T(t_elf_truncated_header), T(t_elf_truncated_phdrs),
	T(t_elf_truncated_segment), T(t_elf_wrong_machine),
	T(t_elf_beyond_memory), T(t_elf_zero_page), T(t_elf_filesz_gt_memsz),
	T(t_elf_bad_entry), T(t_elf_nothing_to_load), T(t_not_a_kernel),
	T(t_file_over_4gb),
	T(t_bzimage_loads), T(t_bzimage_old_protocol), T(t_bzimage_truncated),
	T(t_bzimage_too_big), T(t_bzimage_runtime_address),
	T(t_bzimage_header_length), T(t_bzimage_syssize_overflow),
	T(t_bzimage_pref_address_wraps), T(t_bzimage_odd_alignment),
	T(t_bzimage_zimage), T(t_bzimage_bad_signature),
	T(t_gzip_elf), T(t_gzip_truncated), T(t_gzip_corrupt), T(t_gzip_bomb),
	T(t_gzip_one_byte_too_big), T(t_not_gzip_untouched),
	T(t_initrd_top), T(t_initrd_too_big), T(t_pagetables),
	T(t_pagetables_below_initrd), T(t_pagetables_no_room),
	T(t_boot_params), T(t_boot_params_bzimage),
	T(t_device_page_layout), T(t_device_page_full),
	T(t_vq_good_chain), T(t_vq_empty_and_unattached), T(t_vq_out_of_bounds),
	T(t_vq_address_wraps), T(t_vq_device_page_is_not_memory), T(t_vq_loop),
	T(t_vq_full_length_chain), T(t_vq_bad_next), T(t_vq_bad_head),
	T(t_vq_avail_jump), T(t_vq_zero_length), T(t_vq_order),
	T(t_vq_indirect), T(t_vq_wraparound), T(t_vq_ring_outside),
	T(t_vq_interrupts), T(t_iov_helpers),
	T(t_notify_unknown), T(t_console_output), T(t_console_output_hostile),
	T(t_console_input), T(t_console_thread), T(t_input_whole_drops), T(t_status_reset), T(t_status_hostile_header),
	T(t_status_bad_ring),
	T(t_block_read), T(t_block_write), T(t_block_readonly),
	T(t_block_past_end), T(t_block_capacity), T(t_block_large_disk),
	T(t_block_id_and_unsupported),
	T(t_block_hostile), T(t_block_missing_file), T(t_block_not_a_disk),
	T(t_net_bad_name), T(t_net_bad_mac), T(t_net_tap),
	T(t_net_default_mac),
	T(t_exit_console), T(t_exit_console_device_page),
	T(t_exit_console_hostile),
	T(t_exit_shutdown_and_death), T(t_exit_guest_text_escaped),
	T(t_run_loop), T(t_run_loop_death),
};

/* Seed images for the loader fuzzer. */
static int write_corpus(const char *dir)
{
	struct { const char *name; size_t len; u8 *data; } seeds[4];
	size_t len, zlen;
	char path[512];
	unsigned int i;
	FILE *f;

	len = make_elf(img, 0x100000, code, sizeof(code), 64, 0x100000);
	seeds[0].name = "elf";
	seeds[0].data = malloc(len);
	memcpy(seeds[0].data, img, len);
	seeds[0].len = len;
	seeds[1].name = "elf.gz";
	seeds[1].data = make_gzip(img, len, &zlen);
	seeds[1].len = zlen;
	len = make_bzimage(img, 1, code, sizeof(code), 0x020f, 64 * 1024);
	seeds[2].name = "bzimage";
	seeds[2].data = malloc(len);
	memcpy(seeds[2].data, img, len);
	seeds[2].len = len;
	seeds[3].name = "bzimage.gz";
	seeds[3].data = make_gzip(img, len, &zlen);
	seeds[3].len = zlen;
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, seeds[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(seeds[i].data, 1, seeds[i].len, f) !=
		    seeds[i].len)
			return 1;
		fclose(f);
		free(seeds[i].data);
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int i, passed = 0, failed = 0;

	if (argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return write_corpus(argv[2]);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		fresh();
		if (tests[i].fn() == 0) {
			printf("ok - %s\n", tests[i].name);
			passed++;
		} else {
			printf("FAIL - %s: %s\n", tests[i].name, why);
			failed++;
		}
		fflush(stdout);
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed != 0;
}
