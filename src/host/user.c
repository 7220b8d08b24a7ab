// SPDX-License-Identifier: GPL-2.0
#line 1922 "host.nw"
/*
 * lg.ko, the lguest Host: /dev/lguest.
 * Tangled from host.nw: edit that, not this file.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "lg.h"

/* initialize */
#line 1700 "host.nw"
static DEFINE_MUTEX(lg_init_lock);

static int lg_initialize(struct file *file, const char __user *in)
{
	struct lguest_init args;
	struct lguest *lg;
	int err;

	/* read the Launcher's numbers and refuse memory that is not user memory */
#line 1738 "host.nw"
	if (copy_from_user(&args, in, sizeof(args)))
		return -EFAULT;
	if (!PAGE_ALIGNED(args.base) || !args.pfnlimit ||
	    args.pfnlimit >= TASK_SIZE >> PAGE_SHIFT ||
	    args.base + ((u64)args.pfnlimit + 1) * PAGE_SIZE > TASK_SIZE ||
	    !PAGE_ALIGNED(args.pgdir) || args.pgdir >= args.pfnlimit * PAGE_SIZE)
		return -EINVAL;

#line 1710 "host.nw"
	mutex_lock(&lg_init_lock);
	err = -EBUSY;
	if (file->private_data)
		goto unlock;
	/* allocate the Guest and its floating-point area */
#line 1753 "host.nw"
	err = -ENOMEM;
	lg = kzalloc(sizeof(*lg), GFP_KERNEL);
	if (!lg)
		goto unlock;
	lg->fpu = kmalloc(sizeof(*lg->fpu), GFP_KERNEL);
	if (!lg->fpu)
		goto free_lg;
	lg_fpu_init(lg->fpu);
	/* give the Guest its memory, clock, page tables, segments and registers */
#line 1772 "host.nw"
	lg->mem_base = args.base;
	lg->pfn_limit = args.pfnlimit;
	lg->mem_end = (args.pfnlimit + 1) * PAGE_SIZE;
	mutex_init(&lg->run_lock);
	hrtimer_init(&lg->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	lg->timer.function = lg_clock_fired;

	err = lg_init_shadows(lg, args.pgdir);
	if (err)
		goto free_fpu;
	lg_init_segments(lg);
	lg->regs.eip = args.start;
	lg->regs.eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	/* publish the finished Guest */
#line 1794 "host.nw"
	mmgrab(current->mm);
	lg->mm = current->mm;
	atomic_inc(&lg_guests);
	/* Readers and writers see a complete Guest, or none. */
	smp_store_release(&file->private_data, lg);
	mutex_unlock(&lg_init_lock);
#line 1717 "host.nw"
	return sizeof(args);

free_fpu:
	kfree(lg->fpu);
free_lg:
	kfree(lg);
unlock:
	mutex_unlock(&lg_init_lock);
	return err;
}

/* write */
#line 1664 "host.nw"
static ssize_t lg_dev_write(struct file *file, const char __user *in,
			    size_t size, loff_t *off)
{
	/* Pairs with the release in lg_initialize(). */
	struct lguest *lg = smp_load_acquire(&file->private_data);
	u32 req[2];

	if (size < sizeof(u32) || get_user(req[0], (const u32 __user *)in))
		return -EINVAL;
	switch (req[0]) {
	case LHREQ_INITIALIZE:
		if (size != sizeof(struct lguest_init))
			return -EINVAL;
		return lg_initialize(file, in);
	case LHREQ_IRQ:
		if (size != sizeof(req) || copy_from_user(req, in, sizeof(req)))
			return -EINVAL;
		if (!lg)
			return -ENOENT;
		if (req[1] >= LGUEST_IRQS)
			return -EINVAL;
		lg_raise_irq(lg, req[1]);
		return size;
	default:
		return -EINVAL;
	}
}

/* read */
#line 1820 "host.nw"
static ssize_t lg_dev_read(struct file *file, char __user *out, size_t size,
			   loff_t *off)
{
	/* Pairs with the release in lg_initialize(). */
	struct lguest *lg = smp_load_acquire(&file->private_data);
	struct lguest_exit e;
	int err;

	if (!lg)
		return -ENOENT;
	if (size < sizeof(e))
		return -EINVAL;
	if (current->mm != lg->mm)
		return -EPERM;
	if (mutex_lock_interruptible(&lg->run_lock))
		return -EINTR;
	WRITE_ONCE(lg->tsk, current);
	err = lg_run(lg);
	WRITE_ONCE(lg->tsk, NULL);
	e = lg->exit;
	if (e.kind == LGEXIT_CONSOLE || e.kind == LGEXIT_NOTIFY)
		memset(&lg->exit, 0, sizeof(lg->exit));
	mutex_unlock(&lg->run_lock);
	if (err)
		return err;
	if (copy_to_user(out, &e, sizeof(e)))
		return -EFAULT;
	return sizeof(e);
}

/* release */
#line 1857 "host.nw"
static int lg_dev_release(struct inode *inode, struct file *file)
{
	struct lguest *lg = file->private_data;

	if (!lg)
		return 0;
	hrtimer_cancel(&lg->timer);
	lg_free_shadows(lg);
	mmdrop(lg->mm);
	kfree(lg->fpu);
	kfree(lg);
	atomic_dec(&lg_guests);
	return 0;
}

/* the device */
#line 1885 "host.nw"
static int lg_dev_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static const struct file_operations lg_fops = {
	.owner = THIS_MODULE,
	.open = lg_dev_open,
	.read = lg_dev_read,
	.write = lg_dev_write,
	.release = lg_dev_release,
	.llseek = noop_llseek,
};

static struct miscdevice lg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lguest",
	.fops = &lg_fops,
};

int lg_device_init(void)
{
	return misc_register(&lg_dev);
}

void lg_device_exit(void)
{
	misc_deregister(&lg_dev);
}
