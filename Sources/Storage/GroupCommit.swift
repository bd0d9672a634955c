import Foundation
import GRDB
import ThreadWaits

/// Group commit for writes that must be durable one by one but come in crowds
/// (bookings). With `synchronous=FULL` every commit waits for the disk
/// (`fdatasync` of the WAL: ≈0.3 ms on this machine, milliseconds on many
/// disks), and the one writer waits with it. Writes that arrive while a commit
/// is on its way share the next transaction, each in its own savepoint: a write
/// that fails (a collision) rolls back alone; the others commit together, and
/// every caller returns only after its data is on disk. The caller that finds
/// no commit running leads the batch; when it is done it hands the lead to the
/// first write that waited.
final class GroupCommit: @unchecked Sendable {
    private let pool: DatabasePool
    private let lock = NSLock()
    private var waiting: [Job] = []
    private var leading = false

    private final class Job: @unchecked Sendable {
        let work: (Database) throws -> Void
        var error: (any Error)?
        /// Set when this job's thread is to lead the next batch instead of returning.
        var leads = false
        let signal = DispatchSemaphore(value: 0)

        init(_ work: @escaping (Database) throws -> Void) { self.work = work }
    }

    init(pool: DatabasePool) { self.pool = pool }

    /// Runs `work` in a savepoint of a shared IMMEDIATE transaction and returns
    /// its result once that transaction has committed.
    func write<T>(_ work: @escaping (Database) throws -> T) throws -> T {
        var result: T?
        let job = Job { db in result = try work(db) }
        lock.lock()
        waiting.append(job)
        let leads = !leading
        leading = true
        lock.unlock()
        // Both the wait for the lead and the lead itself, whose commit waits for
        // the disk, lend this thread's place to another request (`ThreadWaits`).
        // The lead computes too, but there is one at a time, and it must not
        // wait for a place while it holds the writer that the place's holders may want.
        ThreadWaits.whileWaiting {
            if !leads {
                job.signal.wait()
            }
            if leads || job.leads {
                lead(own: job)
            }
        }
        if let error = job.error { throw error }
        return result!
    }

    /// Commits everything waiting (this thread's own job among it), then passes
    /// the lead on or ends it.
    private func lead(own: Job) {
        lock.lock()
        let batch = waiting
        waiting = []
        lock.unlock()
        do {
            // Transaction and savepoints by prepared statements: GRDB's `inSavepoint`
            // compiled SAVEPOINT and RELEASE anew for every booking.
            try pool.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    for job in batch {
                        try db.cachedStatement(sql: "SAVEPOINT job").execute()
                        do {
                            try job.work(db)
                        } catch {
                            job.error = error
                            try db.cachedStatement(sql: "ROLLBACK TO job").execute()
                        }
                        try db.cachedStatement(sql: "RELEASE job").execute()
                    }
                    try db.cachedStatement(sql: "COMMIT").execute()
                } catch {
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK").execute() }
                    throw error
                }
            }
        } catch {
            // The commit itself failed: nothing of the batch is stored.
            for job in batch where job.error == nil { job.error = error }
        }
        lock.lock()
        if let next = waiting.first {
            next.leads = true
            next.signal.signal()
        } else {
            leading = false
        }
        lock.unlock()
        for job in batch where job !== own { job.signal.signal() }
    }
}
