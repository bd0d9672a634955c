/// A template flattened into one array of instructions over one byte buffer.
/// Walking it retains nothing: the instructions hold offsets, not arrays or
/// boxes. The tree it replaced cost half of a page's rendering time in
/// retain/release (Benchmarks/README.md).
struct MustacheProgram: Sendable {
    enum Instruction: Sendable {
        /// `count` bytes of `bytes` from `start`.
        case text(start: Int32, count: Int32)
        case variable(name: Int32, escaped: Bool)
        /// The section's body runs from the next instruction up to `end`.
        case section(name: Int32, end: Int32, inverted: Bool)
        case partial(Int32)
    }

    private(set) var code: [Instruction] = []
    private(set) var bytes: [UInt8] = []
    /// The first segment of each name, looked up along the context stack.
    private(set) var firstNames: [String] = []
    /// The further segments of dotted names (`room.title`), looked up inside the first.
    private(set) var restNames: [[String]] = []
    private(set) var partials: [String] = []
    /// Instructions before this one belong to a closed section and must not grow.
    private var sealed = 0

    init(_ nodes: [MustacheTemplate.Node]) {
        append(nodes)
    }

    private mutating func append(_ nodes: [MustacheTemplate.Node]) {
        for node in nodes {
            switch node {
            case .text(let text):
                // Adjacent texts (a translated sentence and what follows it) become one copy.
                if code.count > sealed, case .text(let start, let count)? = code.last {
                    code[code.count - 1] = .text(start: start, count: count + Int32(text.count))
                } else {
                    code.append(.text(start: Int32(bytes.count), count: Int32(text.count)))
                }
                bytes += text
            case .variable(let path, let escaped):
                code.append(.variable(name: name(path), escaped: escaped))
            case .section(let path, let children, let inverted):
                let at = code.count
                code.append(.section(name: name(path), end: 0, inverted: inverted))
                append(children)
                code[at] = .section(name: name(path), end: Int32(code.count), inverted: inverted)
                sealed = code.count
            case .partial(let partial):
                code.append(.partial(Int32(partials.count)))
                partials.append(partial)
            }
        }
    }

    private mutating func name(_ path: [String]) -> Int32 {
        for index in firstNames.indices where firstNames[index] == path[0] && restNames[index].elementsEqual(path.dropFirst()) {
            return Int32(index)
        }
        firstNames.append(path[0])
        restNames.append(Array(path.dropFirst()))
        return Int32(firstNames.count - 1)
    }
}
