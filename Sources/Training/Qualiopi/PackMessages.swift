import Documents
import Foundation
import Postgres

/// The messages that told participants when and where (indicator 9): each convocation, promotion
/// notice, reminder and rescheduling notice as sent, from `delivery`, with the date the server
/// accepted it, and a list of them all.
struct PackMessages {
    let context: PackContext

    static let kinds: [JobKind] = [.convocation, .promotionNotice, .reminder, .rescheduleNotice]

    private struct Message {
        let id: Int
        let kind: String
        let participant: String
        let recipient: String
        let acceptedAt: Date
        let reply: String
        let subject: String?
        let body: String?
        let attachments: [Deliveries.Content.Attachment]
    }

    func files() throws -> [PackFile] {
        let messages = try context.connection.execute(
            """
            SELECT d.id, d.kind, p.first_name, p.last_name, d.recipient, d.sent_at, d.reply, d.subject, d.body,
                   coalesce(d.attachments, '[]')::text AS attachments
            FROM delivery d JOIN registration r ON r.id = d.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(context.sessionId) AND d.channel = 'mail' AND d.state = 'accepted'
              AND d.kind = ANY (\(Self.kinds.map(\.rawValue)))
            ORDER BY d.sent_at, d.id
            """
        ).map { row in
            Message(
                id: try row.decode(Int.self, "id"), kind: try row.decode(String.self, "kind"),
                participant:
                    "\(try row.decode(String.self, "first_name")) \(try row.decode(String.self, "last_name"))",
                recipient: try row.decode(String.self, "recipient"), acceptedAt: try row.decode(Date.self, "sent_at"),
                reply: try row.decode(String.self, "reply"), subject: try row.decode(String?.self, "subject"),
                body: try row.decode(String?.self, "body"),
                attachments: try JSONDecoder().decode(
                    [Deliveries.Content.Attachment].self, from: Data(try row.decode(String.self, "attachments").utf8)))
        }
        var files: [PackFile] = []
        var rows: [[Cell]] = []
        for (index, message) in messages.enumerated() {
            let file = message.body.map { _ in
                "02-convocations/\(String(format: "%03d", index + 1))-\(message.kind)-\(Certificate.words(of: message.participant).joined(separator: "-")).txt"
            }
            rows.append([
                .text(Self.label(message.kind)), .text(message.participant), .text(message.recipient),
                .text(
                    "\(French.day(LocalDate(message.acceptedAt, in: context.zone))) à \(French.time(message.acceptedAt, in: context.zone))"
                ),
                .text(message.subject ?? ""),
                .text(
                    message.attachments.map { "\($0.name) (\(French.grouped($0.bytes)) octets, SHA-256 \($0.sha256))" }
                        .joined(
                            separator: " ; ")),
                .text(file.map { String($0.dropFirst("02-convocations/".count)) } ?? "contenu non conservé"),
            ])
            guard let file, let body = message.body else { continue }
            files.append(
                PackFile(
                    path: file, bytes: Array(text(of: message, body: body).utf8), indicators: [9],
                    sources: ["delivery:\(message.id)"]))
        }
        let list = PackFile(
            path: "02-convocations/envois.csv",
            bytes: CSVWriter.bytes(
                columns: [
                    Column("Message", width: 20), Column("Participant", width: 30), Column("Adresse", width: 30),
                    Column("Accepté le", width: 24), Column("Objet", width: 50), Column("Pièces jointes", width: 60),
                    Column("Fichier", width: 40),
                ], rows: rows),
            indicators: [9], sources: ["session:\(context.sessionId)"] + messages.map { "delivery:\($0.id)" })
        return [list] + files
    }

    /// The message as its recipient read it, under the facts of its sending. The links and
    /// codes it carried open a person's pages: they are credentials, not evidence, and are
    /// replaced by what they were.
    private func text(of message: Message, body: String) -> String {
        var lines = [
            "Message : \(Self.label(message.kind))",
            "À : \(message.participant) <\(message.recipient)>",
            "Accepté par le serveur de messagerie le \(French.date(message.acceptedAt, in: context.zone)) à \(French.time(message.acceptedAt, in: context.zone)) (\(message.reply))",
            "Objet : \(message.subject ?? "")",
        ]
        lines += message.attachments.map {
            "Pièce jointe : \($0.name), \(French.grouped($0.bytes)) octets, SHA-256 \($0.sha256)"
        }
        return lines.map(French.typography).joined(separator: "\n") + "\n\n" + Self.withoutCredentials(body) + "\n"
    }

    /// `body` with every token of a personal link (a run of 20 or more hexadecimal digits) and
    /// every personal code replaced by words saying what was there.
    static func withoutCredentials(_ body: String) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if let named = line.range(of: "code personnel"), let colon = line[named.upperBound...].firstIndex(of: ":") {
                return String(line[...colon]) + " [code personnel retiré]"
            }
            var kept = ""
            var run = ""
            for character in line {
                if character.isHexDigit && !character.isUppercase {
                    run.append(character)
                    continue
                }
                kept += run.count >= 20 ? "[jeton retiré]" : run
                run = ""
                kept.append(character)
            }
            return kept + (run.count >= 20 ? "[jeton retiré]" : run)
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ kind: String) -> String {
        switch JobKind(rawValue: kind) {
        case .convocation: "convocation"
        case .promotionNotice: "place confirmée (liste d’attente)"
        case .reminder: "rappel"
        case .rescheduleNotice: "changement de dates"
        default: kind
        }
    }
}
