import App
import ArgumentParser
import Delivery
import Foundation
import Training

/// `atelier mail …`: checking the relay, and reading a message before a participant does.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Check the SMTP relay and preview the messages participants receive.",
        subcommands: [Test.self, Preview.self])

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send one message through the configured relay and print its answer.",
            discussion: """
                What to run after setting smtp.url, smtp.tls, smtp.username and smtp.password. Exits 0 when \
                the relay accepted the message, 75 when it could not take it now, 69 when it refused it.

                Example: atelier mail test coordination@asso.fr
                """)

        @Argument(help: "Where to send the test message.") var email: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let recipient = try EmailAddress(email)
                let settings = try context.messageSettings()
                let message = MailMessage(
                    from: settings.from, to: MailAddress(recipient.text), replyTo: settings.replyTo,
                    subject: "Atelier\u{A0}: message d’essai",
                    messageID: "test.\(UUID().uuidString.lowercased())@\(settings.from.domain)",
                    text:
                        "Bonjour,\n\nCe message vérifie que le relais SMTP configuré dans Atelier transmet bien les courriels.\n\nAtelier"
                )
                let sender: SMTPSender
                do throws(CurlError) { sender = try SMTPSender(settings.smtp) } catch {
                    throw SettingsError.refusedByLibcurl("The SMTP settings (smtp.*)", error)
                }
                let relay = URLCredentials.masked(settings.smtp.url)
                switch sender.send(message) {
                case .accepted(let reply):
                    print("\(relay) accepted the message to \(recipient): \(reply)")
                case .deferred(let reason):
                    Terminal.printError("\(relay) could not take the message now: \(reason).")
                    throw ExitCode(ExitStatus.temporaryFailure.rawValue)
                case .refused(let reason):
                    Terminal.printError("\(relay) refused the message to \(recipient): \(reason).")
                    throw ExitCode(ExitStatus.unavailable.rawValue)
                }
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "Print the message of a kind to a registration, as it would be sent, without sending it.",
            discussion: """
                The registration is its id (as `atelier jobs show` gives it) or SESSION/EMAIL. A \
                questionnaire's personal link shows as a placeholder: no token is made.

                Example: atelier mail preview convocation --registration S-2027-001/emilie@asso.fr
                """)

        @Argument(help: "The kind of message.") var kind: JobKind
        @Option(help: "The registration: its id, or SESSION/EMAIL.") var registration: String
        @Option(name: .customLong("days-before"), help: "For a reminder: how many days before the session (7 or 1).")
        var daysBefore: Int = 1
        @Flag(help: "Print the HTML part instead of the text.") var html = false
        @Flag(help: "Print the whole message as sent: headers, every part, encoded.") var raw = false
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            if html && raw { throw ValidationError("--html and --raw show different things: give one of them.") }
            if !(1...365).contains(daysBefore) {
                throw ValidationError("--days-before takes a number of days from 1 to 365.")
            }
            if Int(registration) == nil && registration.split(separator: "/").count != 2 {
                throw ValidationError("--registration takes an id or SESSION/EMAIL, like S-2027-001/emilie@asso.fr.")
            }
        }

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let settings = try context.messageSettings()
                let id: Int
                if let number = Int(registration) {
                    id = number
                } else {
                    let parts = registration.split(separator: "/", maxSplits: 1).map(String.init)
                    id = try Registrations(store).id(of: try EmailAddress(parts[1]), in: parts[0])
                }
                let link =
                    kind.providesQuestionnaireLink ? settings.links.questionnaire(token: "<lien personnel>") : nil
                // A certificate's preview attaches the PDF it would issue now, without storing it.
                let documents =
                    kind == .certificate
                    ? try Certificates(store, stamp: settings.stamp).draft(registration: id).map { [$0.attachment] }
                        ?? [] : []
                guard
                    let message = try MessageComposer(settings, store: store).message(
                        kind, registration: id, daysBefore: kind == .reminder ? daysBefore : nil,
                        questionnaireLink: link,
                        signing: kind.providesSigningLink
                            ? Letter.Signing(
                                link: settings.links.signing(token: "<lien personnel>"),
                                personalCode: "<code personnel>")
                            : nil,
                        messageID: "preview.\(kind.rawValue).registration-\(id)@\(settings.from.domain)",
                        documents: documents)
                else { return }
                if raw {
                    return print(
                        String(decoding: message.rendered(), as: UTF8.self).replacingOccurrences(
                            of: "\r\n", with: "\n"), terminator: "")
                }
                print("From: \(message.from.displayName.map { "\($0) " } ?? "")<\(message.from.address)>")
                print("To: \(message.to.displayName.map { "\($0) " } ?? "")<\(message.to.address)>")
                print("Subject: \(message.subject)")
                if !message.attachments.isEmpty {
                    print("Attached: \(message.attachments.map(\.fileName).joined(separator: ", "))")
                }
                print("")
                print(html ? message.html ?? "" : message.text, terminator: "")
            }
        }
    }
}
