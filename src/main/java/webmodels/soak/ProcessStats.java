package webmodels.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import webmodels.model.Footprint;

/**
 * Descriptors, OS threads and resident memory of a process and its descendants, read from
 * {@code /proc}: what a server holds, counted from outside so that the measuring costs it nothing.
 *
 * @param descriptors open file descriptors (sockets included)
 * @param threads     OS threads, the JVM's own included
 * @param rssBytes    resident set size
 */
record ProcessStats(long descriptors, long threads, long rssBytes) {

    static ProcessStats of(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        long descriptors = 0;
        for (ProcessHandle process : tree) {
            descriptors += descriptors(process.pid());
        }
        Footprint footprint = Footprint.ofProcessTree(root);
        return new ProcessStats(descriptors, footprint.threads(), footprint.rssBytes());
    }

    long rssMiB() {
        return rssBytes >> 20;
    }

    /** Open descriptors of one process; 0 when it is gone (it exited while we looked). */
    private static long descriptors(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return 0; // the process exited between listing the tree and reading it
        }
    }
}
