package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuListTest {

    @Test
    void readsTheKernelListFormat() {
        assertEquals(Set.of(0), CpuList.parse("0").cpus());
        assertEquals(Set.of(0, 1), CpuList.parse("0-1").cpus());
        assertEquals(Set.of(0, 2, 3, 7), CpuList.parse(" 0,2-3,7\n").cpus());
    }

    @Test
    void anythingElseIsRefusedNamingWhatWasGiven() {
        for (String bad : List.of("", "a", "3-1", "1,", "-1", "0-1-2")) {
            String message = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(bad)).getMessage();
            assertTrue(message.startsWith("'" + bad + "' is not a CPU list"), message);
        }
    }

    @Test
    void cpusThisMachineLacksAreRefusedNamingThoseItHas() {
        CpuList online = CpuList.online();
        int missing = online.cpus().last() + 1;

        String message = assertThrows(IllegalArgumentException.class,
                () -> CpuList.parse(Integer.toString(missing)).requireOnline("serverCpus=" + missing)).getMessage();

        assertEquals("serverCpus=" + missing + ": this machine has CPUs " + online.text() + " only", message);
        assertTrue(online.cpus().containsAll(CpuList.allowedOf(ProcessHandle.current().pid()).cpus()));
    }
}
