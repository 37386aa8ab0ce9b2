package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.app.model.KernelModel;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** TCP and UDP: the ports to bind and to connect (or send) to, quiet ports, and the unrestricted switch. */
final class NetworkSection extends VBox {

    NetworkSection(EditorModel model, KernelModel support) {
        VBox ports = new VBox(14,
                new PortChips("Bind", "bind-port", "a port, e.g. 8000", support.bindTcp().explanation(),
                        model.bindPorts(), text -> model.addPort(true, text)),
                new PortChips("Connect", "connect-port", "a port, e.g. 443", support.connectTcp().explanation(),
                        model.connectPorts(), text -> model.addPort(false, text)),
                new PortChips("Bind UDP", "bind-udp-port", "a port, e.g. 5353", support.bindUdp().help(),
                        model.bindUdpPorts(), text -> model.addUdpPort(true, text)),
                new PortChips("Send UDP", "connect-udp-port", "a port, e.g. 53",
                        support.sendUdp().help(), model.connectUdpPorts(),
                        text -> model.addUdpPort(false, text)),
                new PortChips("Quiet", "quiet-port", "a port, e.g. 53", support.quiet().help(),
                        model.quietPorts(), model::addQuietPort, "none: every denial is logged"));
        ports.disableProperty().bind(model.unrestrictedNetworkProperty());

        CheckBox unrestricted = new CheckBox("Unrestricted network");
        unrestricted.setId("unrestricted-network");
        unrestricted.selectedProperty().bindBidirectional(model.unrestrictedNetworkProperty());
        unrestricted.getStyleClass().add(Styles.DANGER);
        Forms.tip(unrestricted, "Handle no network right: the command may bind and connect to any TCP or UDP port.");

        Label limits = new Label("Landlock restricts TCP, and UDP (and so DNS and QUIC) from "
                + support.udpNeeds() + "; other socket types are never restricted, and Paddock refuses "
                + "Multipath TCP wherever TCP connect is restricted.");
        limits.setWrapText(true);
        limits.getStyleClass().add(Styles.WARNING);
        getChildren().add(Forms.section("Network", support.restrictsTcp()
                ? "Binding and connecting to TCP ports is denied unless the port is listed."
                : "This kernel cannot restrict TCP: it needs " + support.tcpNeeds() + ".", ports, unrestricted,
                limits));
    }
}
