/// What a template can ask a context for. Page view models conform by switching
/// over the names their template uses: no reflection, no dictionaries, and the
/// compiler checks the types.
public protocol MustacheContext {
    func value(for name: String) -> MustacheValue
}

/// The value of a name: text is HTML-escaped by `{{name}}`, raw only in `{{{name}}}`.
public enum MustacheValue {
    case text(String)
    /// Markup another template rendered (and escaped): written as it is, so a
    /// page's body goes into its layout without a round trip through String.
    case rendered([UInt8])
    case int(Int)
    case bool(Bool)
    case context(any MustacheContext)
    case list([any MustacheContext])
    case missing

    /// Optional text: nil is false, so `{{#name}}` skips it. Not missing: a name
    /// the context knows stops the lookup there (as the spec's null does)
    /// instead of asking every context around it, twice per room card.
    public static func text(_ value: String?) -> MustacheValue {
        value.map { .text($0) } ?? .bool(false)
    }

    public static func context(_ value: (any MustacheContext)?) -> MustacheValue {
        value.map { .context($0) } ?? .bool(false)
    }

    /// Falsey values (Mustache spec): missing, false, empty list, empty text.
    var isFalsey: Bool {
        switch self {
        case .missing: true
        case .bool(let value): !value
        case .list(let items): items.isEmpty
        case .text(let text): text.isEmpty
        case .rendered(let bytes): bytes.isEmpty
        case .int, .context: false
        }
    }
}

/// A context that resolves nothing, for templates without data.
public struct EmptyContext: MustacheContext {
    public init() {}
    public func value(for name: String) -> MustacheValue { .missing }
}
