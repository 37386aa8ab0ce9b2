package dev.paddock.app.model;

import dev.paddock.core.landlock.LandlockSupport;
import dev.paddock.core.landlock.Scope;
import dev.paddock.core.policy.AccessMode;
import dev.paddock.core.policy.PathAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel model's words for a kernel: the status bar's areas, each right's state here and what it needs, the
 * errata, and the custom rights of a path. Kernels are made up (ABI 5, an ABI 6 without the signal scope, none), so
 * that every branch is seen whatever this machine runs.
 */
class KernelModelTest {
    private static final KernelModel ABI_5 = new KernelModel(new LandlockSupport(LandlockSupport.Status.AVAILABLE,
            5, 5, false, "6.10.3", 0));
    private static final KernelModel ABI_6_WITHOUT_SIGNAL = new KernelModel(new LandlockSupport(
            LandlockSupport.Status.AVAILABLE, 6, 6, false, "6.12.1", 0, 0b1, Set.of(Scope.SIGNAL)));
    private static final KernelModel NONE = new KernelModel(new LandlockSupport(LandlockSupport.Status.DISABLED,
            -1, 0, false, "6.1.0", 95));

    @Test
    void theStatusBarsAreasSayWhatTheKernelRestrictsAndWhatTheRestNeeds() {
        List<KernelModel.Area> areas = ABI_5.areas();
        assertEquals(List.of("filesystem", "TCP", "scopes", "audit", "unix sockets", "UDP"),
                areas.stream().map(KernelModel.Area::name).toList());
        assertEquals(List.of(true, true, false, false, false, false),
                areas.stream().map(KernelModel.Area::enforced).toList());
        assertEquals("TCP can be restricted here (ABI 4)", areas.get(1).tip());
        assertEquals("scopes cannot be restricted here: needs ABI 6 (Linux 6.12)", areas.get(2).tip());
        assertEquals("UDP cannot be restricted here: needs ABI 10 (Linux 7.2)", areas.get(5).tip());
        assertEquals("scopes cannot be restricted here: this kernel lacks part of it",
                ABI_6_WITHOUT_SIGNAL.areas().get(2).tip());
    }

    @Test
    void theAbiBadgeAndTheSummaryNameTheKernel() {
        assertEquals("Landlock ABI 5", ABI_5.abiBadge());
        assertEquals("Landlock ABI 5 on Linux 6.10.3", ABI_5.summary());
        assertEquals("No Landlock", NONE.abiBadge());
        assertFalse(NONE.available());
        assertTrue(NONE.unavailableReason().startsWith("Landlock is built into this kernel but not enabled"),
                NONE.unavailableReason());
    }

    @Test
    void eachRightSaysWhetherItIsEnforcedHereAndWhatItNeeds() {
        Right signal = byId(ABI_5.scopes(), "signal");
        assertEquals("signal", signal.id());
        assertEquals("Restrict signals", signal.title());
        assertTrue(signal.newerThanKernel());
        assertEquals("ABI 6 (Linux 6.12)", signal.needs());
        assertEquals("not on this kernel", signal.here());
        assertTrue(signal.help().endsWith(" Not on this kernel: needs ABI 6 (Linux 6.12)."), signal.help());

        Right missing = byId(ABI_6_WITHOUT_SIGNAL.scopes(), "signal");
        assertFalse(missing.newerThanKernel());
        assertFalse(missing.enforced());
        assertEquals("missing from this kernel", missing.here());
        assertTrue(missing.help().endsWith(" Not on this kernel: is missing from this kernel's ABI 6."),
                missing.help());

        Right abstractUnix = byId(ABI_6_WITHOUT_SIGNAL.scopes(), "abstract_unix_socket");
        assertEquals("Restrict abstract UNIX sockets", abstractUnix.title());
        assertEquals("enforced", abstractUnix.here());
        assertEquals(abstractUnix.explanation(), abstractUnix.help(), "nothing added to a right enforced here");

        Right bindTcp = ABI_5.bindTcp();
        assertTrue(bindTcp.enforced());
        assertEquals("bind_tcp", bindTcp.id());
        Right udp = ABI_5.sendUdp();
        assertTrue(udp.help().endsWith(" Not on this kernel: needs ABI 10 (Linux 7.2)."), udp.help());
    }

    @Test
    void auditFlagsCarryLandrunsOptionAsAnAlias() {
        Right flag = ABI_5.auditFlags().get(0);
        assertTrue(flag.alias().startsWith("landrun: --log-"), flag.alias());
        assertEquals(flag.id() + " (" + flag.alias() + ")", flag.withAlias());
        assertTrue(flag.controls().endsWith(" " + flag.alias() + "."), flag.controls());
        Right readFile = byId(ABI_5.filesystemRights(), "read_file");
        assertEquals("read_file", readFile.id());
        assertEquals("", readFile.alias());
        assertEquals("read_file", readFile.withAlias());
    }

    @Test
    void theMatrixListsEveryKindOnceAndTheHelpTeachesEveryRight() {
        List<Right> matrix = ABI_5.matrix();
        assertEquals(matrix.size(), matrix.stream().map(r -> r.kind() + "/" + r.id()).distinct().count());
        assertEquals(List.of("filesystem", "network", "scope", "audit flag", "restrict flag", "rule flag",
                "query flag"), matrix.stream().map(Right::kind).distinct().toList());
        int taught = ABI_5.help().stream().mapToInt(section -> section.rights().size()).sum();
        assertEquals(matrix.size(), taught);
        Right first = matrix.get(0);
        assertEquals(first.explanation() + " Since ABI 1 (Linux 5.13).", first.teaching());
    }

    @Test
    void theErrataAreListedOnlyWhereTheKernelAnswers() {
        assertEquals("Errata: this kernel does not answer the errata query.", ABI_5.errata());
        assertEquals("", NONE.errata());
        String errata = ABI_6_WITHOUT_SIGNAL.errata();
        assertTrue(errata.startsWith("Errata fixed in this kernel:\n  1 "), errata);
        assertTrue(errata.lines().skip(1).findFirst().orElseThrow().endsWith(" (yes)"), errata);
        assertTrue(errata.lines().skip(2).allMatch(line -> line.endsWith(" (not reported)")), errata);
    }

    @Test
    void customRightsRoundTripThroughTheRightsAPathGrants() {
        List<Right> all = ABI_5.filesystemRights();
        List<Right> granted = all.stream().filter(right -> KernelModel.grants(AccessMode.RO, right)).toList();
        assertEquals(List.of("read_file", "read_dir"), granted.stream().map(Right::id).toList());
        PathAccess custom = KernelModel.customAccess(granted);
        assertEquals(AccessMode.RO.rightsFor(true), custom.rightsFor(true));
        assertNull(KernelModel.customAccess(List.of()), "no right chosen: no access");
        assertEquals("ABI 3 (Linux 6.2)", KernelModel.describeAbi(3));
    }

    private static Right byId(List<Right> rights, String id) {
        return rights.stream().filter(right -> right.id().equals(id)).findFirst().orElseThrow();
    }
}
