package dev.paddock.core.profile;

import dev.paddock.core.landlock.Feature;
import dev.paddock.core.policy.Policy;

import java.util.List;

/**
 * A saved sandbox: a name and words for people, and a policy whose paths may still hold variables such as
 * {@code ${HOME}}. Saving never expands them; {@link PathVariables} does, just before a run.
 *
 * @param name        a short name, shown in lists and menus
 * @param description one line on what the profile is for
 * @param notes       free text
 * @param policy      the sandbox, paths unexpanded
 * @param acknowledged the lint findings the author accepts on purpose, each with its reason (see
 *                     {@link Acknowledgement}); empty for most profiles
 */
public record Profile(String name, String description, String notes, Policy policy,
                      List<Acknowledgement> acknowledged) {

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
        acknowledged = acknowledged == null ? List.of() : List.copyOf(acknowledged);
    }

    /** A profile that accepts no lint finding. */
    public Profile(String name, String description, String notes, Policy policy) {
        this(name, description, notes, policy, List.of());
    }

    public Profile withPolicy(Policy newPolicy) {
        return new Profile(name, description, notes, newPolicy, acknowledged);
    }

    public Profile withName(String newName) {
        return new Profile(newName, description, notes, policy, acknowledged);
    }

    /** The same profile accepting these lint findings instead. */
    public Profile withAcknowledged(List<Acknowledgement> accepted) {
        return new Profile(name, description, notes, policy, accepted);
    }
}
