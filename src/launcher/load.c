/* SPDX-License-Identifier: GPL-2.0 */
#line 634 "launcher.nw"
/* Loading kernels, the initrd, boot parameters and page tables.
 * Tangled from launcher.nw. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>
#include "lguest.h"

/* refuse what is neither a regular file nor a disk */
#line 674 "launcher.nw"
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "of an unknown kind";
}

static int check_kind(const char *path, mode_t mode, bool disk)
{
	if (S_ISREG(mode) || (disk && S_ISBLK(mode)))
		return 0;
	if (disk)
		return fail("%s is %s: a disk must be a regular file or a block "
			    "device", path, file_kind(mode));
	return fail("%s is %s, not a regular file", path, file_kind(mode));
}

static int cannot_open(const char *path, bool disk)
{
	return fail("cannot open %s%s: %s", disk ? "block device " : "", path,
		    strerror(errno));
}

/* open a file without waiting for it */
#line 716 "launcher.nw"
int open_file(const char *path, int flags, bool disk)
{
	struct stat st;
	int fd, r;

	if (stat(path, &st) < 0)
		return cannot_open(path, disk);
	if (check_kind(path, st.st_mode, disk) < 0)
		return -1;
	fd = open(path, flags | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return cannot_open(path, disk);
	if (fstat(fd, &st) < 0)
		r = cannot_open(path, disk);
	else
		r = check_kind(path, st.st_mode, disk);
	if (r == 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		r = cannot_open(path, disk);
	if (r < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* read the start of a file */
#line 833 "launcher.nw"
static int read_start(int fd, const char *path, u8 *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pread(fd, buf + done, len - done, done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail("cannot read %s: %s", path,
				    n ? strerror(errno) : "it shrank");
		done += n;
	}
	return 0;
}

/* read a file, once its head and its size are judged */
#line 760 "launcher.nw"
#define HEAD_LEN	0x206

static int look_first(int fd, const char *path, u64 size, size_t limit,
		      int (*looks_right)(const u8 *head, size_t len))
{
	u8 head[HEAD_LEN];
	size_t n = size < HEAD_LEN ? size : HEAD_LEN;

	if (read_start(fd, path, head, n) < 0)
		return -1;
	if (looks_right && looks_right(head, n) < 0)
		return -1;
	if (size > limit)
		return fail("%s is %llu MB, larger than the Guest's %zu MB of "
			    "memory", path,
			    (unsigned long long)(size + MB - 1) / MB,
			    limit / MB);
	return 0;
}

#line 786 "launcher.nw"
int read_file(const char *path, size_t limit,
	      int (*looks_right)(const u8 *head, size_t len),
	      u8 **data, size_t *len)
{
	struct stat st;
	u8 *buf;
	int fd = open_file(path, O_RDONLY, false), r = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		fail("cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (look_first(fd, path, st.st_size, limit, looks_right) < 0)
		goto out;
	/* read all of the file into a buffer of its size */
#line 814 "launcher.nw"
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		fail("no memory to read %s", path);
		goto out;
	}
	if (read_start(fd, path, buf, st.st_size) < 0) {
		free(buf);
		goto out;
	}
	*data = buf;
	*len = st.st_size;
	r = 0;
#line 803 "launcher.nw"
out:
	close(fd);
	return r;
}

/* say why inflation failed */
#line 943 "launcher.nw"
static int gunzip_failed(int r, size_t limit)
{
	if (r == Z_MEM_ERROR)
		return fail("the compressed image unpacks to more than %zu "
			    "bytes, all of the Guest's memory", limit);
	if (r == Z_BUF_ERROR)
		return fail("the compressed image is truncated");
	return fail("the compressed image is corrupt");
}

/* unpack a gzipped image, up to a ceiling */
#line 871 "launcher.nw"
int maybe_gunzip(u8 **data, size_t *len, size_t limit)
{
	z_stream zs;
	size_t cap = limit < 4 * MB ? limit + 1 : 4 * MB, out = 0;
	u8 *buf, *bigger;
	int r;

	if (*len < 2 || (*data)[0] != 0x1f || (*data)[1] != 0x8b)
		return 0;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return fail("zlib would not start");
	buf = malloc(cap);
	/* inflate the image, making room as it grows */
#line 903 "launcher.nw"
	zs.next_in = *data;
	zs.avail_in = *len;
	for (r = Z_OK; buf && r == Z_OK; ) {
		/* make room for more of the image, up to the ceiling */
#line 919 "launcher.nw"
		if (out == cap) {
			if (cap > limit) {
				r = Z_MEM_ERROR;
				break;
			}
			cap = cap * 2 <= limit ? cap * 2 : limit + 1;
			bigger = realloc(buf, cap);
			if (!bigger)
				break;
			buf = bigger;
		}
#line 907 "launcher.nw"
		zs.next_out = buf + out;
		zs.avail_out = cap - out;
		r = inflate(&zs, Z_NO_FLUSH);
		out = cap - zs.avail_out;
	}
#line 885 "launcher.nw"
	inflateEnd(&zs);
	if (r == Z_STREAM_END && out > limit)
		r = Z_MEM_ERROR;
	if (r != Z_STREAM_END) {
		free(buf);
		return gunzip_failed(r, limit);
	}
	free(*data);
	*data = buf;
	*len = out;
	return 0;
}

/* load an ELF image */
#line 971 "launcher.nw"
static int elf_header(const u8 *img, size_t len, Elf32_Ehdr *eh)
{
	if (len < sizeof(*eh))
		return fail("the ELF image is truncated: %zu bytes, shorter "
			    "than its own header", len);
	memcpy(eh, img, sizeof(*eh));
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return fail("this ELF image is not 32-bit little-endian: not "
			    "an i386 kernel");
	if (eh->e_machine != EM_386)
		return fail("this ELF image is for machine %u, not the i386",
			    eh->e_machine);
	if (eh->e_type != ET_EXEC)
		return fail("this ELF image is not an executable");
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0)
		return fail("this ELF image has no usable program headers");
	if (eh->e_phoff > len ||
	    (u64)eh->e_phnum * sizeof(Elf32_Phdr) > len - eh->e_phoff)
		return fail("the ELF image is truncated: its program headers "
			    "end past the end of the file");
	return 0;
}

#line 1005 "launcher.nw"
static int elf_segment(const u8 *img, size_t len, const Elf32_Phdr *ph,
		       struct kernel_info *ki)
{
	u8 *dst;

	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return fail("the ELF image is truncated: a segment needs bytes "
			    "%#x to %#llx of a %zu-byte file", ph->p_offset,
			    (unsigned long long)ph->p_offset + ph->p_filesz, len);
	if (ph->p_filesz > ph->p_memsz)
		return fail("a segment of the ELF image is larger in the file "
			    "than in memory");
	dst = guest_ptr(ph->p_paddr, ph->p_memsz);
	if (!dst)
		return fail("the kernel wants memory %#x to %#llx, beyond the "
			    "Guest's %u MB", ph->p_paddr,
			    (unsigned long long)ph->p_paddr + ph->p_memsz,
			    guest.size / MB);
	if (ph->p_paddr < LOW_RESERVED)
		return fail("the kernel wants to load at %#x, over the zero "
			    "page", ph->p_paddr);
	memcpy(dst, img + ph->p_offset, ph->p_filesz);
	memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
	if (ph->p_paddr < ki->start)
		ki->start = ph->p_paddr;
	if (ph->p_paddr + ph->p_memsz > ki->end)
		ki->end = ph->p_paddr + ph->p_memsz;
	return 0;
}

#line 1048 "launcher.nw"
static bool in_segment(u32 addr, const Elf32_Phdr *ph)
{
	return addr >= ph->p_paddr && addr - ph->p_paddr < ph->p_memsz;
}

static int load_elf(const u8 *img, size_t len, struct kernel_info *ki)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	bool entry_ok = false, loaded = false;
	unsigned int i;

	if (elf_header(img, len, &eh) < 0)
		return -1;
	ki->start = ~0u;
	for (i = 0; i < eh.e_phnum; i++) {
		/* load segment i, and see whether the entry point is in it */
#line 1083 "launcher.nw"
		memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (elf_segment(img, len, &ph, ki) < 0)
			return -1;
		loaded = true;
		if (in_segment(eh.e_entry, &ph) ||
		    (eh.e_entry >= PAGE_OFFSET &&
		     in_segment(eh.e_entry - PAGE_OFFSET, &ph)))
			entry_ok = true;
#line 1065 "launcher.nw"
	}
	if (!loaded)
		return fail("the ELF image has nothing to load");
	if (!entry_ok)
		return fail("the ELF entry point %#x is not in any loaded "
			    "segment", eh.e_entry);
	ki->entry = eh.e_entry;
	/* make up the setup header that an ELF kernel lacks */
#line 1099 "launcher.nw"
	ki->hdr.boot_flag = 0xAA55;
	ki->hdr.header = 0x53726448;	/* "HdrS" */
	ki->hdr.version = 0x0207;
#line 1073 "launcher.nw"
	say("ELF kernel: %#x to %#x, entry %#x\n", ki->start, ki->end,
	    ki->entry);
	return 0;
}

/* read the bzImage's setup header, version and length first */
#line 1202 "launcher.nw"
#define SETUP_HDR_OFFSET	0x1F1
#define INIT_SIZE_END		0x264

static int bzimage_header(const u8 *img, size_t len, struct setup_header *h)
{
	size_t end;
	u16 version;

	if (len < 0x208)
		return fail("the bzImage is truncated inside its setup header");
	memcpy(&version, img + 0x206, sizeof(version));
	if (version < 0x020a)
		return fail("the bzImage speaks boot protocol %u.%02u; the "
			    "Launcher needs 2.10 or later",
			    version >> 8, version & 0xff);
	if (img[0x200] != 0xEB)
		return fail("the bzImage's setup header has no length: the byte "
			    "at 0x200 is %#x, not a short jump (0xeb)", img[0x200]);
	end = 0x202 + img[0x201];
	if (end < INIT_SIZE_END)
		return fail("the bzImage's setup header ends at %#zx, before "
			    "init_size: the byte at 0x201 is %#x, but protocol "
			    "%u.%02u needs a header up to %#x", end, img[0x201],
			    version >> 8, version & 0xff, INIT_SIZE_END);
	if (len < end)
		return fail("the bzImage is truncated inside its setup header");
	end -= SETUP_HDR_OFFSET;
	memcpy(h, img + SETUP_HDR_OFFSET, end < sizeof(*h) ? end : sizeof(*h));
	return 0;
}

/* work out how far up a bzImage reaches */

/* work out where a bzImage will run */
#line 1296 "launcher.nw"
static u64 bzimage_runtime(const struct setup_header *h)
{
	u64 align = h->kernel_alignment;
	u64 run = h->pref_address ? h->pref_address : h->code32_start;
	u64 loaded = (h->code32_start + align - 1) & ~(align - 1);

	return h->relocatable_kernel && loaded > run ? loaded : run;
}

#line 1260 "launcher.nw"
static u32 bzimage_reach(const struct setup_header *h, u64 pm_size)
{
	u32 align = h->kernel_alignment;
	u64 run, end = h->code32_start + pm_size;

	if (align == 0 || (align & (align - 1))) {
		fail("the bzImage's kernel_alignment %#x is not a power of two",
		     align);
		return 0;
	}
	run = bzimage_runtime(h);
	if (run >> 32) {
		fail("the bzImage would run at %#llx (pref_address %#llx), "
		     "beyond the 4 GB of a 32-bit Guest", (unsigned long long)run,
		     (unsigned long long)h->pref_address);
		return 0;
	}
	if (run + h->init_size > end)
		end = run + h->init_size;
	if (end > guest.size) {
		fail("the bzImage needs %llu MB of memory, more than the Guest's "
		     "%u MB", (unsigned long long)(end + MB - 1) / MB,
		     guest.size / MB);
		return 0;
	}
	return end;
}

/* load a bzImage */
#line 1143 "launcher.nw"
static int load_bzimage(const u8 *img, size_t len, struct kernel_info *ki)
{
	struct setup_header *h = &ki->hdr;
	u32 sects, pm_offset, end;
	u64 pm_size;

	if (bzimage_header(img, len, h) < 0)
		return -1;
	if (!(h->loadflags & LOADED_HIGH))
		return fail("this is a zImage, not a bzImage: it would load "
			    "over the zero page");
	/* find the protected-mode kernel, and check that the file holds it */
#line 1176 "launcher.nw"
	sects = h->setup_sects ? h->setup_sects : 4;
	pm_offset = (sects + 1) * 512;
	pm_size = (u64)h->syssize * 16;
	if (pm_size == 0 || pm_offset > len || pm_size > len - pm_offset)
		return fail("the bzImage is truncated, or its syssize %#x is "
			    "wrong: its kernel would end at byte %llu of a "
			    "%zu-byte file", h->syssize,
			    (unsigned long long)pm_offset + pm_size, len);
#line 1155 "launcher.nw"
	if (h->code32_start < LOW_RESERVED)
		return fail("the bzImage wants to load at %#x, over the zero "
			    "page", h->code32_start);
	end = bzimage_reach(h, pm_size);
	if (!end)
		return -1;
	memcpy(guest_ptr(h->code32_start, pm_size), img + pm_offset, pm_size);
	ki->bzimage = true;
	ki->start = ki->entry = h->code32_start;
	ki->end = end;
	say("bzImage: protocol %u.%02u, loaded at %#x, runs up to %#x\n",
	    h->version >> 8, h->version & 0xff, ki->start, ki->end);
	return 0;
}

/* recognise an image by its first bytes */
#line 1318 "launcher.nw"
enum image_kind { NOT_A_KERNEL, ELF_IMAGE, BZIMAGE, GZIPPED };

static enum image_kind image_kind(const u8 *img, size_t len)
{
	if (len >= SELFMAG && memcmp(img, ELFMAG, SELFMAG) == 0)
		return ELF_IMAGE;
	if (len >= HEAD_LEN && img[0x1FE] == 0x55 && img[0x1FF] == 0xAA &&
	    memcmp(img + 0x202, "HdrS", 4) == 0)
		return BZIMAGE;
	if (len >= 2 && img[0] == 0x1f && img[1] == 0x8b)
		return GZIPPED;
	return NOT_A_KERNEL;
}

static int not_a_kernel(void)
{
	return fail("this is not a kernel: neither an ELF executable nor a "
		    "bzImage, gzipped or not");
}

int kernel_head(const u8 *head, size_t len)
{
	return image_kind(head, len) == NOT_A_KERNEL ? not_a_kernel() : 0;
}

/* choose the loader for the image */
#line 1348 "launcher.nw"
int load_kernel(const u8 *img, size_t len, struct kernel_info *ki)
{
	memset(ki, 0, sizeof(*ki));
	switch (image_kind(img, len)) {
	case ELF_IMAGE:
		return load_elf(img, len, ki);
	case BZIMAGE:
		return load_bzimage(img, len, ki);
	default:
		return not_a_kernel();
	}
}

/* load the initrd at the top of memory */
#line 1370 "launcher.nw"
int load_initrd(const u8 *img, size_t len, struct kernel_info *ki)
{
	u32 addr;

	if (len > guest.size)
		return fail("the initrd (%zu KB) is larger than the Guest's "
			    "memory", len / 1024);
	addr = (guest.size - len) & ~(PAGE_SIZE - 1);
	if (addr < ki->end)
		return fail("the initrd (%zu KB) does not fit above the kernel "
			    "in %u MB of memory", len / 1024, guest.size / MB);
	memcpy(guest_ptr(addr, len), img, len);
	ki->initrd_addr = addr;
	ki->initrd_size = len;
	say("initrd: %zu bytes at %#x\n", len, addr);
	return 0;
}

/* build the first page tables */
#line 1411 "launcher.nw"
#define PTE_FLAGS	0x7u	/* present, writable, user */

int setup_pagetables(struct kernel_info *ki)
{
	u32 top = ki->initrd_size ? ki->initrd_addr : guest.size;
	u32 tables = (guest.size + FOUR_MB - 1) / FOUR_MB;
	u32 need = (tables + 1) * PAGE_SIZE;
	u32 i, *pgdir, *pte;

	if (top < need || top - need < ki->end)
		return fail("%u MB is not enough memory for the kernel%s and %u "
			    "KB of page tables", guest.size / MB,
			    ki->initrd_size ? ", the initrd" : "", need / 1024);
	ki->pgtables = top - need;
	ki->pgdir = top - PAGE_SIZE;
	pte = guest_ptr(ki->pgtables, tables * PAGE_SIZE);
	pgdir = guest_ptr(ki->pgdir, PAGE_SIZE);
	memset(pte, 0, tables * PAGE_SIZE);
	memset(pgdir, 0, PAGE_SIZE);
	for (i = 0; i < guest.size / PAGE_SIZE; i++)
		pte[i] = i * PAGE_SIZE | PTE_FLAGS;
	for (i = 0; i < tables; i++) {
		pgdir[i] = (ki->pgtables + i * PAGE_SIZE) | PTE_FLAGS;
		pgdir[PAGE_OFFSET / FOUR_MB + i] = pgdir[i];
	}
	say("page tables: %u pages at %#x, directory at %#x\n", tables + 1,
	    ki->pgtables, ki->pgdir);
	return 0;
}

/* fill in the boot parameters */
#line 1495 "launcher.nw"
#define E820_RAM	1
#define E820_RESERVED	2

static void e820_add(struct boot_params *bp, u32 start, u32 end, u32 type)
{
	struct boot_e820_entry *e = &bp->e820_table[bp->e820_entries++];

	e->addr = start;
	e->size = end - start;
	e->type = type;
}

#line 1512 "launcher.nw"
int setup_boot_params(const struct kernel_info *ki, const char *cmdline)
{
	struct boot_params *bp = guest_ptr(ZERO_PAGE_ADDR, sizeof(*bp));
	size_t len = strlen(cmdline);
	u32 max = CMDLINE_MAX;
	u32 tables_end = ki->pgdir + PAGE_SIZE;

	if (ki->bzimage && ki->hdr.cmdline_size && ki->hdr.cmdline_size < max)
		max = ki->hdr.cmdline_size;
	if (len > max)
		return fail("the kernel command line is %zu bytes; this kernel "
			    "accepts at most %u", len, max);
	memset(bp, 0, sizeof(*bp));
	/* fill in the loader's half of the setup header */
#line 1536 "launcher.nw"
	bp->hdr = ki->hdr;
	bp->hdr.type_of_loader = 0xFF;
	bp->hdr.hardware_subarch = X86_SUBARCH_LGUEST;
	bp->hdr.loadflags |= KEEP_SEGMENTS;
	memcpy(guest_ptr(CMDLINE_ADDR, len + 1), cmdline, len + 1);
	bp->hdr.cmd_line_ptr = CMDLINE_ADDR;
	bp->hdr.ramdisk_image = ki->initrd_addr;
	bp->hdr.ramdisk_size = ki->initrd_size;
	/* describe the Guest's memory, the page tables reserved */
#line 1550 "launcher.nw"
	e820_add(bp, 0, ki->pgtables, E820_RAM);
	e820_add(bp, ki->pgtables, tables_end, E820_RESERVED);
	if (tables_end < guest.size)
		e820_add(bp, tables_end, guest.size, E820_RAM);
#line 1527 "launcher.nw"
	return 0;
}
