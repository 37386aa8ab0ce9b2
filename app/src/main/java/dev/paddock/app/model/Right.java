package dev.paddock.app.model;

import dev.paddock.core.landlock.AccessRight;
import dev.paddock.core.landlock.AuditFlag;
import dev.paddock.core.landlock.FsAccess;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.RestrictFlag;
import dev.paddock.core.landlock.Scope;

/**
 * One Landlock right, scope or flag as the window shows it on this kernel: its name, what it controls, and whether
 * this kernel enforces it, with what it needs when not. The views read these words; the right itself stays a key
 * that only the view models use ({@link EditorModel#scopeProperty(Right)}).
 */
public final class Right {
    private final AccessRight key;
    private final LandlockSupport support;

    Right(AccessRight key, LandlockSupport support) {
        this.key = key;
        this.support = support;
    }

    /** The right itself, for the view models. */
    AccessRight key() {
        return key;
    }

    /** Its name in the profile and the kernel's documentation: read_file, signal, log_same_exec_off. */
    public String id() {
        return key.id();
    }

    /** What it is, in a word or two: "filesystem", "scope", "audit flag"... */
    public String kind() {
        return key.kind();
    }

    /** The ABI that brought it. */
    public int abi() {
        return key.abi();
    }

    /** The Linux release that brought it. */
    public String kernel() {
        return key.kernel();
    }

    /** One sentence on what it allows or does. */
    public String explanation() {
        return key.explanation();
    }

    /** "ABI 8 (Linux 7.0)": the ABI and release it needs. */
    public String needs() {
        return key.requirement();
    }

    /** Whether this kernel enforces it. */
    public boolean enforced() {
        return support.enforces(key);
    }

    /** Whether it is newer than this kernel's ABI (a kernel may also lack a right its ABI has: see enforced). */
    public boolean newerThanKernel() {
        return key.abi() > support.abi();
    }

    /** Whether it means something on a file, not only on a folder (true for everything but some filesystem rights). */
    public boolean validOnFile() {
        return !(key instanceof FsAccess access) || access.validOnFile();
    }

    /** "Restrict signals" for a scope's switch; the name for anything else. */
    public String title() {
        if (key instanceof Scope scope) {
            return scope == Scope.SIGNAL ? "Restrict signals" : "Restrict abstract UNIX sockets";
        }
        return key.id();
    }

    /** "landrun: --log-disable-originating" for an audit flag, "" for anything else. */
    public String alias() {
        return key instanceof AuditFlag flag ? "landrun: --" + flag.landrunFlag() : "";
    }

    /** The name, then the alias in parentheses when there is one. */
    public String withAlias() {
        String alias = alias();
        return alias.isEmpty() ? key.id() : key.id() + " (" + alias + ")";
    }

    /** The explanation, and for a flag Paddock never sets, why. */
    public String fullExplanation() {
        return key instanceof RestrictFlag flag ? key.explanation() + " " + flag.paddock() : key.explanation();
    }

    /** The explanation, then "Not on this kernel: needs ABI 9 (Linux 7.1)." when this kernel does not enforce it. */
    public String help() {
        return key.explanation() + (enforced() ? "" : " Not on this kernel: " + support.requirement(key) + ".");
    }

    /** "enforced", "missing from this kernel" (its ABI has it, the kernel lacks it) or "not on this kernel". */
    public String here() {
        return enforced() ? "enforced" : newerThanKernel() ? "not on this kernel" : "missing from this kernel";
    }

    /** What the kernel panel says it controls: the full explanation and the alias. */
    public String controls() {
        return fullExplanation() + (alias().isEmpty() ? "" : " " + alias() + ".");
    }

    /** The help pane's entry: the explanation and the ABI and release that brought it. */
    public String teaching() {
        return key.explanation() + " Since ABI " + key.abi() + " (Linux " + key.kernel() + ")."
                + (key instanceof RestrictFlag flag ? " " + flag.paddock() : "");
    }

    @Override
    public String toString() {
        return key.id();
    }
}
