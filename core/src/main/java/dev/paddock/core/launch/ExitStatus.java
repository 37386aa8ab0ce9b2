package dev.paddock.core.launch;

/**
 * How a child ended, decoded from a waitpid(2) status.
 *
 * @param code   the exit code, or -1 when a signal ended it
 * @param signal the signal that ended it, or 0
 */
public record ExitStatus(int code, int signal) {

    /**
     * Decodes a wait status as waitpid(2) gives it.
     *
     * @param status the wait status
     * @return the exit code or the signal it holds
     */
    public static ExitStatus decode(int status) {
        int termSignal = status & 0x7f;
        if (termSignal == 0) {
            return new ExitStatus((status >> 8) & 0xff, 0);
        }
        return new ExitStatus(-1, termSignal);
    }

    /**
     * The value {@link Process#exitValue()} reports, as the JDK does.
     *
     * @return the code, or 128 plus the signal
     */
    public int exitValue() {
        return signal == 0 ? code : 128 + signal;
    }

    /**
     * How it ended, in words.
     *
     * @return "exit code 0" or "killed by signal 9 (SIGKILL)"
     */
    public String describe() {
        return signal == 0 ? "exit code " + code : "killed by signal " + signal + signalName();
    }

    private String signalName() {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 3 -> " (SIGQUIT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 13 -> " (SIGPIPE)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
