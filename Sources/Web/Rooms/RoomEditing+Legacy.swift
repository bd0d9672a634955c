import RoomExchange

extension RoomEditing {
    /// The German status of a room, kept only for `Account/MyPages.swift`, which
    /// has no catalogue at hand yet. Pages use `Catalog.roomStatusLabel(_:)`;
    /// delete this once no page calls it.
    static func statusLabel(_ status: Room.Status) -> String {
        switch status {
        case .pending: "Wartet auf Prüfung durch die Stadt"
        case .published: "Veröffentlicht"
        case .rejected: "Abgelehnt"
        case .archived: "Archiviert"
        }
    }
}
