import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// `atelier export funding`, through the binary, read back by Python's `csv` and by openpyxl;
/// the totals checked against sums computed in SQL, independently of `Claim`.
@Suite struct FundingExportTests {
    static let year = Result { try TrainingYear() }
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-export-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The funder's claimed and agreed cents for sessions ending in the period, by the rules of
    /// DOMAIN.md written again in SQL.
    func sqlTotals(_ funder: String, _ from: String, _ to: String) throws -> (agreed: Int, claimed: Int) {
        let row = try Self.year.get().database.connect().execute(
            """
            WITH regs AS (
                SELECT f.id AS agreement, f.basis, f.amount_cents AS amount, s.status = 'completed' AS completed,
                       (SELECT sum(minutes) FROM slot WHERE session_id = s.id) AS planned,
                       coalesce((SELECT sum(sl.minutes) FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                                 WHERE a.registration_id = r.id AND a.status = 'present'), 0) AS attended
                FROM registration r JOIN funding_agreement f ON f.id = r.funding_agreement_id
                JOIN funder fu ON fu.id = f.funder_id JOIN session s ON s.id = f.session_id
                WHERE r.status = 'confirmed' AND fu.code = \(funder)
                  AND (SELECT max(ends_at) FROM slot WHERE session_id = s.id) AT TIME ZONE 'Europe/Paris' >= \(from)::date
                  AND (SELECT max(ends_at) FROM slot WHERE session_id = s.id) AT TIME ZONE 'Europe/Paris' < \(to)::date + 1),
            groups AS (SELECT agreement, max(amount) AS amount, bool_and(completed) AS completed, sum(attended) AS attended
                       FROM regs WHERE basis = 'per_group' GROUP BY agreement)
            SELECT (coalesce((SELECT sum(CASE basis WHEN 'per_hour' THEN (2 * amount * planned + 60) / 120 ELSE amount END)
                              FROM regs WHERE basis <> 'per_group'), 0)
                    + coalesce((SELECT sum(amount) FROM groups), 0))::bigint,
                   (coalesce((SELECT sum(CASE basis WHEN 'per_hour' THEN (2 * amount * attended + 60) / 120
                                                    ELSE (2 * amount * attended + planned) / (2 * planned) END)
                              FROM regs WHERE basis <> 'per_group'), 0)
                    + coalesce((SELECT sum(amount) FROM groups WHERE completed AND attended > 0), 0))::bigint
            """)[0]
        return try row.decode((Int, Int).self)
    }

    /// `3654,25` → 365425.
    func cents(_ text: String) -> Int? { Int(text.replacingOccurrences(of: ",", with: "")) }

