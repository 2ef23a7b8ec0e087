import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier quote …`: quotes (devis) for a session, to a structure, a funder or a person.
struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Draw quotes for a session's buyers, and record their acceptance.",
        discussion: """
            A quote prices the buyer's confirmed participants from the programme version the \
            session keeps, with what their funders pay, and carries every mention of D6353-1: \
            accepted, it stands in for the convention of an OPCO-funded action, and says so. Its \
            offer holds 30 days.
            """,
        subcommands: [Add.self, Accept.self, List.self, Show.self, PDF.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Draw a quote for a buyer's participants of a session.",
            discussion: """
                Examples: atelier quote add S-2027-001 --buyer funder:UNIFORMATION --out devis.pdf
                          atelier quote add S-2027-001 --buyer "structure:Graine Normandie"
                """)

        @Argument(help: "The session's code.") var session: String
        @Option(help: "structure:NAME (or its SIRET), funder:CODE or participant:EMAIL.") var buyer: String
        @Option(help: "Also write the PDF there.") var out: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let party = try ConventionParty(parsing: buyer)
                let quote = try ConventionCommand.draw(context, out: out) { try $0.quote(session: session, to: party) }
                print(
                    "Drew the quote \(quote.id) to \(quote.party) for \(quote.session): \(quote.price), of which \(quote.funded) funded, valid until \(quote.validUntil?.description ?? "")."
                )
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept", abstract: "Record a quote's acceptance, signed « bon pour accord ».",
            discussion: "Example: atelier quote accept 7 --by \"Sophie Marie\" --role \"Chargée de mission\"")

        @Argument(help: "The quote's id.") var id: Int
        @Option(help: "Who accepted it.") var by: String
        @Option(help: "Their role.") var role: String
        @Option(help: "The day, like 2027-03-02 (default: today).") var date: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let day = try date.map { try LocalDate(parsing: $0) } ?? LocalDate(Date(), in: store.timeZone)
                let accepted = try Conventions(store).sign(id, by: by, role: role, on: day, quote: true)
                print(
                    "Recorded the acceptance of the quote \(accepted.id) by \(accepted.signedBy ?? ""), \(accepted.signerRole ?? ""), on \(accepted.signedOn?.description ?? "")."
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the quotes, of a session or all.",
            discussion: "Example: atelier quote list S-2027-001")

        @Argument(help: "The session's code.") var session: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let quotes = try Conventions(context.store()).list(session: session, quotes: true)
                if output.json { return try Terminal.printJSON(quotes) }
                print(
                    Terminal.table(
                        [["ID", "SESSION", "BUYER", "PRICE", "FUNDED", "VALID UNTIL", "ACCEPTED"]]
                            + quotes.map { quote in
                                [
                                    String(quote.id), quote.session, quote.party, quote.price.description,
                                    quote.funded.description, quote.validUntil?.description ?? "",
                                    quote.signedOn.map { "\($0), \(quote.signedBy ?? "")" } ?? "not yet",
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a quote.", discussion: "Example: atelier quote show 7")

        @Argument(help: "The quote's id.") var id: Int
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let quote = try Conventions(context.store()).quote(id)
                if output.json { return try Terminal.printJSON(quote) }
                print(
                    "Quote \(quote.id) to \(quote.party), session \(quote.session): \(quote.price), of which \(quote.funded) funded; valid until \(quote.validUntil?.description ?? "")"
                )
                print(
                    quote.signedOn.map { "Accepted on \($0) by \(quote.signedBy ?? ""), \(quote.signerRole ?? "")" }
                        ?? "Not accepted yet")
            }
        }
    }

    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write a quote's PDF as drawn.",
            discussion: "Example: atelier quote pdf 7 --out devis.pdf")

        @Argument(help: "The quote's id.") var id: Int
        @Option(help: "The PDF to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let conventions = Conventions(try context.store())
                _ = try conventions.quote(id)
                try Terminal.write(try conventions.pdf(id).pdf, to: out)
            }
        }
    }
}
