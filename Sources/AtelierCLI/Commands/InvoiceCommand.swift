import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier invoice …`: invoices and credit notes drawn from a session's attendance and funding.
struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "Draw, issue, credit and follow the invoices of completed sessions.",
        discussion: """
            An invoice is drafted from a completed session (`invoice draft`), one per payer: each \
            funder for what its agreements are claimed, under subrogation; each structure for the \
            rest of the price of the hours its participants did; a person for their share. A draft \
            has no number and can be dropped. `invoice issue` gives it the next number of its \
            series, with no gap, and freezes it: a correction is a credit note.
            """,
        subcommands: [Draft.self, Edit.self, Issue.self, Credit.self, Drop.self, List.self, Show.self, PDF.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "Draw a completed session's invoices, one per payer; earlier drafts of the session go.",
            discussion: "Example: atelier invoice draft S-2027-001")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let report = try Invoices(context.store()).draft(session: session)
                if output.json { return try Terminal.printJSON(report.drafts) }
                for sentence in report.overfunded { Terminal.printError("Note: \(sentence)") }
                for invoice in report.standing {
                    print("\(invoice.number ?? "") to \(invoice.buyer) stands as issued (\(invoice.total)).")
                }
                for draft in report.drafts {
                    let what =
                        draft.kind == .invoice
                        ? "Draft invoice \(draft.id)"
                        : "Draft credit note \(draft.id) for \(draft.credits ?? "")"
                    print(
                        "\(what) to \(draft.buyer) (\(draft.buyerKind.rawValue)): \(draft.lines.count) line\(draft.lines.count == 1 ? "" : "s"), \(draft.total)."
                    )
                }
                if report.drafts.isEmpty {
                    print(
                        "Nothing to draft: \(report.standing.isEmpty ? "no one owes anything for" : "the issued invoices say what the attendance of") \(session.uppercased())\(report.standing.isEmpty ? "" : " says")."
                    )
                } else {
                    print("Check them with `atelier invoice show ID`, then issue each with `atelier invoice issue ID`.")
                }
            }
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue a draft: its number, its dates and its PDF, frozen from then on.",
            discussion: "Example: atelier invoice issue 12")

        @Argument(help: "The draft's id.") var id: Int
        @Option(help: "The issue date, like 2027-04-05: today by default, never before the series' last.") var date:
            String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let day = try date.map { try LocalDate(parsing: $0) }
                let invoice = try Invoices(context.store()).issue(id, on: day)
                print(
                    "Issued \(invoice.number ?? "") to \(invoice.buyer) on \(invoice.issuedOn.map(\.description) ?? ""): \(invoice.total)\(invoice.kind == .invoice ? ", due \(invoice.dueOn.map(\.description) ?? "")" : ", crediting \(invoice.credits ?? "")")."
                )
            }
        }
    }

    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credit",
            abstract: "Issue a credit note for an issued invoice: all its lines, or some of them.",
            discussion: """
                Example: atelier invoice credit FA-2027-00042 --all --reason "Absence corrigée le 12 avril"
                         atelier invoice credit FA-2027-00042 --lines 2,3 --reason "Stagiaire remplacé"
                """)

        @Argument(help: "The invoice's number or id.") var invoice: String
        @Option(help: "The positions of the lines to credit, like 2,3.") var lines: String?
        @Flag(help: "Credit every line not credited yet.") var all = false
        @Option(help: "Why, printed on the credit note.") var reason: String
        @Option(help: "The issue date, like 2027-04-05 (default: today).") var date: String?
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard (lines == nil) != !all else { throw ValidationError("Give --all or --lines, one of them.") }
        }

        func run() throws {
            try options.run { context in
                let positions = try lines.map { text in
                    try text.split(separator: ",").map { part in
                        guard let position = Int(part.trimmingCharacters(in: .whitespaces)), position > 0 else {
                            throw TrainingError.invalid(
                                "The lines “\(text)” are not line positions: write them like 2,3.")
                        }
                        return position
                    }
                }
                let invoices = Invoices(try context.store())
                let note = try invoices.credit(
                    try invoices.resolve(invoice), positions: positions, reason: reason,
                    on: try date.map { try LocalDate(parsing: $0) })
                print("Issued \(note.number ?? "") to \(note.buyer), crediting \(note.credits ?? ""): \(note.total).")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Reword or remove a line of a draft; its total follows.",
            discussion: """
                Example: atelier invoice edit 12 --line 2 --label "Léa FOURNIER — 21 h, convention n° 4"
                         atelier invoice edit 12 --line 3 --remove
                """)

        @Argument(help: "The draft's id.") var id: Int
        @Option(help: "The line's position.") var line: Int
        @Option(help: "Its new label.") var label: String?
        @Flag(help: "Remove the line.") var remove = false

        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard (label == nil) == remove else { throw ValidationError("Give --label or --remove, one of them.") }
        }

        func run() throws {
            try options.run { context in
                let edited = try Invoices(context.store()).edit(id, line: line, label.map { .label($0) } ?? .remove)
                print(
                    "Edited the draft \(edited.id) to \(edited.buyer): \(edited.lines.count) line\(edited.lines.count == 1 ? "" : "s"), \(edited.total)."
                )
            }
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drop", abstract: "Drop a draft; an issued invoice is never deleted.",
            discussion: "Example: atelier invoice drop 12")

        @Argument(help: "The draft's id.") var id: Int
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let dropped = try Invoices(context.store()).drop(id)
                print("Dropped the draft \(dropped.id) to \(dropped.buyer) (\(dropped.total)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List issued invoices and credit notes, or the drafts.",
            discussion: "Example: atelier invoice list --unpaid")

        @Flag(help: "The drafts instead of issued invoices.") var drafts = false
        @Flag(help: "Only invoices with something left to pay.") var unpaid = false
        @Flag(help: "Only invoices past their due date with something left to pay.") var overdue = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var filter = Invoices.Filter()
                (filter.drafts, filter.unpaid, filter.overdue) = (drafts, unpaid, overdue)
                let invoices = try Invoices(context.store()).list(filter)
                if output.json { return try Terminal.printJSON(invoices) }
                print(
                    Terminal.table(
                        [["ID", "NUMBER", "ISSUED", "DUE", "SESSION", "BUYER", "TOTAL", "PAID", "LEFT"]]
                            + invoices.map {
                                [
                                    String($0.id), $0.number ?? "draft", $0.issuedOn?.description ?? "",
                                    $0.dueOn?.description ?? "", $0.session, $0.buyer,
                                    ($0.kind == .creditNote ? "−" : "") + $0.total.description,
                                    $0.paid.description, $0.leftToPay.description,
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show an invoice or a credit note with its lines.",
            discussion: "Example: atelier invoice show FA-2027-00042")

        @Argument(help: "The invoice's number or id.") var invoice: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let invoices = Invoices(try context.store())
                let shown = try invoices.invoice(try invoices.resolve(invoice))
                if output.json { return try Terminal.printJSON(shown) }
                print(
                    "\(shown.kind == .invoice ? "Invoice" : "Credit note") \(shown.number ?? "draft \(shown.id)") to \(shown.buyer) (\(shown.buyerKind.rawValue)), session \(shown.session)"
                )
                if let issued = shown.issuedOn {
                    print("Issued \(issued)\(shown.kind == .invoice ? ", due \(shown.dueOn?.description ?? "")" : "")")
                }
                if let credits = shown.credits { print("Credits \(credits): \(shown.reason ?? "")") }
                print(
                    Terminal.table(
                        [["#", "KIND", "LINE", "AMOUNT"]]
                            + shown.lines.map {
                                [String($0.position), $0.kind.rawValue, $0.label, $0.amount.description]
                            },
                        indent: "  "))
                print("Total \(shown.total)")
                if shown.kind == .invoice, !shown.isDraft {
                    print("Credited \(shown.credited), paid \(shown.paid), left to pay \(shown.leftToPay)")
                }
            }
        }
    }

    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write an issued invoice's PDF, exactly as it was issued and sent.",
            discussion: "Example: atelier invoice pdf FA-2027-00042 --out FA-2027-00042.pdf")

        @Argument(help: "The invoice's number or id.") var invoice: String
        @Option(help: "The PDF to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let invoices = Invoices(try context.store())
                try Terminal.write(try invoices.pdf(try invoices.resolve(invoice)).pdf, to: out)
            }
        }
    }
}

/// `atelier payment …`: what buyers paid.
struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record what buyers paid on their invoices.",
        subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record", abstract: "Record a payment received for an issued invoice.",
            discussion:
                "Example: atelier payment record FA-2027-00042 --amount \"3 600\" --date 2027-05-02 --method virement")

        @Argument(help: "The invoice's number or id.") var invoice: String
        @Option(help: "The amount received, like 3 600,00.") var amount: String
        @Option(help: "The day it was received, like 2027-05-02.") var date: String
        @Option(help: "How it was paid.") var method: Payment.Method = .virement
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let invoices = Invoices(try context.store())
                let payment = try invoices.recordPayment(
                    try invoices.resolve(invoice), amount: try Money.parse(amount), on: try LocalDate(parsing: date),
                    method: method)
                print(
                    "Recorded \(payment.amount) received on \(payment.paidOn) by \(payment.method.french) for \(payment.invoice); \(payment.leftToPay) left to pay."
                )
            }
        }
    }
}
