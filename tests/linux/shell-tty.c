// SPDX-License-Identifier: GPL-2.0
/*
 * shell-tty: make run's Linux shell, typed into as a user would.
 *
 * Runs inside the lab machine.  Starts the Linux Guest the way make run
 * does (no test on its command line, so its /init gives a shell on the
 * virtio console) on a fresh pseudo-terminal, waits for the prompt, and
 * types: a line with a mistake taken back by Backspace and a word taken
 * back by Ctrl-W; a long sleep that Ctrl-C must stop; then `poweroff`,
 * which must end the Launcher with status 0 and the terminal as it was.
 * A second Guest is left by the Launcher's own way out, three Ctrl-C.
 *
 * Prints "ok - NAME" or "FAIL - NAME: why" per case, then "N passed,
 * N failed" and a result line, for the lab harness:
 *
 * @test     shell-tty
 * @summary  make run's Linux shell on the virtio console: line editing (Backspace, Ctrl-W), Ctrl-C stops the foreground program, poweroff ends the Launcher with status 0, three Ctrl-C stop it, and the terminal is restored each time
 * @category functional
 * @program  /bin/shell-tty
 * @timeout  400
 * @expect   SUCCESS
 * @output   ^[0-9]+ passed, 0 failed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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

#define PROMPT	"guest:/# "

static int passed, failed;
static char out[1 << 20];
static size_t out_len, seen;	/* what arrived; how much expect() used */
static int master = -1;
static pid_t launcher;

static bool result(const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!fmt) {
		printf("ok - %s\n", name);
		passed++;
		return true;
	}
	printf("FAIL - %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed++;
	return false;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Keep the Guest's output flowing, and keep it to look for text in. */
static void drain(void)
{
	ssize_t n;

	do {
		n = read(master, out + out_len, sizeof(out) - 1 - out_len);
		if (n > 0)
			out_len += (size_t)n;
	} while (n > 0 && out_len < sizeof(out) - 1);
	out[out_len] = '\0';
}

/* Wait up to `ms` for `text` in what arrived since the last match. */
static bool expect(const char *text, long ms)
{
	char *at;

	for (; ms > 0; ms -= 20) {
		drain();
		at = strstr(out + seen, text);
		if (at) {
			seen = (size_t)(at - out) + strlen(text);
			return true;
		}
		sleep_ms(20);
	}
	return false;
}

static void type(const char *keys)
{
	if (write(master, keys, strlen(keys)) < 0)
		printf("typing: %s\n", strerror(errno));
}

/* The last `n` characters that arrived, for a failure message. */
static const char *tail(size_t n)
{
	return out_len > n ? out + out_len - n : out;
}

/* Start the Guest as make run does, on a new pseudo-terminal. */
static bool boot(struct termios *before)
{
	int slave;

	out_len = seen = 0;
	master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) < 0)
		return result("boot", "no pseudo-terminal: %s", strerror(errno));
	tcgetattr(slave, before);
	launcher = fork();
	if (launcher == 0) {
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(master);
		close(slave);
		execl("/bin/lguest", "lguest", "--initrd=/linux/initrd.gz", "64",
		      "/guests/linux", "console=hvc0", (char *)NULL);
		_exit(127);
	}
	close(slave);
	if (!expect(PROMPT, 180000))
		return result("boot", "no prompt in 180 s; the end of the output: %s",
			      tail(400));
	return result("boot to the prompt", NULL);
}

/* Wait up to `ms` for the Launcher to end; its wait status, or -1. */
static int wait_end(long ms)
{
	int status;

	for (; ms > 0; ms -= 20) {
		drain();
		if (waitpid(launcher, &status, WNOHANG) == launcher)
			return status;
		sleep_ms(20);
	}
	kill(launcher, SIGKILL);
	waitpid(launcher, &status, 0);
	return -1;
}

/* How the session ended: status 0 (or 128 + SIGINT for three Ctrl-C),
 * and the terminal as it was before. */
static void ended(const char *name, int want, const struct termios *before)
{
	struct termios now;
	int status = wait_end(60000);
	int slave = open(ptsname(master), O_RDWR | O_NOCTTY);

	if (slave >= 0) {
		tcgetattr(slave, &now);
		close(slave);
	}
	if (status == -1)
		result(name, "the Launcher did not end in 60 s: %s", tail(300));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != want)
		result(name, "the Launcher's wait status was %#x, not exit %d",
		       status, want);
	else if (slave < 0 || now.c_lflag != before->c_lflag ||
		 now.c_iflag != before->c_iflag || now.c_oflag != before->c_oflag)
		result(name, "the terminal was left changed (lflag %#x, was %#x)",
		       now.c_lflag, before->c_lflag);
	else
		result(name, NULL);
	close(master);
}

/* Backspace takes back a letter, Ctrl-W a word: the Guest's terminal
 * layer edits the line, and the shell sees only the result. */
static void editing(void)
{
	type("echo hel\177lo wrold\027world\r");
	if (!expect("\nhelo world", 20000))
		result("line editing", "no \"helo world\": %s", tail(300));
	else if (!expect(PROMPT, 20000))
		result("line editing", "no prompt after it: %s", tail(300));
	else
		result("line editing (Backspace, Ctrl-W)", NULL);
}

/* Ctrl-C is a byte to the Launcher, and SIGINT for the foreground
 * program in the Guest: a sleep of a minute ends at once. */
static void interrupt(void)
{
	time_t t0;

	type("sleep 60\r");
	if (!expect("sleep 60", 20000))
		return (void)result("Ctrl-C", "the command was not echoed: %s",
				    tail(300));
	sleep_ms(2000);
	t0 = time(NULL);
	type("\003");
	if (!expect(PROMPT, 20000))
		return (void)result("Ctrl-C", "no prompt 20 s after Ctrl-C: %s",
				    tail(300));
	type("echo after-$((6 * 7))\r");
	if (!expect("after-42", 20000))
		result("Ctrl-C", "the shell did not go on: %s", tail(300));
	else
		result("Ctrl-C stops sleep 60", NULL);
	printf("    (the prompt came back %ld s after Ctrl-C)\n",
	       (long)(time(NULL) - t0));
}

int main(void)
{
	struct termios before;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir("/dev/pts", 0755);
	if (mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666") < 0 &&
	    errno != EBUSY)
		printf("mounting /dev/pts: %s\n", strerror(errno));

	if (boot(&before)) {
		editing();
		interrupt();
		type("poweroff\r");
		ended("poweroff ends the Launcher with status 0", 0, &before);
	}
	if (boot(&before)) {
		type("\003");
		sleep_ms(300);
		type("\003");
		sleep_ms(300);
		type("\003");
		ended("three Ctrl-C stop the Launcher", 128 + SIGINT, &before);
	}

	printf("%d passed, %d failed\n", passed, failed);
	if (failed)
		printf("Test result: FAILURE: %d of %d cases\n", failed, passed + failed);
	else
		printf("Test result: SUCCESS\n");
	return failed ? 1 : 0;
}
