// SPDX-License-Identifier: GPL-2.0
/*
 * launcher-tty: the Launcher gives the terminal back, however it ends.
 *
 * Runs inside the lab machine.  Each case starts the Launcher on a fresh
 * pseudo-terminal (its controlling terminal, as in a real shell), waits
 * until the Launcher has put the terminal in raw mode, ends it one way or
 * another, and checks that the terminal settings are exactly what they
 * were before.  A shell left without echo after a Guest stops is the
 * classic symptom this guards against.
 *
 * Prints "ok - NAME" or "FAIL - NAME: why" per case, then "N passed,
 * N failed" and a test guest's result line, for the lab harness:
 *
 * @test     launcher-tty
 * @summary  the Launcher's terminal is raw while a Guest runs and restored afterwards, whether the Guest powers off or the Launcher gets SIGTERM, SIGHUP, SIGINT, three Ctrl-C or crashes with SIGSEGV
 * @category functional
 * @program  /bin/launcher-tty
 * @timeout  90
 * @expect   SUCCESS
 * @output   ^[0-9]+ passed, 0 failed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* hello ends by itself; hostile-spin never does, whatever it is sent. */
#define ENDS_BY_ITSELF	"/guests/hello.elf"
#define NEVER_ENDS	"/guests/hostile-spin.elf"

enum how { POWER_OFF, SIG_TERM, SIG_HUP, SIG_INT, CTRL_C, SIG_SEGV };

static int passed, failed;
static char out[65536];
static size_t out_len;

static void result(const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!fmt) {
		printf("ok - %s\n", name);
		passed++;
		return;
	}
	printf("FAIL - %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Keep the Launcher's output flowing (a full pty would stop it), and keep
 * it for the messages we look for. */
static void drain(int master)
{
	ssize_t n;

	do {
		n = read(master, out + out_len, sizeof(out) - 1 - out_len);
		if (n > 0)
			out_len += (size_t)n;
	} while (n > 0 && out_len < sizeof(out) - 1);
	out[out_len] = '\0';
}

static pid_t start(int slave, int master, const char *guest)
{
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(master);
		close(slave);
		execl("/bin/lguest", "lguest", "32", guest, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Wait up to `ms` for the Launcher to end; its wait status, or -1. */
static int wait_end(pid_t pid, int master, long ms)
{
	int status;

	for (; ms > 0; ms -= 20) {
		drain(master);
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		sleep_ms(20);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static bool same(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	       a->c_lflag == b->c_lflag && a->c_cflag == b->c_cflag &&
	       !memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc));
}

static void one(const char *name, enum how how)
{
	struct termios before, now;
	int master, slave, status, i;
	long waited;
	pid_t pid;

	out_len = 0;
	out[0] = '\0';
	master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) < 0) {
		result(name, "no pseudo-terminal: %s", strerror(errno));
		if (master >= 0)
			close(master);
		return;
	}
	tcgetattr(slave, &before);
	pid = start(slave, master, how == POWER_OFF ? ENDS_BY_ITSELF : NEVER_ENDS);

	if (how != POWER_OFF) {
		/* Until the Launcher has made the terminal raw. */
		for (waited = 0; waited < 10000; waited += 20) {
			drain(master);
			tcgetattr(slave, &now);
			if (!(now.c_lflag & (ICANON | ECHO | ISIG)))
				break;
			sleep_ms(20);
		}
		if (waited >= 10000) {
			result(name, "the terminal never became raw (lflag %#x)",
			       now.c_lflag);
			wait_end(pid, master, 0);
			goto out;
		}
		/* Let the Guest start running. */
		sleep_ms(300);
	}
	switch (how) {
	case POWER_OFF:
		break;
	case SIG_TERM:
		kill(pid, SIGTERM);
		break;
	case SIG_HUP:
		kill(pid, SIGHUP);
		break;
	case SIG_INT:
		kill(pid, SIGINT);
		break;
	case SIG_SEGV:
		kill(pid, SIGSEGV);
		break;
	case CTRL_C:
		/* Three keystrokes, each read on its own. */
		for (i = 0; i < 3; i++) {
			if (write(master, "\003", 1) != 1)
				break;
			sleep_ms(200);
			drain(master);
		}
		break;
	}
	status = wait_end(pid, master, 20000);
	tcgetattr(slave, &now);
	if (status == -1)
		result(name, "the Launcher did not end in 20 s");
	else if (!same(&before, &now))
		result(name, "the terminal was left changed: lflag %#x iflag %#x, was %#x %#x",
		       now.c_lflag, now.c_iflag, before.c_lflag, before.c_iflag);
	else if (how == POWER_OFF && (!WIFEXITED(status) || WEXITSTATUS(status)))
		result(name, "the Launcher ended with status %#x", status);
	else if (how == POWER_OFF && !strstr(out, "Test result: SUCCESS"))
		result(name, "the Guest did not finish: %s", out);
	else if (how == CTRL_C && !strstr(out, "three Ctrl-C"))
		result(name, "no \"three Ctrl-C\" message: %s", out);
	else if (how == SIG_SEGV && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV))
		result(name, "the Launcher did not die of SIGSEGV (status %#x)", status);
	else
		result(name, NULL);
out:
	close(slave);
	close(master);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir("/dev/pts", 0755);
	if (mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666") < 0 &&
	    errno != EBUSY)
		printf("mounting /dev/pts: %s\n", strerror(errno));

	one("the Guest powers off", POWER_OFF);
	one("SIGTERM", SIG_TERM);
	one("SIGHUP", SIG_HUP);
	one("SIGINT", SIG_INT);
	one("three Ctrl-C", CTRL_C);
	one("the Launcher crashes (SIGSEGV)", SIG_SEGV);

	printf("%d passed, %d failed\n", passed, failed);
	if (failed)
		printf("Test result: FAILURE: %d of %d cases\n", failed, passed + failed);
	else
		printf("Test result: SUCCESS\n");
	return failed ? 1 : 0;
}
