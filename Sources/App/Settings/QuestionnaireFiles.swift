import Foundation
import Training
import Yams

/// `Questionnaires/<code>.yaml`: each questionnaire's title, who answers it, the message that
/// carries its link and its questions, read and checked when a process starts. What is wrong is
/// said with the file and the line, before anything is sent.
///
///     title: Votre avis à chaud
///     answered-by: participant
///     sent-with: completion
///     questions:
///       - scale: Globalement, êtes-vous satisfait·e de la formation ?
///         low: Pas du tout satisfait·e
///         high: Très satisfait·e
///       - yes-no: Recommanderiez-vous cette formation ?
enum QuestionnaireFiles {
    /// The question types as the files name them.
    static let types: [String: Question.AnswerType] = [
        "scale": .scale, "score": .score, "yes-no": .yesNo, "one-choice": .oneChoice, "text": .text,
        "each-objective": .eachObjective, "adaptation": .adaptation,
    ]

    static func load(_ folder: URL) throws(SettingsError) -> [Questionnaire] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var questionnaires: [Questionnaire] = []
        for name in names {
            let file = folder.appendingPathComponent(name)
            let questionnaire = try read(file, code: String(name.dropLast(".yaml".count)))
            if let other = questionnaires.first(where: {
                $0.respondent == questionnaire.respondent && $0.sent == questionnaire.sent
            }) {
                throw .unusableFile(
                    file.path,
                    reason:
                        "\(other.code).yaml is already the \(questionnaire.respondent.rawValue)s' questionnaire sent with \(questionnaire.sent.rawValue); a message carries one"
                )
            }
            questionnaires.append(questionnaire)
        }
        return questionnaires
    }

    private static func read(_ file: URL, code: String) throws(SettingsError) -> Questionnaire {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .unusableFile(file.path, reason: "it cannot be read")
        }
        let problem = { (reason: String) in SettingsError.unusableFile(file.path, reason: reason) }
        guard QuestionnaireCode.isWellFormed(code) else {
            throw problem(
                "its name is not a questionnaire's code: lowercase letters, digits and hyphens, a letter first")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else {
                throw problem("it is empty")
            }
            root = node
        } catch let error as SettingsError {
            throw error
        } catch {
            throw .unusable(file.path, DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(error)")))
        }
        do throws(NodeReader.Problem) {
            var reader = try NodeReader(root, known: ["title", "answered-by", "sent-with", "questions"])
            let title = try reader.line("title", limit: 120)
            let respondent = try reader.word("answered-by", Questionnaire.Respondent.self)
            let sent = try reader.word("sent-with", Questionnaire.Moment.self)
            let questions = try reader.list("questions").enumerated().map {
                (index, node) throws(NodeReader.Problem) in try question(node, position: index + 1)
            }
            guard !questions.isEmpty, questions.count <= 40 else {
                throw NodeReader.Problem(mark: root.mark, "it asks between 1 and 40 questions")
            }
            if respondent != .participant,
                let asked = questions.first(where: { $0.type == .eachObjective || $0.type == .adaptation })
            {
                throw NodeReader.Problem(
                    mark: root.mark,
                    "question \(asked.position) asks what only a participant answers, and the questionnaire is answered by the \(respondent.rawValue)"
                )
            }
            return Questionnaire(
                code: QuestionnaireCode(rawValue: code), title: title, respondent: respondent, sent: sent,
                questions: questions)
        } catch {
            throw problem(error.description)
        }
    }

    private static func question(_ node: Node, position: Int) throws(NodeReader.Problem) -> Question {
        var reader = try NodeReader(node, known: Set(types.keys).union(["low", "high", "options"]))
        let named = types.keys.filter { reader.has($0) }.sorted()
        guard named.count == 1, let typeName = named.first, let type = types[typeName] else {
            throw NodeReader.Problem(
                mark: node.mark,
                "question \(position) needs one type among \(types.keys.sorted().joined(separator: ", ")), with its words as value"
            )
        }
        let label = try reader.line(typeName, limit: 300)
        let scale: Question.ScaleWords? =
            type.scores == nil
            ? nil
            : Question.ScaleWords(low: try reader.line("low", limit: 60), high: try reader.line("high", limit: 60))
        let options =
            type == .oneChoice
            ? try reader.list("options").map { (option) throws(NodeReader.Problem) in
                try NodeReader.line(option, limit: 120)
            } : []
        if type == .oneChoice, !(2...12).contains(options.count) || Set(options).count != options.count {
            throw NodeReader.Problem(mark: node.mark, "question \(position) offers between 2 and 12 different options")
        }
        try reader.refuseUnused(for: "question \(position) (\(typeName))")
        return Question(position: position, type: type, label: label, scale: scale, options: options)
    }
}

/// Reads one YAML mapping, key by key, each problem said with its line.
private struct NodeReader {
    struct Problem: Error, CustomStringConvertible {
        let mark: Mark?
        let reason: String

        init(mark: Mark?, _ reason: String) {
            self.mark = mark
            self.reason = reason
        }

        var description: String { mark.map { "line \($0.line): \(reason)" } ?? reason }
    }

    private let mapping: Node.Mapping
    private let mark: Mark?
    private var used: Set<String> = []

    init(_ node: Node, known: Set<String>) throws(Problem) {
        guard let mapping = node.mapping else { throw Problem(mark: node.mark, "a mapping of keys is expected") }
        for key in mapping.keys where !known.contains(key.string ?? "") {
            throw Problem(
                mark: key.mark,
                "“\(key.string ?? "")” is not a key here; the keys are \(known.sorted().joined(separator: ", "))")
        }
        self.mapping = mapping
        mark = node.mark
    }

    func has(_ key: String) -> Bool { mapping[key] != nil }

    private mutating func value(_ key: String) throws(Problem) -> Node {
        guard let node = mapping[key] else { throw Problem(mark: mark, "\(key) is missing") }
        used.insert(key)
        return node
    }

    /// A one-line French text, at most `limit` characters, normalised (NFC).
    mutating func line(_ key: String, limit: Int) throws(Problem) -> String {
        try Self.line(try value(key), limit: limit, key: key)
    }

    static func line(_ node: Node, limit: Int, key: String = "an option") throws(Problem) -> String {
        guard let text = node.scalar?.string else { throw Problem(mark: node.mark, "\(key) is not a text") }
        do {
            return try Field.required(text, key, limit: limit)
        } catch {
            throw Problem(mark: node.mark, error.description.lowercasedFirst.droppingFinalStop)
        }
    }

    mutating func word<Word: RawRepresentable & CaseIterable>(_ key: String, _ type: Word.Type) throws(Problem) -> Word
    where Word.RawValue == String {
        let node = try value(key)
        guard let word = node.scalar.flatMap({ Word(rawValue: $0.string) }) else {
            throw Problem(
                mark: node.mark, "\(key) is one of \(Word.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return word
    }

    mutating func list(_ key: String) throws(Problem) -> [Node] {
        let node = try value(key)
        guard let sequence = node.sequence else { throw Problem(mark: node.mark, "\(key) is a list") }
        return Array(sequence)
    }

    /// Refuses a key this kind of entry does not read: `low` on a yes-no question.
    func refuseUnused(for what: String) throws(Problem) {
        for key in mapping.keys {
            guard let name = key.string, !used.contains(name) else { continue }
            throw Problem(mark: key.mark, "\(what) has no \(name)")
        }
    }
}
