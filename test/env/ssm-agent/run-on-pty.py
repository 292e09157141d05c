# A terminal for the test agent's shell (the real agent uses a pty too): runs argv[3:] on a new pseudo-terminal of
# argv[1] rows x argv[2] cols and copies the terminal to fd 1. fd 0 carries records in the order the agent received
# them, so a resize is applied exactly between the keystrokes around it: b'i' + u32 length + bytes to type, or
# b'r' + u32 length + b'<rows> <cols>' (the kernel then sends SIGWINCH to the shell). Exits with the command's status.
import fcntl, os, pty, select, signal, struct, sys, termios, time

rows, cols, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    os.closerange(3, 256)  # the shell must not hold anything of ours open
    os.execvp(argv[0], argv)
# The parent sets the first size, so that every resize record comes after it.
fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))


def signal_session(sig):
    # Everything on this terminal: /bin/sh -c may have left the shell in a process group (and, once sh is gone,
    # a parent) of its own, where neither a signal to sh nor the hang-up reaches it reliably.
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat') as f:
                    stat = f.read()
                if int(stat[stat.rindex(')') + 2:].split()[3]) == pid:
                    os.kill(int(entry), sig)
            except (OSError, ValueError):
                pass


hangup_at = None


def hang_up(*_):
    global hangup_at
    if hangup_at is None:
        hangup_at = time.monotonic()
        signal_session(signal.SIGHUP)


# SIGTERM from the agent, or our stdin closing (the agent is gone): the session is over.
signal.signal(signal.SIGTERM, hang_up)
inputs, pending = [0, master], b''
while True:
    if hangup_at is not None and time.monotonic() - hangup_at > 2:
        signal_session(signal.SIGKILL)
    try:
        ready, _, _ = select.select(inputs, [], [], None if hangup_at is None else 0.5)
    except InterruptedError:
        continue
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            inputs.remove(0)
            hang_up()
        pending += data
        while len(pending) >= 5:
            kind, n = pending[:1], struct.unpack('>I', pending[1:5])[0]
            if len(pending) < 5 + n:
                break
            body, pending = pending[5:5 + n], pending[5 + n:]
            if kind == b'i':
                os.write(master, body)
            elif kind == b'r':
                r, c = (int(x) for x in body.split())
                fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))

_, status = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
