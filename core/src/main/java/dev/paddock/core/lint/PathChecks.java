package dev.paddock.core.lint;

import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.policy.BroadAreas;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that judge each path rule by where it leads: the whole filesystem or the home folder writable, /proc,
 * /sys and /dev, the terminals, device ioctls, write plus execute, git checkouts, and links that hide their reach.
 */
final class PathChecks {
    /** How many entries of a writable folder are looked at for git checkouts: enough for ~/src, never a whole disk. */
    static final int MAX_CHILDREN = 256;

    private static final Path ROOT = Path.of("/");
    private static final Path PROC = Path.of("/proc");
    private static final Path SYS = Path.of("/sys");
    private static final Path DEV = Path.of("/dev");
    private static final Path PTS = Path.of("/dev/pts");
    /** The rights that let the sandbox put a link where an entry of a folder was. */
    private static final long REPLACES = FsAccess.MAKE_SYM.bit() | FsAccess.REFER.bit() | FsAccess.REMOVE_FILE.bit()
            | FsAccess.REMOVE_DIR.bit();

    private PathChecks() {
    }

    static void check(Grants grants, Path home, List<Finding> into) {
        for (Grant grant : grants.all()) {
            Path target = grant.target();
            if (grant.writes() && target.equals(ROOT)) {
                into.add(new Finding(LintRule.ROOT_WRITABLE, Concern.path(grant.written()), "A program in the "
                        + "sandbox could change every file you may change, since " + grant.named() + " grants "
                        + "writing to the whole filesystem: it could add commands to ~/.bashrc, replace your "
                        + "programs or delete your work.", "Change the rule for " + grant.written() + " to ro (or "
                        + "rox) and add rw rules only for the folders the command writes, such as ${PWD}."));
            } else if (grant.writes() && home != null && home.startsWith(target) && grant.directory()) {
                into.add(new Finding(LintRule.HOME_WRITABLE, Concern.path(grant.written()), "A program in the "
                        + "sandbox could write ~/.bashrc, ~/.config/autostart or ~/.ssh/authorized_keys, since "
                        + grant.named() + " grants writing to your whole home folder, and so run its code outside "
                        + "the sandbox the next time you log in or open a terminal.", "Change the rule for "
                        + grant.written() + " to ro and grant rw only on the folders the command writes, such as "
                        + "${HOME}/.cache/NAME."));
            }
            kernelFilesystems(grant, into);
            devices(grant, into);
            links(grant, into);
            gitCheckouts(grant, into);
        }
        writeAndExecute(grants, into);
        beneathChangeable(grants, into);
    }

    private static void kernelFilesystems(Grant grant, List<Finding> into) {
        Path target = grant.target();
        boolean kernel = target.startsWith(PROC) || target.startsWith(SYS) || target.equals(DEV);
        if (!grant.writes() || !kernel) {
            return;
        }
        String area = target.startsWith(PROC) ? "/proc" : target.startsWith(SYS) ? "/sys" : "/dev";
        into.add(new Finding(LintRule.KERNEL_FILESYSTEM_WRITABLE, Concern.path(grant.written()), "A program in the "
                + "sandbox could write to " + area + " through " + grant.named() + ": change the kernel's and the "
                + "devices' settings open to the user it runs as, write to your other terminals, or create device "
                + "nodes and sockets there.", "Make the rule for " + grant.written() + " read-only, or allow only "
                + "the files the command writes, such as a rule for /dev/null (rw)."));
    }

    private static void devices(Grant grant, List<Finding> into) {
        Path target = grant.target();
        if (grant.has(FsAccess.WRITE_FILE) && PTS.startsWith(target) && !target.equals(ROOT)) {
            into.add(new Finding(LintRule.TERMINALS_WRITABLE, Concern.path(grant.written()), "A program in the "
                    + "sandbox could write to your other terminals (/dev/pts/N) through " + grant.named()
                    + ": print a fake password prompt or escape sequences into a shell you are using.",
                    "Remove the rule for " + grant.written() + ": the command's own terminal is already open as its "
                            + "input and output, and a rule for /dev/tty (rw) covers a program that opens it by "
                            + "name."));
        }
        if (grant.has(FsAccess.IOCTL_DEV) && DEV.startsWith(target)) {
            into.add(new Finding(LintRule.IOCTL_ALL_DEVICES, Concern.path(grant.written()), "A program in the "
                    + "sandbox could send ioctl requests to every device it may open under /dev through "
                    + grant.named() + ": terminals, disks, input devices and GPUs, whose drivers are a large attack "
                    + "surface.", "Grant ioctl_dev only on the device files the command needs (a rule for /dev/dri "
                    + "or /dev/null), and give " + grant.written() + " custom rights without ioctl_dev."));
        }
    }

    /** A rule whose path leads, through a link or /proc's magic links, somewhere wider than it says. */
    private static void links(Grant grant, List<Finding> into) {
        Path target = grant.target();
        List<String> broad = BroadAreas.coveredBy(target);
        boolean magic = grant.path().startsWith(PROC) && !target.startsWith(PROC);
        if (grant.throughLink() && (grant.path().startsWith(target) || !broad.isEmpty() || magic)) {
            into.add(new Finding(LintRule.LINK_WIDENS, Concern.path(grant.written()), "A program in the sandbox "
                    + "gets everything beneath " + target + ", since the rule for " + grant.written() + " leads "
                    + "there through a link" + (magic ? " that depends on the process which follows it" : "")
                    + (broad.isEmpty() ? "" : ", " + String.join(", ", broad) + " included") + ", which its path "
                    + "hides.", "Write the rule for the real folder the command needs, not a link to a wider "
                    + "one (" + grant.written() + " is " + target + " on this machine)."));
        } else if (!broad.isEmpty()) {
            List<String> consequences = broad.stream().map(BroadAreas::consequence).toList();
            into.add(new Finding(LintRule.BROAD_RULE, Concern.path(grant.written()), "A program in the sandbox "
                    + "reaches " + String.join(", ", broad) + " through " + grant.named() + ": "
                    + String.join("; ", consequences) + ".", "Allow only the files the command needs, such as "
                    + "/dev/null or /etc/hostname, instead of " + grant.written() + "."));
        }
    }

