import App
import ArgumentParser
import Training

/// `atelier structure …`: the associations participants come from, and whom to ask in each.
struct StructureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structure",
        abstract:
            "Keep the structures participants come from: their contact for the employer's questionnaire, and what their invoices print.",
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
                        [["NAME", "SIRET", "CITY", "CONTACT", "BILLING", "PARTICIPANTS"]]
                            + structures.map {
                                [
                                    $0.name, $0.siret ?? "", $0.city ?? "",
                                    [$0.contactName, $0.contactEmail.map { "<\($0)>" }].compactMap { $0 }
                                        .joined(separator: " "),
                                    $0.billing.summary, String($0.participants),
                                ]
                            }))
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract:
                "Set whom to ask in a structure (the employer's questionnaire goes to them), and what its invoices print.",
            discussion: """
                An empty value removes it.

                Example: atelier structure edit 44201234000018 --contact-name "Jeanne Morel" --contact-email direction@famillesrurales14.fr
                Example: atelier structure edit "Graine Normandie" --siret 41220981000016 --billing-street "2 rue de Bras" \
                --billing-postal-code 14000 --billing-city Caen --billing-email compta@graine.example
                """)

        @Argument(help: "The structure's SIRET, or its name.") var structure: String
        @Option(name: .customLong("contact-name"), help: "Whom to ask.") var contactName: String?
        @Option(name: .customLong("contact-email"), help: "Their email.") var contactEmail: String?
        @Option(help: "The structure's SIRET, 14 digits, when it had none or changed.") var siret: String?
        @OptionGroup var billing: BillingOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard contactName != nil || contactEmail != nil || siret != nil || !billing.isEmpty else {
                    throw TrainingError.invalid(
                        "Nothing to change: give --contact-name, --contact-email, --siret or a billing option.")
                }
                let edited = try Structures(context.store()).edit(
                    structure, contactName: contactName, contactEmail: contactEmail, siret: siret
                ) { billing.apply(to: &$0) }
                let contact = [edited.contactName, edited.contactEmail.map { "<\($0)>" }].compactMap { $0 }
                print(
                    "Updated \(edited.name): \(contact.isEmpty ? "no contact" : "contact " + contact.joined(separator: " ")); \(edited.billing.summary.isEmpty ? "no billing address" : "billing " + edited.billing.summary)."
                )
            }
        }
    }
}
