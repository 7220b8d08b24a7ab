/* SPDX-License-Identifier: GPL-2.0 */
#line 3519 "launcher.nw"
/* lguest: the Launcher's main program.  Tangled from launcher.nw. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "lguest.h"

static struct termios saved_tty;
static bool tty_saved;

static void restore_terminal(void)
{
	if (tty_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

#line 3544 "launcher.nw"
static void stop_signal(int sig)
{
	caught_signal = sig;
}

static void crash_signal(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

#line 3560 "launcher.nw"
static void setup_terminal(void)
{
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static const int crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
				       SIGABRT };
	struct sigaction sa;
	struct termios raw;
	unsigned int i;

	/* give the stopping signals and the crashes their handlers */
#line 3583 "launcher.nw"
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = stop_signal;
	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		sigaction(stops[i], &sa, NULL);
	sa.sa_handler = crash_signal;
	for (i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++)
		sigaction(crashes[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
#line 3570 "launcher.nw"
	if (tcgetattr(STDIN_FILENO, &saved_tty) < 0)
		return;
	tty_saved = true;
	atexit(restore_terminal);
	/* turn off the terminal's processing of input */
#line 3598 "launcher.nw"
	raw = saved_tty;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			 ICRNL | IXON);
	raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
#line 3575 "launcher.nw"
}

#line 3617 "launcher.nw"
static int start_threads(void)
{
	sigset_t block, old;
	pthread_t t;
	unsigned int i, j;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < num_devices; i++)
		for (j = 0; j < devices[i].num_vq; j++)
			if (!devices[i].vq[j].service &&
			    pthread_create(&t, NULL, input_thread,
					   &devices[i].vq[j]) != 0)
				return fail("cannot start a thread for %s",
					    devices[i].name);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}

#line 3657 "launcher.nw"
static void usage(FILE *f)
{
	fputs("usage: lguest [options] MEM KERNEL [kernel arguments...]\n"
	      "  MEM        Guest memory: megabytes, or a number with K, M or G\n"
	      "  KERNEL     an ELF vmlinux, a bzImage, or either gzipped\n"
	      "options:\n"
	      "  --initrd=FILE       an initial RAM disk (may be gzipped)\n"
	      "  --block=FILE[,ro]   a virtio disk on FILE (read-only with ,ro)\n"
	      "  --tunnet=TAP[,mac=MAC]\n"
	      "                      a virtio network card on tap interface TAP, with\n"
	      "                      the hardware address MAC (like 02:4c:47:00:01:03;\n"
	      "                      without it, 02:4c:47:00:00:NN, NN the device number)\n"
	      "  --verbose, -v       say what the Launcher is doing\n"
	      "  --help, -h          this text\n"
	      "Type Ctrl-C three times to stop a Guest that owns the terminal.\n",
	      f);
}

#line 3681 "launcher.nw"
static void die(void)
{
	fprintf(stderr, "lguest: %s\n", why_failed());
	exit(1);
}

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = calloc(1, len);
	for (i = 0; s && i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

#line 3719 "launcher.nw"
/* Every device but the console and a network card may be a disk. */
#define MAX_DISKS	(MAX_DEVICES - 2)

struct options {
	const char *initrd, *tap, *blocks[MAX_DISKS];
	unsigned int nblocks;
};

static bool negative_number(const char *arg)
{
	return arg[0] == '-' && arg[1] >= '0' && arg[1] <= '9';
}

#line 3738 "launcher.nw"
static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option options[] = {
		{ "initrd", required_argument, NULL, 'i' },
		{ "block", required_argument, NULL, 'b' },
		{ "tunnet", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while (optind < argc && !negative_number(argv[optind]) &&
	       (c = getopt_long(argc, argv, "+vh", options, NULL)) != -1) {
		/* take option c, or stop */
#line 3765 "launcher.nw"
		switch (c) {
		case 'i': o->initrd = optarg; break;
		case 'v': verbose = true; break;
		case 'h': usage(stdout); exit(0);
		case 'b':
			if (o->nblocks == MAX_DISKS) {
				fail("too many --block options");
				die();
			}
			o->blocks[o->nblocks++] = optarg;
			break;
		case 't':
			if (o->tap) {
				fail("--tunnet=%s after --tunnet=%s: the Launcher has one network card",
				     optarg, o->tap);
				die();
			}
			o->tap = optarg;
			break;
		default: usage(stderr); exit(1);
		}
#line 3753 "launcher.nw"
	}
	if (argc - optind < 2) {
		usage(stderr);
		exit(1);
	}
}

#line 3797 "launcher.nw"
int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct kernel_info ki;
	unsigned int i;
	u8 *img;
	size_t len;
	u32 mem;
	int status;

	parse_options(argc, argv, &o);
	/* load the Guest, or die */
#line 3827 "launcher.nw"
	if (parse_mem_size(argv[optind], guest_mem_limit(), &mem) < 0 ||
	    read_file(argv[optind + 1], mem, kernel_head, &img, &len) < 0 ||
	    maybe_gunzip(&img, &len, mem) < 0 ||
	    map_guest_memory(mem) < 0 ||
	    load_kernel(img, len, &ki) < 0)
		die();
	free(img);
	if (o.initrd) {
		if (read_file(o.initrd, mem, NULL, &img, &len) < 0 ||
		    maybe_gunzip(&img, &len, mem) < 0 ||
		    load_initrd(img, len, &ki) < 0)
			die();
		free(img);
	}
	if (setup_pagetables(&ki) < 0 ||
	    setup_boot_params(&ki, join_args(argc - optind - 2,
					     argv + optind + 2)) < 0)
		die();
	/* create the devices, or die */
#line 3866 "launcher.nw"
	if (!setup_console(STDIN_FILENO, STDOUT_FILENO))
		die();
	for (i = 0; i < o.nblocks; i++)
		if (!setup_block(o.blocks[i]))
			die();
	if (o.tap && !setup_net(o.tap))
		die();
#line 3810 "launcher.nw"
	if (open_lguest(&ki) < 0)
		die();
	setup_terminal();
	if (start_threads() < 0)
		die();
	status = run_guest(handle_exit);
	/* start afresh if the Guest asked for a restart */
#line 3853 "launcher.nw"
	if (status == RESTART) {
		restore_terminal();
		execv("/proc/self/exe", argv);
		execvp(argv[0], argv);
		fprintf(stderr, "lguest: cannot restart: %s\n", strerror(errno));
		return 1;
	}
#line 3817 "launcher.nw"
	return status;
}
