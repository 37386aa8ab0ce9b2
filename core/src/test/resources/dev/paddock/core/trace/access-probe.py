# One system call per operation, for the access corpus: prints "ok" or the errno name, one line each.
# python3 -S -I -c "$(cat access-probe.py)" OP:ARG ...
import ctypes, errno, os, socket, sys

libc = ctypes.CDLL(None, use_errno=True)

def check(result):
    if result != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))

def run(op, arg):
    if op == "read":
        os.close(os.open(arg, os.O_RDONLY))
    elif op == "write":
        os.close(os.open(arg, os.O_WRONLY | os.O_APPEND))
    elif op == "readwrite":
        os.close(os.open(arg, os.O_RDWR))
    elif op == "create":
        os.close(os.open(arg, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    elif op == "creat":
        os.close(os.open(arg, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    elif op == "open-trunc":
        os.close(os.open(arg, os.O_WRONLY | os.O_TRUNC))
    elif op == "rdonly-trunc":
        os.close(os.open(arg, os.O_RDONLY | os.O_TRUNC))
    elif op == "truncate":
        os.truncate(arg, 0)
    elif op == "ftruncate":
        fd = os.open(arg, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)
    elif op == "list":
        os.close(os.open(arg, os.O_RDONLY | os.O_DIRECTORY))
    elif op == "mkdir":
        os.mkdir(arg)
    elif op == "rmdir":
        os.rmdir(arg)
    elif op == "unlink":
        os.unlink(arg)
    elif op == "rename":
        src, dst = arg.split("=>")
        os.rename(src, dst)
    elif op == "exchange":
        src, dst = arg.split("=>")
        libc.syscall.restype = ctypes.c_long
        check(libc.syscall(316, -100, src.encode(), -100, dst.encode(), 2))
    elif op == "link":
        src, dst = arg.split("=>")
        os.link(src, dst)
    elif op == "symlink":
        src, dst = arg.split("=>")
        os.symlink(src, dst)
    elif op == "mkfifo":
        os.mkfifo(arg)
    elif op == "mknod-reg":
        os.mknod(arg, 0o600 | 0o100000)
    elif op == "bind-unix":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(arg)
        finally:
            s.close()
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
    else:
        raise SystemExit("unknown operation " + op)
    print("ok")

for spec in sys.argv[1:]:
    op, _, arg = spec.partition(":")
    try:
        run(op, arg)
    except OSError as e:
        print(errno.errorcode.get(e.errno, str(e.errno)))
    sys.stdout.flush()
