/*
 * c-epoll: the reference the Java models are held against in every round of a run (CEpollBenchmark).
 * One thread, level-triggered epoll, non-blocking sockets; it answers "Hello World" to each complete
 * request head and reads no more of a request than its head. Not a web server: no parsing beyond
 * finding the end of a head and whether it asks to close (Connection: close, or HTTP/1.0 without
 * keep-alive), after which it closes the connection as a Java model does. A head that does not fit
 * its buffer gets 431, and the connection is closed once the client has closed its side. Built with gcc -O2 by the benchmark, from the jar's copy.
 *
 * usage: c_epoll_hello PORT     (0: any free port). Prints "READY <port>" once it accepts, then serves
 * until it is killed or its standard input closes (the JVM that started it is gone).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define HEAD_MAX 8192
#define EVENTS 256

static const char OK_KEEP[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nHello World";
static const char OK_CLOSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nHello World";
static const char TOO_LARGE[] =
    "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

/* The part of a request head received so far on one connection. */
struct conn {
    int fd;
    int draining; /* answered 431 and shut its side: reads and drops the rest until the client closes */
    size_t used;
    char head[HEAD_MAX];
};

/* Whether the n bytes at p hold word (lower case), in any case. */
static int contains_nocase(const char *p, size_t n, const char *word) {
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++) {
        if (strncasecmp(p + i, word, w) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Whether the head asks the server to close: "Connection: close", or HTTP/1.0 unless it says keep-alive. */
static int wants_close(const char *head, size_t len) {
    const char *line_end = memmem(head, len, "\r\n", 2);
    int http10 = line_end && line_end - head >= 8 && memcmp(line_end - 8, "HTTP/1.0", 8) == 0;
    for (const char *p = line_end; p && p + 2 < head + len;) {
        const char *next = memmem(p + 2, head + len - (p + 2), "\r\n", 2);
        size_t n = (next ? next : head + len) - (p + 2);
        if (n > 11 && strncasecmp(p + 2, "connection:", 11) == 0) {
            const char *value = p + 13;
            size_t value_len = n - 11;
            if (contains_nocase(value, value_len, "close")) {
                return 1;
            }
            if (contains_nocase(value, value_len, "keep-alive")) {
                return 0;
            }
        }
        p = next;
    }
    return http10;
}

static void drop(int ep, struct conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Writes a response whole; a short write on a response this small means a client that does not read: drop it. */
static int send_all(int fd, const char *bytes, size_t len) {
    return write(fd, bytes, len) == (ssize_t) len;
}

/* Reads what arrived and answers each complete head in it; returns 0 when the connection is gone. */
static int serve(int ep, struct conn *c) {
    if (c->draining) {
        c->used = 0;
    }
    ssize_t n = read(c->fd, c->head + c->used, HEAD_MAX - c->used);
    if (n <= 0) {
        drop(ep, c);
        return 0;
    }
    if (c->draining) {
        return 1;
    }
    c->used += n;
    for (;;) {
        char *end = memmem(c->head, c->used, "\r\n\r\n", 4);
        if (!end) {
            if (c->used == HEAD_MAX) {
                /* Closing now, with the rest of the head unread, would reset the connection and could
                 * lose the answer: shut our side and read until the client closes. */
                send_all(c->fd, TOO_LARGE, sizeof TOO_LARGE - 1);
                shutdown(c->fd, SHUT_WR);
                c->draining = 1;
                return 1;
            }
            return 1;
        }
        size_t head_len = end + 4 - c->head;
        if (wants_close(c->head, head_len)) {
            send_all(c->fd, OK_CLOSE, sizeof OK_CLOSE - 1);
            drop(ep, c);
            return 0;
        }
        if (!send_all(c->fd, OK_KEEP, sizeof OK_KEEP - 1)) {
            drop(ep, c);
            return 0;
        }
        c->used -= head_len;
        memmove(c->head, c->head + head_len, c->used);
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0, one = 1;
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t address_len = sizeof address;
    if (bind(listener, (struct sockaddr *) &address, sizeof address) || listen(listener, 1024)
        || getsockname(listener, (struct sockaddr *) &address, &address_len)) {
        perror("c_epoll_hello: bind/listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event on_listener = {.events = EPOLLIN, .data.ptr = NULL};
    struct epoll_event on_stdin = {.events = EPOLLIN | EPOLLHUP, .data.ptr = &on_stdin};
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &on_listener);
    epoll_ctl(ep, EPOLL_CTL_ADD, STDIN_FILENO, &on_stdin); /* a pipe from the JVM: its end is ours */
    printf("READY %d\n", ntohs(address.sin_port));
    fflush(stdout);
    struct epoll_event events[EVENTS];
    for (;;) {
        int ready = epoll_wait(ep, events, EVENTS, -1);
        for (int i = 0; i < ready; i++) {
            void *ptr = events[i].data.ptr;
            if (ptr == &on_stdin) {
                return 0;
            }
            if (ptr) {
                serve(ep, ptr);
                continue;
            }
            int fd;
            while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                struct conn *c = malloc(sizeof *c);
                if (!c) {
                    close(fd);
                    continue;
                }
                c->fd = fd;
                c->draining = 0;
                c->used = 0;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                struct epoll_event on_conn = {.events = EPOLLIN, .data.ptr = c};
                epoll_ctl(ep, EPOLL_CTL_ADD, fd, &on_conn);
            }
        }
    }
}
