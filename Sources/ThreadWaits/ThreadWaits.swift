import Foundation

/// What a thread pool installs on its threads to learn that one of them is about
/// to wait (for the disk, say) rather than compute, so that another can run meanwhile.
public protocol WaitLender: AnyObject, Sendable {
    /// The current thread is about to wait: its place may go to another.
    func lend()
    /// The wait is over: the thread needs a place to run again.
    func takeBack()
}

/// Lets code deep inside a request tell the pool running it that it waits. The
/// HTTP server limits how many of its threads run requests at once; a booking
/// that waits for its group's commit lends its place for the wait, so a
/// waiting thread does not keep another request from running. On a thread
/// without a lender (tests, the command line) `whileWaiting` just runs its body.
public enum ThreadWaits {
    private static let key = "raumboerse.ThreadWaits.lender"

    /// Installs (or with nil removes) the current thread's lender.
    public static func install(_ lender: (any WaitLender)?) {
        Thread.current.threadDictionary[key] = lender
    }

    /// Runs `body`, which mostly waits, with the current thread's place lent out.
    public static func whileWaiting<T>(_ body: () throws -> T) rethrows -> T {
        guard let lender = Thread.current.threadDictionary[key] as? any WaitLender else { return try body() }
        lender.lend()
        defer { lender.takeBack() }
        return try body()
    }
}
