package dev.paddock.app.view;

import dev.paddock.app.model.KernelModel;
import java.io.IOException;
import java.util.Properties;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Window;

/** Paddock's name, its version and the versions it runs on. */
public final class AboutDialog {
    private final KernelModel support;

    public AboutDialog(KernelModel support) {
        this.support = support;
    }

    public void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("About Paddock");
        alert.setHeaderText("Paddock " + version());
        alert.setContentText("A studio for Landlock sandboxes: compose a policy, see what this kernel enforces, "
                + "and run commands confined.\n\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version") + "\n"
                + "Linux " + support.kernelRelease() + "\n"
                + support.summary());
        var icon = AboutDialog.class.getResourceAsStream("/dev/paddock/icons/paddock-64.png");
        if (icon != null) {
            alert.setGraphic(new ImageView(new Image(icon)));
        }
        alert.showAndWait();
    }

    static String version() {
        Package pkg = AboutDialog.class.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (var in = AboutDialog.class.getResourceAsStream("/dev/paddock/core/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "development build");
        } catch (IOException e) {
            return "development build";
        }
    }
}
