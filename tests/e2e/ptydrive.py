#!/usr/bin/env python3
"""ptydrive.py: drive a program through a pseudo-terminal, as a person types.

    python3 tests/e2e/ptydrive.py NAME [--timeout S] -- PROGRAM [ARGS...] < STEPS

STEPS has one step per line (blank lines and lines starting with '#' skipped):

    send TEXT       type TEXT (escapes: \\r Enter, \\t Tab, \\x03 Ctrl-C, \\x04 Ctrl-D)
    expect TEXT     wait until the output since the last match contains TEXT
    prompt TEXT     expect TEXT, then wait until the program reads the terminal
                    key by key (canonical mode off: libedit is editing), so
                    what is sent next is not echoed or cooked by the terminal
    refuse TEXT     the output since the last match must not contain TEXT (so far)
    sleep SECONDS   wait
    exit STATUS     wait for the program to end with STATUS

Each expect, refuse and exit prints "ok - NAME: ..." or "not ok - NAME: ..."
with the end of the output; the first failure ends the run. The terminal is
80x24 and TERM is whatever the caller set."""

import codecs
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def unescape(text):
    """Backslash escapes decoded; other characters (é, 東) kept as they are."""
    return codecs.decode(text.encode("latin-1", "backslashreplace"), "unicode_escape")


def shown(data):
    return repr(data[-600:])


class Session:
    def __init__(self, argv, timeout):
        self.timeout = timeout
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                # As an interactive shell does for a foreground job: a runner that
                # started us in the background left these ignored.
                for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP):
                    signal.signal(sig, signal.SIG_DFL)
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.out = ""       # everything read
        self.mark = 0       # where the next expect starts looking
        self.status = None

    def pump(self, wait):
        """Reads what is there, waiting up to `wait` seconds for something."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:     # EIO: the program has ended
            data = b""
        if not data:
            return None
        self.out += data.decode("utf-8", "replace")
        return True

    def send(self, text):
        os.write(self.fd, unescape(text).encode("utf-8"))

    def expect(self, text):
        want = unescape(text)
        deadline = time.time() + self.timeout
        while True:
            at = self.out.find(want, self.mark)
            if at >= 0:
                self.mark = at + len(want)
                return True
            left = deadline - time.time()
            if left <= 0 or self.pump(left) is None:
                return self.out.find(want, self.mark) >= 0

    def editing(self):
        """Waits until the terminal is out of canonical mode."""
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            if not termios.tcgetattr(self.fd)[3] & termios.ICANON:
                return True
            self.pump(0.01)
        return False

    def refuse(self, text):
        while self.pump(0.2):
            pass
        return unescape(text) not in self.out[self.mark:]

    def wait_exit(self):
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self.pump(0.05)
        return None

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass


def main():
    args = sys.argv[1:]
    name = args.pop(0)
    timeout = 10.0
    if args and args[0] == "--timeout":
        timeout = float(args[1])
        args = args[2:]
    if not args or args[0] != "--":
        sys.exit("usage: ptydrive.py NAME [--timeout S] -- PROGRAM [ARGS...] < STEPS")
    session = Session(args[1:], timeout)
    try:
        for line in sys.stdin.read().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            verb, _, text = line.partition(" ")
            if verb == "send":
                session.send(text)
            elif verb == "sleep":
                time.sleep(float(text))
            elif verb in ("expect", "refuse", "prompt"):
                if verb == "refuse":
                    good = session.refuse(text)
                else:
                    good = session.expect(text) and (verb == "expect" or session.editing())
                what = "did not see" if verb == "refuse" else "saw"
                if good:
                    print("ok - %s: %s %r" % (name, what, unescape(text)))
                else:
                    print("not ok - %s: %s %r" % (name, "saw" if verb == "refuse" else "did not see", unescape(text)))
                    print("    output: " + shown(session.out))
                    return
            elif verb == "exit":
                status = session.wait_exit()
                if status == int(text):
                    print("ok - %s: exited with status %s" % (name, text))
                else:
                    print("not ok - %s: exit status %s, want %s" % (name, status, text))
                    print("    output: " + shown(session.out))
                    return
            else:
                sys.exit("ptydrive.py: unknown step %r" % line)
    finally:
        session.kill()


if __name__ == "__main__":
    main()
