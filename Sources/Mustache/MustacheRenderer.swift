/// Runs a template's program with a stack of contexts, writing bytes.
struct MustacheRenderer: ~Copyable {
    let library: MustacheLibrary
    var output: MustacheOutput
    var escapesHTML = true
    var stack: [any MustacheContext]
    /// The rows sections open, innermost last, for names that reach them from
    /// inside a nested context or a partial.
    private var rowFrames: [RowFrame] = []

    private struct RowFrame {
        let rows: any MustacheRows
        /// The contexts on the stack when the section opened; a context opened inside it comes first.
        let depth: Int
        var item = 0
    }

    /// The current item of the innermost rows section, with the names of the
    /// program being run resolved to its fields. Passed down as a parameter so
    /// that reading a field copies (and retains) nothing.
    private struct ResolvedRow {
        let rows: any MustacheRows
        /// The field number of each name of the program, or -1.
        let fields: [Int32]
        let depth: Int
        var item: Int

        /// No rows section resolved the program's names. (Not an optional: unwrapping
        /// one copied the whole value for every name.)
        static var none: ResolvedRow { ResolvedRow(rows: NoRows(), fields: [], depth: -1, item: 0) }

        private struct NoRows: MustacheRows {
            var fieldNames: [String] { [] }
            var count: Int { 0 }
            func field(_ field: Int, of item: Int) -> MustacheField { .bool(false) }
        }
    }

    init(library: MustacheLibrary, output: consuming MustacheOutput, escapesHTML: Bool, stack: [any MustacheContext]) {
        self.library = library
        self.output = output
        self.escapesHTML = escapesHTML
        self.stack = stack
    }

    mutating func render(_ program: MustacheProgram) {
        run(program, from: 0, to: program.code.count, row: .none)
    }

