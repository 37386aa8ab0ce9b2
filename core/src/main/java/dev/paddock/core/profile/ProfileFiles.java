package dev.paddock.core.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Loads and saves profile files. A save is atomic: the new text goes to a temporary file in the same folder, is
 * synced, and is renamed over the old one, so a crash leaves the old version or the new one, never a torn file. The
 * previous version is kept as {@code NAME.json.bak}.
 */
public final class ProfileFiles {
    /** Larger files are refused unread: a profile is a few kilobytes. */
    public static final long MAX_SIZE = 1 << 20;

    private ProfileFiles() {
    }

    public static Profile load(Path file) throws ProfileException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > MAX_SIZE) {
                throw new ProfileException(name + ": the file is " + size + " bytes; a profile may be at most 1 MiB",
                        -1, -1);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ProfileException(name + ": the file is not UTF-8 text", -1, -1);
            }
            return ProfileReader.read(text, name);
        } catch (NoSuchFileException e) {
            throw new ProfileException(name + ": no such file (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new ProfileException(name + ": permission denied", e);
        } catch (IOException e) {
            throw new ProfileException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes the profile to {@code file} atomically, keeping the previous version as a .bak. */
    public static void save(Profile profile, Path file) throws ProfileException {
        String problem = ControlCharacters.problem(profile.policy());
        if (problem != null) {
            // the reader would refuse the file: it would load as broken
            throw new ProfileException(file.getFileName() + ": not saved: " + problem, -1, -1);
        }
        write(file, ProfileWriter.write(profile).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code file} with {@code bytes}, keeping one .bak of the previous content; makes the folders
     * it needs.
     *
     * @throws ProfileException with one sentence that names the file, and the folder or file at fault and why
     *                          (permission denied, no such folder, a read-only filesystem, no space left, a file where
     *                          a folder should be)
     */
    public static void write(Path file, byte[] bytes) throws ProfileException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaryFiles(dir, name);
            temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
            writeSynced(temp, bytes);
            if (Files.isRegularFile(target)) {
                Path backupTemp = Files.createTempFile(dir, "." + name + ".", ".bak.tmp");
                Files.copy(target, backupTemp, StandardCopyOption.REPLACE_EXISTING);
                sync(backupTemp);
                move(backupTemp, dir.resolve(name + ".bak"));
            }
            move(temp, target);
            temp = null;
            sync(dir);
        } catch (IOException e) {
            throw new ProfileException(name + ": cannot be saved: " + SaveFailure.reason(e, target), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is named so that it is recognisable; leave it
                }
            }
        }
    }

    /** Temporary files that a save killed half-way left behind; an hour old means no save is still using them. */
    private static void removeStaleTemporaryFiles(Path dir, String name) throws IOException {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var files = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path stale : files) {
                if (Files.getLastModifiedTime(stale).toMillis() < hourAgo) {
                    Files.deleteIfExists(stale);
                }
            }
        }
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("this filesystem cannot rename atomically", e);
        }
    }
}
