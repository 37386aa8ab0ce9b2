package dev.paddock.core.trace;

/** What a traced process tried, in words a user knows: "read", "create", "rename", "connect to TCP port". */
public enum Operation {
    READ("read"),
    WRITE("write"),
    READ_WRITE("read and write"),
    CREATE("create"),
    TRUNCATE("truncate"),
    LIST("list"),
    OPEN_PATH("open without reading (O_PATH)"),
    EXECUTE("execute"),
    MAKE_DIR("create the directory"),
    MAKE_NODE("create the special file"),
    MAKE_SYMLINK("create the symbolic link"),
    REMOVE_FILE("remove"),
    REMOVE_DIR("remove the directory"),
    RENAME("rename"),
    EXCHANGE("exchange"),
    LINK("hard-link"),
    BIND_TCP("bind TCP port"),
    CONNECT_TCP("connect to TCP port"),
    UDP("send or bind UDP"),
    OTHER_SOCKET("use a non-TCP socket"),
    BIND_UNIX("bind the UNIX socket"),
    CONNECT_UNIX("connect to the UNIX socket"),
    CONNECT_ABSTRACT("connect to the abstract UNIX socket");

    private final String words;

    Operation(String words) {
        this.words = words;
    }

    /** The verb phrase: "read", "create the directory". */
    public String words() {
        return words;
    }
}
