package webmodels.model;

import java.io.IOException;

/**
 * The program each {@code prefork} worker runs: the {@code blocking} server's loop on a listener
 * that shares its port with its siblings' through SO_REUSEPORT. It prints
 * {@value ReadyChild#READY} and the port once it accepts, then serves until its parent tells it to stop or dies.
 *
 * <p>Standard input is a pipe the parent never writes to: it ends when the parent closes it or
 * dies, even by SIGKILL, and then this process closes its server and exits. The parent's
 * liveness is also watched, in case the pipe was inherited by someone else.
 */
public final class PreforkChild {

    private PreforkChild() {
    }

    public static void main(String[] args) throws IOException {
        ServerConfig config = ChildJvm.parseConfig(args);
        ChildJvm.exitWhenParentExits();
        BlockingServer server = new BlockingServer(config);
        server.reusePort(true);
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("prefork worker cannot listen on " + config.host().getHostAddress() + ":" + config.port() + ": " + e);
            System.exit(1);
        }
        ChildJvm.serveUntilParentCloses(server, line -> {
            // the parent sends nothing: only the end of the stream matters
        });
    }
}
