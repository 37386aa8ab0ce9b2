package dev.paddock.core.learn;

import dev.paddock.core.SandboxException;
import dev.paddock.core.elf.SharedLibraries;
import dev.paddock.core.launch.LaunchContext;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules a program needs before it can run at all, as the kernel's execve needs them: the program itself (read
 * and execute); for an ELF program, its ELF interpreter (execute) and libraries and the loader's cache (read), as
 * ldd finds them; for a {@code #!} script, the same for its interpreter, found from the {@code #!} line as the kernel
 * does, and for {@code #!/usr/bin/env NAME}, env and then NAME found on the child's PATH (as env's execvp does). A
 * chain of scripts is followed a few levels deep, as the kernel does.
 */
final class StartRules {
    /** The kernel follows at most 4 interpreters (binfmt_script into binfmt_script...). */
    private static final int MAX_DEPTH = 5;
    /** The kernel reads at most this much of a #! line (BINPRM_BUF_SIZE). */
    private static final int LINE_LIMIT = 256;
    /** glibc's execvp when PATH is unset. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private final Policy.Builder builder;
    private final LaunchContext context;
    private final String childPath;

    private StartRules(Policy.Builder builder, LaunchContext context, String childPath) {
        this.builder = builder;
        this.context = context;
        this.childPath = childPath == null || childPath.isEmpty() ? DEFAULT_PATH : childPath;
    }

    /**
     * Adds to {@code builder} what {@code program} needs to start.
     *
     * @param childPath the child's PATH (env looks there), or null for execvp's default
     */
    static void add(Policy.Builder builder, Path program, LaunchContext context, String childPath) {
        new StartRules(builder, context, childPath).program(program, 0);
    }

    private void program(Path program, int depth) {
        if (!Files.isRegularFile(program) || depth > 0 && !Files.isExecutable(program)) {
            // only a regular file runs: a #! line naming /, a folder, a device or a FIFO (whose reading would block)
            // never becomes a rule, nor an interpreter the kernel would not execute; learning sees the failure instead
            return;
        }
        builder.path(real(program), AccessMode.ROX);
        List<String> line = shebang(program);
        if (line == null) {
            elf(program);
            return;
        }
        if (line.isEmpty() || depth >= MAX_DEPTH) {
            return;
        }
        Path interpreter = context.directory().resolve(line.get(0)); // a relative one, as the kernel, from the child's
        program(interpreter, depth + 1);
        if (interpreter.getFileName() != null && interpreter.getFileName().toString().equals("env")) {
            String command = envCommand(line.subList(1, line.size()));
            Path target = command == null ? null : onPath(command);
            if (target != null) {
                program(target, depth + 1);
            }
        }
    }

    /**
     * The command env runs: the first word that is neither an option, an option's argument (-u NAME, -C DIR, as
     * their own word) nor a NAME=VALUE setting; null when there is none, or when a word holds what env -S rewrites
     * (quotes, a backslash, $, a # comment), which could make an option's argument look like the command.
     */
    static String envCommand(List<String> words) {
        boolean options = true;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("#") || word.chars().anyMatch(ch -> "'\"\\$".indexOf(ch) >= 0)) {
                return null; // env -S's quotes, escapes, variables and comments change the words: no guess
            }
            if (options && word.equals("--")) {
                options = false;
            } else if (options && (word.equals("--unset") || word.equals("--chdir"))) {
                i++; // its argument is the next word
            } else if (options && word.startsWith("--")) {
                continue; // --split-string=S, --unset=NAME, --ignore-environment...
            } else if (options && word.startsWith("-") && word.length() > 1) {
                int argument = firstOf(word, "uC");
                if (argument == word.length() - 1) {
                    i++; // -u NAME, -iu NAME, -C DIR: the next word is the option's
                }
            } else if (word.contains("=") || word.equals("-")) {
                continue; // a setting, or "-" (-i)
            } else {
                return word;
            }
        }
        return null;
    }

    /** Where the first of {@code letters} is in a cluster of short options, or -1 (what follows it is its value). */
    private static int firstOf(String cluster, String letters) {
        for (int i = 1; i < cluster.length(); i++) {
            if (letters.indexOf(cluster.charAt(i)) >= 0) {
                return i;
            }
            if (cluster.charAt(i) == 'S') {
                return -1; // the rest is the split string, whose first word is never an option's argument here
            }
        }
        return -1;
    }

    private void elf(Path program) {
        SharedLibraries libraries;
        try {
            libraries = SharedLibraries.of(program, context.ldLibraryPath());
        } catch (SandboxException e) {
            return; // neither ELF nor a script: what it needs is learned like the rest
        }
        if (libraries.interpreter() != null) {
            builder.path(real(libraries.interpreter()), AccessMode.ROX);
        }
        for (Path library : libraries.libraries()) {
            builder.path(real(library), AccessMode.RO);
        }
        if (libraries.cache() != null) {
            builder.path(real(libraries.cache()), AccessMode.RO);
        }
    }

    /**
     * The words of a {@code #!} line, or null when the file does not start with {@code #!} (or cannot be read). The
     * kernel passes everything after the interpreter as one argument; env with {@code -S} splits it, which is how
     * the name after env is found here too.
     */
    static List<String> shebang(Path file) {
        byte[] head = new byte[LINE_LIMIT];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (length < 2 || head[0] != '#' || head[1] != '!') {
            return null;
        }
        String text = new String(head, 2, length - 2, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        if (line.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(line.split("[ \t]+")));
    }

    /** A name as env finds it: with a slash, as it is (from the child's directory); else the first on PATH. */
    private Path onPath(String name) {
        if (name.contains("/")) {
            Path path = context.directory().resolve(name);
            return Files.isRegularFile(path) ? path : null;
        }
        for (String folder : childPath.split(":")) {
            Path candidate = context.directory().resolve(folder.isEmpty() ? "." : folder).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String real(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }
}