    /// `row`: the current item of the innermost rows section, if it resolved the
    /// names of this program (not of a partial rendered inside it).
    private mutating func run(_ program: MustacheProgram, from start: Int, to end: Int, row: ResolvedRow) {
        var index = start
        while index < end {
            switch program.code[index] {
            case .text(let start, let count):
                program.bytes.withUnsafeBufferPointer { bytes in
                    output.write(UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)]))
                }
                index += 1
            case .variable(let name, let escaped):
                if let field = field(name, of: row) {
                    switch field {
                    case .utf8(let bytes): write(bytes, escaped: escaped)
                    case .int(let number): appendDecimal(number)
                    case .bool: break
                    }
                    index += 1
                    continue
                }
                switch lookup(program, name) {
                case .text(var text):
                    text.withUTF8 { write($0, escaped: escaped) }
                case .rendered(let bytes):
                    bytes.withUnsafeBufferPointer { output.write($0) }
                case .int(let number):
                    appendDecimal(number)
                case .bool, .context, .list, .rows, .missing:
                    break
                }
                index += 1
            case .section(let name, let sectionEnd, let inverted):
                let body = index + 1
                let bodyEnd = Int(sectionEnd)
                index = bodyEnd
                if let field = field(name, of: row) {
                    if field.isFalsey == inverted { run(program, from: body, to: bodyEnd, row: row) }
                    continue
                }
                let value = lookup(program, name)
                if inverted {
                    if value.isFalsey { run(program, from: body, to: bodyEnd, row: row) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        run(program, from: body, to: bodyEnd, row: row)
                        stack.removeLast()
                    }
                case .rows(let rows):
                    run(rows, program, from: body, to: bodyEnd)
                case .context(let context):
                    stack.append(context)
                    run(program, from: body, to: bodyEnd, row: row)
                    stack.removeLast()
                case .bool(true), .int, .text, .rendered:
                    if !value.isFalsey { run(program, from: body, to: bodyEnd, row: row) }
                case .bool(false), .missing:
                    break
                }
            case .partial(let partial):
                // Existence was checked when the library loaded.
                if let template = library.template(named: program.partials[Int(partial)]) {
                    run(template.program, from: 0, to: template.program.code.count, row: .none)
                }
                index += 1
            }
        }
    }

    /// Runs a rows section's body once per item, with the names in it resolved once.
    private mutating func run(_ rows: any MustacheRows, _ program: MustacheProgram, from body: Int, to end: Int) {
        let names = rows.fieldNames
        var fields = [Int32](repeating: -1, count: program.firstNames.count)
        for index in body..<end {
            let name: Int32
            switch program.code[index] {
            case .variable(let variable, _): name = variable
            case .section(let section, _, _): name = section
            case .text, .partial: continue
            }
            // A dotted name's first segment would be a field, and a field has no names inside.
            guard fields[Int(name)] == -1, program.restNames[Int(name)].isEmpty else { continue }
            for number in names.indices where names[number] == program.firstNames[Int(name)] {
                fields[Int(name)] = Int32(number)
                break
            }
        }
        rowFrames.append(RowFrame(rows: rows, depth: stack.count))
        // One value for all items: a new one per item retained the rows and the fields each time.
        var row = ResolvedRow(rows: rows, fields: fields, depth: stack.count, item: 0)
        for item in 0..<rows.count {
            rowFrames[rowFrames.count - 1].item = item
            row.item = item
            run(program, from: body, to: end, row: row)
        }
        rowFrames.removeLast()
    }

    /// The field `name` stands for, if `row` is the innermost scope (no context
    /// opened inside it) and the name (undotted) one of its fields.
    private func field(_ name: Int32, of row: ResolvedRow) -> MustacheField? {
        guard row.depth == stack.count else { return nil }
        let number = row.fields[Int(name)]
        return number < 0 ? nil : row.rows.field(Int(number), of: row.item)
    }

    /// The first segment resolves from the innermost scope outwards (a context,
    /// or the current item of a rows section); the rest resolve inside what it
    /// found (Mustache spec, dotted names).
    private func lookup(_ program: MustacheProgram, _ name: Int32) -> MustacheValue {
        let first = program.firstNames[Int(name)]
        var value = MustacheValue.missing
        var level = stack.count - 1
        var frame = rowFrames.count - 1
        while level >= 0 || frame >= 0 {
            if frame >= 0 && rowFrames[frame].depth > level {
                if let number = rowFrames[frame].rows.fieldNames.firstIndex(of: first) {
                    value = rowFrames[frame].rows.field(number, of: rowFrames[frame].item).value
                    break
                }
                frame -= 1
                continue
            }
            value = stack[level].value(for: first)
            if case .missing = value { level -= 1 } else { break }
        }
        for segment in program.restNames[Int(name)] {
            guard case .context(let context) = value else { return .missing }
            value = context.value(for: segment)
        }
        return value
    }

    private mutating func write(_ text: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        if escaped && escapesHTML { appendEscaped(text) } else { output.write(text) }
    }

    private mutating func appendDecimal(_ number: Int) {
        if number < 0 { output.write(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold any Int's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.write(UnsafeRawBufferPointer(rebasing: buffer[position...]).assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Stores sixteen bytes at a time straight into the output (then eight, then
    /// single bytes at the end); a block holding a special byte is stored too, up
    /// to that byte, which is then replaced. No loop per byte: escaping was the
    /// largest cost of a rendered page (Benchmarks/README.md §1).
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        // Six bytes at most replace one (`&quot;`); a block stored may run up to fifteen past the end.
        output.reserve(bytes.count * 6 + 16)
        let start = output.tail
        var target = start
        var index = 0
        while index + 16 <= bytes.count {
            let block = UnsafeRawPointer(source + index).loadUnaligned(as: SIMD16<UInt8>.self)
            UnsafeMutableRawPointer(target).storeBytes(of: block, as: SIMD16<UInt8>.self)
            let special = MustacheRenderer.specialBytes(block)
            if special == .zero {
                target += 16
                index += 16
                continue
            }
            // Bytes before the first special one are plain.
            let plain = special[0] != 0 ? special[0].trailingZeroBitCount / 8 : 8 + special[1].trailingZeroBitCount / 8
            target += plain
            index += plain
            target = MustacheRenderer.replace(source[index], at: target)
            index += 1
        }
        while index + 8 <= bytes.count {
            // Byte i of the text is byte i of the number, so that the flags count from the first byte.
            let word = UInt64(littleEndian: UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self))
            UnsafeMutableRawPointer(target).storeBytes(of: word.littleEndian, as: UInt64.self)
            let special = MustacheRenderer.specialBytes(word)
            if special == 0 {
                target += 8
                index += 8
                continue
            }
            // The lowest flag is exact (higher ones may not be): bytes before it are plain.
            let plain = special.trailingZeroBitCount / 8
            target += plain
            index += plain
            target = MustacheRenderer.replace(source[index], at: target)
            index += 1
        }
        while index < bytes.count {
            target = MustacheRenderer.replace(source[index], at: target)
            index += 1
        }
        output.advance(by: target - start)
    }

    /// Writes `byte`, or its entity if it is special, at `target`; returns where the next byte goes.
    /// An entity is stored as one word (its bytes, little-endian), so `target` needs eight bytes of room.
    private static func replace(_ byte: UInt8, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let entity: (word: UInt64, count: Int)
        switch byte {
        case UInt8(ascii: "&"): entity = (0x3B_70_6D_61_26, 5)        // &amp;
        case UInt8(ascii: "<"): entity = (0x3B_74_6C_26, 4)           // &lt;
        case UInt8(ascii: ">"): entity = (0x3B_74_67_26, 4)           // &gt;
        case UInt8(ascii: "\""): entity = (0x3B_74_6F_75_71_26, 6)    // &quot;
        case UInt8(ascii: "'"): entity = (0x3B_39_33_23_26, 5)        // &#39;
        default:
            target.pointee = byte
            return target + 1
        }
        UnsafeMutableRawPointer(target).storeBytes(of: entity.word.littleEndian, as: UInt64.self)
        return target + entity.count
    }

    /// The bytes of `block` that are `&` `'` (0x26, 0x27), `<` `>` (0x3C, 0x3E) or
    /// `"` (0x22), as all-ones bytes of two words (byte i of the block is byte i
    /// of the words, little-endian); zero if none is. The constants are typed:
    /// with `SIMD16(repeating:)` inferred, the compiler chose the generic
    /// comparison, a loop over the lanes, instead of `pcmpeqb`.
    @inline(__always)
    static func specialBytes(_ block: SIMD16<UInt8>) -> SIMD2<UInt64> {
        let lowBit: SIMD16<UInt8> = .init(repeating: 0x01), secondBit: SIMD16<UInt8> = .init(repeating: 0x02)
        let apostrophe: SIMD16<UInt8> = .init(repeating: 0x27), greaterThan: SIMD16<UInt8> = .init(repeating: 0x3E)
        let quote: SIMD16<UInt8> = .init(repeating: 0x22)
        let ampersandOrApostrophe = (block | lowBit) .== apostrophe
        let angleBracket = (block | secondBit) .== greaterThan
        let doubleQuote = block .== quote
        let any = unsafeBitCast(ampersandOrApostrophe, to: SIMD16<Int8>.self) | unsafeBitCast(angleBracket, to: SIMD16<Int8>.self)
            | unsafeBitCast(doubleQuote, to: SIMD16<Int8>.self)
        return unsafeBitCast(any, to: SIMD2<UInt64>.self)
    }

    /// Flags (high bit of a byte) the bytes of `word` that are `&` `'` (0x26, 0x27),
    /// `<` `>` (0x3C, 0x3E) or `"` (0x22); zero if none is. The lowest flag marks
    /// the first special byte; flags above it may be false.
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        /// Exact up to the first zero byte of `x`: a borrow only runs upwards from there.
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & (ones &* 0x80) }
        return zeroBytes((word | ones) ^ (ones &* 0x27))          // 0x26, 0x27
            | zeroBytes((word | (ones &* 0x02)) ^ (ones &* 0x3E))  // 0x3C, 0x3E
            | zeroBytes(word ^ (ones &* 0x22))
    }
}
