import Foundation
import Mustache
import Training

/// The pages' French templates and style sheet, read from `Pages/` once, when the server starts:
/// a missing file, a syntax error, or a name the page does not provide stops it there, naming
/// the file, as the job templates do.
struct PageTemplates: Sendable {
    enum Page: String, CaseIterable, Sendable {
        case questionnaire, questions, signing, trainer, room, message, problem, convention

        /// An example of what the page is given, every optional filled, for the check.
        var example: Any {
            switch self {
            case .questionnaire: QuestionnairePage.example
            case .questions: QuestionnaireFields.example
            case .signing: SigningPage.example
            case .trainer: TrainerPage.example
            case .room: RoomPage.example
            case .message: MessagePage.example
            case .problem: ProblemPage.example
            case .convention: ConventionPage.example
            }
        }
    }

    let templates: [Page: MustacheTemplate]
    let library: MustacheLibrary
    /// A file the pages load, served at `/<name>`.
    struct Asset: Sendable {
        let name: String
        let contentType: String
        let bytes: [UInt8]
    }

    /// The style sheet and the signature pad's script: the only files a page loads.
    let assets: [Asset]

    struct Failure: Error, CustomStringConvertible {
        let file: String
        let problem: String
        var description: String { "The page template \(file) cannot be used: \(problem)." }
    }

    init(folder: URL) throws(Failure) {
        let partialsFolder = folder.appendingPathComponent("partials")
        var partials: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: partialsFolder.path)) ?? []
        where name.hasSuffix(".mustache") {
            partials[String(name.dropLast(".mustache".count))] = try Self.read(
                partialsFolder.appendingPathComponent(name))
        }
        var library = MustacheLibrary()
        for (name, source) in partials {
            do {
                try library.register(source, named: name)
            } catch {
                throw Failure(
                    file: partialsFolder.appendingPathComponent("\(name).mustache").path,
                    problem: "it is not valid Mustache (\(error))")
            }
        }
        var templates: [Page: MustacheTemplate] = [:]
        for page in Page.allCases {
            let file = folder.appendingPathComponent("\(page.rawValue).mustache")
            let source = try Self.read(file)
            if let problem = TemplateSchema(of: page.example).problem(
                in: source, partials: partials, provider: "this page", partialsFolder: "Pages/partials/")
            {
                throw Failure(file: file.path, problem: problem)
            }
            do {
                templates[page] = try MustacheTemplate(string: source)
            } catch {
                throw Failure(file: file.path, problem: "it is not valid Mustache (\(error))")
            }
        }
        self.templates = templates
        self.library = library
        assets = try [("atelier.css", "text/css; charset=utf-8"), ("signature.js", "text/javascript; charset=utf-8")]
            .map { name, type throws(Failure) in
                Asset(
                    name: name, contentType: type, bytes: Array(try Self.read(folder.appendingPathComponent(name)).utf8)
                )
            }
    }

    private static func read(_ file: URL) throws(Failure) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw Failure(file: file.path, problem: "it is missing")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The page's HTML; every value is escaped, as Mustache does in HTML.
    func render(_ page: Page, _ model: Any) -> String {
        templates[page]?.render(TemplateData.tree(of: model), library: library) ?? ""
    }
}
