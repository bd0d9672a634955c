#pragma once
// Linux calls that Glibc's Swift module leaves out: epoll, eventfd, accept4, the CPU affinity mask.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (accept4 needs _GNU_SOURCE, set in the .c file).
int csl_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length);

/// CPUs this process may run on (its affinity mask, so `taskset` counts); 0 when unknown.
int csl_available_cpus(void);
