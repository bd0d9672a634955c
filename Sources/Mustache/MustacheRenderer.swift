/// Runs a template's program with a stack of contexts, writing bytes.
struct MustacheRenderer {
    let library: MustacheLibrary
    var output: [UInt8]
    var escapesHTML = true
    var stack: [any MustacheContext]

    mutating func render(_ program: MustacheProgram) {
        run(program, from: 0, to: program.code.count)
    }

    private mutating func run(_ program: MustacheProgram, from start: Int, to end: Int) {
        var index = start
        while index < end {
            switch program.code[index] {
            case .text(let start, let count):
                program.bytes.withUnsafeBufferPointer { bytes in
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)]))
                }
                index += 1
            case .variable(let name, let escaped):
                switch lookup(program, name) {
                case .text(let text):
                    if escaped && escapesHTML { appendEscaped(text) } else { output.append(contentsOf: text.utf8) }
                case .rendered(let bytes):
                    output.append(contentsOf: bytes)
                case .int(let number):
                    appendDecimal(number)
                case .bool, .context, .list, .missing:
                    break
                }
                index += 1
            case .section(let name, let sectionEnd, let inverted):
                let body = index + 1
                let bodyEnd = Int(sectionEnd)
                index = bodyEnd
                let value = lookup(program, name)
                if inverted {
                    if value.isFalsey { run(program, from: body, to: bodyEnd) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        run(program, from: body, to: bodyEnd)
                        stack.removeLast()
                    }
                case .context(let context):
                    stack.append(context)
                    run(program, from: body, to: bodyEnd)
                    stack.removeLast()
                case .bool(true), .int, .text, .rendered:
                    if !value.isFalsey { run(program, from: body, to: bodyEnd) }
                case .bool(false), .missing:
                    break
                }
            case .partial(let partial):
                // Existence was checked when the library loaded.
                if let template = library.template(named: program.partials[Int(partial)]) { render(template.program) }
                index += 1
            }
        }
    }

    /// The first segment resolves from the innermost context outwards; the rest
    /// resolve inside what it found (Mustache spec, dotted names).
    private func lookup(_ program: MustacheProgram, _ name: Int32) -> MustacheValue {
        var value = MustacheValue.missing
        var level = stack.count - 1
        while level >= 0 {
            value = stack[level].value(for: program.firstNames[Int(name)])
            if case .missing = value { level -= 1 } else { break }
        }
        for segment in program.restNames[Int(name)] {
            guard case .context(let context) = value else { return .missing }
            value = context.value(for: segment)
        }
        return value
    }

    private mutating func appendDecimal(_ number: Int) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold any Int's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// Copies runs of safe bytes in one go and replaces the five special ones.
    /// Eight bytes at a time are tested for a special one, since text is mostly
    /// plain: escaping was the largest cost of a rendered page.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count,
                   !MustacheRenderer.containsSpecialByte(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let end = min(index + 8, bytes.count)
                while index < end {
                    let replacement: StaticString
                    switch base[index] {
                    case UInt8(ascii: "&"): replacement = "&amp;"
                    case UInt8(ascii: "<"): replacement = "&lt;"
                    case UInt8(ascii: ">"): replacement = "&gt;"
                    case UInt8(ascii: "\""): replacement = "&quot;"
                    case UInt8(ascii: "'"): replacement = "&#39;"
                    default: index += 1; continue
                    }
                    if runStart < index { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                    output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                    index += 1
                    runStart = index
                }
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: bytes.count - runStart)) }
        }
    }

    /// Whether any of the eight bytes is `&` `'` (0x26, 0x27), `<` `>` (0x3C, 0x3E) or `"` (0x22).
    static func containsSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        /// High bit set in some byte exactly when some byte of `x` is zero.
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & (ones &* 0x80) }
        return zeroByte((word | ones) ^ (ones &* 0x27))          // 0x26, 0x27
            | zeroByte((word | (ones &* 0x02)) ^ (ones &* 0x3E))  // 0x3C, 0x3E
            | zeroByte(word ^ (ones &* 0x22)) != 0
    }
}
