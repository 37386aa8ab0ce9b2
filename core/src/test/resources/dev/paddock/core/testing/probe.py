# Runs each operation given on the command line and prints one line per operation: "ok" or the errno name.
# Used by Paddock's tests inside sandboxes: python3 -S -I -c "$(cat probe.py)" OP:ARG ...
import ctypes, errno, os, signal, socket, struct, sys

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
    # one system call each, for the access corpus (trace/AccessCorpusTest): the open alone, with its flags
    elif op == "open-read":
        os.close(os.open(arg, os.O_RDONLY))
    elif op == "open-write":
        os.close(os.open(arg, os.O_WRONLY | os.O_APPEND))
    elif op == "open-rdwr":
        os.close(os.open(arg, os.O_RDWR))
    elif op == "open-dir":
        os.close(os.open(arg, os.O_RDONLY | os.O_DIRECTORY))
    elif op == "creat":
        os.close(os.open(arg, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
    elif op == "rdonly-trunc":
        os.close(os.open(arg, os.O_RDONLY | os.O_TRUNC))
    elif op == "exchange":
        src, dst = arg.split("=>")
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        if libc.syscall(316, -100, src.encode(), -100, dst.encode(), 2) != 0:  # renameat2(RENAME_EXCHANGE)
            raise OSError(ctypes.get_errno(), "renameat2")
    elif op == "mknod-reg":
        os.mknod(arg, 0o600 | 0o100000)
    elif op == "bind-unix":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(arg)
        finally:
            s.close()
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
    elif op == "open-trunc":
        fd = os.open(arg, os.O_WRONLY | os.O_TRUNC)
        os.close(fd)
    elif op == "ftruncate" or op == "ftruncate-write":  # on a descriptor opened read-only, or for writing
        fd = os.open(arg, os.O_WRONLY if op == "ftruncate-write" else os.O_RDONLY)
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)
    elif op == "append":
        fd = os.open(arg, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, b"x")
        finally:
            os.close(fd)
    elif op == "mknod":
        os.mknod(arg, 0o600 | 0o020000, os.makedev(1, 3))
    elif op == "ioctl":
        import fcntl, termios
        fd = os.open(arg, os.O_RDWR)
        try:
            fcntl.ioctl(fd, termios.TCGETS, bytes(64))
        finally:
            os.close(fd)
    elif op == "exec-ld":
        import subprocess
        interpreter, binary = arg.split("=>")
        try:
            done = subprocess.run([interpreter, binary], capture_output=True)
        except OSError as e:
            raise
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace")
            raise OSError(errno.EACCES if "Permission denied" in message else errno.ENOEXEC, message)
    elif op == "bind6":
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        try:
            s.bind(("::1", int(arg)))
        finally:
            s.close()
    elif op == "connect6":
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        try:
            s.settimeout(5)
            s.connect(("::1", int(arg)))
        finally:
            s.close()
    elif op == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.sendto(b"x", ("127.0.0.1", int(arg)))
        finally:
            s.close()
    elif op == "signal":
        os.kill(int(arg), signal.SIGCONT)
    elif op == "sigqueue":
        libc = ctypes.CDLL(None, use_errno=True)
        value = ctypes.c_void_p(0)
        if libc.sigqueue(int(arg), signal.SIGCONT, value) != 0:
            raise OSError(ctypes.get_errno(), "sigqueue")
    elif op == "kill-own-child":
        pid = os.fork()
        if pid == 0:
            signal.pause()
            os._exit(0)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    elif op == "own-abstract":
        name = "\0paddock-own-" + str(os.getpid())
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(name)
        server.listen(1)
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            client.connect(name)
        finally:
            client.close()
            server.close()
    elif op == "nnp":
        with open("/proc/self/status") as f:
            line = [l for l in f if l.startswith("NoNewPrivs:")][0]
        print("nnp=" + line.split()[1])
        return
    elif op == "nest-write":
        # a nested sandbox that tries to allow writing to arg, then writes there
        restrict(arg)
        with open(os.path.join(arg, "nested-was-here"), "wb") as f:
            f.write(b"x")
    elif op == "layers":
        count = 0
        while count < 40:
            try:
                restrict(None)
            except OSError as e:
                print("layers=" + str(count) + " " + errno.errorcode.get(e.errno, str(e.errno)))
                return
            count += 1
        print("layers=" + str(count) + " unlimited")
        return
    elif op == "fds":
        print(" ".join(sorted(os.listdir("/proc/self/fd"), key=int)))
        return
    elif op == "environ":
        with open("/proc/self/environ", "rb") as f:
            print(f.read().replace(b"\0", b" ").decode().strip())
        return
    elif op == "env":
        print(" ".join(sorted(k + "=" + v for k, v in os.environ.items())))
        return
    elif op == "tiocsti":
        import fcntl, termios
        fcntl.ioctl(int(arg) if arg.isdigit() else os.open(arg, os.O_RDWR), termios.TIOCSTI, b"#")
    elif op == "tiocsti-wide":
        libc = ctypes.CDLL(None, use_errno=True)
        c = ctypes.c_char(b"#")
        if libc.ioctl(ctypes.c_int(int(arg)), ctypes.c_ulong(0x100005412), ctypes.byref(c)) != 0:
            raise OSError(ctypes.get_errno(), "ioctl")
    elif op == "tioclinux":
        import fcntl
        fcntl.ioctl(int(arg), 0x541C, bytes([3]) + bytes(15))
    elif op == "setsid":
        r, w = os.pipe()
        child = os.fork()
        if child == 0:
            try:
                os.setsid()
                os.write(w, b"ok")
            except OSError as e:
                os.write(w, errno.errorcode.get(e.errno, str(e.errno)).encode())
            os._exit(0)
        os.close(w)
        os.waitpid(child, 0)
        print(os.read(r, 64).decode())
        return
    elif op == "fastopen":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.settimeout(5)
            s.sendto(b"x", socket.MSG_FASTOPEN, ("127.0.0.1", int(arg)))
        finally:
            s.close()
    elif op == "fastopen-sendmsg":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.settimeout(5)
            s.sendmsg([b"x"], [], socket.MSG_FASTOPEN, ("127.0.0.1", int(arg)))
        finally:
            s.close()
    elif op == "fastopen-connect":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.setsockopt(socket.IPPROTO_TCP, 30, 1)
        finally:
            s.close()
    elif op == "io-uring":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        params = ctypes.create_string_buffer(120)
        fd = libc.syscall(ctypes.c_long(425), ctypes.c_uint(4), params)
        if fd < 0:
            raise OSError(ctypes.get_errno(), "io_uring_setup")
        os.close(fd)
    elif op == "memfd":
        os.close(os.memfd_create("paddock"))
    elif op in ("chmod-new", "utime-new"):
        path = os.path.join(arg, "%s-%d" % (op, os.getpid()))
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            if op == "chmod-new":
                os.chmod(path, 0o644)
            else:
                os.utime(path)
        finally:
            os.unlink(path)
    elif op == "udp-socket":
        socket.socket(socket.AF_INET6 if arg == "6" else socket.AF_INET, socket.SOCK_DGRAM).close()
    elif op == "mptcp":
        socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262).close()
    elif op == "listen":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.listen(1)
        finally:
            s.close()
    elif op == "own-listener":
        # a filter of the program's own that sends setsid to a listener it could answer itself
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        code = struct.pack("HBBI", 0x06, 0, 0, 0x7fc00000)
        buf = ctypes.create_string_buffer(code)
        prog = struct.pack("HxxxxxxQ", 1, ctypes.addressof(buf))
        libc.prctl(38, 1, 0, 0, 0)
        fd = libc.syscall(ctypes.c_long(317 if os.uname().machine == "x86_64" else 277), ctypes.c_long(1),
                          ctypes.c_long(8), ctypes.c_char_p(prog))
        if fd < 0:
            raise OSError(ctypes.get_errno(), "seccomp")
        os.close(fd)
    elif op == "tiocsetd":
        import fcntl
        fcntl.ioctl(int(arg), 0x5423, struct.pack("i", 0))
    elif op == "tiocspgrp":
        import fcntl
        fcntl.ioctl(int(arg), 0x5410, struct.pack("i", os.getpgrp()))
    elif op == "setflags":
        import fcntl
        fd = os.open(arg, os.O_RDONLY)
        try:
            flags = bytearray(struct.pack("l", 0))
            fcntl.ioctl(fd, 0x80086601, flags)
            fcntl.ioctl(fd, 0x40086602, bytes(flags))
        finally:
            os.close(fd)
    elif op == "isatty":
        print("tty" if os.isatty(0) and os.isatty(1) and os.isatty(2) else "notty")
        return
    else:
        raise SystemExit("unknown probe operation " + op)
    print("ok")

def restrict(allowed_path):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    handled = (1 << 16) - 1
    attr = struct.pack("QQQ", handled, 0, 0)
    fd = libc.syscall(444, ctypes.c_char_p(attr), ctypes.c_size_t(8), ctypes.c_uint32(0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset")
    if allowed_path is not None:
        parent = os.open(allowed_path, os.O_PATH)
        rule = struct.pack("=Qi", handled, parent)
        if libc.syscall(445, ctypes.c_int(fd), ctypes.c_int(1), ctypes.c_char_p(rule), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_add_rule")
    if libc.prctl(38, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl")
    if libc.syscall(446, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
        raise OSError(ctypes.get_errno(), "landlock_restrict_self")
    os.close(fd)


for spec in sys.argv[1:]:
    op, _, arg = spec.partition(":")
    try:
        run(op, arg)
    except OSError as e:
        print(errno.errorcode.get(e.errno, str(e.errno)))
    sys.stdout.flush()
