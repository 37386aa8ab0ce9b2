package dev.paddock.core.seccomp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The classic BPF program for a {@link SeccompPlan} on one architecture. Calls from another architecture (i386 or
 * x32 on x86_64, arm32 on aarch64) fail with ENOSYS: their numbers differ, so they would slip past every check.
 *
 * <p>setsid() either fails (EPERM) or, for a launch that puts the child in a session of its own, goes to the
 * seccomp listener, which lets exactly the first one through: the one posix_spawn makes before the program runs.
 *
 * <p>A traced launch also sends the {@code notified} calls to the listener (after the plan's own checks: a call the
 * plan refuses is refused before anyone is asked), where a supervisor watches them and lets every one continue.
 * One filter holds both, because a process can have only one seccomp listener. A traced launch also refuses
 * io_uring_setup (EPERM, {@link #TRACED_REFUSES}): io_uring opens files without a call the supervisor sees, so the
 * trace would miss what Landlock denied there.
 */
public record SeccompFilter(Architecture architecture, SeccompPlan plan, boolean setsidToListener,
                            Set<Syscall> notified, List<Bpf.Instruction> program) {

    public static final int RET_ALLOW = 0x7fff0000;
    public static final int RET_USER_NOTIF = 0x7fc00000;
    public static final int RET_ERRNO = 0x00050000;
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    static final int TIOCSTI = 0x5412;
    static final int TIOCLINUX = 0x541C;
    static final int TIOCSETD = 0x5423;
    static final int TIOCSPGRP = 0x5410;
    static final int FS_IOC_SETFLAGS = 0x40086602;
    static final int FS_IOC32_SETFLAGS = 0x40046602;
    static final int FS_IOC_FSSETXATTR = 0x401c5820;
    static final int SECCOMP_SET_MODE_FILTER = 1;
    static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 8;
    static final int MSG_FASTOPEN = 0x20000000;
    static final int SOL_TCP = 6;
    static final int TCP_FASTOPEN_CONNECT = 30;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_TYPE_MASK = 0xf;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int IPPROTO_MPTCP = 262;
    static final int X32_SYSCALL_BIT = 0x40000000;

    private static final int NR = 0;
    private static final int ARCH = 4;

    public SeccompFilter {
        notified = Collections.unmodifiableSet(notified.isEmpty() ? EnumSet.noneOf(Syscall.class)
                : EnumSet.copyOf(notified));
        program = List.copyOf(program);
    }

    /** What a traced launch's filter refuses beyond its plan, and why, for reports and the documentation. */
    public static final String TRACED_REFUSES = "io_uring_setup fails with EPERM in a traced run: io_uring opens "
            + "files without a call the trace sees, so the trace could not tell what Landlock denied there";

    /** The filter for the plan; {@code setsidToListener} only for a spawn with POSIX_SPAWN_SETSID. */
    public static SeccompFilter build(Architecture architecture, SeccompPlan plan, boolean setsidToListener) {
        return build(architecture, plan, setsidToListener, Set.of());
    }

    /**
     * The filter for a launch whose {@code notified} calls also go to the listener (an access trace); the calls
     * this architecture does not have are left out.
     */
    public static SeccompFilter build(Architecture architecture, SeccompPlan plan, boolean setsidToListener,
                                      Set<Syscall> notified) {
        return BUILT.computeIfAbsent(new Key(architecture, plan.rules(), setsidToListener, Set.copyOf(notified)),
                key -> assemble(architecture, plan, setsidToListener, notified));
    }

    private record Key(Architecture architecture, Set<SeccompRule> rules, boolean setsidToListener,
                       Set<Syscall> notified) {
    }

    /** A handful of distinct filters exist (the rules vary little), so each is assembled once. */
    private static final Map<Key, SeccompFilter> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    private static SeccompFilter assemble(Architecture architecture, SeccompPlan plan, boolean setsidToListener,
                                          Set<Syscall> notified) {
        EnumSet<Syscall> watched = EnumSet.noneOf(Syscall.class);
        for (Syscall call : notified) {
            if (call.number(architecture) >= 0 && call != Syscall.SETSID) {
                watched.add(call);
            }
        }
        Map<Syscall, List<SeccompRule>> byCall = new EnumMap<>(Syscall.class);
        for (SeccompRule rule : plan.rules()) {
            for (Syscall call : rule.syscalls()) {
                if (call.number(architecture) >= 0) {
                    byCall.computeIfAbsent(call, c -> new ArrayList<>()).add(rule);
                }
            }
        }
        if (!watched.isEmpty() && Syscall.IO_URING_SETUP.number(architecture) >= 0) {
            // traced: io_uring would open files behind the supervisor's back (its body refuses it outright)
            byCall.computeIfAbsent(Syscall.IO_URING_SETUP, c -> new ArrayList<>());
        }
        // each call's number leads to a body that looks at its arguments, straight to a return, or to ALLOW
        TreeMap<Integer, String> targets = new TreeMap<>(Integer::compareUnsigned);
        Map<String, Runnable> bodies = new LinkedHashMap<>();
        Bpf bpf = new Bpf();
        for (Map.Entry<Syscall, List<SeccompRule>> entry : byCall.entrySet()) {
            Syscall call = entry.getKey();
            String pass = watched.contains(call) ? "notify" : "allow";
            String body = bodyLabel(call, setsidToListener, pass);
            targets.put(call.number(architecture), body);
            if (!RETURNS.contains(body)) {
                bodies.putIfAbsent(body, () -> body(bpf, call, entry.getValue(), setsidToListener, pass));
            }
        }
        for (Syscall call : watched) {
            targets.putIfAbsent(call.number(architecture), "notify");
        }
        bpf.load(ARCH, "arch")
                .jeq(architecture.auditArch(), null, "foreign", "AUDIT_ARCH_" + architecture.name())
                .load(NR, "nr");
        dispatch(bpf, architecture, new ArrayList<>(targets.entrySet()), true);
        bodies.forEach((label, body) -> {
            bpf.label(label);
            body.run();
        });
        bpf.label("foreign").ret(RET_ERRNO | ENOSYS, "ERRNO(ENOSYS)");
        bpf.label("deny").ret(RET_ERRNO | EPERM, "ERRNO(EPERM)");
        bpf.label("allow").ret(RET_ALLOW, "ALLOW");
        if (!watched.isEmpty()) {
            bpf.label("notify").ret(RET_USER_NOTIF, "USER_NOTIF (traced: the supervisor watches and continues)");
        }
        return new SeccompFilter(architecture, plan, setsidToListener, watched, bpf.assemble());
    }

    /** The labels that are a return of their own, which a call's number can jump to directly. */
    private static final Set<String> RETURNS = Set.of("deny", "allow", "notify");

    /**
     * Where a call's number leads: straight to EPERM when the call is refused whatever its arguments, else to a body
     * that looks at them (calls whose bodies are alike share one).
     */
    private static String bodyLabel(Syscall call, boolean setsidToListener, String pass) {
        return switch (call) {
            case IOCTL, SECCOMP, SENDMSG, SETSOCKOPT, SOCKET -> call.name() + "-" + pass;
            case SENDTO, SENDMMSG -> "MSG_FASTOPEN-in-args[3]-" + pass;
            case SETSID -> setsidToListener ? "SETSID" : "deny";
            default -> "deny";
        };
    }

    /**
     * A binary search over the call numbers, so that a call takes a few comparisons, not one per number: the kernel
     * runs the filter for every call a sandboxed program makes that it has not proven allowed, and when the filter is
     * installed it runs it for every call number to find those (Linux 5.11). A number above all of them that has the
     * x32 bit set is a call from the other ABI: it fails with ENOSYS, as its numbers differ.
     */
    private static void dispatch(Bpf bpf, Architecture architecture, List<Map.Entry<Integer, String>> numbers,
                                 boolean highest) {
        if (numbers.size() > 3) {
            int middle = numbers.size() / 2;
            int split = numbers.get(middle).getKey();
            String upper = "nr>=" + split;
            bpf.jge(split, upper, null, "nr " + split);
            dispatch(bpf, architecture, numbers.subList(0, middle), false);
            bpf.label(upper);
            dispatch(bpf, architecture, numbers.subList(middle, numbers.size()), highest);
            return;
        }
        boolean x32Above = highest && architecture.hasX32();
        for (int i = 0; i < numbers.size(); i++) {
            Map.Entry<Integer, String> number = numbers.get(i);
            boolean last = i == numbers.size() - 1;
            bpf.jeq(number.getKey(), number.getValue(), last && !x32Above ? "allow" : null,
                    Syscall.byNumber(architecture, number.getKey()).cName());
        }
        if (x32Above) {
            bpf.jge(X32_SYSCALL_BIT, "foreign", "allow", "x32 call");
        }
    }

    /** Whether the filter sends any call to a listener, which the launch must then serve. */
    public boolean hasListener() {
        return setsidToListener || !notified.isEmpty();
    }

    private static void body(Bpf bpf, Syscall call, List<SeccompRule> rules, boolean setsidToListener,
                             String pass) {
        switch (call) {
            case IOCTL -> ioctl(bpf, rules, pass);
            case SECCOMP -> bpf.load(arg(0), "args[0] (operation)")
                    .jeq(SECCOMP_SET_MODE_FILTER, null, pass, "SECCOMP_SET_MODE_FILTER")
                    .load(arg(1), "args[1] (flags)")
                    .jset(SECCOMP_FILTER_FLAG_NEW_LISTENER, "deny", pass, "SECCOMP_FILTER_FLAG_NEW_LISTENER");
            case SETSID -> bpf.ret(RET_USER_NOTIF, "USER_NOTIF (the first setsid is posix_spawn's own)");
            case SENDTO, SENDMMSG -> bpf.load(arg(3), "args[3] (flags)")
                    .jset(MSG_FASTOPEN, "deny", pass, "MSG_FASTOPEN");
            case SENDMSG -> bpf.load(arg(2), "args[2] (flags)")
                    .jset(MSG_FASTOPEN, "deny", pass, "MSG_FASTOPEN");
            case SETSOCKOPT -> bpf.load(arg(1), "args[1] (level)")
                    .jeq(SOL_TCP, null, pass, "SOL_TCP")
                    .load(arg(2), "args[2] (option)")
                    .jeq(TCP_FASTOPEN_CONNECT, "deny", pass, "TCP_FASTOPEN_CONNECT");
            case SOCKET -> socket(bpf, rules, pass);
            default -> bpf.jump("deny");
        }
    }

    /** The ioctl requests the rules refuse, compared as the 32 bits the kernel uses. */
    private static void ioctl(Bpf bpf, List<SeccompRule> rules, String pass) {
        List<Integer> requests = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (rules.contains(SeccompRule.TERMINAL_INJECTION)) {
            requests.addAll(List.of(TIOCSTI, TIOCLINUX, TIOCSETD));
            names.addAll(List.of("TIOCSTI", "TIOCLINUX", "TIOCSETD"));
        }
        if (rules.contains(SeccompRule.FOREGROUND)) {
            requests.add(TIOCSPGRP);
            names.add("TIOCSPGRP");
        }
        if (rules.contains(SeccompRule.FILE_METADATA)) {
            requests.addAll(List.of(FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS, FS_IOC_FSSETXATTR));
            names.addAll(List.of("FS_IOC_SETFLAGS", "FS_IOC32_SETFLAGS", "FS_IOC_FSSETXATTR"));
        }
        bpf.load(arg(1), "args[1] (request, as the kernel truncates it to 32 bits)");
        for (int i = 0; i < requests.size(); i++) {
            bpf.jeq(requests.get(i), "deny", i == requests.size() - 1 ? pass : null, names.get(i));
        }
        if (requests.isEmpty()) {
            bpf.jump(pass);
        }
    }

    private static void socket(Bpf bpf, List<SeccompRule> rules, String pass) {
        bpf.load(arg(0), "args[0] (domain)")
                .jeq(AF_INET, "socket-inet", null, "AF_INET")
                .jeq(AF_INET6, "socket-inet", pass, "AF_INET6")
                .label("socket-inet");
        if (rules.contains(SeccompRule.UDP)) {
            bpf.load(arg(1), "args[1] (type)").and(SOCK_TYPE_MASK).jeq(SOCK_DGRAM, "deny", null, "SOCK_DGRAM");
        }
        if (rules.contains(SeccompRule.MPTCP)) {
            bpf.load(arg(2), "args[2] (protocol)").jeq(IPPROTO_MPTCP, "deny", null, "IPPROTO_MPTCP");
        }
        bpf.jump(pass);
    }

    /** The offset of the low 32 bits of argument i in seccomp_data (little-endian). */
    private static int arg(int i) {
        return 16 + 8 * i;
    }

    /** struct sock_filter[], ready for the kernel. */
    public byte[] bytes() {
        return Bpf.encode(program);
    }

    /** The program as an annotated listing, one instruction per line, for --log-level debug and the preview. */
    public List<String> listing() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            Bpf.Instruction in = program.get(i);
            lines.add(String.format("%3d: %-62s /* %02x %d %d 0x%08x */", i, in.text(), in.code(), in.jt(), in.jf(),
                    in.k()));
        }
        return lines;
    }
}
