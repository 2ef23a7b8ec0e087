import App
import ArgumentParser
import Training

/// `atelier funder …`.
struct FunderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funder", abstract: "Keep who pays for trainings: OPCO, Région, État, employers…",
        subcommands: [Add.self, List.self, Edit.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a funder.",
            discussion:
                "Example: atelier funder add UNIFORMATION --name \"Uniformation (OPCO Cohésion sociale)\" --kind opco")

        @Argument(help: "The funder's code, like UNIFORMATION.") var code: String
        @Option(help: "The name.") var name: String
        @Option(help: "What kind of funder it is: the BPF sorts revenue by it.") var kind: Funder.Kind
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let funder = try Catalogue(context.store()).addFunder(Funder(code: code, name: name, kind: kind))
                print("Added the funder \(funder.code): \(funder.name) (\(funder.kind.label)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the funders.", discussion: "Example: atelier funder list")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let funders = try Catalogue(context.store()).funders()
                if output.json { return try Terminal.printJSON(funders) }
                print(
                    Terminal.table(
                        [["CODE", "NAME", "KIND", "INVOICES", "BILLING"]]
                            + funders.map {
                                [
                                    $0.code, $0.name, $0.kind.label,
                                    "per \($0.invoiceGrouping.rawValue)"
                                        + ($0.invoicingDelayDays.map { ", within \($0) days" } ?? ""),
                                    $0.billing.summary,
                                ]
                            }))
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Set what a funder's invoices print, how it wants them grouped, and within how long.",
            discussion: """
                An empty value removes it.

                Example: atelier funder edit UNIFORMATION --siret 78451923400042 --billing-street "43 boulevard Diderot" \
                --billing-postal-code 75012 --billing-city Paris --billing-email factures@uniformation.example \
                --invoice-grouping agreement --invoice-within 90
                """)

        @Argument(help: "The funder's code.") var code: String
        @Option(help: "The funder's SIRET, 14 digits.") var siret: String?
        @OptionGroup var billing: BillingOptions
        @Option(
            name: .customLong("invoice-grouping"),
            help: "One invoice per agreement (its dossier), per participant, or per session for all its agreements.")
        var grouping: Funder.InvoiceGrouping?
        @Option(
            name: .customLong("invoice-within"),
            help: "Within how many days of a session's end the funder must receive its invoice.")
        var delay: Int?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard siret != nil || !billing.isEmpty || grouping != nil || delay != nil else {
                    throw TrainingError.invalid(
                        "Nothing to change: give --siret, a billing option, --invoice-grouping or --invoice-within.")
                }
                let funder = try Catalogue(context.store()).editFunder(code) { funder in
                    if let siret { funder.siret = siret }
                    billing.apply(to: &funder.billing)
                    if let grouping { funder.invoiceGrouping = grouping }
                    if let delay { funder.invoicingDelayDays = delay }
                }
                print(
                    "Updated the invoicing of \(funder.code): one invoice per \(funder.invoiceGrouping.rawValue)\(funder.invoicingDelayDays.map { ", within \($0) days of a session's end" } ?? ""); \(funder.billing.summary.isEmpty ? "no billing address" : "billing " + funder.billing.summary)."
                )
            }
        }
    }
}
