import Delivery
import Foundation

// Atelier's sender on one lane: each message built in Swift (a convocation's size, with its
// invite) and sent through `SMTPSender` over one reused libcurl handle. Writes the message it
// sends to MESSAGE_FILE first, for the C reference loop to send the very same bytes.
//
//   MailBenchmark URL MESSAGE_FILE MESSAGES

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    fatalError("usage: MailBenchmark URL MESSAGE_FILE MESSAGES")
}
let paris = TimeZone(identifier: "Europe/Paris") ?? .gmt
let from = MailAddress("formation@atelier.example", displayName: "Maison des associations de Caen")
let to = MailAddress("bench@asso.example", displayName: "Émilie Lœuvre")
let start = Date(timeIntervalSince1970: 1_822_725_600)
let invite = CalendarInvite(
    method: .request, sequence: 0, timeZone: paris, organizer: from, attendee: to,
    events: (0..<2).map { part in
        .init(
            uid: "registration-1-part-\(part + 1)@atelier.example",
            start: start.addingTimeInterval(Double(part) * 14 * 86_400),
            end: start.addingTimeInterval(Double(part) * 14 * 86_400 + 30_600),
            summary: "Accompagner la fonction employeur — partie \(part + 1)",
            location: "Maison des associations, 8 rue Daniel Huet, 14000 Caen")
    })
let text = String(
    repeating:
        "Votre inscription à la formation « Accompagner la fonction employeur » est confirmée : voici votre convocation.\n",
    count: 12)

func message(_ number: Int) -> MailMessage {
    MailMessage(
        from: from, to: to, subject: "Convocation : Accompagner la fonction employeur, lundi 5 avril 2027",
        messageID: "convocation.\(number).registration-1@atelier.example", text: text, html: "<p>" + text + "</p>",
        attachments: [
            .init(
                fileName: "invitation.ics", contentType: "text/calendar; charset=UTF-8; method=REQUEST",
                bytes: invite.rendered())
        ])
}

try Data(message(0).rendered()).write(to: URL(fileURLWithPath: arguments[2]))
let sender = try SMTPSender(SMTPConfiguration(url: arguments[1], tls: .opportunistic))
let clock = ContinuousClock()
let elapsed = clock.measure {
    for number in 0..<count {
        guard case .accepted = sender.send(message(number)) else { fatalError("message \(number) was not accepted") }
    }
}
let building = clock.measure {
    for number in 0..<count { _ = message(number).rendered() }
}
func perSecond(_ duration: Duration) -> String {
    String(
        format: "%.1f",
        Double(count) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18))
}
print(#"{"figure": "atelier_messages_per_s", "value": \#(perSecond(elapsed))}"#)
print(#"{"figure": "atelier_built_per_s", "value": \#(perSecond(building))}"#)
