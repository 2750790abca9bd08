/*
 * Open-loop HTTP/1.1 load generator for the mock Graph API benchmark (bench/mock-throughput.ts).
 *
 * Why C: a Node (or Go) client on a 2-core box spends as much CPU as the server it measures, and
 * its own GC pauses land in the latencies it records. This client costs one write and one read
 * system call per request and allocates nothing while it runs.
 *
 * Usage: openloop <host> <port> <requests-file> <rate/s, 0 = closed loop> <seconds> <connections>
 *   requests-file: complete HTTP/1.1 requests, each preceded by its length (uint32, little endian).
 * Open loop: request i is due at start + i/rate. It goes out on an idle keep-alive connection; when
 * none is idle it waits, and its latency still counts from the due time (no coordinated omission).
 * Responses must carry Content-Length (the benchmark servers send it). Prints one JSON line.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 1024
#define BUF_SIZE 65536

typedef struct {
  int fd;
  int busy;
  uint64_t due_ns; /* intended send time of the request in flight */
  size_t have;     /* bytes buffered of the current response */
  char buf[BUF_SIZE];
} conn_t;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "openloop: %s: %s\n", what, strerror(errno));
  exit(2);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int connect_to(const char *host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
    fprintf(stderr, "openloop: host must be an IPv4 address, got %s\n", host);
    exit(2);
  }
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

