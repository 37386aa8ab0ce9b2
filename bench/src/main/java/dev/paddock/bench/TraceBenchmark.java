package dev.paddock.bench;

import dev.paddock.core.launch.Sandbox;
import dev.paddock.core.launch.SandboxedCommand;
import dev.paddock.core.launch.SandboxedProcess;
import dev.paddock.core.trace.Trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * File-heavy workloads run sandboxed, untraced and traced, side by side: {@code find /usr -xdev} (every directory
 * it lists is one traced openat), and gcc compiling and linking a hello world and a bigger file with many system
 * headers; or any command given. Within a round the two runs of a workload follow each other, untraced first,
 * so that a busy machine slows both alike; prints the median and p90 wall time of each and the ratio of the
 * medians. See docs/PERFORMANCE.md.
 *
 * <p>Usage: TraceBenchmark [ROUNDS] [find|gcc-hello|gcc-big...] [-- COMMAND...] (default: 15 rounds of all three).
 */
public final class TraceBenchmark {
    private static final String HELLO = """
            #include <stdio.h>

            int main(void) {
                printf("hello, world\\n");
                return 0;
            }
            """;

    private static final String BIG = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <math.h>
            #include <errno.h>
            #include <time.h>
            #include <ctype.h>
            #include <signal.h>
            #include <pthread.h>
            #include <unistd.h>
            #include <fcntl.h>
            #include <sys/stat.h>
            #include <sys/socket.h>
            #include <sys/wait.h>
            #include <netinet/in.h>
            #include <arpa/inet.h>
            #include <dirent.h>
            #include <locale.h>
            #include <wchar.h>
            #include <stdint.h>
            #include <inttypes.h>
            #include "table.h"

            struct entry { char name[64]; double value; struct entry *next; };

            static struct entry *push(struct entry *head, const char *name, double value) {
                struct entry *e = calloc(1, sizeof *e);
                if (e == NULL) { perror("calloc"); exit(1); }
                snprintf(e->name, sizeof e->name, "%s", name);
                e->value = value;
                e->next = head;
                return e;
            }

            static int compare(const void *a, const void *b) {
                double x = *(const double *) a, y = *(const double *) b;
                return (x > y) - (x < y);
            }

            static void *worker(void *arg) {
                double *values = arg;
                qsort(values, TABLE_SIZE, sizeof *values, compare);
                return NULL;
            }

