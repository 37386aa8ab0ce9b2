package dev.paddock.app.view;

import atlantafx.base.theme.Styles;
import dev.paddock.app.model.EditorModel;
import dev.paddock.core.landlock.Abi;
import dev.paddock.core.landlock.Feature;
import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.NetAccess;
import dev.paddock.core.landlock.RuleFlag;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** TCP and UDP: the ports to bind and to connect (or send) to, and the unrestricted switch. */
final class NetworkSection extends VBox {

    NetworkSection(EditorModel model, LandlockSupport support) {
        var grid = Forms.grid();
        PortChips bind = new PortChips("bind-port", "8000", model.bindPorts(), text -> model.addPort(true, text));
        PortChips connect = new PortChips("connect-port", "443", model.connectPorts(),
                text -> model.addPort(false, text));
        PortChips bindUdp = new PortChips("bind-udp-port", "5353", model.bindUdpPorts(),
                text -> model.addUdpPort(true, text));
        PortChips connectUdp = new PortChips("connect-udp-port", "53", model.connectUdpPorts(),
                text -> model.addUdpPort(false, text));
        Forms.row(grid, "Bind", bind);
        Forms.row(grid, "Connect", connect);
        Forms.row(grid, "Bind UDP", bindUdp);
        Forms.row(grid, "Send UDP", connectUdp);
        PortChips quiet = new PortChips("quiet-port", "53", model.quietPorts(), model::addQuietPort,
                "none: every denial is logged");
        Forms.row(grid, "Quiet", quiet);
        Label quietHelp = new Label(RuleFlag.QUIET.explanation() + (support.enforces(RuleFlag.QUIET) ? ""
                : " Not on this kernel: " + support.requirement(RuleFlag.QUIET) + "."));
        quietHelp.getStyleClass().add("text-muted");
        quiet.getChildren().add(quietHelp);
        Label bindHelp = new Label(NetAccess.BIND_TCP.explanation());
        bindHelp.getStyleClass().add("text-muted");
        bind.getChildren().add(bindHelp);
        Label connectHelp = new Label(NetAccess.CONNECT_TCP.explanation());
        connectHelp.getStyleClass().add("text-muted");
        connect.getChildren().add(connectHelp);
        for (NetAccess right : new NetAccess[] {NetAccess.BIND_UDP, NetAccess.CONNECT_SEND_UDP}) {
            Label help = new Label(right.explanation() + (support.enforces(right) ? ""
                    : " Not on this kernel: " + support.requirement(right) + "."));
            help.getStyleClass().add("text-muted");
            (right == NetAccess.BIND_UDP ? bindUdp : connectUdp).getChildren().add(help);
        }
        grid.disableProperty().bind(model.unrestrictedNetworkProperty());

        CheckBox unrestricted = new CheckBox("Unrestricted network");
        unrestricted.setId("unrestricted-network");
        unrestricted.selectedProperty().bindBidirectional(model.unrestrictedNetworkProperty());
        unrestricted.getStyleClass().add(Styles.DANGER);
        Forms.tip(unrestricted, "Handle no network right: the command may bind and connect to any TCP or UDP port.");

        Label limits = new Label("Landlock restricts TCP, and UDP (and so DNS and QUIC) from "
                + Feature.UDP.requirement() + "; other socket types and MPTCP are never restricted.");
        limits.setWrapText(true);
        limits.getStyleClass().add(Styles.WARNING);
        getChildren().add(Forms.section("Network", support.abi() >= 4
                ? "Binding and connecting to TCP ports is denied unless the port is listed."
                : "This kernel cannot restrict TCP: it needs " + Abi.describe(4) + ".", grid, unrestricted, limits));
    }
}
