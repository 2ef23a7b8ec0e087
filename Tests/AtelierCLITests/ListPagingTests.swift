import Foundation
import Postgres
import TestSupport
import Testing
import Training

@testable import AtelierCLI

/// The long lists (`participant list`, `session list`, `registration list`) streamed from a
/// server-side cursor in batches, printed exactly as a whole list would be, and paged with
/// `--limit` and `--after`, through the binary.
@Suite struct ListPagingTests {
    let database: TestDatabase
    let store: Store

    init() throws {
        database = try TestDatabase.migrated()
        store = try Store.repository(database.connect())
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome { try atelier(arguments) }

    func atelier(_ arguments: [String]) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
    }

    /// The key the end of a page names on standard error, or `nil` when the list is over.
    func nextPage(_ outcome: AtelierProcess.Outcome) -> String? {
        let prefix = "More follow: the next page starts with --after "
        guard outcome.standardError.hasPrefix(prefix) else { return nil }
        return String(outcome.standardError.dropFirst(prefix.count).dropLast(2))
    }

    /// 4 500 participants: more than two of the cursor's batches of 2 000, names in several scripts.
    func seedParticipants() throws {
        try store.connection.execute(
            """
            INSERT INTO employer (name, city) VALUES ('Maison des associations', 'Caen'), ('Ассоциация', NULL)
            """)
        try store.connection.execute(
            """
            INSERT INTO participant (first_name, last_name, email, employer_id)
            SELECT (ARRAY['Émilie', 'Дмитрий', '美咲'])[1 + i % 3], 'Nom' || lpad((i % 1500)::text, 4, '0'),
                   'p' || i || '@asso.fr', CASE WHEN i % 4 = 0 THEN NULL ELSE 1 + i % 2 END
            FROM generate_series(1, 4500) AS i
            """)
    }

    @Test func participantsStreamAsTheWholeListWouldPrint() throws {
        try seedParticipants()
        let all = try People(store).participants()
        #expect(all.count == 4500)

        let json = try atelier("participant", "list", "--json")
        #expect(json.status == 0)
        #expect(json.standardError == "")
        #expect(json.standardOutput == String(decoding: try Terminal.jsonEncoder().encode(all), as: UTF8.self) + "\n")

        let text = try atelier("participant", "list")
        let lines = text.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4501)
        let rows =
            [["NAME", "EMAIL", "ORGANISATION", "STATUS"]]
            + all.map { [$0.displayName, $0.email.text, Display.employer($0), $0.status.label] }
        #expect(text.standardOutput == Terminal.table(rows) + "\n")
    }

    @Test func participantsPageByEmailInNameOrder() throws {
        try seedParticipants()
        let all = try People(store).participants().map(\.email.text)
        var paged: [String] = []
        var after: String?
        var pages = 0
        repeat {
            let outcome = try atelier(
                ["participant", "list", "--json", "--limit", "1000"] + (after.map { ["--after", $0] } ?? []))
            #expect(outcome.status == 0)
            let page = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(outcome.standardOutput.utf8))
            paged += page.compactMap { $0["email"]?.string }
            after = nextPage(outcome)
            if let after { #expect(after == paged.last) }
            pages += 1
        } while after != nil && pages < 10
        #expect(pages == 5)
        #expect(paged == all)

        let short = try atelier("participant", "list", "--limit", "2", "--after", all[2999])
        #expect(short.standardOutput.split(separator: "\n").count == 3)
        #expect(short.standardOutput.contains(all[3000]) && short.standardOutput.contains(all[3001]))
        #expect(nextPage(short) == all[3001])
        let last = try atelier("participant", "list", "--limit", "1", "--after", all[4498])
        #expect(last.standardOutput.contains(all[4499]))
        #expect(last.standardError == "")
    }

    @Test func anEmptyListPrintsItsHeaderOrAnEmptyArray() throws {
        #expect(try atelier("participant", "list", "--json").standardOutput == "[\n\n]\n")
        #expect(try atelier("participant", "list").standardOutput == "NAME  EMAIL  ORGANISATION  STATUS\n")
        #expect(try atelier("session", "list", "--json").standardOutput == "[\n\n]\n")
    }

    @Test func sessionsAndRegistrationsPageInTheirOwnOrder() throws {
        let catalogue = Catalogue(store)
        _ = try catalogue.addModule(Module(code: "PMAE", title: "Fonction employeur", durationMinutes: 420))
        var codes: [String] = []
        for day in ["2030-06-03", "2030-05-03", "2030-07-03"] {
            var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "\(day)T09:00-12:30")])
            plan.capacity = 2
            codes.append(try Sessions(store).schedule(plan).code)
        }
        let inOrder = [codes[1], codes[0], codes[2]]
        let first = try atelier("session", "list", "--limit", "2", "--json")
        let firstCodes = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(first.standardOutput.utf8))
            .compactMap { $0["code"]?.string }
        #expect(firstCodes == Array(inOrder.prefix(2)))
        #expect(nextPage(first) == inOrder[1])
        let rest = try atelier("session", "list", "--after", inOrder[1])
        #expect(rest.standardOutput.split(separator: "\n").count == 2)
        #expect(rest.standardOutput.contains(inOrder[2]))
        #expect(rest.standardError == "")

        let people = People(store)
        for (index, name) in ["Zoé", "Anne", "Marc", "Lou"].enumerated() {
            _ = try people.addParticipant(
                Participant(firstName: name, lastName: name, email: try EmailAddress("r\(index)@asso.fr")))
            _ = try Registrations(store).register(EmailAddress("r\(index)@asso.fr"), in: codes[0])
        }
        try Registrations(store).cancel(EmailAddress("r1@asso.fr"), in: codes[0])
        let whole = try Registrations(store).registrations(ofSession: codes[0]).map(\.participant.email.text)
        #expect(whole == ["r2@asso.fr", "r0@asso.fr", "r3@asso.fr", "r1@asso.fr"])
        var paged: [String] = []
        var after: String?
        repeat {
            let outcome = try atelier(
                ["registration", "list", codes[0], "--json", "--limit", "1"] + (after.map { ["--after", $0] } ?? []))
            let page = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(outcome.standardOutput.utf8))
            paged += page.compactMap { $0["participant"]?.object?["email"]?.string }
            after = nextPage(outcome)
        } while after != nil && paged.count < 10
        #expect(paged == whole)
    }
}

/// Enough of JSON to read back what a list printed.
indirect enum JSONValue: Decodable {
    case string(String)
    case object([String: JSONValue])
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else {
            self = .other
        }
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var object: [String: JSONValue]? { if case .object(let object) = self { object } else { nil } }
}
