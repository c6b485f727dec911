package webmodels.model;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import webmodels.http.BlockingConnection;

/**
 * The program a {@code process-per-request} child runs, as a CGI or inetd program would: one
 * connection on standard input and output (the parent relays the socket's bytes), served by the
 * shared blocking loop with {@code Connection: close}, then exit.
 *
 * <p>Raw descriptors, not {@code System.out}: a PrintStream would swallow a write error. Standard
 * input ending (the parent closed it, or died) ends this process, and so does the request timeout.
 */
public final class ProcessPerRequestChild {

    private ProcessPerRequestChild() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ChildJvm.parseConfig(args);
        InputStream in = new DeadlineInputStream(new FileInputStream(FileDescriptor.in), config.limits().requestTimeout());
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        int status = 0;
        try {
            new BlockingConnection(config.handler(), config.limits(), true).serve(in, out, null);
        } catch (java.io.IOException e) {
            status = 1; // the parent stopped reading: nobody is left to tell
        }
        out.close();
        System.exit(status);
    }
}
