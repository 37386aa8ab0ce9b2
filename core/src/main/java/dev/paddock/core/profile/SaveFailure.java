package dev.paddock.core.profile;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a save failed, in words: the folder or file at fault and the reason (permission denied, no such folder, a
 * read-only filesystem, no space left, a file where a folder should be), never the name of the temporary file the
 * save was writing or a bare path.
 */
final class SaveFailure {

    private SaveFailure() {
    }

    /**
     * The reason, such as "this user may not write in the folder /srv (permission denied)".
     *
     * @param e      what the save threw
     * @param target the file being saved (absolute)
     */
    static String reason(IOException e, Path target) {
        Path dir = target.getParent();
        Path subject = subject(e, target);
        String reason = errorText(e).toLowerCase(Locale.ROOT);
        if (e instanceof FileAlreadyExistsException && !subject.equals(target)) {
            return subject + " is a file, where a folder should be";
        }
        if (reason.contains("not a directory")) {
            Path file = fileAbove(subject);
            return (file == null ? "a part of " + subject : file) + " is a file, where a folder should be";
        }
        if (reason.contains("is a directory") || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target + " is a folder, where the file should be";
        }
        if (reason.contains("read-only file system")) {
            return "the folder " + dir + " is on a read-only filesystem";
        }
        if (reason.contains("no space left")) {
            return "no space is left on the device of the folder " + dir;
        }
        if (reason.contains("quota")) {
            return "the disk quota of the folder " + dir + " is used up";
        }
        if (e instanceof AccessDeniedException || reason.contains("permission denied")) {
            if (!Files.exists(subject)) {
                Path parent = subject.getParent();
                return "the folder " + subject + " does not exist, and this user may not make it"
                        + (parent == null ? "" : " in " + parent) + " (permission denied)";
            }
            return Files.isDirectory(subject) ? "this user may not write in the folder " + subject
                    + " (permission denied)" : "this user may not replace " + subject + " (permission denied)";
        }
        if (e instanceof NoSuchFileException || reason.contains("no such file")) {
            Path missing = missingFolder(dir);
            return "the folder " + (missing == null ? dir : missing) + " does not exist";
        }
        return (subject.equals(target) || subject.equals(dir) ? "in the folder " + dir : subject) + ": "
                + errorText(e);
    }

    /** The path the error is about: the folder for the save's own temporary files, else the one the error names. */
    private static Path subject(IOException e, Path target) {
        Path dir = target.getParent();
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            Path named = Path.of(fse.getFile()).toAbsolutePath();
            String name = named.getFileName() == null ? "" : named.getFileName().toString();
            boolean ours = named.getParent() != null && named.getParent().equals(dir)
                    && name.startsWith("." + target.getFileName() + ".") && name.endsWith(".tmp");
            return ours ? dir : named;
        }
        return dir;
    }

    /** The reason the system gave, without the path it is about. */
    private static String errorText(IOException e) {
        if (e instanceof FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason()
                    : e instanceof AccessDeniedException ? "Permission denied"
                    : e instanceof NoSuchFileException ? "No such file or directory"
                    : e instanceof FileAlreadyExistsException ? "File exists" : "failed";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The nearest path at or above {@code path} that exists and is not a folder. */
    private static Path fileAbove(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** The highest folder at or above {@code dir} that does not exist. */
    private static Path missingFolder(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }
}
