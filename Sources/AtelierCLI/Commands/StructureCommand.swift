import App
import ArgumentParser
import Training

/// `atelier structure …`: the associations participants come from, and whom to ask in each.
struct StructureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structure",
        abstract: "Keep the structures participants come from, and their contact for the employer's questionnaire.",
        subcommands: [List.self, Edit.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the structures.", discussion: "Example: atelier structure list")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let structures = try Structures(context.store()).structures()
                if output.json { return try Terminal.printJSON(structures) }
                print(
                    Terminal.table(
                        [["NAME", "SIRET", "CITY", "CONTACT", "PARTICIPANTS"]]
                            + structures.map {
                                [
                                    $0.name, $0.siret ?? "", $0.city ?? "",
                                    [$0.contactName, $0.contactEmail.map { "<\($0)>" }].compactMap { $0 }
                                        .joined(separator: " "),
                                    String($0.participants),
                                ]
                            }))
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Set whom to ask in a structure: the employer's questionnaire, three months after, goes to them.",
            discussion: """
                An empty value removes it.

                Example: atelier structure edit 44201234000018 --contact-name "Jeanne Morel" --contact-email direction@famillesrurales14.fr
                """)

        @Argument(help: "The structure's SIRET, or its name.") var structure: String
        @Option(name: .customLong("contact-name"), help: "Whom to ask.") var contactName: String?
        @Option(name: .customLong("contact-email"), help: "Their email.") var contactEmail: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard contactName != nil || contactEmail != nil else {
                    throw TrainingError.invalid("Nothing to change: give --contact-name, --contact-email or both.")
                }
                let edited = try Structures(context.store()).editContact(
                    structure, name: contactName, email: contactEmail)
                let contact = [edited.contactName, edited.contactEmail.map { "<\($0)>" }].compactMap { $0 }
                print(
                    "Updated \(edited.name): \(contact.isEmpty ? "no contact" : "contact " + contact.joined(separator: " "))."
                )
            }
        }
    }
}
