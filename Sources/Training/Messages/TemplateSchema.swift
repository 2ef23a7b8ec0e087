/// The names a template may read, drawn from an example of its data; and the check of a
/// template's tags against them, as Mustache resolves names (the innermost section first, then
/// outwards).
public indirect enum TemplateSchema: Equatable, Sendable {
    case value
    case object([String: TemplateSchema])
    case list(TemplateSchema)

    /// The shape of `example` as Mustache sees it (`TemplateData`): a `nil` optional is absent.
    public init(of example: Any) { self.init(tree: TemplateData.tree(of: example)) }

    private init(tree: Any) {
        if let fields = tree as? [String: Any] {
            self = .object(fields.mapValues { TemplateSchema(tree: $0) })
        } else if let list = tree as? [Any] {
            self = .list(list.first.map { TemplateSchema(tree: $0) } ?? .value)
        } else {
            self = .value
        }
    }

    func field(_ name: Substring) -> TemplateSchema? {
        if case .object(let fields) = self { return fields[String(name)] }
        return nil
    }

    /// The first problem of `template`, in a sentence's words, or `nil`. A partial (`{{> name}}`)
    /// is checked where it is included, against the names in scope there.
    ///
    /// - Parameters:
    ///   - provider: what provides the data, as the sentence names it.
    ///   - partialsFolder: where the partials are, as the sentence names it.
    public func problem(
        in template: String, partials: [String: String] = [:], provider: String = "this kind of message",
        partialsFolder: String = "Jobs/partials/"
    ) -> String? {
        problem(
            in: template, scopes: [self], partials: partials, including: [],
            words: (provider, partialsFolder))
    }

    private func problem(
        in template: String, scopes outer: [TemplateSchema], partials: [String: String], including: [String],
        words: (provider: String, partialsFolder: String)
    ) -> String? {
        var scopes = outer
        var open: [String] = []
        var rest = Substring(template)
        while let start = rest.range(of: "{{") {
            let triple = rest[start.upperBound...].hasPrefix("{")
            guard let end = rest[start.upperBound...].range(of: triple ? "}}}" : "}}") else {
                return "a tag is not closed"
            }
            var tag = rest[start.upperBound..<end.lowerBound].dropFirst(triple ? 1 : 0)
            rest = rest[end.upperBound...]
            let sigil = tag.first.flatMap { "#^/!>&=%".contains($0) ? $0 : nil }
            if sigil != nil { tag = tag.dropFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!", "%": continue
            case "=": return "it changes the delimiters, which Atelier's templates do not"
            case ">":
                guard let partial = partials[name] else {
                    return "it includes {{> \(name)}}, which is not in \(words.partialsFolder)"
                }
                guard !including.contains(name) else { return "the partial \(name) includes itself" }
                if let problem = self.problem(
                    in: partial, scopes: scopes, partials: partials, including: including + [name], words: words)
                {
                    return "in the partial \(name), \(problem)"
                }
            case "/":
                guard open.last == name else { return "{{/\(name)}} closes no open section" }
                open.removeLast()
                scopes.removeLast()
            default:
                guard let found = resolve(name, in: scopes) else {
                    return "it reads {{\(name)}}, which \(words.provider) does not provide"
                }
                if sigil == "#" {
                    open.append(name)
                    if case .list(let element) = found {
                        scopes.append(element)
                    } else if case .object = found {
                        scopes.append(found)
                    } else {
                        scopes.append(scopes[scopes.count - 1])
                    }
                } else if sigil == "^" {
                    open.append(name)
                    scopes.append(scopes[scopes.count - 1])
                }
            }
        }
        return open.last.map { "the section {{#\($0)}} is not closed" }
    }

    private func resolve(_ name: String, in scopes: [TemplateSchema]) -> TemplateSchema? {
        if name == "." { return scopes.last }
        let path = name.split(separator: ".")
        guard let first = path.first else { return nil }
        for scope in scopes.reversed() {
            guard var found = scope.field(first) else { continue }
            for component in path.dropFirst() {
                guard let next = found.field(component) else { return nil }
                found = next
            }
            return found
        }
        return nil
    }
}
