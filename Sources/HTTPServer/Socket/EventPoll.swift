#if canImport(Glibc)
import Glibc
import CSystemLinux
#endif

/// An epoll instance plus an eventfd to wake it from other threads.
///
/// Connections are registered one-shot: after an event fires the descriptor stays
/// disarmed until its current owner (the event loop or a worker) re-arms it, so
/// exactly one thread touches a connection at a time.
final class EventPoll: @unchecked Sendable {
    let fd: Int32
    let wakeFD: Int32

    init() throws(SocketError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError(call: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw SocketError(call: "eventfd", errno: errno) }
        add(wakeFD, events: EPOLLIN.rawValue)
    }

    deinit {
        Glibc.close(wakeFD)
        Glibc.close(fd)
    }

    enum Interest { case read, write }

    func add(_ descriptor: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(fd: descriptor))
        epoll_ctl(fd, EPOLL_CTL_ADD, descriptor, &event)
    }

    func modify(_ descriptor: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(fd: descriptor))
        epoll_ctl(fd, EPOLL_CTL_MOD, descriptor, &event)
    }

    func register(connection descriptor: Int32) {
        add(descriptor, events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue | EPOLLRDHUP.rawValue)
    }

    /// Re-arms a one-shot connection; safe from any thread.
    func arm(_ descriptor: Int32, for interest: Interest) {
        let base = EPOLLONESHOT.rawValue | EPOLLRDHUP.rawValue
        modify(descriptor, events: base | (interest == .read ? EPOLLIN.rawValue : EPOLLOUT.rawValue))
    }

    func remove(_ descriptor: Int32) {
        var event = epoll_event()
        epoll_ctl(fd, EPOLL_CTL_DEL, descriptor, &event)
    }

    func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    func drainWake() {
        var value: UInt64 = 0
        _ = Glibc.read(wakeFD, &value, 8)
    }

    /// Waits for events; returns how many of `events` were filled.
    func wait(into events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32) -> Int {
        let n = epoll_wait(fd, events, capacity, timeoutMilliseconds)
        return n < 0 ? 0 : Int(n)
    }
}
