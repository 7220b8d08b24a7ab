/* SPDX-License-Identifier: GPL-2.0 */
#line 162 "launcher.nw"
/* The Launcher's shared declarations.  Tangled from launcher.nw. */
#ifndef LGUEST_LAUNCHER_H
#define LGUEST_LAUNCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <asm/bootparam.h>
#include <linux/virtio_ring.h>
#include "lguest_abi.h"

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

/* sizes and addresses used everywhere */
#line 199 "launcher.nw"
#define PAGE_SIZE	4096u
#define PAGE_OFFSET	0xC0000000u
#define FOUR_MB		(4u * 1024 * 1024)
#define MB		(1024u * 1024)

/* Guest-physical addresses of the zero page and the command line. */
#define ZERO_PAGE_ADDR	0x0000u
#define CMDLINE_ADDR	0x1000u
#define CMDLINE_MAX	(PAGE_SIZE - 1)
#define LOW_RESERVED	0x2000u

/* Memory sizes: the smallest Guest, and the largest without a Host. */
#define MIN_GUEST_MEM	(2 * MB)
#define DEFAULT_MAX_MEM	(512 * MB)

/* the Launcher's messages, from messages.c */
#line 231 "launcher.nw"
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *why_failed(void);
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool verbose;
int write_all(int fd, const void *buf, size_t len);
int stopping(void);
void stop_guest(void) __attribute__((noreturn));

/* the Guest's words quoted, from messages.c */
#line 3293 "launcher.nw"
#define GUEST_TEXT_MAX	(4 * sizeof(((struct lguest_exit *)0)->why) + 1)
const char *guest_text(const struct lguest_exit *e, char *out);

/* Guest memory, from guestmem.c */
#line 370 "launcher.nw"
struct guest_memory {
	u8 *base;	/* Launcher address of guest-physical 0 */
	u32 size;	/* bytes of Guest RAM; the device page follows */
};
extern struct guest_memory guest;

void *guest_ptr(u64 addr, u64 len);
u8 *device_page(void);
void *guest_readable(u64 addr, u64 len);
u32 guest_mem_limit(void);
int parse_mem_size(const char *arg, u32 limit, u32 *bytes);
int map_guest_memory(u32 size);

/* loading a kernel, from load.c */
#line 605 "launcher.nw"
struct kernel_info {
	u32 entry;		/* the Guest's first instruction */
	u32 start, end;		/* guest-physical range the kernel needs */
	u32 initrd_addr, initrd_size;
	u32 pgtables;		/* the first page-table page */
	u32 pgdir;		/* the page directory, for LHREQ_INITIALIZE */
	bool bzimage;
	struct setup_header hdr;	/* the image's header, or made up */
};

int open_file(const char *path, int flags, bool disk);
int read_file(const char *path, size_t limit,
	      int (*looks_right)(const u8 *head, size_t len),
	      u8 **data, size_t *len);
int kernel_head(const u8 *head, size_t len);
int maybe_gunzip(u8 **data, size_t *len, size_t limit);
int load_kernel(const u8 *img, size_t len, struct kernel_info *ki);
int load_initrd(const u8 *img, size_t len, struct kernel_info *ki);
int setup_pagetables(struct kernel_info *ki);
int setup_boot_params(const struct kernel_info *ki, const char *cmdline);

/* virtqueues, from virtqueue.c */
#line 1618 "launcher.nw"
#define VQ_MAX_NUM	256

struct device;

struct vq_chain {
	u16 head;
	unsigned int n_out, n_in;	/* readable, then writable buffers */
	size_t out_len, in_len;
	struct iovec iov[VQ_MAX_NUM];
};

struct virtqueue {
	struct device *dev;
	unsigned int index;
	u16 num, irq;
	u64 ring_addr;			/* 0 until the Guest gave us a ring */
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	u16 last_avail, used_idx;
	pthread_mutex_t lock;
	int (*service)(struct virtqueue *vq);	/* output: main loop */
	int kick_fd;			/* input: eventfd of its thread */
};

#line 1650 "launcher.nw"
int vq_attach(struct virtqueue *vq, u32 pfn);
void vq_detach(struct virtqueue *vq);
int vq_pop(struct virtqueue *vq, struct vq_chain *c);
void vq_unpop(struct virtqueue *vq);
void vq_push(struct virtqueue *vq, u16 head, u32 len);
int vq_interrupt(struct virtqueue *vq);
int vq_serve(struct virtqueue *vq,
	     int (*handle)(struct virtqueue *vq, struct vq_chain *c,
			   u32 *written));
int vq_deliver(struct virtqueue *vq, const void *hdr, size_t hdr_len,
	       const void *data, size_t len, bool whole, size_t *taken);
size_t iov_from(const struct iovec *iov, unsigned int n, size_t skip,
		void *dst, size_t len);
size_t iov_to(const struct iovec *iov, unsigned int n, size_t skip,
	      const void *src, size_t len);
unsigned int iov_slice(const struct iovec *iov, unsigned int n, size_t skip,
		       size_t len, struct iovec *out);

/* the device page, from devices.c */
#line 2135 "launcher.nw"
#define MAX_DEVICES	8
#define VQ_SIZE		256

struct device {
	const char *name;
	u32 offset;			/* of its descriptor in the device page */
	struct lguest_device_desc *desc;
	unsigned int num_vq;
	u8 feature_len;			/* our copy: the Guest can write its own */
	struct virtqueue vq[2];
	void (*input)(struct virtqueue *vq);	/* an input device's thread */
	void *priv;			/* the device's own data */
};

extern struct device devices[MAX_DEVICES];
extern unsigned int num_devices;

struct device *add_device(const char *name, u8 type, unsigned int num_vq,
			  u32 features, const void *config, u8 config_len);
int add_vq(struct device *dev, unsigned int index,
	   int (*service)(struct virtqueue *vq));
struct lguest_vqconfig *vq_config(struct virtqueue *vq);
u32 vq_config_pfn(struct virtqueue *vq);
u8 *device_features(struct device *dev);
int device_notify(u32 addr);
int vq_wait(struct virtqueue *vq);
void *input_thread(void *vq);
void reset_devices(void);

/* the devices, the exits and the Host, for main() */
#line 2505 "launcher.nw"
struct device *setup_console(int in_fd, int out_fd);
struct device *setup_block(const char *spec);
struct device *setup_net(const char *spec);
extern int console_out;

enum { KEEP_RUNNING = -1, RESTART = -2 };
int handle_exit(const struct lguest_exit *e);

extern int lguest_fd;
extern volatile int caught_signal;
int open_lguest(const struct kernel_info *ki);
int interrupt_guest(u16 irq);
int run_guest(int (*handle)(const struct lguest_exit *e));

#line 190 "launcher.nw"
#endif /* LGUEST_LAUNCHER_H */
