import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier certificate …`: the certificats de réalisation the worker issued.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "List and export the certificats de réalisation issued once a session is completed.",
        discussion: """
            The worker issues each participant's certificate when the session is completed, and a \
            new version when a correction changes the time attended; every version is kept.
            """,
        subcommands: [List.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every version of the session's certificates, those withdrawn by a correction included.",
            discussion: "Example: atelier certificate list S-2027-001")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let certificates = try Certificates(store).versions(session: session)
                let zone = store.timeZone
                print(
                    Terminal.table(
                        [["PARTICIPANT", "EMAIL", "VERSION", "ATTENDED", "ISSUED", "SHA-256"]]
                            + certificates.map {
                                [
                                    $0.participant, $0.email, String($0.version),
                                    $0.withdrawn ? "withdrawn" : French.duration(minutes: $0.attendedMinutes),
                                    French.day(LocalDate($0.issuedAt, in: zone)), String(($0.sha256 ?? "").prefix(16)),
                                ]
                            }))
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the latest version of the session's certificates (or one participant's) as PDF files.",
            discussion: "Example: atelier certificate export S-2027-001 --out certificats/")

        @Argument(help: "The session's code.") var session: String
        @Option(help: "Only this participant's certificate.") var participant: String?
        @Option(help: "The folder to write them in, created if needed (its parent must exist).") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let email = try participant.map { try EmailAddress($0) }
                let certificates = try Certificates(context.store()).latest(session: session, participant: email)
                let folder = try OutputFolder.prepare(out)
                // Every file is staged first: a failure leaves none of them behind.
                let files = try zip(certificates, Certificate.fileNames(certificates)).map { certificate, name in
                    let file = try OutputFile(path: folder + name)
                    try file.write(certificate.pdf)
                    return file
                }
                for file in files { try file.commit() }
                for (certificate, file) in zip(certificates, files) {
                    print("\(file.path)  version \(certificate.version)  sha256 \(certificate.sha256 ?? "")")
                }
            }
        }
    }
}
