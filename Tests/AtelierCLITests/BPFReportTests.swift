import Foundation
import TestSupport
import Testing
import Training

/// `atelier report bpf` against figures computed by hand from `TrainingYear`.
@Suite struct BPFReportTests {
    static let year = Result { try TrainingYear() }

    struct Report: Decodable {
        struct Trainees: Decodable {
            let line: String
            let trainees: Int
            let attendedMinutes: Int
        }
        struct Trainers: Decodable {
            let line: String
            let trainers: Int
            let minutes: Int
        }
        struct Revenue: Decodable {
            let line: String
            let amountCents: Int
        }
        let year: Int
        let trainees: [Trainees]
        let trainers: [Trainers]
        let revenue: [Revenue]
    }

    func report(_ year: String) throws -> Report {
        let outcome = try Self.year.get().atelier(["report", "bpf", "--year", year, "--json"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Report.self, from: Data(outcome.standardOutput.utf8))
    }

    @Test func theYearsFiguresAreTheHandComputedOnes() throws {
        let report = try report("2026")
        #expect(report.year == 2026)
        // March: Alice 7 h, Bruno 3,5 h, Chloé 3,5 h (excused in the morning), Damien 7 h — salaried;
        // Émile 7 h — volunteer; Fanny attended nothing; Gaspard cancelled. April: Alice 3,5 h.
        #expect(
            report.trainees.map { [$0.line, String($0.trainees), String($0.attendedMinutes)] } == [
                ["F-1-a", "5", "1470"], ["F-1-c", "0", "0"], ["F-1-d", "0", "0"], ["F-1-e", "1", "420"],
            ])
        // The Scop gave both half-days of March; Marie Durand, on the staff, the April morning.
        #expect(
            report.trainers.map { [$0.line, String($0.trainers), String($0.minutes)] } == [
                ["E-1", "1", "210"], ["E-2", "1", "420"],
            ])
        // OPCO: 3 600 € for the action collective + 15,50 € × 3,5 h in April; Région: Émile's 450 €.
        #expect(
            report.revenue.map { [$0.line, String($0.amountCents)] } == [
                ["C-1", "0"], ["C-2h", "365425"], ["C-5", "0"], ["C-6", "45000"], ["C-9", "0"], ["C-11", "0"],
            ])
    }

    @Test func aYearWithoutTrainingIsAllZeros() throws {
        let report = try report("2025")
        #expect(report.trainees.allSatisfy { $0.trainees == 0 && $0.attendedMinutes == 0 })
        #expect(report.trainers.allSatisfy { $0.trainers == 0 } && report.revenue.allSatisfy { $0.amountCents == 0 })
    }

    @Test func theTextSaysItInFrench() throws {
        let outcome = try Self.year.get().atelier(["report", "bpf", "--year", "2026"])
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput.contains(
                "F-1-a  Salariés d’employeurs privés (associations comprises)  5         24,5\u{00A0}h"))
        #expect(outcome.standardOutput.contains("4\u{202F}104,25\u{00A0}€"))
    }

    @Test func aYearOutOfRangeIsRefused() throws {
        let year = try Self.year.get()
        let before = try year.database.fingerprint()
        let outcome = try year.atelier(["report", "bpf", "--year", "1999"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError == "The year 1999 is outside the years Atelier records, 2000 to 2100.\n")
        #expect(try year.database.fingerprint() == before)
    }
}
