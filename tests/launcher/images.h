/* Test images for the Launcher's loaders: a tiny ELF guest, a synthetic
 * bzImage and gzip, built in memory.  Shared by the unit tests and by the
 * fuzzers' seed corpus. */
#ifndef LAUNCHER_TEST_IMAGES_H
#define LAUNCHER_TEST_IMAGES_H

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* An ELF executable with one PT_LOAD segment of `code_len` bytes at
 * physical (and virtual) address `paddr`, `bss` zero bytes after it. */
static inline size_t make_elf(unsigned char *buf, unsigned int paddr,
			      const void *code, unsigned int code_len,
			      unsigned int bss, unsigned int entry)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	unsigned int off = sizeof(eh) + sizeof(ph);

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_entry = entry;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = 1;
	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_LOAD;
	ph.p_offset = off;
	ph.p_vaddr = paddr;
	ph.p_paddr = paddr;
	ph.p_filesz = code_len;
	ph.p_memsz = code_len + bss;
	ph.p_flags = PF_R | PF_X;
	ph.p_align = 4096;
	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf + sizeof(eh), &ph, sizeof(ph));
	memcpy(buf + off, code, code_len);
	return off + code_len;
}

/* A bzImage: boot sector signature, a setup header of protocol `version`,
 * `setup_sects` sectors of setup, then `payload_len` bytes of protected-mode
 * code (rounded up to 16-byte paragraphs). */
static inline size_t make_bzimage(unsigned char *buf, unsigned int setup_sects,
				  const void *payload, unsigned int payload_len,
				  unsigned short version, unsigned int init_size)
{
	unsigned int pm = (setup_sects + 1) * 512;
	unsigned int paras = (payload_len + 15) / 16;

	memset(buf, 0, pm + paras * 16);
	buf[0x1F1] = setup_sects;
	memcpy(buf + 0x1F4, &paras, 4);			/* syssize */
	buf[0x1FE] = 0x55;
	buf[0x1FF] = 0xAA;
	buf[0x200] = 0xEB;				/* jmp short */
	buf[0x201] = 0x6A;				/* header ends 0x26C */
	memcpy(buf + 0x202, "HdrS", 4);
	memcpy(buf + 0x206, &version, 2);
	buf[0x211] = 0x01;				/* LOADED_HIGH */
	buf[0x214] = 0x00; buf[0x215] = 0x00;		/* code32_start */
	buf[0x216] = 0x10; buf[0x217] = 0x00;		/*   = 0x100000 */
	buf[0x232] = 0x10;				/* kernel_alignment 1 MB */
	buf[0x238] = 0xFF; buf[0x239] = 0x07;		/* cmdline_size 2047 */
	memcpy(buf + 0x260, &init_size, 4);
	memcpy(buf + pm, payload, payload_len);
	return pm + paras * 16;
}

/* gzip `len` bytes of `in` into a malloc'ed buffer. */
static inline unsigned char *make_gzip(const void *in, size_t len,
				       size_t *out_len)
{
	z_stream zs;
	size_t cap = len + len / 2 + 1024;
	unsigned char *out = malloc(cap);

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
		     Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)in;
	zs.avail_in = len;
	zs.next_out = out;
	zs.avail_out = cap;
	deflate(&zs, Z_FINISH);
	*out_len = cap - zs.avail_out;
	deflateEnd(&zs);
	return out;
}

#endif
