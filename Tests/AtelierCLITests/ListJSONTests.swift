import Foundation
import Testing
import Training

@testable import AtelierCLI

/// The lists' own JSON encoder writes, byte for byte, what Foundation's writes for every type a
/// list prints, and for the shapes those types could grow into.
@Suite struct ListJSONTests {
    func both(_ value: some Encodable) throws -> (ours: String, foundations: String) {
        var ours: [UInt8] = []
        try TerminalJSONEncoder().encode(value, depth: 0, into: &ours)
        return (
            String(decoding: ours, as: UTF8.self),
            String(decoding: try Terminal.jsonEncoder().encode(value), as: UTF8.self)
        )
    }

    /// The listed types have no public initialiser: they are read from JSON as Foundation reads them.
    func decoded<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(json.utf8))
    }

    static let participant = """
        {"first_name": "Émilie", "last_name": "Lœuvre « \\"dite\\" \\\\ Mimi »", "email": "e/l@asso.fr",
         "phone": "02 31 00 00 00", "status": "salarie", "accessibility_needs": "Fauteuil\\n\\tet boucle",
         "employer": {"name": "Maison des associations", "siret": "77935012000019", "city": "Caen"}}
        """

    @Test func participantsRegistrationsAndSessions() throws {
        let plain = """
            {"first_name": "美咲", "last_name": "Дмитрий", "email": "m@asso.fr", "status": "dirigeant_benevole",
             "accessibility_needs": ""}
            """
        let registrations = try decoded(
            [Registration].self,
            """
            [{"session": "S-2027-001", "participant": \(Self.participant), "status": "confirmed",
              "registered_at": "2027-10-04T07:20:00Z", "funding": "F1", "mail_refused": "convocation: 550 5.1.1 No such user"},
             {"session": "S-2027-001", "participant": \(plain), "status": "waitlisted", "registered_at": "2027-10-05T07:20:00Z"}]
            """)
        let slot = """
            {"starts_at": "2027-10-11T07:00:00Z", "ends_at": "2027-10-11T10:30:00Z", "minutes": 210, "trainers": []}
            """
        let session = try decoded(
            Session.self,
            """
            {"code": "S-2027-001", "module": "PMAE", "module_title": "Fonction employeur", "programme_version": 2,
             "status": "scheduled",
             "capacity": 12, "minimum": 4, "confirmed": 1, "waitlisted": 1,
             "parts": [{"position": 1, "title": "", "slots": [\(slot)]},
                       {"position": 2, "title": "Suite", "slots": [\(slot), \(slot)]}]}
            """)
        #expect(registrations[0].participant.accessibilityNeeds.contains("\n\t"))
        for (ours, foundations) in [
            try both(try decoded(Participant.self, Self.participant)), try both(try decoded(Participant.self, plain)),
            try both(registrations), try both(session), try both([Session]()),
        ] {
            #expect(ours == foundations)
        }
    }

    @Test func otherShapes() throws {
        struct Shapes: Encodable {
            var controlCharacters = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
            var ratio = 10.5
            var large = 1e21
            var flag = true
            var nothing: Int? = nil
            var empty: [String: Int] = [:]
            var dictionary = ["firstName": 1, "b": 2]
            var byNumber = [3: "trois", 10: "dix"]
            var bytes = Data([0, 1, 2, 250])
            var nested = [[1, 2], []]
            var url = URL(string: "https://atelier.example/q/abc")
        }
        let (ours, foundations) = try both(Shapes())
        #expect(ours == foundations)
    }

    /// What the other `--json` commands print (reports, sheets, statistics), which go through
    /// the same encoder since `Terminal.printJSON` does.
    @Test func theShapesOfReportsSheetsAndStatistics() throws {
        enum Mark: String, Encodable { case present, absent }
        struct Line: Encodable {
            var marks: [Mark?] = [.present, nil, .absent]
            var minutes: Int64 = -210
        }
        struct Custom: Encodable {
            enum Keys: String, CodingKey { case outerValue, inner }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("x", forKey: .outerValue)
                var inner = container.nestedUnkeyedContainer(forKey: .inner)
                try inner.encode(1)
                try inner.encodeNil()
                var keyed = inner.nestedContainer(keyedBy: Keys.self)
                try keyed.encodeIfPresent(Optional<Int>.none, forKey: .outerValue)
                try keyed.encode(UInt8(7), forKey: .inner)
            }
        }
        struct Report: Encodable {
            var amount = Decimal(string: "3600.05")!
            var average: Double? = 4.333333333333333
            var whole = 3600.0
            var small = 0.1
            var negativeZero = -0.0
            var share: Float = 0.25
            var lines = [Line(), Line()]
            var dates = [Date(timeIntervalSince1970: 1_800_000_000), Date(timeIntervalSince1970: 0)]
            var custom = Custom()
            var byKind: [String: [Int]] = ["hot": [4, 5], "cold": []]
        }
        let (ours, foundations) = try both(Report())
        #expect(ours == foundations)
    }
}
