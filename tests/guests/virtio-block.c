/*
 * @test     virtio-block
 * @summary  the Launcher's block device, driven through its virtqueue: capacity and features, writes read back (also split over several buffers), flush, the disk's ID, requests past the end and of unknown types answered with an error status
 * @category functional
 * @timeout  20
 * @mem      32
 * @block    64
 * @expect   SUCCESS
 */
#include "vq.h"

const char test_title[] = "the block device through its virtqueue";

#define SECTORS		128u	/* @block 64 (KB) */
#define T_IN		0
#define T_OUT		1
#define T_FLUSH		4
#define T_GET_ID	8
#define S_OK		0
#define S_IOERR		1
#define S_UNSUPP	2
#define F_SEG_MAX	2
#define F_FLUSH		9

struct blk_hdr { u32 type; u32 ioprio; u64 sector; };

static struct vq q;
static struct blk_hdr hdr;
static u8 status;
static u8 data[2048], back[2048];

/* One request: the header, `n` data buffers (written to the disk for
 * T_OUT, filled from it otherwise), the status byte.  Returns the status,
 * and in *len what the used ring says the Launcher wrote. */
static u8 request(u32 type, u64 sector, u8 *const buf[], const u32 lens[],
		  unsigned int n, u32 *len)
{
	static u16 idx;
	u16 flags = type == T_OUT ? 0 : DESC_F_WRITE;
	struct vring_used_elem e;
	unsigned int i;

	hdr = (struct blk_hdr){ type, 0, sector };
	status = 0xEE;
	q.desc[0] = (struct vring_desc){ __pa(&hdr), sizeof(hdr), DESC_F_NEXT, 1 };
	for (i = 0; i < n; i++)
		q.desc[1 + i] = (struct vring_desc){ __pa(buf[i]), lens[i],
						     flags | DESC_F_NEXT, 2 + i };
	q.desc[1 + n] = (struct vring_desc){ __pa(&status), 1, DESC_F_WRITE, 0 };
	vq_offer(&q, 0, ++idx);
	vq_kick(&q, q.pfn);
	if (vq_used_idx(&q) != idx)
		test_failure("request %u: the used index is %u after the kick", idx,
			     vq_used_idx(&q));
	e = vq_used_elem(&q, idx - 1);
	if (e.id != 0)
		fail("request %u: the used ring returned chain %u, not 0", idx, e.id);
	*len = e.len;
	return status;
}

static u8 one(u32 type, u64 sector, u8 *buf, u32 len, u32 *written)
{
	u8 *bufs[1] = { buf };
	u32 lens[1] = { len };

	return request(type, sector, bufs, lens, buf ? 1 : 0, written);
}

static void expect(const char *what, u8 got, u8 want)
{
	if (got != want)
		fail("%s: status %u, expected %u", what, got, want);
}

void test_main(void)
{
	u8 *bufs[3] = { back, back + 100, back + 612 };
	u32 lens[3] = { 100, 512, 412 };
	u64 capacity;
	u32 features, len, i;
	char id[21] = { 0 };

	vq_find(&q, VIRTIO_ID_BLOCK, 0);
	memcpy(&features, vq_features(&q), sizeof(features));
	memcpy(&capacity, vq_device_config(&q), sizeof(capacity));
	printf("capacity %u sectors, features %x\n", (u32)capacity, features);
	if (capacity != SECTORS)
		fail("capacity %u sectors, expected %u", (u32)capacity, SECTORS);
	if (!(features & (1u << F_FLUSH)) || !(features & (1u << F_SEG_MAX)))
		fail("features %x: FLUSH and SEG_MAX expected", features);

	/* A fresh disk reads as zeros. */
	memset(back, 0xAA, sizeof(back));
	expect("read sector 0", one(T_IN, 0, back, 512, &len), S_OK);
	if (len != 513)
		fail("read of 512 bytes: the used ring says %u bytes written, expected 513", len);
	for (i = 0; i < 512; i++)
		if (back[i]) {
			fail("sector 0 byte %u is %x on a fresh disk", i, back[i]);
			break;
		}

	/* Write two sectors, read them back in one buffer, then in three. */
	for (i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7 + 3);
	expect("write sectors 5-6", one(T_OUT, 5, data, 1024, &len), S_OK);
	if (len != 1)
		fail("write: the used ring says %u bytes written, expected 1", len);
	memset(back, 0, sizeof(back));
	expect("read sectors 5-6", one(T_IN, 5, back, 1024, &len), S_OK);
	if (memcmp(back, data, 1024))
		fail("sectors 5-6 did not read back as written");
	memset(back, 0, sizeof(back));
	expect("read sectors 5-6 in three buffers", request(T_IN, 5, bufs, lens, 3, &len), S_OK);
	if (len != 1025 || memcmp(back, data, 1024))
		fail("sectors 5-6 in three buffers: %u bytes, %s", len,
		     memcmp(back, data, 1024) ? "different data" : "same data");

	/* The last sector is fine; one more is past the end. */
	expect("write the last sector", one(T_OUT, SECTORS - 1, data, 512, &len), S_OK);
	expect("write past the end", one(T_OUT, SECTORS - 1, data, 1024, &len), S_IOERR);
	expect("read past the end", one(T_IN, SECTORS, back, 512, &len), S_IOERR);
	expect("read at sector 2^64 - 16", one(T_IN, ~0ull - 15, back, 512, &len), S_IOERR);

	expect("flush", one(T_FLUSH, 0, 0, 0, &len), S_OK);
	expect("get ID", one(T_GET_ID, 0, (u8 *)id, 20, &len), S_OK);
	if (memcmp(id, "lguest-block", 13))
		fail("the disk's ID is \"%s\"", id);
	expect("unknown request type", one(99, 0, back, 512, &len), S_UNSUPP);
	printf("disk ID \"%s\"; %u requests served\n", id, vq_used_idx(&q));
}
