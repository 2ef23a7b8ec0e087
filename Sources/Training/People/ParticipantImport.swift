import Documents
import Foundation
import Postgres

/// Imports participants from a spreadsheet's CSV: columns `prenom;nom;email;structure;siret;statut`
/// (any case, accents or not, in any order). All or nothing: every bad row is reported with its
/// line, column and reason, and then nothing is written.
public struct ParticipantImport {
    public static let columns = ["prenom", "nom", "email", "structure", "siret", "statut"]

    public struct Report: Sendable, Hashable {
        public let participants: Int
        public let newOrganisations: Int
        public let dryRun: Bool
    }

    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// Reads, checks and (unless `dryRun`) writes the file in one transaction. `progress` hears
    /// how many rows of how many are checked, every thousand rows. A file with any bad row is
    /// refused whole with an `ImportRejection`.
    public func run(
        _ data: Data, fileName: String, dryRun: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Report {
        let csv: CSVReader
        do { csv = try CSVReader(data, fileName: fileName) } catch { throw TrainingError.invalid(error.description) }
        let index = try columnIndex(csv.header, fileName: fileName)
        var problems: [ImportRejection.Problem] = []
        var participants: [(line: Int, participant: Participant)] = []
        var firstLine: [EmailAddress: Int] = [:]
        var statuses: [String: Participant.Status] = [:]  // a file repeats a handful of words
        for (number, record) in csv.records.enumerated() {
            if number % 1000 == 0 { progress(number, csv.records.count) }
            guard record.fields.count == csv.header.count else {
                problems.append(
                    .init(
                        line: record.line, column: nil,
                        reason: "\(record.fields.count) fields where the first line names \(csv.header.count)",
                        isDuplicate: false))
                continue
            }
            func value(_ column: String) -> String { index[column].map { record.fields[$0] } ?? "" }
            var rowIsValid = true
            /// The column's value read by `parse`, or `nil` after recording why not.
            func read<T>(_ column: String, _ parse: (String) throws(TrainingError) -> T) -> T? {
                do {
                    return try parse(value(column))
                } catch {
                    problems.append(
                        .init(
                            line: record.line, column: column, reason: error.sentence.lowercasedFirst.droppingFinalStop,
                            isDuplicate: false))
                    rowIsValid = false
                    return nil
                }
            }
            let email = read("email") { text throws(TrainingError) in try EmailAddress(text) }
            let firstName = read("prenom") { text throws(TrainingError) in
                try Field.required(text, "first name", limit: 100)
            }
            let lastName = read("nom") { text throws(TrainingError) in try Field.required(text, "last name", limit: 100)
            }
            let status = read("statut") { text throws(TrainingError) in
                if let known = statuses[text] { return known }
                let word = try Field.optional(text, "status", limit: 100)
                let status = word.isEmpty ? .salarie : try Participant.Status(parsing: word)
                statuses[text] = status
                return status
            }
            let siret = read("siret") { text throws(TrainingError) in
                text.allSatisfy(\.isWhitespace) ? nil : try Siret.validated(text)
            }
            let structure = read("structure") { text throws(TrainingError) in
                let name = try Field.optional(text, "organisation name", limit: 200)
                guard !name.isEmpty || value("siret").allSatisfy(\.isWhitespace) else {
                    throw .invalid("The organisation name is empty while a SIRET is given.")
                }
                return name
            }
            guard rowIsValid, let email, let firstName, let lastName, let status, let structure, let siret else {
                continue
            }
            if let earlier = firstLine[email] {
                problems.append(
                    .init(
                        line: record.line, column: "email", reason: "\(email) is already on line \(earlier)",
                        isDuplicate: true))
                continue
            }
            firstLine[email] = record.line
            var participant = Participant(firstName: firstName, lastName: lastName, email: email)
            participant.status = status
            participant.employer = structure.isEmpty ? nil : Employer(name: structure, siret: siret)
            participants.append((record.line, participant))
        }
        progress(csv.records.count, csv.records.count)
        guard !csv.records.isEmpty else {
            throw TrainingError.invalid("The file \(fileName) has no participant: only its first line.")
        }
        do {
            return try write(participants, fileName: fileName, problems: problems, dryRun: dryRun)
        } catch let dryRun as DryRun {
            return dryRun.report
        }
    }

    private func write(
        _ participants: [(line: Int, participant: Participant)], fileName: String,
        problems: [ImportRejection.Problem], dryRun: Bool
    ) throws -> Report {
        let rows = participants.map(\.participant)
        return try connection.write { connection in
            // Inside the body: a write runs again after a conflict, and starts from the file's own problems.
            var problems = problems
            let existing = Set(
                try connection.execute(
                    """
                    SELECT email FROM participant WHERE email = ANY(\(rows.map(\.email.text)))
                    """
                ).map { try $0.decode(String.self, at: 0) })
            for (line, participant) in participants where existing.contains(participant.email.text) {
                problems.append(
                    .init(
                        line: line, column: "email", reason: "a participant already has the email \(participant.email)",
                        isDuplicate: true))
            }
            guard problems.isEmpty else { throw ImportRejection(fileName: fileName, problems: problems) }
            let before = try connection.execute("SELECT count(*) FROM employer")[0].decode(Int.self, at: 0)
            try insertEmployers(rows.compactMap(\.employer), on: connection)
            try connection.execute(
                """
                INSERT INTO participant (first_name, last_name, email, employer_id, status)
                SELECT first, last, email,
                       CASE WHEN siret <> '' THEN (SELECT id FROM employer e WHERE e.siret = row.siret)
                            WHEN organisation <> '' THEN (SELECT id FROM employer e WHERE e.siret IS NULL
                                AND lower(e.name) = lower(row.organisation) AND lower(coalesce(e.city, '')) = '')
                       END,
                       status
                FROM unnest(\(rows.map(\.firstName)), \(rows.map(\.lastName)), \(rows.map(\.email.text)),
                            \(rows.map { $0.employer?.name ?? "" }), \(rows.map { $0.employer?.siret ?? "" }),
                            \(rows.map(\.status))) AS row(first, last, email, organisation, siret, status)
                """)
            let created = try connection.execute("SELECT count(*) FROM employer")[0].decode(Int.self, at: 0) - before
            try EventLog.append(
                ParticipantsImported(file: fileName, participants: rows.count), on: connection, jobs: store.jobs)
            if dryRun {
                throw DryRun(report: Report(participants: rows.count, newOrganisations: created, dryRun: true))
            }
            return Report(participants: rows.count, newOrganisations: created, dryRun: false)
        }
    }

    private func columnIndex(_ header: [String], fileName: String) throws(TrainingError) -> [String: Int] {
        let names = header.map {
            $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .trimmingCharacters(in: .whitespaces)
        }
        var index: [String: Int] = [:]
        for column in Self.columns {
            let positions = names.indices.filter { names[$0] == column }
            if positions.count > 1 {
                throw .invalid(
                    "The file \(fileName) names the column \(column) twice on its first line, in fields \(positions[0] + 1) and \(positions[1] + 1)."
                )
            }
            index[column] = positions.first
        }
        let missing = Self.columns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw .invalid(
                "The file \(fileName) lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")): its first line names \(Self.columns.joined(separator: ";"))."
            )
        }
        return index
    }

    /// Creates the employers not there yet, once each: by SIRET, or by name when there is none.
    /// The database tells names apart (`lower(name)`), so that Swift's and PostgreSQL's
    /// lowercasing never have to agree.
    private func insertEmployers(_ employers: [Employer], on connection: Connection) throws {
        let withSiret = employers.filter { $0.siret != nil }
        let withoutSiret = employers.filter { $0.siret == nil }
        try connection.execute(
            """
            INSERT INTO employer (name, siret)
            SELECT DISTINCT ON (siret) name, siret FROM unnest(\(withSiret.map(\.name)), \(withSiret.map { $0.siret ?? "" }))
                WITH ORDINALITY AS row(name, siret, position)
            ORDER BY siret, position
            ON CONFLICT (siret) DO NOTHING
            """)
        try connection.execute(
            """
            INSERT INTO employer (name)
            SELECT DISTINCT ON (lower(name)) name FROM unnest(\(withoutSiret.map(\.name))) WITH ORDINALITY AS row(name, position)
            ORDER BY lower(name), position
            ON CONFLICT (lower(name), lower(coalesce(city, ''))) WHERE siret IS NULL DO NOTHING
            """)
    }
}

/// Thrown to roll a dry run back after everything was checked and written.
struct DryRun: Error {
    let report: ParticipantImport.Report
}
