package webmodels.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import webmodels.load.CpuMeter;
import webmodels.model.ServerConfig;

class ServerStatsTest {

    @Test
    void jsonReadsBackWhatItWrote() {
        ServerStats stats = ServerStats.ofThisJvm("thread-pool", ServerConfig.loopback(0).withOption("workers", "4"), 9527,
                CpuMeter.descendants(ProcessHandle.current().pid()));

        ServerStats read = ServerStats.fromJson(stats.toJson());

        assertEquals(stats.toJson(), read.toJson());
        assertEquals(Map.of("workers", "4"), read.options());
        assertEquals(stats.heapAfterGcBytes(), read.footprint().heapBytes());
    }

    @Test
    void anythingButWebmodelsStatsIsRefused() {
        String notJson = assertThrows(IllegalArgumentException.class, () -> ServerStats.fromJson("<html>hello</html>")).getMessage();
        assertTrue(notJson.startsWith("not webmodels stats JSON"), notJson);

        String otherJson = assertThrows(IllegalArgumentException.class, () -> ServerStats.fromJson("{\"status\":\"UP\"}")).getMessage();
        assertTrue(otherJson.startsWith("not webmodels stats JSON"), otherJson);

        String json = ServerStats.ofThisJvm("reactor", ServerConfig.loopback(0), 1, CpuMeter.descendants(ProcessHandle.current().pid()))
                .toJson().replace(ServerStats.FORMAT, "other/2");
        String otherFormat = assertThrows(IllegalArgumentException.class, () -> ServerStats.fromJson(json)).getMessage();
        assertTrue(otherFormat.contains("other/2"), otherFormat);
    }
}