    @Test func csvRowsAndTotalsMatchTheDatabaseToTheCent() throws {
        let year = try Self.year.get()
        for (funder, from, to) in [
            ("OPCO-CS", "2026-01-01", "2026-12-31"), ("OPCO-CS", "2026-03-01", "2026-03-31"),
            ("REGION", "2026-03-02", "2026-03-02"),
        ] {
            let file = path("\(funder)-\(from).csv")
            let outcome = try year.atelier([
                "export", "funding", "--funder", funder, "--from", from, "--to", to, "--out", file,
            ])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let read = try ReadCSV.read(file)
            #expect(read.bom)
            let header = try #require(read.rows.first)
            #expect(
                header == [
                    "Structure", "SIRET", "Nom", "Prénom", "Statut", "Module", "Nature de l’action", "Session", "Début",
                    "Fin",
                    "Dispositif", "N° d’accord", "Heures prévues", "Heures réalisées", "Montant accordé (€)",
                    "Montant demandé (€)",
                ])
            let totals = try #require(read.rows.last)
            #expect(totals[0] == "Total")
            let data = read.rows.dropFirst().dropLast()
            #expect(data.allSatisfy { $0.count == header.count })
            let sql = try sqlTotals(funder, from, to)
            #expect(cents(totals[14]) == sql.agreed, "\(funder) \(from) agreed")
            #expect(cents(totals[15]) == sql.claimed, "\(funder) \(from) claimed")
            #expect(data.compactMap { cents($0[15]) }.reduce(0, +) == sql.claimed)
            #expect(outcome.standardOutput.contains("Wrote \(file): \(data.count) row"))
        }
        let march = try ReadCSV.read(path("OPCO-CS-2026-03-01.csv")).rows
        #expect(march.count == 6, "four participants: the cancelled registration is not claimed")
        #expect(
            march[1] == [
                "Association Familles Rurales du Calvados", "44201234000018", "Aubert", "Alice", "salarié",
                "Accompagner la fonction employeur", "action de formation", "S-2026-001", "02/03/2026", "02/03/2026",
                "action collective", "AC-2026-118", "7,00", "7,00", "900,00", "1200,00",
            ])
        #expect(
            march.dropFirst().map { $0[13] } == ["7,00", "3,50", "3,50", "7,00", "21,00"],
            "Bruno absent, Chloé excused: half a day each")
        #expect(march.dropFirst().map { $0[15] } == ["1200,00", "600,00", "600,00", "1200,00", "3600,00"])
        let region = try ReadCSV.read(path("REGION-2026-03-02.csv")).rows
        #expect(region.dropFirst().map { $0[15] } == ["450,00", "0,00", "450,00"], "Fanny attended nothing")
        #expect(region.last?[14] == "900,00")
    }

    @Test func xlsxHasTypedCellsAndSumsThatMatchTheDatabase() throws {
        let year = try Self.year.get()
        let file = path("opco.xlsx")
        let outcome = try year.atelier([
            "export", "funding", "--funder", "opco-cs", "--from", "2026-01-01", "--to", "2026-12-31", "--out", file,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let read = try ReadXLSX.read(file)
        #expect(read.sheets == ["OPCO-CS 2026-01-01"])
        #expect(read.rows.count == 7)
        let alice = read.rows[1]
        #expect(
            alice[2].value == .text("Aubert") && alice[8].type == "datetime" && alice[8].value == .text("2026-03-02"))
        #expect(alice[13].value == .number(7) && alice[15].value == .number(1200))
        let april = read.rows[5]
        #expect(april[7].value == .text("S-2026-002") && april[11].value == .null && april[15].value == .number(54.25))
        let sql = try sqlTotals("OPCO-CS", "2026-01-01", "2026-12-31")
        #expect(read.rows[6][15].value == .text("=SUM(P2:P6)"))
        #expect(read.cached[6][14] == .number(Double(sql.agreed) / 100))
        #expect(read.cached[6][15] == .number(Double(sql.claimed) / 100))
        #expect(sql.claimed == 365_425, "3 600 € for the action collective, 15,50 € × 3,5 h in April")
    }

    static let refusals = [
        RefusalTests.Case(
            name: "unknown funder",
            arguments: ["--funder", "AFDAS", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "OUT/a.csv"],
            status: 66, sentence: "No funder has the code AFDAS."),
        RefusalTests.Case(
            name: "empty period",
            arguments: ["--funder", "REGION", "--from", "2026-04-01", "--to", "2026-04-30", "--out", "OUT/a.xlsx"],
            status: 66,
            sentence: "No session funded by REGION ended between 2026-04-01 and 2026-04-30: there is nothing to export."
        ),
        RefusalTests.Case(
            name: "reversed period",
            arguments: ["--funder", "REGION", "--from", "2026-12-31", "--to", "2026-01-01", "--out", "OUT/a.csv"],
            status: 65, sentence: "The period runs backwards: 2026-12-31 is after 2026-01-01."),
        RefusalTests.Case(
            name: "impossible date",
            arguments: ["--funder", "REGION", "--from", "2026-02-30", "--to", "2026-03-31", "--out", "OUT/a.csv"],
            status: 65, sentence: "The date 2026-02-30 does not exist."),
        RefusalTests.Case(
            name: "missing folder",
            arguments: [
                "--funder", "REGION", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "OUT/nowhere/a.csv",
            ],
            status: 73, sentence: "Cannot write OUT/nowhere/a.csv: the folder OUT/nowhere does not exist."),
        RefusalTests.Case(
            name: "a folder as the file",
            arguments: [
                "--funder", "REGION", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "OUT", "--format", "csv",
            ],
            status: 73, sentence: "Cannot write OUT: it is a folder."),
    ]

    @Test(arguments: refusals)
    func refusedWithOneSentenceNothingChangedAndNoFileLeft(_ refusal: RefusalTests.Case) throws {
        let year = try Self.year.get()
        let before = try year.database.fingerprint()
        let arguments =
            ["export", "funding"] + refusal.arguments.map { $0.replacingOccurrences(of: "OUT", with: folder.path) }
        let outcome = try year.atelier(arguments)
        #expect(outcome.standardError == refusal.sentence.replacingOccurrences(of: "OUT", with: folder.path) + "\n")
        #expect(outcome.status == refusal.status)
        #expect(outcome.standardOutput == "")
        #expect(try year.database.fingerprint() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aFileWithoutAKnownExtensionNeedsAFormat() throws {
        let outcome = try Self.year.get().atelier([
            "export", "funding", "--funder", "REGION", "--from", "2026-01-01", "--to", "2026-12-31", "--out",
            path("claims"),
        ])
        #expect(outcome.status == 64)
        #expect(
            outcome.standardError.hasPrefix(
                "Error: Say --format csv or --format xlsx: the file \(path("claims")) has neither extension."))
    }

    /// A read-only folder: refused before any query, and the folder stays empty.
    @Test func aFolderThatCannotBeWrittenIsNamed() throws {
        guard getuid() != 0 else {
            // root writes anywhere: the missing-folder and folder-as-file refusals cover the sentence.
            let outcome = try Self.year.get().atelier([
                "export", "funding", "--funder", "REGION", "--from", "2026-01-01", "--to", "2026-12-31", "--out",
                "/proc/a.csv",
            ])
            #expect(outcome.status == 73)
            #expect(outcome.standardError.hasPrefix("Cannot write /proc/a.csv: "))
            return
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let outcome = try Self.year.get().atelier([
            "export", "funding", "--funder", "REGION", "--from", "2026-01-01", "--to", "2026-12-31", "--out",
            path("a.csv"),
        ])
        #expect(outcome.status == 73)
        #expect(outcome.standardError == "Cannot write \(path("a.csv")): Permission denied.\n")
    }
}
