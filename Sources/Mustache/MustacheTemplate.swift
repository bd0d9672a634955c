/// A parsed template, compiled to a program ready to render many times.
public struct MustacheTemplate: Sendable {
    /// What the parser builds; `MustacheProgram` flattens it.
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], [Node], inverted: Bool)
        case partial(String)
    }

    let name: String
    let nodes: [Node]
    let program: MustacheProgram

    /// Parses `source`; `name` appears in error messages. With `translations`,
    /// each `{{#t}}key{{/t}}` is replaced while parsing by the text for `key`, so
    /// a translated page costs nothing more to render than an untranslated one.
    public init(name: String, source: String, translations: MustacheTranslations? = nil) throws(MustacheError) {
        var parser = MustacheParser(name: name, source: Array(source.utf8), translations: translations)
        self.init(name: name, nodes: try parser.parse())
    }

    private init(name: String, nodes: [Node]) {
        self.name = name
        self.nodes = nodes
        program = MustacheProgram(nodes)
    }

    /// Names of the partials this template includes.
    var partialNames: [String] { program.partials }

    /// This template with each partial's nodes in place of its tag: one program,
    /// whose names a rows section resolves once for all its items, partials
    /// included, and no partial looked up by name per item. A partial that
    /// includes itself, directly or not, stays a tag (rendered at run time).
    func inliningPartials(from templates: [String: MustacheTemplate]) -> MustacheTemplate {
        func inline(_ nodes: [Node], within path: [String]) -> [Node] {
            nodes.flatMap { node -> [Node] in
                switch node {
                case .partial(let partial):
                    guard !path.contains(partial), let template = templates[partial] else { return [node] }
                    return inline(template.nodes, within: path + [partial])
                case .section(let name, let children, let inverted):
                    return [.section(name, inline(children, within: path), inverted: inverted)]
                case .text, .variable:
                    return [node]
                }
            }
        }
        return partialNames.isEmpty ? self : MustacheTemplate(name: name, nodes: inline(nodes, within: [name]))
    }
}

/// A template that could not be parsed or rendered, with where it happened.
public struct MustacheError: Error, CustomStringConvertible, Equatable {
    public let template: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(template: String, line: Int, column: Int, message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(template).mustache:\(line):\(column): \(message)" }
}

/// Parses `{{name}}`, `{{{name}}}`, `{{& name}}`, `{{#section}}`, `{{^inverted}}`,
/// `{{/close}}`, `{{> partial}}` and `{{! comment}}`. A tag alone on its line is
/// removed with that line, as the Mustache spec says, so templates can be indented.
struct MustacheParser {
    let name: String
    let source: [UInt8]
    let translations: MustacheTranslations?
    private var index = 0

    init(name: String, source: [UInt8], translations: MustacheTranslations? = nil) {
        self.name = name
        self.source = source
        self.translations = translations
    }

    private enum Tag {
        case variable(String, escaped: Bool)
        case open(String, inverted: Bool)
        case close(String)
        case partial(String)
        case comment

        var isStandaloneKind: Bool {
            switch self {
            case .variable: false
            default: true
            }
        }
    }

