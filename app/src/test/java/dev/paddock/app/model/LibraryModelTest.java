package dev.paddock.app.model;

import dev.paddock.core.profile.ProfileLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled templates, read from the app's jar as installed and from a folder as in the build tree. */
class LibraryModelTest {
    private static final Path PROFILES = Path.of("..", "profiles");

    @TempDir
    Path dir;

    @Test
    void templatesAreReadFromAJarFolderSortedWithBrokenOnesShownAsSuch() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "dev/paddock/app/templates/http-server.json",
                    Files.readString(PROFILES.resolve("http-server.json")));
            put(out, "dev/paddock/app/templates/deny-all.json", Files.readString(PROFILES.resolve("deny-all.json")));
            put(out, "dev/paddock/app/templates/broken.json",
                    "{\"formatVersion\": 1, \"name\": \"x\", \"bindTcp\": [99999]}");
            put(out, "dev/paddock/app/templates/notes.txt", "not a template");
            put(out, "dev/paddock/app/templates/old/nested.json", Files.readString(PROFILES.resolve("deny-all.json")));
            put(out, "dev/paddock/app/other.json", Files.readString(PROFILES.resolve("deny-all.json")));
        }
        List<LibraryModel.Item> items = LibraryModel.templatesAt(
                new URL("jar:" + jar.toUri() + "!/dev/paddock/app/templates/"));
        assertEquals(List.of("broken.json", "Deny everything", "Python web server on one port"),
                items.stream().map(LibraryModel.Item::title).toList());
        assertTrue(items.stream().allMatch(LibraryModel.Item::template));
        LibraryModel.Item broken = items.get(0);
        assertTrue(broken.broken());
        assertTrue(broken.error().contains("out of range"), broken.error());
        assertNull(items.get(0).file(), "a template has no file: saving it makes a copy in the library");
    }

    @Test
    void templatesAreReadFromAFolderToo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("templates"));
        Files.copy(PROFILES.resolve("deny-all.json"), folder.resolve("deny-all.json"));
        Files.writeString(folder.resolve("README"), "not a template");
        List<LibraryModel.Item> items = LibraryModel.templatesAt(folder.toUri().toURL());
        assertEquals(List.of("Deny everything"), items.stream().map(LibraryModel.Item::title).toList());
        assertEquals(List.of("/"), items.get(0).profile().policy().command().subList(1, 2));
    }

    @Test
    void titlesSortRegardlessOfCase() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("sorted"));
        for (String name : List.of("TCP client", "ls of a folder", "Deny everything", "git status", "Build")) {
            Files.writeString(folder.resolve(name.replace(' ', '-') + ".json"),
                    "{\"formatVersion\": 1, \"name\": \"" + name + "\"}");
        }
        assertEquals(List.of("Build", "Deny everything", "git status", "ls of a folder", "TCP client"),
                LibraryModel.templatesAt(folder.toUri().toURL()).stream().map(LibraryModel.Item::title).toList());

        Path mine = Files.createDirectories(dir.resolve("library"));
        Files.copy(folder.resolve("TCP-client.json"), mine.resolve("TCP-client.json"));
        Files.copy(folder.resolve("git-status.json"), mine.resolve("git-status.json"));
        LibraryModel library = new LibraryModel(new ProfileLibrary(mine));
        assertEquals(List.of("git status", "TCP client"), library.items().stream().filter(item -> !item.template())
                .map(LibraryModel.Item::title).toList(), "the user's own profiles too");
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
