import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier convention …`: conventions with structures and contrats with individuals who pay.
struct ConventionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convention",
        abstract: "Draw and sign the conventions and contrats de formation of a session, before the action.",
        subcommands: [Draw.self, Link.self, Sign.self, List.self, PDF.self])

    struct Draw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draw",
            abstract: "Draw the convention with a structure, or the contrat with an individual who pays, as a PDF.",
            discussion: """
                The convention carries every mention of D6353-1 and the programme of the session's \
                version, and names the structure's confirmed participants with their price and what \
                their funders pay; the contrat carries the mentions of L6353-4 and the ten days to \
                withdraw. Drawing again replaces an unsigned one; a signed one stands.
                Examples: atelier convention draw S-2027-001 --buyer "structure:Graine Normandie" --out convention.pdf
                          atelier convention draw S-2027-001 --buyer participant:lea@exemple.fr
                """)

        @Argument(help: "The session's code.") var session: String
        @Option(help: "structure:NAME (or its SIRET), or participant:EMAIL.") var buyer: String
        @Option(help: "Also write the PDF there.") var out: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let party = try ConventionParty(parsing: buyer)
                let drawn = try ConventionCommand.draw(context, out: out) { try $0.draw(session: session, with: party) }
                print(
                    "Drew the \(drawn.kind.rawValue) \(drawn.id) with \(drawn.party) for \(drawn.session): \(drawn.price), of which \(drawn.funded) funded. Record its signature with `atelier convention sign \(drawn.id)`."
                )
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Print a personal link to sign a convention, a contrat or a quote on the pages.",
            discussion: """
                The party opens it, reads the document, and signs with a finger, a stylus or the \
                mouse, or by typing their name: the signature is recorded with its evidence (the \
                time, the address and browser, the sentence certified, the SHA-256 of the PDF shown), \
                chained to the signatures before it. Send it as you would a personal message.
                Example: atelier convention link 4
                """)

        @Argument(help: "The convention's, contrat's or quote's id.") var id: Int
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let token = try Conventions(context.store()).issueLink(id)
                print(WebLinks(base: context.settings[.webBaseURL].text).convention(token: token))
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign", abstract: "Record the party's signature on paper.",
            discussion: "Example: atelier convention sign 4 --by \"Jeanne Morel\" --role Présidente --date 2027-02-15")

        @Argument(help: "The convention's id.") var id: Int
        @Option(help: "Who signed.") var by: String
        @Option(help: "Their role: Présidente, Directeur… (for a contrat, « stagiaire »).") var role: String
        @Option(help: "The day it was signed, like 2027-02-15.") var date: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let signed = try Conventions(context.store()).sign(
                    id, by: by, role: role, on: try LocalDate(parsing: date))
                print(
                    "Recorded the signature of the \(signed.kind.rawValue) \(signed.id) by \(signed.signedBy ?? ""), \(signed.signerRole ?? ""), on \(signed.signedOn?.description ?? "")\(signed.withdrawalEnds.map { "; nothing may be invoiced or paid before \($0)" } ?? "")."
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the conventions and contrats, of a session or all.",
            discussion: "Example: atelier convention list S-2027-001")

        @Argument(help: "The session's code.") var session: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let conventions = try Conventions(context.store()).list(session: session)
                if output.json { return try Terminal.printJSON(conventions) }
                print(
                    Terminal.table(
                        [["ID", "SESSION", "KIND", "PARTY", "PRICE", "FUNDED", "SIGNED"]]
                            + conventions.map { convention in
                                let signed = convention.signedOn.map { "\($0), \(convention.signedBy ?? "")" }
                                return [
                                    String(convention.id), convention.session, convention.kind.rawValue,
                                    convention.party,
                                    convention.price.description, convention.funded.description, signed ?? "not yet",
                                ]
                            }))
            }
        }
    }

    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write a convention's PDF as drawn.",
            discussion: "Example: atelier convention pdf 4 --out convention.pdf")

        @Argument(help: "The convention's id.") var id: Int
        @Option(help: "The PDF to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                try Terminal.write(try Conventions(context.store()).pdf(id).pdf, to: out)
            }
        }
    }

    /// Draws with `draw` and, when `out` is given, writes the PDF there: the file is opened
    /// first, so that a path that cannot be written is refused before anything is drawn.
    static func draw(_ context: AppContext, out: String?, _ draw: (Conventions) throws -> Convention) throws
        -> Convention
    {
        let file = try out.map { try OutputFile(path: $0) }
        let conventions = Conventions(try context.store())
        let drawn = try draw(conventions)
        if let file, let out {
            try file.write(try conventions.pdf(drawn.id).pdf)
            try file.commit()
            Terminal.confirm("Wrote \(out).", wrote: out)
        }
        return drawn
    }
}