/* Returns the response length once complete, 0 if more bytes are needed, -1 if unparseable. */
static long response_length(const char *buf, size_t have, int *status) {
  const char *end = memmem(buf, have, "\r\n\r\n", 4);
  if (!end) return have >= BUF_SIZE ? -1 : 0;
  size_t head = (size_t)(end - buf) + 4;
  if (have < 12 || memcmp(buf, "HTTP/1.", 7) != 0) return -1;
  *status = atoi(buf + 9);
  long body = -1;
  for (const char *line = memchr(buf, '\n', head); line && line < end; line = memchr(line + 1, '\n', (size_t)(end - line))) {
    if (strncasecmp(line + 1, "content-length:", 15) == 0) body = atol(line + 16);
  }
  if (body < 0 || head + (size_t)body > BUF_SIZE) return -1;
  return have >= head + (size_t)body ? (long)(head + (size_t)body) : 0;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: openloop <host> <port> <requests-file> <rate/s, 0 = closed loop> <seconds> <connections>\n");
    return 2;
  }
  const char *host = argv[1];
  int port = atoi(argv[2]);
  double rate = atof(argv[4]);
  double seconds = atof(argv[5]);
  int nconns = atoi(argv[6]);
  if (port <= 0 || rate < 0 || seconds <= 0 || nconns <= 0 || nconns > MAX_CONNS) {
    fprintf(stderr, "openloop: bad arguments (port > 0, rate >= 0, seconds > 0, 1..%d connections)\n", MAX_CONNS);
    return 2;
  }

  /* Load the pre-built requests. */
  FILE *f = fopen(argv[3], "rb");
  if (!f) die(argv[3]);
  struct stat st;
  fstat(fileno(f), &st);
  char *blob = malloc((size_t)st.st_size);
  if (fread(blob, 1, (size_t)st.st_size, f) != (size_t)st.st_size) die("read requests");
  fclose(f);
  size_t nreq = 0, cap = 1024;
  const char **req = malloc(cap * sizeof *req);
  uint32_t *req_len = malloc(cap * sizeof *req_len);
  for (size_t off = 0; off + 4 <= (size_t)st.st_size;) {
    uint32_t len;
    memcpy(&len, blob + off, 4);
    if (nreq == cap) {
      cap *= 2;
      req = realloc(req, cap * sizeof *req);
      req_len = realloc(req_len, cap * sizeof *req_len);
    }
    req[nreq] = blob + off + 4;
    req_len[nreq++] = len;
    off += 4 + len;
  }
  if (nreq == 0) {
    fprintf(stderr, "openloop: %s holds no requests\n", argv[3]);
    return 2;
  }

  /* Bounded in count and time: at most rate*seconds requests (or 200,000/s closed loop). */
  uint64_t total = rate > 0 ? (uint64_t)(rate * seconds) : (uint64_t)(200000 * seconds);
  uint64_t *lat = malloc(total * sizeof *lat);
  conn_t *conns = calloc((size_t)nconns, sizeof *conns);
  int ep = epoll_create1(0);
  for (int i = 0; i < nconns; i++) {
    conns[i].fd = connect_to(host, port);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct itimerspec tick = {.it_interval = {0, 100000}, .it_value = {0, 100000}}; /* 100 µs */
  timerfd_settime(tfd, 0, &tick, NULL);
  struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
  epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

  int *idle = malloc((size_t)nconns * sizeof *idle);
  int nidle = 0;
  for (int i = nconns - 1; i >= 0; i--) idle[nidle++] = i;

  uint64_t start = now_ns();
  uint64_t send_until = start + (uint64_t)(seconds * 1e9);
  uint64_t deadline = send_until + 10000000000ull; /* + 10 s to drain */
  uint64_t sent = 0, done = 0, non2xx = 0;
  struct epoll_event events[256];
  for (;;) {
    uint64_t now = now_ns();
    if (now >= deadline) break;
    uint64_t due = rate > 0 ? (uint64_t)((double)(now - start) / 1e9 * rate) + 1 : (now < send_until ? total : sent);
    if (due > total) due = total;
    if (sent >= due && done == sent && (sent == total || now >= send_until)) break;
    while (sent < due && nidle > 0) {
      int c = idle[--nidle];
      size_t r = sent % nreq;
      conns[c].busy = 1;
      conns[c].have = 0;
      conns[c].due_ns = rate > 0 ? start + (uint64_t)((double)sent / rate * 1e9) : now_ns();
      if (write(conns[c].fd, req[r], req_len[r]) != (ssize_t)req_len[r]) die("write");
      sent++;
    }
    int n = epoll_wait(ep, events, 256, 100);
    for (int e = 0; e < n; e++) {
      uint32_t id = events[e].data.u32;
      if (id == UINT32_MAX) {
        uint64_t expirations;
        (void)!read(tfd, &expirations, sizeof expirations);
        continue;
      }
      conn_t *c = &conns[id];
      ssize_t got = read(c->fd, c->buf + c->have, BUF_SIZE - c->have);
      if (got <= 0) {
        fprintf(stderr, "openloop: connection %u closed by the server\n", id);
        return 1;
      }
      c->have += (size_t)got;
      int status = 0;
      long len = response_length(c->buf, c->have, &status);
      if (len == 0) continue;
      if (len < 0) {
        fprintf(stderr, "openloop: unparseable response (Content-Length is required)\n");
        return 1;
      }
      if (!c->busy) continue;
      lat[done++] = now_ns() - c->due_ns;
      if (status < 200 || status > 299) non2xx++;
      c->busy = 0;
      idle[nidle++] = (int)id;
    }
  }
  double elapsed = (double)(now_ns() - start) / 1e9;
  qsort(lat, done, sizeof *lat, cmp_u64);
#define PCT(p) (done ? (double)lat[(size_t)((double)(done - 1) * (p))] / 1e6 : 0.0)
  printf("{\"sent\":%llu,\"completed\":%llu,\"non2xx\":%llu,\"errors\":%llu,\"elapsedS\":%.3f,\"achievedPerS\":%.1f,"
         "\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f}\n",
         (unsigned long long)sent, (unsigned long long)done, (unsigned long long)non2xx, (unsigned long long)(sent - done),
         elapsed, (double)done / elapsed, PCT(0.5), PCT(0.9), PCT(0.99), PCT(0.999), done ? (double)lat[done - 1] / 1e6 : 0.0);
  return 0;
}
