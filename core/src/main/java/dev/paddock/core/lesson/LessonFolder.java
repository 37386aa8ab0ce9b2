package dev.paddock.core.lesson;

import dev.paddock.core.policy.Policy;
import dev.paddock.core.profile.Profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The temporary world of one check, or of the learner's own runs while a lesson is open: the lesson's folder with its
 * fixtures, and the listeners and processes its probes reach. Closing it stops them and deletes the folder.
 */
public final class LessonFolder implements AutoCloseable {
    private final Path directory;
    private final Map<String, String> variables = new HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private LessonFolder(Path directory) {
        this.directory = directory;
        variables.put("LESSON_DIR", directory.toString());
    }

    /**
     * Makes the folder, its fixtures and the services of a lesson.
     *
     * @param lesson  the lesson
     * @param options whether to share the folder with another user, and as whom to start the process to signal
     * @return the folder, to close when done
     * @throws LessonException when a fixture or a service cannot be made
     */
    public static LessonFolder create(Lesson lesson, CheckOptions options) throws LessonException {
        LessonFolder folder;
        try {
            folder = new LessonFolder(Files.createTempDirectory("paddock-lesson-").toRealPath());
        } catch (IOException e) {
            throw new LessonException("cannot make the lesson's temporary folder: " + e.getMessage(), e);
        }
        try {
            for (Fixture fixture : lesson.fixtures()) {
                folder.make(fixture, options.shareFolder());
            }
            if (options.shareFolder()) {
                folder.share();
            }
            folder.start(lesson.services(), options);
            return folder;
        } catch (LessonException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /**
     * The folder, which {@code ${LESSON_DIR}} names.
     *
     * @return its real path
     */
    public Path directory() {
        return directory;
    }

    /**
     * A profile as it runs in this folder: the lesson's variables replaced in its command, paths and working
     * directory (which is this folder when it has none), so that a plain run of the learner's profile works.
     *
     * @param profile the learner's profile
     * @return the same profile with the variables replaced
     */
    public Profile forRun(Profile profile) {
        Policy policy = profile.policy();
        Policy.Builder builder = policy.toBuilder().clearPaths()
                .paths(policy.paths().stream().map(rule -> rule.withPath(expand(rule.path()))).toList())
                .command(policy.command().stream().map(this::expand).toList())
                .workingDirectory(policy.workingDirectory() == null ? directory.toString()
                        : expand(policy.workingDirectory()));
        return profile.withPolicy(builder.build());
    }

    /** The values of ${LESSON_DIR}, ${TARGET_PID} and ${ABSTRACT_NAME}. */
    Map<String, String> variables() {
        return variables;
    }

    /** A word with the lesson's variables replaced. */
    String expand(String word) {
        String result = word;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        return result;
    }

    private void make(Fixture fixture, boolean shared) throws LessonException {
        Path target = directory.resolve(fixture.path()).normalize();
        try {
            Files.createDirectories(target.getParent());
            switch (fixture.kind()) {
                case TEXT -> Files.writeString(target, fixture.value());
                case COPY -> Files.copy(Path.of(fixture.value()), target, StandardCopyOption.COPY_ATTRIBUTES);
                case FOLDER -> Files.createDirectories(target);
                case SOCKET -> {
                    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    open.add(server);
                    server.bind(UnixDomainSocketAddress.of(target));
                    if (shared) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
                    }
                    Thread accepter = new Thread(() -> acceptAndClose(server), "lesson-socket");
                    accepter.setDaemon(true);
                    accepter.start();
                }
            }
        } catch (IOException e) {
            throw new LessonException("cannot make the fixture " + fixture.path() + ": " + e.getMessage(), e);
        }
    }

    private void share() throws LessonException {
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isExecutable(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
                }
            }
        } catch (IOException e) {
            throw new LessonException("cannot share the lesson's folder: " + e.getMessage(), e);
        }
    }

    private void start(Services services, CheckOptions options) throws LessonException {
        for (int port : services.tcpPorts()) {
            try {
                ServerSocket server = listen(port);
                open.add(server);
                Thread accepter = new Thread(() -> acceptAndClose(server), "lesson-tcp-" + port);
                accepter.setDaemon(true);
                accepter.start();
            } catch (IOException e) {
                throw new LessonException("cannot listen on 127.0.0.1:" + port + " for the probes (" + e.getMessage()
                        + "): another program uses that port; close it and check again", e);
            }
        }
        if (services.signalTarget()) {
            List<String> command = new ArrayList<>(options.runAs());
            command.addAll(List.of("/usr/bin/sleep", "600"));
            Process target = spawn(command, "the process to signal");
            variables.put("TARGET_PID", Long.toString(target.pid()));
        }
        if (services.abstractSocket()) {
            String name = "paddock-lesson-" + UUID.randomUUID();
            Process listener = spawn(List.of("/usr/bin/python3", "-c", "import socket, sys\n"
                    + "s = socket.socket(socket.AF_UNIX)\ns.bind('\\0' + sys.argv[1])\ns.listen(8)\n"
                    + "print('ready', flush=True)\nwhile True:\n    s.accept()[0].close()\n", name),
                    "the abstract socket's listener");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                        StandardCharsets.UTF_8));
                if (!"ready".equals(out.readLine())) {
                    throw new LessonException("the abstract socket's listener did not start");
                }
            } catch (IOException e) {
                throw new LessonException("the abstract socket's listener did not start: " + e.getMessage(), e);
            }
            variables.put("ABSTRACT_NAME", name);
        }
    }

    /**
     * A listener on 127.0.0.1; a port the previous check just closed may take a moment to be free again, so a busy
     * port is tried for up to two seconds.
     */
    private static ServerSocket listen(int port) throws IOException {
        for (int attempt = 0; ; attempt++) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            try {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return server;
            } catch (BindException e) {
                server.close();
                if (attempt == 40) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Process spawn(List<String> command, String what) throws LessonException {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new LessonException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    private static void acceptAndClose(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                // the probe only needs the connection to be accepted
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void acceptAndClose(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel ignored = server.accept()) {
                // as above
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Stops the services and deletes the folder. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a listener that failed is harmless
            }
        }
        try (Stream<Path> all = Files.walk(directory)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
