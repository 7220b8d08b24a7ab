/* libFuzzer target: the virtqueue parser and the devices behind it.
 *
 * The input is what a hostile Guest controls: the first bytes choose the
 * ring size, the counters we start from and which path to take, the rest is
 * copied over 64 KB of fake Guest memory, rings included.  Path 0 pops
 * chains straight off a ring and touches every byte of every buffer (so
 * AddressSanitizer sees any buffer that strays outside Guest memory); path
 * 1 feeds input into a receive queue; path 2 sets up a console and a block
 * device on a memfd, lets the input scribble on the device page, and sends
 * the notifications the input asks for. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "lguest.h"

#define FMEM (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static u8 *mem;
static volatile u8 sum;
static int null_fd = -1;

static void pop_all(struct virtqueue *vq)
{
	struct vq_chain c;
	unsigned int k, i;

	for (k = 0; k < 2u * vq->num + 2; k++) {
		if (vq_pop(vq, &c) != 1)
			return;
		for (i = 0; i < c.n_out + c.n_in; i++) {
			u8 *p = c.iov[i].iov_base;
			size_t j;

			if (p < mem || p + c.iov[i].iov_len > mem + FMEM)
				abort();
			for (j = 0; j < c.iov[i].iov_len; j++)
				sum += p[j];
			if (i >= c.n_out)
				memset(p, 0xA5, c.iov[i].iov_len);
		}
		vq_push(vq, c.head, c.in_len);
	}
	vq_interrupt(vq);
}

static void devices_path(const uint8_t *ops, size_t n)
{
	static u8 pristine[PAGE_SIZE];
	static bool ready;
	unsigned int i, j;
	u32 addr;

	/* The devices are set up once (the Launcher keeps a disk's file and
	 * state for life, so a fresh disk per input would only pile them
	 * up); every input starts from the same device page and no rings. */
	if (!ready) {
		char spec[64];
		int disk = memfd_create("disk", 0);

		if (ftruncate(disk, 64 * 1024) < 0)
			abort();
		snprintf(spec, sizeof(spec), "/proc/self/fd/%d", disk);
		reset_devices();
		if (!setup_console(null_fd, null_fd) || !setup_block(spec))
			abort();
		memcpy(pristine, device_page(), PAGE_SIZE);
		ready = true;
	}
	memcpy(device_page(), pristine, PAGE_SIZE);
	for (i = 0; i < num_devices; i++)
		for (j = 0; j < devices[i].num_vq; j++)
			vq_detach(&devices[i].vq[j]);
	/* The Guest owns its half of the device page: let it scribble. */
	for (i = 0; i + 3 <= n && i < 96; i += 3)
		device_page()[(ops[i] | ops[i + 1] << 8) % PAGE_SIZE] = ops[i + 2];
	for (i = 0; i + 4 <= n; i += 4) {
		memcpy(&addr, ops + i, 4);
		addr %= FMEM + PAGE_SIZE;
		device_notify(addr & 1 ? addr : addr & ~(PAGE_SIZE - 1));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtqueue vq;
	unsigned int k;
	size_t taken;

	if (!mem) {
		mem = malloc(FMEM + PAGE_SIZE);
		null_fd = open("/dev/null", O_RDWR);
	}
	if (size < 4)
		return 0;
	guest.base = mem;
	guest.size = FMEM;
	lguest_fd = null_fd;
	memset(mem, 0, FMEM + PAGE_SIZE);
	memcpy(mem + PAGE_SIZE, data + 4,
	       size - 4 < FMEM - PAGE_SIZE ? size - 4 : FMEM - PAGE_SIZE);
	if (data[0] % 3 == 2) {
		devices_path(data + 4, size - 4);
		return 0;
	}
	memset(&vq, 0, sizeof(vq));
	vq.num = 1u << (data[1] % 9);
	vq.irq = 3;
	vq.kick_fd = -1;
	pthread_mutex_init(&vq.lock, NULL);
	if (vq_attach(&vq, 1) < 0)
		abort();
	vq.last_avail = vq.used_idx = data[2] * 257 + data[3];
	if (data[0] % 3 == 0)
		pop_all(&vq);
	else
		for (k = 0; k < 2u * vq.num + 2; k++)
			if (vq_deliver(&vq, "0123456789", 10, data, size,
				       data[0] & 4, &taken) != 1)
				break;
	return 0;
}