            int main(int argc, char **argv) {
                setlocale(LC_ALL, "");
                double values[TABLE_SIZE];
                struct entry *head = NULL;
                for (int i = 0; i < TABLE_SIZE; i++) {
                    values[i] = sin(i) * sqrt((double) i + 1);
                    char name[32];
                    snprintf(name, sizeof name, "item-%" PRId32, (int32_t) i);
                    head = push(head, name, values[i]);
                }
                pthread_t thread;
                if (pthread_create(&thread, NULL, worker, values) != 0) { return 2; }
                pthread_join(thread, NULL);
                struct sockaddr_in address;
                memset(&address, 0, sizeof address);
                address.sin_family = AF_INET;
                address.sin_port = htons(8080);
                inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
                struct stat st;
                if (argc > 1 && stat(argv[1], &st) == 0 && S_ISDIR(st.st_mode)) {
                    DIR *dir = opendir(argv[1]);
                    for (struct dirent *d; dir != NULL && (d = readdir(dir)) != NULL;) {
                        if (isalpha((unsigned char) d->d_name[0])) { head = push(head, d->d_name, 0); }
                    }
                    if (dir != NULL) { closedir(dir); }
                }
                size_t count = 0;
                for (struct entry *e = head; e != NULL; e = e->next) { count++; }
                printf("%zu entries, median %.3f, at %ld\\n", count, values[TABLE_SIZE / 2], (long) time(NULL));
                return errno == 0 ? 0 : 0;
            }
            """;

    private TraceBenchmark() {
    }

    private record Workload(String name, List<String> command, Path directory) {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int dash = list.indexOf("--");
        List<String> options = dash >= 0 ? list.subList(0, dash) : list;
        int rounds = !options.isEmpty() && options.get(0).matches("\\d+") ? Integer.parseInt(options.get(0)) : 15;
        List<String> names = options.stream().filter(o -> !o.matches("\\d+")).toList();
        Path work = Files.createTempDirectory("paddock-trace-bench");
        try {
            List<Workload> workloads = new ArrayList<>();
            if (dash >= 0) {
                workloads.add(new Workload("command", list.subList(dash + 1, list.size()), work));
            }
            for (String name : names.isEmpty() && dash < 0 ? List.of("find", "gcc-hello", "gcc-big") : names) {
                workloads.add(workload(name, work));
            }
            System.out.printf("%d rounds; in each round every workload runs untraced, then traced%n", rounds);
            measure(workloads, rounds);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Workload workload(String name, Path work) throws IOException {
        switch (name) {
            case "find" -> {
                return new Workload(name, List.of("/usr/bin/find", "/usr", "-xdev"), work);
            }
            case "gcc-hello", "gcc-big" -> {
                Path dir = Files.createDirectories(work.resolve(name));
                boolean big = name.equals("gcc-big");
                Files.writeString(dir.resolve("main.c"), big ? BIG : HELLO);
                Files.writeString(dir.resolve("table.h"), "#define TABLE_SIZE 4096\n");
                List<String> gcc = new ArrayList<>(List.of("/usr/bin/gcc", "-O2", "-Wall", "-o", "main", "main.c"));
                if (big) {
                    gcc.addAll(List.of("-lm", "-pthread"));
                }
                return new Workload(name, gcc, dir);
            }
            default -> throw new IllegalArgumentException("unknown workload " + name
                    + ": give find, gcc-hello or gcc-big, or a command after --");
        }
    }

    private static void measure(List<Workload> workloads, int rounds) throws Exception {
        int n = workloads.size();
        List<List<Double>> plain = new ArrayList<>();
        List<List<Double>> traced = new ArrayList<>();
        long[] events = new long[n];
        for (int i = 0; i < n; i++) {
            plain.add(new ArrayList<>());
            traced.add(new ArrayList<>());
        }
        for (int round = -1; round < rounds; round++) { // round -1 warms up the JIT and the page cache
            for (int i = 0; i < n; i++) {
                double p = run(workloads.get(i), false)[0];
                double[] t = run(workloads.get(i), true);
                if (round >= 0) {
                    plain.get(i).add(p);
                    traced.get(i).add(t[0]);
                    events[i] = (long) t[1];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Workload w = workloads.get(i);
            double p = median(plain.get(i));
            double t = median(traced.get(i));
            System.out.printf("%s: %s%n", w.name(), String.join(" ", w.command()));
            System.out.printf("  untraced: median %.0f ms, p90 %.0f ms%n", p, p90(plain.get(i)));
            System.out.printf("  traced:   median %.0f ms, p90 %.0f ms (%d accesses traced per run)%n", t,
                    p90(traced.get(i)), events[i]);
            System.out.printf("  traced / untraced: %.2fx%n", t / p);
        }
    }

    /** Wall time in ms from start() to exit, and the accesses traced. */
    private static double[] run(Workload workload, boolean trace) throws Exception {
        Sandbox sandbox = Sandbox.builder().readExec("/usr").readOnly("/etc/ld.so.cache")
                .readWrite(workload.directory().toString()).setEnv("PATH", "/usr/bin")
                .setEnv("TMPDIR", workload.directory().toString()).build();
        SandboxedCommand cmd = sandbox.command(workload.command()).directory(workload.directory().toFile())
                .redirectError(Redirect.DISCARD);
        if (trace) {
            cmd.trace();
        }
        long start = System.nanoTime();
        SandboxedProcess process = cmd.start();
        try (InputStream out = process.getInputStream()) {
            out.transferTo(OutputStream.nullOutputStream());
        }
        int exit = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(workload.name() + " exited with " + exit + (trace ? " (traced)" : ""));
        }
        long events = 0;
        if (trace) {
            Trace t = process.trace().orElseThrow();
            t.awaitEnd(5, TimeUnit.SECONDS);
            events = t.events();
        }
        return new double[] {ms, events};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double p90(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
    }
}
