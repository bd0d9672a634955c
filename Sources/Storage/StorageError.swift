/// Failures of the storage layer that callers handle.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The file was written by a newer version of the program.
    case databaseNewerThanCode
    case notFound

    public var description: String {
        switch self {
        case .databaseNewerThanCode: "the database has migrations this program does not know; run a newer version"
        case .notFound: "not found"
        }
    }
}

/// An e-mail address that another account uses already.
public struct EmailTaken: Error, Equatable {}

/// An invitation link that is unknown, used or expired.
public struct InvitationInvalid: Error, Equatable {}

/// A booking request for a room that is archived or rejected cannot be confirmed.
public struct RoomNotLent: Error, Equatable {}
