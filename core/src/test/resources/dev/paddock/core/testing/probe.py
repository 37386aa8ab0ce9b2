# Runs each operation given on the command line and prints one line per operation: "ok" or the errno name.
# Used by Paddock's tests inside sandboxes: python3 -S -I -c "$(cat probe.py)" OP:ARG ...
import errno, os, signal, socket, sys

def run(op, arg):
    if op == "read":
        with open(arg, "rb") as f:
            f.read(1)
    elif op == "write":
        with open(arg, "ab") as f:
            f.write(b"x")
    elif op == "create":
        fd = os.open(arg, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.close(fd)
    elif op == "truncate":
        os.truncate(arg, 0)
    elif op == "list":
        os.listdir(arg)
    elif op == "mkdir":
        os.mkdir(arg)
    elif op == "rmdir":
        os.rmdir(arg)
    elif op == "unlink":
        os.unlink(arg)
    elif op == "rename":
        src, dst = arg.split("=>")
        os.rename(src, dst)
    elif op == "link":
        src, dst = arg.split("=>")
        os.link(src, dst)
    elif op == "symlink":
        src, dst = arg.split("=>")
        os.symlink(src, dst)
    elif op == "mkfifo":
        os.mkfifo(arg)
    elif op == "exec":
        pid = os.fork()
        if pid == 0:
            try:
                os.execv(arg, [arg])
            except OSError as e:
                os._exit(100 + e.errno)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code >= 100:
            raise OSError(code - 100, os.strerror(code - 100))
    elif op == "bind":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", int(arg)))
        finally:
            s.close()
    elif op == "connect":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.settimeout(5)
            s.connect(("127.0.0.1", int(arg)))
        finally:
            s.close()
    elif op == "kill":
        os.kill(int(arg), 0)
    elif op == "abstract":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect("\0" + arg)
        finally:
            s.close()
    elif op == "fds":
        print(" ".join(sorted(os.listdir("/proc/self/fd"), key=int)))
        return
    elif op == "env":
        print(" ".join(sorted(k + "=" + v for k, v in os.environ.items())))
        return
    elif op == "isatty":
        print("tty" if os.isatty(0) and os.isatty(1) and os.isatty(2) else "notty")
        return
    else:
        raise SystemExit("unknown probe operation " + op)
    print("ok")

for spec in sys.argv[1:]:
    op, _, arg = spec.partition(":")
    try:
        run(op, arg)
    except OSError as e:
        print(errno.errorcode.get(e.errno, str(e.errno)))
    sys.stdout.flush()
