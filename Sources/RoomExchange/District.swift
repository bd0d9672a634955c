/// The ten Stadtteile of Lübeck; the raw value is the URL slug (CONTRACT.md).
public enum District: String, CaseIterable, Sendable, Codable {
    case innenstadt
    case stJuergen = "st-juergen"
    case moisling
    case buntekuh
    case stLorenzSued = "st-lorenz-sued"
    case stLorenzNord = "st-lorenz-nord"
    case stGertrud = "st-gertrud"
    case schlutup
    case kuecknitz
    case travemuende

    public var name: String {
        switch self {
        case .innenstadt: "Innenstadt"
        case .stJuergen: "St. Jürgen"
        case .moisling: "Moisling"
        case .buntekuh: "Buntekuh"
        case .stLorenzSued: "St. Lorenz Süd"
        case .stLorenzNord: "St. Lorenz Nord"
        case .stGertrud: "St. Gertrud"
        case .schlutup: "Schlutup"
        case .kuecknitz: "Kücknitz"
        case .travemuende: "Travemünde"
        }
    }
}
