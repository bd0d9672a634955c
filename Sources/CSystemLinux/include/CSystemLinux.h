#pragma once
// Linux calls that Glibc's Swift module leaves out: epoll, eventfd, accept4.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (accept4 needs _GNU_SOURCE, set in the .c file).
int csl_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length);
