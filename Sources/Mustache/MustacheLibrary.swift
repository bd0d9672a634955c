import Foundation

/// All templates of a directory, parsed once at start-up. Names are paths below the
/// directory without the extension (`rooms/show`). Loading fails on the first
/// parse error or missing partial, naming the file, line and column.
public struct MustacheLibrary: Sendable {
    private var templates: [String: MustacheTemplate] = [:]

    /// Templates named `*.txt` (`mail/invitation.txt.mustache`) are plain text:
    /// their `{{#t}}` texts are not HTML-escaped.
    public init(directory: String, fileExtension: String = "mustache", translations: MustacheTranslations? = nil) throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw MustacheError(template: directory, line: 0, column: 0, message: "template directory not found")
        }
        for case let url as URL in enumerator where url.pathExtension == fileExtension {
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count + 1)
            let name = String(relative.dropLast(fileExtension.count + 1))
            templates[name] = try MustacheTemplate(name: name, source: String(contentsOf: url, encoding: .utf8),
                                                   translations: MustacheLibrary.translations(translations, for: name))
        }
        try checkPartials()
        inlinePartials()
    }

    /// A library from in-memory sources (tests).
    public init(templates sources: [String: String], translations: MustacheTranslations? = nil) throws {
        for (name, source) in sources {
            templates[name] = try MustacheTemplate(name: name, source: source, translations: MustacheLibrary.translations(translations, for: name))
        }
        try checkPartials()
        inlinePartials()
    }

    /// Plain-text templates take their texts unescaped.
    private static func translations(_ translations: MustacheTranslations?, for name: String) -> MustacheTranslations? {
        var translations = translations
        if name.hasSuffix(".txt") { translations?.escapesHTML = false }
        return translations
    }

    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` with `context` into UTF-8 bytes.
    public func render(_ name: String, _ context: any MustacheContext) throws(MustacheError) -> [UInt8] {
        var output: [UInt8] = []
        try render(name, context, into: &output)
        return output
    }

    /// Appends the rendering to `output`, in a new array with room for `reserving`
    /// more bytes (beyond that it grows, at the price of one more copy).
    /// `escapingHTML: false` writes `{{name}}` as it is, for plain text such as an
    /// e-mail's text part; HTML templates keep the default.
    public func render(_ name: String, _ context: any MustacheContext, into output: inout [UInt8],
                       reserving: Int = 16 * 1024, escapingHTML: Bool = true) throws(MustacheError) {
        guard let template = templates[name] else {
            throw MustacheError(template: name, line: 0, column: 0, message: "no such template")
        }
        let prefix = output
        var moved: [UInt8]?
        output = [UInt8](unsafeUninitializedCapacity: max(prefix.count + reserving, 64)) { storage, initialized in
            var renderer = MustacheRenderer(library: self, output: MustacheOutput(prefix: prefix, storage: storage),
                                            escapesHTML: escapingHTML, stack: [context])
            renderer.render(template.program)
            switch renderer.output.finish() {
            case .inStorage(let count): initialized = count
            case .moved(let bytes): moved = bytes
            }
        }
        if let moved { output = moved }
    }

    func template(named name: String) -> MustacheTemplate? { templates[name] }

    private mutating func inlinePartials() {
        let parsed = templates
        for (name, template) in parsed { templates[name] = template.inliningPartials(from: parsed) }
    }

    private func checkPartials() throws(MustacheError) {
        for template in templates.values {
            for partial in template.partialNames where templates[partial] == nil {
                throw MustacheError(template: template.name, line: 0, column: 0, message: "partial '\(partial)' does not exist")
            }
        }
    }
}
