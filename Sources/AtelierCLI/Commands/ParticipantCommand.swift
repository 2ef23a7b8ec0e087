import App
import ArgumentParser
import Foundation
import Training

/// `atelier participant …`.
struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant", abstract: "Keep the participants and the associations they come from.",
        subcommands: [Add.self, Edit.self, List.self, Show.self, Import.self])

    /// The fields of a participant besides the email, optional so that `edit` changes only those given.
    struct Fields: ParsableArguments {
        @Option(name: .customLong("first-name"), help: "The first name.") var firstName: String?
        @Option(name: .customLong("last-name"), help: "The last name.") var lastName: String?
        @Option(help: "The phone number.") var phone: String?
        @Option(help: "The association they come from.") var organisation: String?
        @Option(help: "Its SIRET, 14 digits.") var siret: String?
        @Option(help: "Its city.") var city: String?
        @Option(help: "Their status, which funders ask for.") var status: Participant.Status?
        @Option(name: .customLong("accessibility-needs"), help: "Adaptations they need.") var accessibilityNeeds:
            String?

        func apply(to participant: inout Participant) throws {
            if let firstName { participant.firstName = firstName }
            if let lastName { participant.lastName = lastName }
            if let phone { participant.phone = phone }
            if let organisation {
                participant.employer = Employer(name: organisation, siret: siret, city: city)
            } else if siret != nil || city != nil {
                guard var employer = participant.employer else {
                    throw TrainingError(
                        .invalidInput, "A SIRET or a city needs --organisation, the association's name.")
                }
                if let siret { employer.siret = siret }
                if let city { employer.city = city }
                participant.employer = employer
            }
            if let status { participant.status = status }
            if let accessibilityNeeds { participant.accessibilityNeeds = accessibilityNeeds }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a participant.",
            discussion: """
                Example: atelier participant add emilie@mda-caen.fr --first-name Émilie --last-name Lœuvre \
                --organisation "Maison des associations de Caen" --siret 73282932000074 --status salarié
                """)

        @Argument(help: "The email address, which identifies them.") var email: String
        @OptionGroup var fields: Fields
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard fields.firstName != nil, fields.lastName != nil else {
                throw ValidationError("A new participant needs --first-name and --last-name.")
            }
        }

        func run() throws {
            try options.run { context in
                var participant = Participant(firstName: "", lastName: "", email: try EmailAddress(email))
                try fields.apply(to: &participant)
                let added = try People(context.store()).addParticipant(participant)
                print("Added \(added.displayName) <\(added.email)>\(added.employer.map { ", \($0.name)" } ?? "").")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change fields of a participant; the others stay as they are.",
            discussion: "Example: atelier participant edit emilie@mda-caen.fr --status \"dirigeant bénévole\"")

        @Argument(help: "Their current email address.") var email: String
        @Option(name: .customLong("new-email"), help: "A new email address.") var newEmail: String?
        @OptionGroup var fields: Fields
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let participant = try People(context.store()).editParticipant(try EmailAddress(email)) { participant in
                    try fields.apply(to: &participant)
                    if let newEmail { participant.email = try EmailAddress(newEmail) }
                }
                print("Saved \(participant.displayName) <\(participant.email)>.")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the participants, by name.",
            discussion: "Example: atelier participant list --limit 50 --after emilie@mda-caen.fr")

        @OptionGroup var paging: PageOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var list = ListPrinter<Participant>(
                    json: output.json, header: ["NAME", "EMAIL", "ORGANISATION", "STATUS"]
                ) {
                    [$0.displayName, $0.email.text, Display.employer($0), $0.status.label]
                }
                list.finish(try People(context.store()).participants(paging.page) { try list.add($0) })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a participant.", discussion: "Example: atelier participant show emilie@mda-caen.fr")

        @Argument(help: "The email address.") var email: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let participant = try People(context.store()).participant(try EmailAddress(email))
                if output.json { return try Terminal.printJSON(participant) }
                print("\(participant.displayName) <\(participant.email)>")
                print(
                    Terminal.table(
                        [
                            ["Organisation", Display.employer(participant)],
                            ["SIRET", participant.employer?.siret ?? ""],
                            ["Status", participant.status.label], ["Phone", participant.phone ?? ""],
                            ["Accessibility", participant.accessibilityNeeds],
                        ].filter { !$0[1].isEmpty }, indent: "  "))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import participants from a CSV file: all of it, or nothing.",
            discussion: """
                Columns prenom;nom;email;structure;siret;statut, named on the first line in any case \
                and order; separated by ; or , ; UTF-8 with or without BOM. Every bad row is reported \
                with its line and column, and then nothing is imported: the first 20 on standard \
                error, all of them in the file that --report names.

                Example: atelier participant import inscrits.csv --dry-run
                """)

        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check everything, import nothing.") var dryRun = false
        @Option(help: "When the file is refused, write every problem to this file, one per line.") var report: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw TrainingError(.notFound, "The file \(file) does not exist or cannot be read.")
                }
                let progress = Terminal.Progress(label: "rows checked")
                defer { progress.finish() }
                let imported: ParticipantImport.Report
                do {
                    imported = try ParticipantImport(context.store()).run(
                        data, fileName: file, dryRun: dryRun, progress: progress.update)
                } catch let rejection as ImportRejection {
                    if let report {
                        guard FileManager.default.createFile(atPath: report, contents: Data(rejection.report.utf8))
                        else {
                            throw TrainingError(.notFound, "The report file \(report) cannot be written.")
                        }
                    }
                    throw rejection
                }
                let organisations =
                    "\(imported.newOrganisations) new organisation\(imported.newOrganisations == 1 ? "" : "s")"
                let participants =
                    "\(French.grouped(imported.participants)) participant\(imported.participants == 1 ? "" : "s")"
                print(
                    imported.dryRun
                        ? "The file is good: it would import \(participants) and \(organisations). Nothing was imported (--dry-run)."
                        : "Imported \(participants) and \(organisations).")
            }
        }
    }
}
