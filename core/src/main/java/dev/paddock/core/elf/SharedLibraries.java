package dev.paddock.core.elf;

import dev.paddock.core.SandboxException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a dynamically linked program loads, found by reading ELF headers the way ld.so searches (RPATH,
 * LD_LIBRARY_PATH, RUNPATH, the ld.so cache, then the standard directories), without running anything.
 *
 * <p>The headers are the program's own words, and each path found here becomes a rule that covers everything beneath
 * it: so the interpreter must be an absolute path, and the interpreter and every library must lead to a regular file.
 * A program whose headers lead anywhere else (a directory such as {@code /}, a device, a FIFO) is refused, as ld.so
 * itself refuses a library that is a directory.
 *
 * @param interpreter the ELF interpreter (needs EXECUTE), or null for a static binary
 * @param libraries   every shared library found, recursively (needs READ_FILE only)
 * @param missing     DT_NEEDED names that could not be found
 * @param cache       the ld.so cache the interpreter reads, or null if there is none
 */
public record SharedLibraries(Path interpreter, List<Path> libraries, List<String> missing, Path cache) {

    private static final int MAX_LIBRARIES = 1024;

    /** Resolves the libraries of {@code binary}; {@code ldLibraryPath} is the child's LD_LIBRARY_PATH or null. */
    public static SharedLibraries of(Path binary, String ldLibraryPath) throws SandboxException {
        try {
            return resolve(binary, ldLibraryPath, LdSoCache.read(LdSoCache.DEFAULT), LdSoCache.DEFAULT);
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Reason.INVALID_POLICY,
                    "ldd refuses " + binary + ": " + e.getMessage(), e);
        }
    }

    static SharedLibraries resolve(Path binary, String ldLibraryPath, LdSoCache cache, Path cacheFile)
            throws IOException {
        ElfFile main = ElfFile.read(binary);
        Path interpreter = main.interpreter() == null ? null : interpreter(main.interpreter());
        if (interpreter == null && main.needed().isEmpty()) {
            return new SharedLibraries(null, List.of(), List.of(), null);
        }
        List<String> envDirs = ldLibraryPath == null ? List.of()
                : List.of(ldLibraryPath.split(":")).stream().filter(s -> !s.isEmpty()).toList();
        Set<Path> found = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        Set<String> seenNames = new LinkedHashSet<>();
        Deque<Loaded> queue = new ArrayDeque<>();
        queue.add(new Loaded(binary.toRealPath(), main));
        while (!queue.isEmpty() && found.size() < MAX_LIBRARIES) {
            Loaded object = queue.poll();
            for (String name : object.elf().needed()) {
                if (!seenNames.add(name)) {
                    continue;
                }
                Path library = find(name, object, main, envDirs, cache);
                if (library == null) {
                    missing.add(name);
                } else if (found.add(library)) {
                    queue.add(new Loaded(library, ElfFile.read(library)));
                }
            }
        }
        if (interpreter != null) {
            found.remove(interpreter);
        }
        return new SharedLibraries(interpreter, List.copyOf(found), List.copyOf(missing),
                Files.isRegularFile(cacheFile) ? cacheFile : null);
    }

    /** The interpreter as a path that may become a rule: absolute, and a regular file if it exists at all. */
    private static Path interpreter(String name) throws IOException {
        // The kernel would resolve a relative one against whatever directory the program is started in.
        if (!name.startsWith("/")) {
            throw new IOException("its ELF interpreter \"" + name + "\" is not an absolute path");
        }
        Path path = Path.of(name);
        RegularFiles.NotRegular problem = RegularFiles.check(path);
        if (problem != null) {
            throw new IOException("its ELF interpreter " + problem.shown() + " is " + problem.kind()
                    + ", not a regular file");
        }
        return path;
    }

    private record Loaded(Path path, ElfFile elf) {
    }

    private static Path find(String name, Loaded object, ElfFile main, List<String> envDirs, LdSoCache cache)
            throws IOException {
        if (name.contains("/")) {
            Path direct = object.path().getParent().resolve(name);
            return matches(name, direct, main) ? direct : null;
        }
        List<String> dirs = new ArrayList<>();
        if (object.elf().runpath().isEmpty()) {
            dirs.addAll(expand(object.elf().rpath(), object.path()));
            if (main != object.elf() && main.runpath().isEmpty()) {
                dirs.addAll(main.rpath());
            }
        }
        dirs.addAll(envDirs);
        dirs.addAll(expand(object.elf().runpath(), object.path()));
        for (String dir : dirs) {
            Path candidate = Path.of(dir).resolve(name);
            if (matches(name, candidate, main)) {
                return candidate;
            }
        }
        for (Path candidate : cache.lookup(name)) {
            if (matches(name, candidate, main)) {
                return candidate;
            }
        }
        for (String dir : defaultDirectories(main)) {
            Path candidate = Path.of(dir).resolve(name);
            if (matches(name, candidate, main)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> expand(List<String> dirs, Path object) {
        String origin = object.getParent().toString();
        List<String> result = new ArrayList<>();
        for (String dir : dirs) {
            String expanded = dir.replace("${ORIGIN}", origin).replace("$ORIGIN", origin);
            if (!expanded.contains("$")) {
                result.add(expanded);
            }
        }
        return result;
    }

    private static List<String> defaultDirectories(ElfFile main) {
        String triplet = switch (main.machine()) {
            case 62 -> "x86_64-linux-gnu";
            case 183 -> "aarch64-linux-gnu";
            case 3 -> "i386-linux-gnu";
            default -> null;
        };
        List<String> dirs = new ArrayList<>();
        if (main.is64()) {
            dirs.add("/lib64");
            dirs.add("/usr/lib64");
        }
        if (triplet != null) {
            dirs.add("/lib/" + triplet);
            dirs.add("/usr/lib/" + triplet);
        }
        dirs.add("/lib");
        dirs.add("/usr/lib");
        dirs.add("/usr/local/lib");
        return dirs;
    }

    /**
     * Whether {@code candidate} is an ELF object of the same class and machine as the program. One that exists but
     * is not a regular file is refused, not passed over: ld.so would stop there too ("cannot read file data").
     */
    private static boolean matches(String name, Path candidate, ElfFile main) throws IOException {
        RegularFiles.NotRegular problem = RegularFiles.check(candidate);
        if (problem != null) {
            throw new IOException("its library " + name + " resolves to " + problem.shown() + ", which is "
                    + problem.kind() + ", not a regular file");
        }
        if (!Files.isRegularFile(candidate)) {
            return false;
        }
        try {
            ElfFile elf = ElfFile.read(candidate);
            return elf.is64() == main.is64() && elf.machine() == main.machine();
        } catch (IOException e) {
            return false;
        }
    }
}
