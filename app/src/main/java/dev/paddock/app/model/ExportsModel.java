package dev.paddock.app.model;

import dev.paddock.core.interop.DesktopEntryExporter;
import dev.paddock.core.interop.Export;
import dev.paddock.core.interop.LandlockConfigExporter;
import dev.paddock.core.interop.LandrunExporter;
import dev.paddock.core.interop.SandboxerExporter;
import dev.paddock.core.interop.SystemdUnitExporter;
import dev.paddock.core.profile.Profile;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every export format of the profile in the editor, with its warnings. {@link #compute} writes them on any thread;
 * {@link #show} publishes them, on the FX thread (see {@link InsightModel}).
 */
public final class ExportsModel {

    /** The export formats, in the order the export pane shows them. */
    public enum Format {
        LANDRUN("landrun"), LANDLOCKCONFIG("landlockconfig"), SANDBOXER("sandboxer"), SYSTEMD("systemd"),
        DESKTOP("desktop entry");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The name the format menu shows. */
        public String label() {
            return label;
        }
    }

    /** How menu entries and units start Paddock; it does not change while the app runs. */
    private final List<String> paddock;
    private final Map<Format, ReadOnlyObjectWrapper<Export>> exports = new EnumMap<>(Format.class);

    /** {@code paddock}: the words that start the paddock command line, for the systemd and desktop exports. */
    ExportsModel(List<String> paddock) {
        this.paddock = List.copyOf(paddock);
        for (Format format : Format.values()) {
            exports.put(format, new ReadOnlyObjectWrapper<>(this, format.name()));
        }
    }

    /**
     * Every export of a profile saved at {@code file} (null: not saved yet, and the systemd and desktop exports name
     * a file in the user's profile folder). Reads nothing from the editor; safe on any thread.
     */
    Map<Format, Export> compute(Profile profile, Path file) {
        Path exportFile = file != null ? file : Path.of(System.getProperty("user.home"), ".config", "paddock",
                "profiles", "unsaved.json");
        Map<Format, Export> result = new EnumMap<>(Format.class);
        result.put(Format.LANDRUN, export(() -> LandrunExporter.export(profile)));
        result.put(Format.LANDLOCKCONFIG, export(() -> LandlockConfigExporter.export(profile, System.getenv())));
        result.put(Format.SANDBOXER, export(() -> SandboxerExporter.export(profile)));
        result.put(Format.SYSTEMD, export(() -> SystemdUnitExporter.export(profile, exportFile,
                SystemdUnitExporter.Runner.PADDOCK, paddock)));
        result.put(Format.DESKTOP, export(() -> DesktopEntryExporter.export(profile, exportFile, paddock, false)));
        return Collections.unmodifiableMap(result);
    }

    /** An exporter refuses a value it cannot write safely; the pane then shows no text and says why. */
    private static Export export(Supplier<Export> exporter) {
        try {
            return exporter.get();
        } catch (IllegalArgumentException e) {
            return new Export("", List.of("cannot export: " + e.getMessage()));
        }
    }

    /** Shows these exports (a format missing from the map shows nothing). */
    void show(Map<Format, Export> shown) {
        exports.forEach((format, export) -> export.set(shown.get(format)));
    }

    /** The export in a format, or null when there is none. */
    public ReadOnlyObjectProperty<Export> exportProperty(Format format) {
        return exports.get(format).getReadOnlyProperty();
    }
}
