package webmodels.model;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parent JVM for {@link PreforkServerTest}: starts a two-worker prefork server, prints
 * {@code WORKERS <port> <pid> <pid>}, then waits to be killed. It never closes the server: the
 * test kills this JVM with SIGKILL and checks that the workers notice and exit on their own.
 */
public final class PreforkOrphanParent {

    private PreforkOrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        PreforkServer server = new PreforkServer(ServerConfig.loopback(0).withOptions(Map.of("processes", "2")));
        server.start();
        System.out.println("WORKERS " + server.port() + " "
                + server.workerPids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(60_000); // bounded: should the test fail to kill it, it exits (and its workers with it)
        server.close();
    }
}
