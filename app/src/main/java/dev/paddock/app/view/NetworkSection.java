package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** TCP ports to bind and connect to, and the unrestricted switch. */
final class NetworkSection extends VBox {

    NetworkSection(EditorModel model, LandlockSupport support) {
        VBox ports = new VBox(14,
                new PortChips("Bind", "bind-port", "a port, e.g. 8000", NetAccess.BIND_TCP.explanation(), model.bindPorts(),
                        text -> model.addPort(true, text)),
                new PortChips("Connect", "connect-port", "a port, e.g. 443", NetAccess.CONNECT_TCP.explanation(),
                        model.connectPorts(), text -> model.addPort(false, text)));
        ports.disableProperty().bind(model.unrestrictedNetworkProperty());

        CheckBox unrestricted = new CheckBox("Unrestricted network");
        unrestricted.setId("unrestricted-network");
        unrestricted.selectedProperty().bindBidirectional(model.unrestrictedNetworkProperty());
        unrestricted.getStyleClass().add(Styles.DANGER);
        Forms.tip(unrestricted, "Handle no TCP right: the command may bind and connect to any port.");

        Label limits = new Label("Landlock restricts TCP only. UDP (and so DNS and QUIC), other socket types and "
                + "MPTCP are never restricted.");
        limits.setWrapText(true);
        limits.getStyleClass().add(Styles.WARNING);
        getChildren().add(Forms.section("Network", support.abi() >= 4
                ? "Binding and connecting to TCP ports is denied unless the port is listed."
                : "This kernel cannot restrict TCP: it needs " + Abi.describe(4) + ".", ports, unrestricted, limits));
    }
}
