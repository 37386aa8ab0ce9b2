package dev.paddock.core.landlock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model agrees with the kernel's UAPI: bits, ABIs, kernels, and validity on regular files. */
class AccessRightModelTest {

    @Test
    void filesystemBitsMatchTheUapiHeader() {
        assertEquals(1L, FsAccess.EXECUTE.bit());
        assertEquals(1L << 2, FsAccess.READ_FILE.bit());
        assertEquals(1L << 13, FsAccess.REFER.bit());
        assertEquals(1L << 14, FsAccess.TRUNCATE.bit());
        assertEquals(1L << 15, FsAccess.IOCTL_DEV.bit());
        assertEquals(1L << 16, FsAccess.RESOLVE_UNIX.bit());
        assertEquals(0x1ffffL, AccessRight.maskOf(List.of(FsAccess.values())));
    }

    @Test
    void eachRightKnowsTheAbiAndKernelThatBroughtIt() {
        assertEquals(2, FsAccess.REFER.abi());
        assertEquals("5.19", FsAccess.REFER.kernel());
        assertEquals("6.2", FsAccess.TRUNCATE.kernel());
        assertEquals("6.7", NetAccess.CONNECT_TCP.kernel());
        assertEquals("6.10", FsAccess.IOCTL_DEV.kernel());
        assertEquals("6.12", Scope.SIGNAL.kernel());
        assertEquals("6.15", AuditFlag.LOG_NEW_EXEC_ON.kernel());
        assertEquals("7.1", FsAccess.RESOLVE_UNIX.kernel());
        assertEquals("7.2", NetAccess.BIND_UDP.kernel());
        assertEquals("7.3", RestrictFlag.NO_NEW_PRIVS.kernel());
        assertThrows(IllegalArgumentException.class, () -> Abi.kernelFor(12));
    }

    @Test
    void onlyTheKernelsFileRightsAreValidOnRegularFiles() {
        assertEquals(EnumSet.of(FsAccess.EXECUTE, FsAccess.WRITE_FILE, FsAccess.READ_FILE, FsAccess.TRUNCATE,
                FsAccess.IOCTL_DEV, FsAccess.RESOLVE_UNIX), FsAccess.fileRights());
        assertFalse(FsAccess.READ_DIR.validOnFile());
    }

    @Test
    void everyRightHasATeachingSentenceAndAKernelName() {
        List<AccessRight> all = new ArrayList<>();
        all.addAll(List.of(FsAccess.values()));
        all.addAll(List.of(NetAccess.values()));
        all.addAll(List.of(Scope.values()));
        all.addAll(List.of(AuditFlag.values()));
        all.addAll(List.of(RestrictFlag.values()));
        for (AccessRight right : all) {
            assertTrue(right.explanation().endsWith("."), right.id());
            assertFalse(right.activity().isBlank(), right.id());
            // the kernel names themselves are checked against the header's, one by one, in UapiTableTest; an id
            // compared with a name made from the same enum constant could not fail
            assertTrue(right.id().matches("[a-z][a-z0-9_]*"), right.id());
        }
    }

    @Test
    void abiSetsGrowWithEachVersion() {
        assertEquals(13, Abi.filesystemRights(1).size());
        assertEquals(14, Abi.filesystemRights(2).size());
        assertEquals(16, Abi.filesystemRights(7).size());
        assertEquals(17, Abi.filesystemRights(9).size());
        assertTrue(Abi.networkRights(3).isEmpty());
        assertEquals(2, Abi.scopes(6).size());
        assertEquals(8, Abi.rulesetAttrSize(3));
        assertEquals(16, Abi.rulesetAttrSize(5));
        assertEquals(24, Abi.rulesetAttrSize(7));
        assertEquals(24, Abi.rulesetAttrSize(9));
        assertEquals(48, Abi.rulesetAttrSize(10));
        assertEquals(2, Abi.networkRights(9).size());
        assertEquals(4, Abi.networkRights(10).size());
    }

    @Test
    void theNewFlagsTeachToo() {
        List<AccessRight> all = new ArrayList<>();
        all.addAll(List.of(RuleFlag.values()));
        all.addAll(List.of(CreateFlag.values()));
        all.addAll(List.of(NetAccess.BIND_UDP, NetAccess.CONNECT_SEND_UDP));
        for (AccessRight right : all) {
            assertTrue(right.explanation().endsWith("."), right.id());
            assertFalse(right.activity().isBlank(), right.id());
            assertTrue(right.kernelName().endsWith("_" + right.name()), right.id());
        }
        for (RestrictFlag flag : RestrictFlag.values()) {
            assertTrue(flag.paddock().startsWith("Paddock"), flag.id());
        }
    }
}