    mutating func parse() throws(MustacheError) -> [MustacheTemplate.Node] {
        var stack: [(name: String, inverted: Bool, nodes: [MustacheTemplate.Node], at: Int)] = [("", false, [], 0)]
        var text: [UInt8] = []

        func flushText() {
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)); text = [] }
        }

        while index < source.count {
            guard source[index] == UInt8(ascii: "{"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "{") else {
                text.append(source[index])
                index += 1
                continue
            }
            let tagStart = index
            let tag = try readTag()
            if tag.isStandaloneKind, let lineStart = standaloneLineStart(textBefore: text, tagStart: tagStart) {
                text.removeSubrange(lineStart...)
                skipRestOfStandaloneLine()
            }
            switch tag {
            case .variable(let name, let escaped):
                flushText()
                stack[stack.count - 1].nodes.append(.variable(try path(name, at: tagStart), escaped: escaped))
            case .open(let name, let inverted):
                flushText()
                stack.append((name, inverted, [], tagStart))
            case .close(let name):
                flushText()
                guard stack.count > 1, stack[stack.count - 1].name == name else {
                    throw error("closing tag {{/\(name)}} does not match an open section", at: tagStart)
                }
                let section = stack.removeLast()
                if let translations, section.name == MustacheTranslations.sectionName, !section.inverted {
                    stack[stack.count - 1].nodes += try translated(section.nodes, translations, at: section.at)
                } else {
                    stack[stack.count - 1].nodes.append(.section(try path(section.name, at: section.at), section.nodes, inverted: section.inverted))
                }
            case .partial(let name):
                flushText()
                stack[stack.count - 1].nodes.append(.partial(name))
            case .comment:
                break
            }
        }
        flushText()
        if stack.count > 1 { throw error("section {{#\(stack[stack.count - 1].name)}} is never closed", at: stack[stack.count - 1].at) }
        return stack[0].nodes
    }

    /// The nodes of the text for the key a `{{#t}}` section holds. The text's own
    /// words are escaped here, once; its `{{placeholders}}` become variables.
    private func translated(_ nodes: [MustacheTemplate.Node], _ translations: MustacheTranslations, at offset: Int) throws(MustacheError) -> [MustacheTemplate.Node] {
        guard nodes.count == 1, case .text(let bytes) = nodes[0] else {
            throw error("{{#\(MustacheTranslations.sectionName)}} must hold a key and nothing else", at: offset)
        }
        let key = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t\n\r")
        guard let text = translations.lookup(key) else { throw error("no text for key '\(key)'", at: offset) }
        let source = translations.escapesHTML ? MustacheTranslations.escapingWords(of: text) : text
        var parser = MustacheParser(name: name + " (text '" + key + "')", source: Array(source.utf8))
        return try parser.parse()
    }

    private mutating func readTag() throws(MustacheError) -> Tag {
        let start = index
        index += 2
        var triple = false
        if index < source.count, source[index] == UInt8(ascii: "{") { triple = true; index += 1 }
        let closing: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
        guard let end = find(closing, from: index) else { throw error("tag is never closed", at: start) }
        var content = String(decoding: source[index..<end], as: UTF8.self)
        index = end + closing.count
        if triple { return .variable(try tagName(content, at: start), escaped: false) }
        guard let sigil = content.first else { throw error("empty tag", at: start) }
        switch sigil {
        case "!": return .comment
        case "#", "^", "/", ">", "&":
            content.removeFirst()
            let name = try tagName(content, at: start)
            switch sigil {
            case "#": return .open(name, inverted: false)
            case "^": return .open(name, inverted: true)
            case "/": return .close(name)
            case ">": return .partial(name)
            default: return .variable(name, escaped: false)
            }
        case "=", "{", "<", "$":
            throw error("tag type '\(sigil)' is not supported", at: start)
        default:
            return .variable(try tagName(content, at: start), escaped: true)
        }
    }

    private func tagName(_ content: String, at offset: Int) throws(MustacheError) -> String {
        let name = content.trimmingCharacters(in: " \t\n\r")
        guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "{" || $0 == "}" }) else {
            throw error("invalid tag name '\(content)'", at: offset)
        }
        return name
    }

    private func path(_ name: String, at offset: Int) throws(MustacheError) -> [String] {
        if name == "." { return ["."] }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw error("invalid name '\(name)'", at: offset) }
        return parts
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= source.count {
            if source[i] == needle[0], Array(source[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// Where the current line starts in `text` if only blanks precede the tag on its
    /// line and only blanks follow it up to the line end; nil otherwise.
    private func standaloneLineStart(textBefore text: [UInt8], tagStart: Int) -> Int? {
        var before = tagStart - 1
        while before >= 0, source[before] == 0x20 || source[before] == 0x09 { before -= 1 }
        guard before < 0 || source[before] == 0x0A else { return nil }
        var after = index
        while after < source.count, source[after] == 0x20 || source[after] == 0x09 { after += 1 }
        let endsLine = after == source.count || source[after] == 0x0A
            || (source[after] == 0x0D && after + 1 < source.count && source[after + 1] == 0x0A)
        guard endsLine else { return nil }
        return text.count - (tagStart - 1 - before)
    }

    private mutating func skipRestOfStandaloneLine() {
        while index < source.count, source[index] == 0x20 || source[index] == 0x09 { index += 1 }
        if index < source.count, source[index] == 0x0D { index += 1 }
        if index < source.count, source[index] == 0x0A { index += 1 }
    }

    private func error(_ message: String, at offset: Int) -> MustacheError {
        var line = 1
        var column = 1
        for byte in source[..<min(offset, source.count)] {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return MustacheError(template: name, line: line, column: column, message: message)
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        let trimmed = unicodeScalars.drop { scalars.contains($0) }.reversed().drop { scalars.contains($0) }.reversed()
        return String(String.UnicodeScalarView(trimmed))
    }
}

/// Where `{{#t}}key{{/t}}` finds its text. HTML templates escape the text's
/// words; plain-text templates (an e-mail's text part) take them as they are.
public struct MustacheTranslations: Sendable {
    static let sectionName = "t"

    public let lookup: @Sendable (String) -> String?
    public var escapesHTML: Bool

    public init(escapesHTML: Bool = true, lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
        self.escapesHTML = escapesHTML
    }

    /// `a < b {{count}}` → `a &lt; b {{count}}`: escapes everything outside tags.
    static func escapingWords(of text: String) -> String {
        func escaped(_ words: Substring) -> String {
            var result = ""
            for character in words {
                switch character {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'": result += "&#39;"
                default: result.append(character)
                }
            }
            return result
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += escaped(rest[..<open.lowerBound]) + rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return result + escaped(rest)
    }
}
