package dev.paddock.core.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the pathname UNIX sockets on this machine that give a program power outside a sandbox: Docker and Podman,
 * the D-Bus buses, the systemd user manager, X11 and Wayland, ssh-agent, gpg-agent, PipeWire and PulseAudio. It
 * looks where they live, where the environment says they are, and in the kernel's list of bound sockets
 * ({@code /proc/net/unix}); it lists a few folders one level deep and reads a bounded number of lines, so it never
 * walks a large tree. Only sockets the user may connect to are kept.
 */
final class SocketScan {
    /** At most this many entries of one folder and lines of the socket list are read. */
    static final int MAX_ENTRIES = 4096;

    /** One socket found, and what reaching it gives. */
    record Found(Path path, String what) {
        @Override
        public String toString() {
            return path + " (" + what + ")";
        }
    }

    private SocketScan() {
    }

    /** The powerful sockets the user may connect to, each once, by real path. */
    static List<Found> scan(Map<String, String> env, Path socketList) {
        Set<Path> candidates = new LinkedHashSet<>();
        for (String fixed : List.of("/run/docker.sock", "/var/run/docker.sock", "/run/containerd/containerd.sock",
                "/run/podman/podman.sock", "/run/dbus/system_bus_socket", "/var/run/dbus/system_bus_socket",
                "/run/systemd/private")) {
            candidates.add(Path.of(fixed));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (absolute(runtime)) {
            Path dir = Path.of(runtime);
            for (String name : List.of("bus", "systemd/private", "podman/podman.sock", "docker.sock", "pipewire-0",
                    "pulse/native", "gnupg/S.gpg-agent", "gnupg/S.gpg-agent.ssh", "gnupg/S.gpg-agent.extra",
                    "keyring/ssh")) {
                candidates.add(dir.resolve(name));
            }
            candidates.addAll(list(dir));
        }
        String home = env.get("HOME");
        if (absolute(home)) {
            for (String name : List.of(".gnupg/S.gpg-agent", ".gnupg/S.gpg-agent.ssh", ".docker/run/docker.sock")) {
                candidates.add(Path.of(home, name));
            }
        }
        candidates.addAll(list(Path.of("/tmp/.X11-unix")));
        fromEnvironment(env, runtime, candidates);
        candidates.addAll(bound(socketList));
        Map<Path, Found> found = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            String what = what(candidate, env);
            if (what == null || !isSocket(candidate) || !Files.isWritable(candidate)) {
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException | SecurityException e) {
                continue;
            }
            found.putIfAbsent(real, new Found(candidate, what));
        }
        return new ArrayList<>(found.values());
    }

    private static boolean absolute(String path) {
        return path != null && path.startsWith("/") && path.indexOf('\0') < 0;
    }

    /** Sockets the environment names: SSH_AUTH_SOCK, the D-Bus addresses, WAYLAND_DISPLAY, DOCKER_HOST. */
    private static void fromEnvironment(Map<String, String> env, String runtime, Set<Path> into) {
        addIfAbsolute(env.get("SSH_AUTH_SOCK"), into);
        for (String name : List.of("DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS")) {
            String address = env.getOrDefault(name, "");
            for (String part : address.split("[;,]")) {
                if (part.startsWith("unix:path=")) {
                    addIfAbsolute(part.substring("unix:path=".length()), into);
                } else if (part.startsWith("path=")) {
                    addIfAbsolute(part.substring("path=".length()), into);
                }
            }
        }
        String wayland = env.get("WAYLAND_DISPLAY");
        if (wayland != null && !wayland.isBlank() && wayland.indexOf('\0') < 0) {
            addIfAbsolute(wayland.startsWith("/") ? wayland : absolute(runtime) ? runtime + "/" + wayland : null,
                    into);
        }
        String docker = env.getOrDefault("DOCKER_HOST", "");
        if (docker.startsWith("unix://")) {
            addIfAbsolute(docker.substring("unix://".length()), into);
        }
    }

    private static void addIfAbsolute(String path, Set<Path> into) {
        if (absolute(path)) {
            into.add(Path.of(path));
        }
    }

    /** The entries of one folder, one level, bounded. */
    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (entries.size() >= MAX_ENTRIES) {
                    break;
                }
                entries.add(entry);
            }
        } catch (IOException | SecurityException e) {
            // a folder that is not there holds nothing
        }
        return entries;
    }

    /** The pathname sockets bound in this network namespace, from the kernel's list; bounded. */
    static List<Path> bound(Path socketList) {
        return names(socketList, "/").stream().map(Path::of).toList();
    }

    /** The abstract sockets bound in this network namespace ("@/tmp/.X11-unix/X0"), bounded. */
    static List<String> abstractNames(Path socketList) {
        return names(socketList, "@");
    }

    /** The names in the kernel's socket list that start with {@code prefix}, each once, in order; bounded. */
    private static List<String> names(Path socketList, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(socketList, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            for (int read = 0; (line = reader.readLine()) != null && read < MAX_ENTRIES; read++) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 8 && fields[7].startsWith(prefix) && fields[7].indexOf('\0') < 0) {
                    names.add(fields[7]);
                }
            }
        } catch (IOException | SecurityException | UncheckedIOException e) {
            // no list, no names from it
        }
        return new ArrayList<>(names);
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer bits && (bits & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    /** What reaching a socket gives, by where it is; null for a socket of no known power. */
    static String what(Path path, Map<String, String> env) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String parent = path.getParent() == null || path.getParent().getFileName() == null ? ""
                : path.getParent().getFileName().toString();
        String text = path.toString();
        if (text.equals(env.get("SSH_AUTH_SOCK")) || name.startsWith("agent.") && parent.startsWith("ssh-")
                || name.equals("S.gpg-agent.ssh") || text.endsWith("keyring/ssh")) {
            return "ssh-agent: logs in to your servers with your keys";
        }
        if (name.equals("docker.sock") || name.equals("containerd.sock")) {
            return "Docker: runs containers as root, which is full control of this machine";
        }
        if (name.equals("podman.sock")) {
            return "Podman: runs containers with your rights, or root's for the system socket";
        }
        if (name.equals("system_bus_socket")) {
            return "the D-Bus system bus: asks system services such as systemd and NetworkManager to act";
        }
        if (name.equals("bus") || env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").contains("path=" + text)) {
            return "the D-Bus session bus: systemd-run --user starts any program outside the sandbox";
        }
        if (name.equals("private") && parent.equals("systemd")) {
            return "the systemd manager: starts any program outside the sandbox";
        }
        if (parent.equals(".X11-unix")) {
            return "the X11 display: reads every keystroke and types into your other windows";
        }
        if (name.matches("wayland-\\d+") || text.equals(env.get("WAYLAND_DISPLAY"))) {
            return "the Wayland compositor: opens windows and reads the clipboard";
        }
        if (name.startsWith("S.gpg-agent")) {
            return "gpg-agent: signs and decrypts with your keys";
        }
        if (name.startsWith("pipewire-")) {
            return "PipeWire: records the microphone and the screen";
        }
        if (name.equals("native") && parent.equals("pulse")) {
            return "PulseAudio: records the microphone";
        }
        return null;
    }
}
