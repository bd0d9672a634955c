import Foundation

/// Backups of a data directory: the database through SQLite's online backup API
/// (one consistent snapshot while the site keeps writing) plus the photos it
/// names, and restoring such a backup into an empty data directory.
public enum Backup {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `destination/raumboerse.sqlite` and `destination/photos/`; returns the
    /// number of photos copied. `destination` must not exist.
    @discardableResult
    public static func write(dataDirectory source: String, to destination: String) throws -> Int {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: destination) else { throw Failure(description: "\(destination) exists already") }
        let database = try AppDatabase(path: source + "/raumboerse.sqlite", migrate: false)
        try fm.createDirectory(atPath: destination + "/photos", withIntermediateDirectories: true)
        try database.backup(to: destination + "/raumboerse.sqlite")
        // Photo files are written before their rows, so every name in the snapshot exists.
        let names = try AppDatabase(path: destination + "/raumboerse.sqlite", migrate: false).photoFileNames()
        for name in names { try fm.copyItem(atPath: source + "/photos/" + name, toPath: destination + "/photos/" + name) }
        return names.count
    }

    /// Copies a backup into `target`, which must not hold a database yet (a live
    /// site is never overwritten); checks integrity and foreign keys before and
    /// after, then migrates to this program's schema.
    @discardableResult
    public static func restore(from backup: String, into target: String) throws -> Int {
        let fm = FileManager.default
        guard fm.fileExists(atPath: backup + "/raumboerse.sqlite") else { throw Failure(description: "\(backup) holds no raumboerse.sqlite") }
        guard !fm.fileExists(atPath: target + "/raumboerse.sqlite") else {
            throw Failure(description: "\(target) already has a database; restore only into an empty data directory")
        }
        if let problem = try AppDatabase.verify(path: backup + "/raumboerse.sqlite") { throw Failure(description: "the backup fails its check: \(problem)") }
        try fm.createDirectory(atPath: target + "/photos", withIntermediateDirectories: true)
        try fm.copyItem(atPath: backup + "/raumboerse.sqlite", toPath: target + "/raumboerse.sqlite")
        let photos = (try? fm.contentsOfDirectory(atPath: backup + "/photos")) ?? []
        for name in photos { try fm.copyItem(atPath: backup + "/photos/" + name, toPath: target + "/photos/" + name) }
        if let problem = try AppDatabase.verify(path: target + "/raumboerse.sqlite") { throw Failure(description: "the restored database fails its check: \(problem)") }
        _ = try AppDatabase(path: target + "/raumboerse.sqlite")
        return photos.count
    }
}
