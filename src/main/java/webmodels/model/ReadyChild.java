package webmodels.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM that serves: {@code prefork}'s workers and {@link ForkedServer}'s server. It prints
 * {@value #READY} and its port once it accepts connections; the parent waits for that line with a
 * deadline, and quotes the tail of the child's stderr when the child fails or stays silent.
 *
 * <p>Two daemon threads per child (a pipe read cannot be interrupted; they end when the child
 * does): one reads the readiness line and queues any later line, for {@link #nextLine}; the other
 * keeps the tail of stderr, and echoes it to this JVM's stderr when asked to.
 */
final class ReadyChild {

    /** The first word of the line a child prints once it accepts connections; its port follows. */
    static final String READY = "READY";

    private static final int STDERR_TAIL_CHARS = 4096;

    final Process process;
    private final String role;
    private final boolean echoStderr;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final BlockingQueue<String> laterLines = new LinkedBlockingQueue<>();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    /**
     * Starts {@code command}. {@code role} names the child in errors ("prefork worker") and, with
     * its pid, the reader threads; with {@code echoStderr} what the child writes on stderr also
     * appears on ours.
     */
    static ReadyChild start(List<String> command, String role, boolean echoStderr) throws IOException {
        return new ReadyChild(new ProcessBuilder(command).start(), role, echoStderr);
    }

    private ReadyChild(Process process, String role, boolean echoStderr) {
        this.process = process;
        this.role = role;
        this.echoStderr = echoStderr;
        String threadPrefix = role.replace(' ', '-');
        this.stdoutReader = daemon(threadPrefix + "-stdout-" + process.pid(), this::readStdout);
        this.stderrReader = daemon(threadPrefix + "-stderr-" + process.pid(), this::keepStderrTail);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true); // a pipe read cannot be interrupted; it ends when the child does
        thread.start();
        return thread;
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (line != null && line.startsWith(READY + " ")) {
                ready.complete(Integer.parseInt(line.substring(READY.length() + 1).trim()));
            } else {
                ready.completeExceptionally(new IOException(line == null ? "exited before it was ready" : "said '" + line + "' instead of " + READY));
            }
            while ((line = out.readLine()) != null) {
                laterLines.add(line); // answers to what the parent asked; read on so that the child never blocks on a full pipe
            }
        } catch (IOException | NumberFormatException e) {
            ready.completeExceptionally(e);
        }
    }

    private void keepStderrTail() {
        char[] buffer = new char[1024];
        try (InputStreamReader err = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                if (echoStderr) {
                    System.err.print(new String(buffer, 0, n));
                }
                synchronized (stderrTail) {
                    stderrTail.append(buffer, 0, n);
                    if (stderrTail.length() > STDERR_TAIL_CHARS) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone: its tail is complete
        }
    }

    /** The port the child reports, once it accepts; fails by {@code deadline} (System.nanoTime) with what the child wrote on stderr. */
    int awaitReady(long deadline) throws IOException {
        try {
            return ready.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException(role + " pid " + process.pid() + " not ready in time" + stderrSuffix());
        } catch (ExecutionException e) {
            settle();
            String exit = process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
            throw new IOException(role + " pid " + process.pid() + " failed to start: " + e.getCause().getMessage() + exit + stderrSuffix());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + role + " pid " + process.pid());
        }
    }

    /** Sends one line to the child's standard input. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next line the child printed after its readiness line; fails if none comes within {@code timeout}. */
    String nextLine(Duration timeout) throws IOException {
        try {
            String line = laterLines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException(role + " pid " + process.pid() + " answered nothing within " + timeout.toSeconds() + " s"
                        + (process.isAlive() ? "" : " (it exited)") + stderrSuffix());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + role + " pid " + process.pid());
        }
    }

    /** Lets a failing child finish exiting and writing its stderr, briefly, so that the error can quote it. */
    private void settle() {
        ChildJvm.waitUntil(process, System.nanoTime() + 2_000_000_000L);
        try {
            stderrReader.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String stderrSuffix() {
        synchronized (stderrTail) {
            String tail = stderrTail.toString().strip();
            return tail.isEmpty() ? "" : "; its stderr: " + tail;
        }
    }

    /** After the process has exited: closes its pipes and lets the reader threads end. */
    void release() {
        Closing.quietly(process.getOutputStream());
        try {
            stdoutReader.join(Duration.ofSeconds(1));
            stderrReader.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
