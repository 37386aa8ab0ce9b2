package dev.paddock.core.sys;

/**
 * JNA settings for Paddock's own processes (the command line and the app), applied before JNA loads. Kept out of
 * {@link LibC}, whose static initializer loads JNA. A library user's JVM is left as its owner configured it.
 */
public final class NativeStartup {
    static final String PLATFORM_LIBRARY_PATH = "jna.platform.library.path";

    private NativeStartup() {
    }

    /**
     * Unless set already, gives JNA an empty list of system library directories. Otherwise JNA forks
     * {@code ldconfig -p} to learn them when it starts, 10 to 20 ms of every launch, although Paddock loads only
     * libc, by its soname, which the dynamic linker finds by itself.
     */
    public static void skipLibraryDirectoryScan() {
        if (System.getProperty(PLATFORM_LIBRARY_PATH) == null) {
            System.setProperty(PLATFORM_LIBRARY_PATH, "");
        }
    }
}
