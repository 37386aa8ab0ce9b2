package dev.paddock.core.profile;

import dev.paddock.core.landlock.Feature;
import dev.paddock.core.policy.Policy;

/**
 * A saved sandbox: a name and words for people, and a policy whose paths may still hold variables such as
 * {@code ${HOME}}. Saving never expands them; {@link PathVariables} does, just before a run.
 *
 * @param name        a short name, shown in lists and menus
 * @param description one line on what the profile is for
 * @param notes       free text
 * @param policy      the sandbox, paths unexpanded
 */
public record Profile(String name, String description, String notes, Policy policy) {

    /** The format version this Paddock writes: 2 records the ABI a profile was written for ("abi"). */
    public static final int FORMAT_VERSION = 2;

    /**
     * The ABI a version-1 profile was written for: version 1 had no "abi", and the newest ABI Paddock knew while it
     * wrote version 1 was the one that brought pathname UNIX socket rules.
     */
    public static final int VERSION_1_ABI = Feature.RESOLVE_UNIX.abi();

    public Profile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        description = description == null ? "" : description;
        notes = notes == null ? "" : notes;
        if (policy == null) {
            throw new IllegalArgumentException("a profile needs a policy");
        }
    }

    public Profile withPolicy(Policy newPolicy) {
        return new Profile(name, description, notes, newPolicy);
    }

    public Profile withName(String newName) {
        return new Profile(newName, description, notes, policy);
    }
}
