package dev.paddock.app.model;

import dev.paddock.core.profile.Profile;
import dev.paddock.core.profile.ProfileException;
import dev.paddock.core.profile.ProfileFiles;
import dev.paddock.core.profile.ProfileLibrary;
import dev.paddock.core.profile.ProfileReader;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The profiles on the left: the user's library, and the templates bundled with Paddock. Broken files are listed
 * with their error and never written to.
 */
public final class LibraryModel {

    /**
     * One entry of the list.
     *
     * @param title    what the list shows
     * @param file     the file, or null for a template
     * @param profile  the profile, or null when the file is broken
     * @param error    why the file cannot be read, or null
     * @param template whether it is a bundled template (opened as a new, unsaved profile)
     */
    /**
     * By title as a reader sorts: "git status…" and "ls of…" among the others, not after every capital ("TCP…"), as
     * a sort by character code put them.
     */
    static final Comparator<Item> BY_TITLE = Comparator.comparing(Item::title, Collator.getInstance(Locale.ROOT))
            .thenComparing(Item::title);

    public record Item(String title, Path file, Profile profile, String error, boolean template) {
        public boolean broken() {
            return profile == null;
        }
    }

    private final ProfileLibrary library;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final List<Item> templates;

    public LibraryModel(ProfileLibrary library) {
        this.library = library;
        this.templates = loadTemplates();
        refresh();
    }

    /** How long the watcher waits for more changes before it reads the folder: a save is three or four of them. */
    private static final long SETTLE_MILLIS = 200;
    /** How often the watcher looks for a library folder that does not exist yet. */
    private static final long ABSENT_POLL_MILLIS = 2000;
    private final AtomicBoolean refreshQueued =
            new AtomicBoolean();

    /**
     * Keeps the list up to date with the folder: a file that is added, changed (or broken) or removed by anything,
     * a text editor included, shows in the list at once instead of after the next save. A daemon thread waits for
     * the kernel's notifications and reads the folder again on the FX thread.
     */
    public void watch() {
        Thread watcher = new Thread(this::watchLoop, "paddock-library-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watchLoop() {
        Path directory = library.directory();
        try (WatchService service = directory.getFileSystem().newWatchService()) {
            while (true) {
                if (!Files.isDirectory(directory)) {
                    Thread.sleep(ABSENT_POLL_MILLIS);
                    continue;
                }
                WatchKey key;
                try {
                    key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                } catch (IOException e) {
                    Thread.sleep(ABSENT_POLL_MILLIS);
                    continue;
                }
                queueRefresh(); // what changed while nobody watched, such as the folder's first file
                boolean valid = true;
                while (valid) {
                    WatchKey ready = service.take();
                    Thread.sleep(SETTLE_MILLIS);
                    ready.pollEvents();
                    valid = ready.reset();
                    queueRefresh();
                }
                key.cancel();
            }
        } catch (IOException e) {
            // no notifications on this file system: the list is read again on every save, as before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One refresh on the FX thread for any number of changes noticed before it runs. */
    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                Platform.runLater(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            } catch (IllegalStateException e) {
                refreshQueued.set(false); // JavaFX is not started yet: the list read at start-up is current
            }
        }
    }

    /** Reads the library folder again. */
    public void refresh() {
        List<Item> all = new ArrayList<>();
        try {
            for (ProfileLibrary.Entry entry : library.list()) {
                String title = entry.broken() ? entry.file().getFileName().toString() : entry.profile().name();
                all.add(new Item(title, entry.file(), entry.profile(), entry.error(), false));
            }
        } catch (IOException e) {
            all.add(new Item(library.directory().toString(), library.directory(), null,
                    "cannot list " + library.directory() + ": " + e.getMessage(), false));
        }
        all.sort(BY_TITLE);
        all.addAll(templates);
        items.setAll(all);
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ProfileLibrary library() {
        return library;
    }

    /** Where a new profile with this name is saved. */
    public Path newFileFor(String name) {
        return library.fileFor(name);
    }

    /** Saves a profile atomically and refreshes the list. */
    public void save(Profile profile, Path file) throws ProfileException {
        ProfileFiles.save(profile, file);
        refresh();
    }

    /** Moves a profile file to the trash of this library: its .bak stays, so nothing is lost at once. */
    public void delete(Item item) throws IOException {
        if (item.template() || item.file() == null) {
            return;
        }
        Path backup = item.file().resolveSibling(item.file().getFileName() + ".bak");
        Files.move(item.file(), backup, StandardCopyOption.REPLACE_EXISTING);
        refresh();
    }

    private static List<Item> loadTemplates() {
        URL folder = LibraryModel.class.getResource("/dev/paddock/app/templates/");
        return folder == null ? List.of() : templatesAt(folder);
    }

    /**
     * The templates in a folder of the app's jar (read with the jar's own index, which is much cheaper at start-up
     * than a zip file system) or, from the build tree, of the disk; sorted by name. Unreadable ones are broken items.
     */
    static List<Item> templatesAt(URL folder) {
        List<Item> found = new ArrayList<>();
        try {
            if (folder.openConnection() instanceof JarURLConnection connection) {
                String prefix = connection.getEntryName();
                try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        boolean inFolder = name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0;
                        if (inFolder && name.endsWith(".json")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                found.add(template(in, name.substring(prefix.length())));
                            }
                        }
                    }
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            found.add(template(in, file.getFileName().toString()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            return found;
        }
        found.sort(BY_TITLE);
        return found;
    }

    private static Item template(InputStream in, String fileName) throws IOException {
        try {
            Profile profile = ProfileReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), fileName);
            return new Item(profile.name(), null, profile, null, true);
        } catch (ProfileException e) {
            return new Item(fileName, null, null, e.getMessage(), true);
        }
    }
}
