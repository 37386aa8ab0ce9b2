package dev.paddock.core.security;

import dev.paddock.core.launch.Sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The world an attacker starts in: folders the policy allows, folders it does not, links between them, and
 * programs. {@link #snapshot()} records every name and content, so a test can prove nothing changed.
 */
final class Layout {
    final Path root;
    final Path allowed;
    final Path readonly;
    final Path denied;
    final Path secret;
    final Path binRw;
    final Path binDenied;

    Layout(Path root) {
        this.root = root;
        try {
            allowed = Files.createDirectories(root.resolve("allowed"));
            readonly = Files.createDirectories(root.resolve("readonly"));
            denied = Files.createDirectories(root.resolve("denied"));
            binRw = Files.createDirectories(root.resolve("bin-rw"));
            binDenied = Files.createDirectories(root.resolve("bin-denied"));
            Files.writeString(allowed.resolve("file"), "allowed");
            Files.writeString(readonly.resolve("file"), "keep me");
            secret = Files.writeString(denied.resolve("secret"), "s3cret");
            Files.createSymbolicLink(allowed.resolve("link-to-secret"), secret);
            Files.createSymbolicLink(allowed.resolve("link-to-denied"), denied);
            for (Path bin : new Path[] {binRw, binDenied}) {
                Path tool = Files.copy(Path.of("/usr/bin/true"), bin.resolve("tool"));
                Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /usr may run, allowed/ and bin-rw/ are rw, readonly/ is ro, /proc is ro; nothing else. */
    Sandbox.Builder policy() {
        return Sandbox.builder().readExec("/usr").readWrite(allowed.toString(), binRw.toString())
                .readOnly(readonly.toString(), "/proc");
    }

    /** Every path below the root with a digest of its content (or its link target). */
    Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    state.put(key, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    state.put(key, digest(Files.readAllBytes(path)));
                } else if (Files.isDirectory(path)) {
                    state.put(key, "dir");
                } else {
                    state.put(key, "special");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static String digest(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
