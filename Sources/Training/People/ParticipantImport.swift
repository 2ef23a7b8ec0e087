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

    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Reads, checks and (unless `dryRun`) writes the file in one transaction. `progress` hears
    /// how many rows of how many are checked, every thousand rows.
    public func run(_ data: Data, fileName: String, dryRun: Bool = false,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        let csv = try CSVReader(data, fileName: fileName)
        let index = try columnIndex(csv.header, fileName: fileName)
        var problems: [String] = []
        var participants: [(line: Int, participant: Participant)] = []
        var firstLine: [EmailAddress: Int] = [:]
        for (number, record) in csv.records.enumerated() {
            if number % 1000 == 0 { progress(number, csv.records.count) }
            guard record.fields.count == csv.header.count else {
                problems.append("line \(record.line): \(record.fields.count) fields where the first line names \(csv.header.count)")
                continue
            }
            func value(_ column: String) -> String {
                let position = index[column]!
                return position < record.fields.count ? record.fields[position].trimmingCharacters(in: .whitespaces) : ""
            }
            var rowIsValid = true
            /// The column's value read by `parse`, or `nil` after recording why not.
            func read<T>(_ column: String, _ parse: (String) throws(TrainingError) -> T) -> T? {
                do {
                    return try parse(value(column))
                } catch {
                    problems.append("line \(record.line), column \(column): \(error.sentence.lowercasedFirst.droppingFinalStop)")
                    rowIsValid = false
                    return nil
                }
            }
            let email = read("email") { text throws(TrainingError) in try EmailAddress(text) }
            let firstName = read("prenom") { text throws(TrainingError) in try Field.required(text, "first name", limit: 100) }
            let lastName = read("nom") { text throws(TrainingError) in try Field.required(text, "last name", limit: 100) }
            let status = read("statut") { text throws(TrainingError) in text.isEmpty ? .salarie : try Participant.Status(parsing: text) }
            let siret = read("siret") { text throws(TrainingError) in text.isEmpty ? nil : try Siret.validated(text) }
            let structure = read("structure") { text throws(TrainingError) in
                let name = try Field.optional(text, "organisation name", limit: 200)
                guard !name.isEmpty || value("siret").isEmpty else {
                    throw .invalid("The organisation name is empty while a SIRET is given.")
                }
                return name
            }
            guard rowIsValid, let email, let firstName, let lastName, let status, let structure else { continue }
            if let earlier = firstLine[email] {
                problems.append("line \(record.line), column email: \(email) is already on line \(earlier)")
                continue
            }
            firstLine[email] = record.line
            var participant = Participant(firstName: firstName, lastName: lastName, email: email)
            participant.status = status
            participant.employer = structure.isEmpty ? nil : Employer(name: structure, siret: siret ?? nil)
            participants.append((record.line, participant))
        }
        progress(csv.records.count, csv.records.count)
        guard !csv.records.isEmpty else { throw TrainingError.invalid("The file \(fileName) has no participant: only its first line.") }
        do {
            return try write(participants, fileName: fileName, problems: problems, dryRun: dryRun)
        } catch let dryRun as DryRun {
            return dryRun.report
        }
    }

    private func write(_ participants: [(line: Int, participant: Participant)], fileName: String,
                       problems: [String], dryRun: Bool) throws -> Report {
        var problems = problems
        return try connection.write { connection in
            let existing = try connection.execute("""
                SELECT lower(email) FROM participant WHERE lower(email) = ANY(\(participants.map { $0.participant.email.text.lowercased() }))
                """).map { try $0.decode(String.self, at: 0) }
            for (line, participant) in participants where existing.contains(participant.email.text.lowercased()) {
                problems.append("line \(line), column email: a participant already has the email \(participant.email)")
            }
            guard problems.isEmpty else {
                let sorted = problems.sorted { Self.lineNumber($0) < Self.lineNumber($1) }
                throw TrainingError.invalid("The file \(fileName) has \(sorted.count) bad row\(sorted.count == 1 ? "" : "s"); nothing was imported:\n  " + sorted.joined(separator: "\n  "))
            }
            let before = try connection.execute("SELECT count(*) FROM employer")[0].decode(Int.self, at: 0)
            let employerIDs = try self.employerIDs(participants.compactMap(\.participant.employer), on: connection)
            let rows = participants.map(\.participant)
            try connection.execute("""
                INSERT INTO participant (first_name, last_name, email, employer_id, status)
                SELECT first, last, email, nullif(employer, 0), status
                FROM unnest(\(rows.map(\.firstName)), \(rows.map(\.lastName)), \(rows.map(\.email.text)),
                            \(rows.map { $0.employer.map { employerIDs[EmployerKey($0)]! } ?? 0 }),
                            \(rows.map(\.status.rawValue))) AS row(first, last, email, employer, status)
                """)
            let created = try connection.execute("SELECT count(*) FROM employer")[0].decode(Int.self, at: 0) - before
            try EventLog.append("participant.imported", ["file": fileName, "participants": String(rows.count)], on: connection)
            if dryRun { throw DryRun(report: Report(participants: rows.count, newOrganisations: created, dryRun: true)) }
            return Report(participants: rows.count, newOrganisations: created, dryRun: false)
        }
    }

    private func columnIndex(_ header: [String], fileName: String) throws(TrainingError) -> [String: Int] {
        let names = header.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for column in Self.columns { if let position = names.firstIndex(of: column) { index[column] = position } }
        let missing = Self.columns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw .invalid("The file \(fileName) lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")): its first line names \(Self.columns.joined(separator: ";")).")
        }
        return index
    }

    /// One id per distinct employer, each created once if new, in two statements.
    private func employerIDs(_ employers: [Employer], on connection: Connection) throws -> [EmployerKey: Int] {
        var ids: [EmployerKey: Int] = [:]
        var withSiret: [String: String] = [:], withoutSiret: [String: String] = [:]
        for employer in employers {
            if let siret = employer.siret { withSiret[siret] = withSiret[siret] ?? employer.name }
            else { withoutSiret[employer.name.lowercased()] = withoutSiret[employer.name.lowercased()] ?? employer.name }
        }
        for row in try connection.execute("""
            INSERT INTO employer (name, siret) SELECT * FROM unnest(\(Array(withSiret.values)), \(Array(withSiret.keys)))
            ON CONFLICT (siret) DO UPDATE SET name = employer.name RETURNING id, siret
            """) {
            let (id, siret) = try row.decode((Int, String).self)
            ids[EmployerKey(siret: siret)] = id
        }
        for row in try connection.execute("""
            INSERT INTO employer (name) SELECT * FROM unnest(\(Array(withoutSiret.values)))
            ON CONFLICT (lower(name), lower(coalesce(city, ''))) WHERE siret IS NULL DO UPDATE SET name = employer.name
            RETURNING id, lower(name)
            """) {
            let (id, name) = try row.decode((Int, String).self)
            ids[EmployerKey(name: name)] = id
        }
        return ids
    }

    private static func lineNumber(_ problem: String) -> Int {
        Int(problem.dropFirst(5).prefix { $0.isNumber }) ?? 0
    }
}

/// An employer as the import tells them apart: by SIRET, or by name without one.
struct EmployerKey: Hashable {
    let siret: String?
    let name: String?

    init(siret: String) { (self.siret, self.name) = (siret, nil) }
    init(name: String) { (self.siret, self.name) = (nil, name.lowercased()) }
    init(_ employer: Employer) { self = employer.siret.map(EmployerKey.init(siret:)) ?? EmployerKey(name: employer.name) }
}

/// Thrown to roll a dry run back after everything was checked and written.
struct DryRun: Error {
    let report: ParticipantImport.Report
}

extension String {
    var lowercasedFirst: String {
        guard let first, dropFirst().first?.isLowercase == true else { return self }
        return first.lowercased() + dropFirst()
    }

    var droppingFinalStop: String { hasSuffix(".") ? String(dropLast()) : self }
}
