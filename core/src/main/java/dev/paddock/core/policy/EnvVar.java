package dev.paddock.core.policy;

/**
 * One environment variable of the child: passed from the caller's environment when {@code value} is null (landrun's
 * {@code --env KEY}), or set to {@code value} ({@code --env KEY=VAL}).
 */
public record EnvVar(String name, String value) {

    public EnvVar {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid environment variable name");
        }
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of " + name + " contains a NUL byte");
        }
    }

    public static EnvVar pass(String name) {
        return new EnvVar(name, null);
    }

    public static EnvVar set(String name, String value) {
        return new EnvVar(name, value);
    }

    /** Parses landrun's form: KEY or KEY=VALUE. */
    public static EnvVar parse(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? pass(spec) : set(spec.substring(0, eq), spec.substring(eq + 1));
    }

    /**
     * The child's environment: passed variables take their value from {@code caller} (and are left out when it has
     * none, as landrun does), set ones their own value.
     */
    public static java.util.Map<String, String> resolve(java.util.List<EnvVar> variables,
                                                        java.util.Map<String, String> caller) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        for (EnvVar variable : variables) {
            String value = variable.passes() ? caller.get(variable.name()) : variable.value();
            if (value != null) {
                env.put(variable.name(), value);
            }
        }
        return env;
    }

    public boolean passes() {
        return value == null;
    }
}
