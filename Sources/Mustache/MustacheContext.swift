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
    /// Items with the same fields, such as the rows of a query.
    case rows(any MustacheRows)
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
        case .rows(let rows): rows.count == 0
        case .text(let text): text.isEmpty
        case .rendered(let bytes): bytes.isEmpty
        case .int, .context: false
        }
    }
}

/// The items of a section that all have the same fields, such as the rows a
/// query read. The renderer resolves the names in the section to field numbers
/// once, instead of asking each item for each name by string, and a field's
/// text is written from its bytes, with no `String` built (and validated) per
/// value: on the benchmark's page of 20 rows these were most of the rendering
/// time (Benchmarks/README.md §1).
public protocol MustacheRows {
    /// The fields' names; a field's number is its index here.
    var fieldNames: [String] { get }
    var count: Int { get }
    /// Field number `field` of item number `item`.
    func field(_ field: Int, of item: Int) -> MustacheField
}

/// A field of `MustacheRows`.
public enum MustacheField {
    /// UTF-8 text, escaped like `MustacheValue.text`. The bytes must stay valid as
    /// long as the rows that returned them. Bytes that are not valid UTF-8 reach
    /// the output as they are; escaping stays safe, as no byte of a multi-byte
    /// sequence is ASCII.
    case utf8(UnsafeBufferPointer<UInt8>)
    case int(Int)
    case bool(Bool)

    var isFalsey: Bool {
        switch self {
        case .utf8(let bytes): bytes.isEmpty
        case .int: false
        case .bool(let value): !value
        }
    }

    /// As a value, for a name that reaches the rows from inside a nested context.
    var value: MustacheValue {
        switch self {
        case .utf8(let bytes): .text(String(decoding: bytes, as: UTF8.self))
        case .int(let number): .int(number)
        case .bool(let value): .bool(value)
        }
    }
}

/// A context that resolves nothing, for templates without data.
public struct EmptyContext: MustacheContext {
    public init() {}
    public func value(for name: String) -> MustacheValue { .missing }
}
