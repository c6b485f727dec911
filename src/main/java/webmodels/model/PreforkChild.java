package webmodels.model;

import java.io.IOException;
import java.io.InputStream;

/**
 * The program each {@code prefork} worker runs: the {@code blocking} server's loop on a listener
 * that shares its port with its siblings' through SO_REUSEPORT. It prints {@value #READY} and the
 * port once it accepts, then serves until its parent tells it to stop or dies.
 *
 * <p>Standard input is a pipe the parent never writes to: it ends when the parent closes it or
 * dies, even by SIGKILL, and then this process closes its server and exits. The parent's
 * liveness is also watched, in case the pipe was inherited by someone else.
 */
public final class PreforkChild {

    /** The first word of the line a worker prints once it accepts connections. */
    static final String READY = "READY";

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
        System.out.println(READY + " " + server.port());
        System.out.flush();
        InputStream fromParent = System.in;
        byte[] ignored = new byte[64];
        try {
            while (fromParent.read(ignored) >= 0) {
                // the parent writes nothing: only the end of this stream matters
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
        server.close();
        System.exit(0);
    }
}
