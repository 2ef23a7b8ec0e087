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
    ///
    /// Each row is checked in Swift (the checks every participant goes through, with their
    /// sentences) and the good ones stream to a temporary table by `COPY FROM STDIN`; what needs
    /// every row at once (an email twice in the file, or already known) is found there by SQL,
    /// and the whole file goes in with one statement per table. Memory holds one record and
    /// the problems, never the file's rows.
    public func run(
        _ data: Data, fileName: String, dryRun: Bool = false,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Report {
        let csv: CSVReader
        do { csv = try CSVReader(data, fileName: fileName) } catch { throw TrainingError.invalid(error.description) }
        let check = RowCheck(index: try columnIndex(csv.header, fileName: fileName), columns: csv.header.count)
        guard csv.count > 0 else {
            throw TrainingError.invalid("The file \(fileName) has no participant: only its first line.")
        }
        do {
            return try connection.write { connection in
                try connection.execute(
                    """
                    CREATE TEMPORARY TABLE import_row (
                        line integer PRIMARY KEY, first_name text, last_name text, email text,
                        organisation text, siret text, status text
                    ) ON COMMIT DROP
                    """)
                // Inside the body: a write runs again after a conflict, and starts from nothing.
                var problems: [ImportRejection.Problem] = []
                var checked = 0
                try connection.copyIn("COPY import_row FROM STDIN") { rows in
                    var statuses: [String: Participant.Status] = [:]  // a file repeats a handful of words
                    try csv.forEachRecord { record in
                        if checked % 1000 == 0 { progress(checked, csv.count) }
                        checked += 1
                        guard let row = check.read(record, statuses: &statuses, problems: &problems) else { return }
                        try rows.append(row)
                    }
                }
                progress(csv.count, csv.count)
                problems += try duplicates(on: connection)
                guard problems.isEmpty else { throw ImportRejection(fileName: fileName, problems: problems) }
                let report = try insert(on: connection, dryRun: dryRun)
                try EventLog.append(
                    ParticipantsImported(file: fileName, participants: report.participants), on: connection,
                    jobs: store.jobs)
                if dryRun { throw DryRun(report: report) }
                return report
            }
        } catch let dryRun as DryRun {
            return dryRun.report
        }
    }

    /// The rows that name someone twice in the file (after the first) or someone already there,
    /// each a problem; the first are dropped from the rows to import, so that each row says one thing.
    private func duplicates(on connection: Connection) throws -> [ImportRejection.Problem] {
        let repeated = try connection.execute(
            """
            DELETE FROM import_row i
            USING (SELECT email, min(line) AS first_line FROM import_row GROUP BY email HAVING count(*) > 1) d
            WHERE i.email = d.email AND i.line > d.first_line
            RETURNING i.line, i.email, d.first_line
            """
        ).map { row in
            let (line, email, first) = try row.decode((Int, String, Int).self)
            return ImportRejection.Problem(
                line: line, column: "email", reason: "\(email) is already on line \(first)", isDuplicate: true)
        }
        let known = try connection.execute(
            "SELECT i.line, i.email FROM import_row i JOIN participant p ON p.email = i.email"
        ).map { row in
            let (line, email) = try row.decode((Int, String).self)
            return ImportRejection.Problem(
                line: line, column: "email", reason: "a participant already has the email \(email)", isDuplicate: true)
        }
        return repeated + known
    }

    /// Creates the employers not there yet, once each: by SIRET, or by name when there is none
    /// (the database tells names apart, `lower(name)`, so that Swift's and PostgreSQL's
    /// lowercasing never have to agree); then the participants, in file order, each joined to
    /// their employer (a join, not a lookup per row: the employers are few, the rows many).
    private func insert(on connection: Connection, dryRun: Bool) throws -> Report {
        let bySiret = try connection.execute(
            """
            INSERT INTO employer (name, siret)
            SELECT DISTINCT ON (siret) organisation, siret FROM import_row WHERE siret IS NOT NULL ORDER BY siret, line
            ON CONFLICT (siret) DO NOTHING
            """)
        let byName = try connection.execute(
            """
            INSERT INTO employer (name)
            SELECT DISTINCT ON (lower(organisation)) organisation FROM import_row
            WHERE siret IS NULL AND organisation <> '' ORDER BY lower(organisation), line
            ON CONFLICT (lower(name), lower(coalesce(city, ''))) WHERE siret IS NULL DO NOTHING
            """)
        let participants = try connection.execute(
            """
            INSERT INTO participant (first_name, last_name, email, employer_id, status)
            SELECT i.first_name, i.last_name, i.email, coalesce(by_siret.id, by_name.id), i.status
            FROM import_row i
            LEFT JOIN employer by_siret ON by_siret.siret = i.siret
            LEFT JOIN employer by_name ON i.siret IS NULL AND by_name.siret IS NULL
                AND lower(by_name.name) = lower(i.organisation) AND lower(coalesce(by_name.city, '')) = ''
            ORDER BY i.line
            """)
        return Report(
            participants: participants.affectedRows, newOrganisations: bySiret.affectedRows + byName.affectedRows,
            dryRun: dryRun)
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
}

/// Thrown to roll a dry run back after everything was checked and written.
struct DryRun: Error {
    let report: ParticipantImport.Report
}