    /**
     * A writable folder that is, holds or lies inside a git checkout, or a writable file inside a checkout's .git: its
     * hooks and config run on the next git.
     */
    private static void gitCheckouts(Grant grant, List<Finding> into) {
        boolean writable = grant.directory() ? Grants.fillsFolder(grant) : grant.has(FsAccess.WRITE_FILE);
        if (!writable || grant.target().getNameCount() == 0) {
            return;
        }
        List<Path> checkouts = new ArrayList<>();
        Path target = grant.target();
        for (Path part = target; part != null; part = part.getParent()) {
            if (part.getFileName() != null && part.getFileName().toString().equals(".git")) {
                checkouts.add(part.getParent());
                break;
            }
        }
        if (checkouts.isEmpty() && Files.exists(target.resolve(".git"))) {
            checkouts.add(target);
        }
        if (checkouts.isEmpty() && Files.isDirectory(target)) {
            int seen = 0;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
                for (Path child : children) {
                    if (++seen > MAX_CHILDREN) {
                        break;
                    }
                    if (Files.exists(child.resolve(".git"))) {
                        checkouts.add(child);
                    }
                }
            } catch (IOException | SecurityException e) {
                // an unreadable folder holds no checkout we can name
            }
        }
        if (checkouts.isEmpty()) {
            return;
        }
        into.add(new Finding(LintRule.GIT_HOOKS_WRITABLE, Concern.path(grant.written()), "A program in the "
                + "sandbox could write a hook or core.fsmonitor into .git of " + Words.some(checkouts) + " through "
                + grant.named() + ", which git then runs outside the sandbox the next time you commit or run git "
                + "status there.", "Grant rw on the folders the command writes inside the checkout (such as "
                + "build/) instead of " + grant.written() + ": Landlock cannot deny .git beneath a writable "
                + "folder."));
    }

    /**
     * A folder the sandbox may both create files in and execute from: it can download a program and run it. Also a
     * writable folder with an executable file or folder inside it, and a program file both writable and executable.
     */
    private static void writeAndExecute(Grants grants, List<Finding> into) {
        for (Grant writable : grants.all()) {
            boolean folder = writable.directory() && (writable.has(FsAccess.MAKE_REG)
                    || writable.has(FsAccess.WRITE_FILE));
            boolean program = !writable.directory() && writable.has(FsAccess.WRITE_FILE)
                    && Files.isRegularFile(writable.target());
            if (!(folder || program) || writable.target().equals(ROOT)) {
                continue;
            }
            Path place = writable.target();
            // an executable folder inside gets new files; an executable file inside is rewritten in place
            List<Grant> executable = grants.all().stream().filter(grant -> grant.has(FsAccess.EXECUTE)
                    && (grant.covers(place) || grant.target().startsWith(place) && (grant.directory()
                    ? writable.has(FsAccess.MAKE_REG) : writable.has(FsAccess.WRITE_FILE)))).toList();
            if (executable.isEmpty()) {
                continue;
            }
            boolean self = executable.contains(writable);
            Grant runs = self ? writable : executable.get(0);
            // where code can be both written and run: the writable folder, or the executable one inside it
            Path where = runs.covers(place) ? place : runs.target();
            into.add(new Finding(LintRule.WRITE_AND_EXECUTE, Concern.path(writable.written()), "A program in the "
                    + "sandbox could " + (program ? "rewrite the program " + where : "download or write a program "
                    + "into " + where) + " and run it, since " + writable.named() + " allows writing there and "
                    + (self ? "it also allows executing " : "the rule for " + runs.written() + " allows executing ")
                    + (program ? "it" : "them") + ": the rules then no longer limit which code runs.", self
                    ? "Drop execute there (rw instead of rwx for " + writable.written() + "), or give the command "
                    + "one folder it may write and another it may execute." : "Drop execute from the rule for "
                    + runs.written() + ", or keep the folders the command may write and those it may execute "
                    + "apart."));
        }
    }

    /**
     * A rule strictly inside a folder where the sandbox may remove, move or link entries: between two runs it can
     * replace the rule's path with a link, and the next run's rule would then lead where the link points.
     */
    private static void beneathChangeable(Grants grants, List<Finding> into) {
        for (Grant rule : grants.all()) {
            grants.all().stream().filter(folder -> folder != rule && folder.directory()
                    && (folder.allowed() & REPLACES) != 0 && (strictlyInside(rule.path(), folder.target())
                    || strictlyInside(rule.target(), folder.target()))).findFirst().ifPresent(folder ->
                    into.add(new Finding(LintRule.RULE_BENEATH_WRITABLE, Concern.path(rule.written()), "A program "
                            + "in the sandbox could replace " + rule.path() + " with a link to another folder "
                            + "(~/.ssh, say) before the next run, since " + folder.named() + " lets it remove, "
                            + "move or link entries there: " + rule.named() + " would then grant its rights where "
                            + "the link leads.", "Keep the rule for " + rule.written() + " out of "
                            + folder.written() + ", or give " + folder.written() + " rights without make_sym, "
                            + "refer, remove_file and remove_dir.")));
        }
    }

    private static boolean strictlyInside(Path path, Path folder) {
        return path.startsWith(folder) && !path.equals(folder);
    }
}
