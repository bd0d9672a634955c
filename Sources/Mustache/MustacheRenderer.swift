/// Walks a template's nodes with a stack of contexts, writing bytes.
struct MustacheRenderer {
    let library: MustacheLibrary
    var output: [UInt8]
    var escapesHTML = true

    mutating func render(_ nodes: [MustacheTemplate.Node], _ stack: inout [any MustacheContext]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                switch lookup(path, stack) {
                case .text(let text):
                    if escaped && escapesHTML { appendEscaped(text) } else { output.append(contentsOf: text.utf8) }
                case .int(let number):
                    output.append(contentsOf: String(number).utf8)
                case .bool, .context, .list, .missing:
                    break
                }
            case .section(let path, let children, let inverted):
                let value = lookup(path, stack)
                if inverted {
                    if value.isFalsey { render(children, &stack) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack)
                        stack.removeLast()
                    }
                case .context(let context):
                    stack.append(context)
                    render(children, &stack)
                    stack.removeLast()
                case .bool(true), .int, .text:
                    if !value.isFalsey { render(children, &stack) }
                case .bool(false), .missing:
                    break
                }
            case .partial(let name):
                // Existence was checked when the library loaded.
                if let template = library.template(named: name) { render(template.nodes, &stack) }
            }
        }
    }

    /// The first segment resolves from the innermost context outwards; the rest
    /// resolve inside what it found (Mustache spec, dotted names).
    private func lookup(_ path: [String], _ stack: [any MustacheContext]) -> MustacheValue {
        var value = MustacheValue.missing
        for context in stack.reversed() {
            value = context.value(for: path[0])
            if case .missing = value { continue }
            break
        }
        for name in path.dropFirst() {
            guard case .context(let context) = value else { return .missing }
            value = context.value(for: name)
        }
        return value
    }

    /// Copies runs of safe bytes in one go and replaces the five special ones;
    /// byte-by-byte appending was the largest cost of a rendered page.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }
}
