/*
 * A bare TCP pipe in C, for bench/redis-proxy.ts (path `c-pipe`): the floor of any proxy that is
 * an extra process, with no runtime of its own (no event loop library, no GC, no allocation while
 * it runs). One thread, epoll, blocking writes of what each read returned, TCP_NODELAY both ways.
 *
 * Usage: pipe <upstream-host> <upstream-port>; prints {"url":"redis://127.0.0.1:<port>"} once listening.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FDS 4096
static int peer[MAX_FDS];

static void nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int write_all(int fd, const char *buf, ssize_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, (size_t)n);
    if (w <= 0) return -1;
    buf += w;
    n -= w;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: pipe <upstream-host> <upstream-port>\n");
    return 2;
  }
  struct sockaddr_in up = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
  inet_pton(AF_INET, argv[1], &up.sin_addr);
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in me = {.sin_family = AF_INET};
  inet_pton(AF_INET, "127.0.0.1", &me.sin_addr);
  if (bind(ls, (struct sockaddr *)&me, sizeof me) || listen(ls, 64)) {
    perror("pipe: listen");
    return 1;
  }
  socklen_t len = sizeof me;
  getsockname(ls, (struct sockaddr *)&me, &len);
  printf("{\"url\":\"redis://127.0.0.1:%d\"}\n", ntohs(me.sin_port));
  fflush(stdout);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  static char buf[65536];
  struct epoll_event events[64];
  for (;;) {
    int n = epoll_wait(ep, events, 64, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == ls) {
        int c = accept(ls, NULL, NULL);
        int u = socket(AF_INET, SOCK_STREAM, 0);
        if (c < 0 || c >= MAX_FDS || u >= MAX_FDS || connect(u, (struct sockaddr *)&up, sizeof up)) {
          if (c >= 0) close(c);
          close(u);
          continue;
        }
        nodelay(c);
        nodelay(u);
        peer[c] = u;
        peer[u] = c;
        struct epoll_event a = {.events = EPOLLIN, .data.fd = c}, b = {.events = EPOLLIN, .data.fd = u};
        epoll_ctl(ep, EPOLL_CTL_ADD, c, &a);
        epoll_ctl(ep, EPOLL_CTL_ADD, u, &b);
        continue;
      }
      ssize_t r = read(fd, buf, sizeof buf);
      if (r <= 0 || write_all(peer[fd], buf, r)) {
        close(peer[fd]);
        close(fd);
      }
    }
  }
}
