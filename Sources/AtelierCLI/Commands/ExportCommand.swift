import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier export …`: the files an accountant sends out.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the files an accountant sends to funders, and the sales journal.",
        subcommands: [FundingExportCommand.self, InvoicesExportCommand.self])
}

extension TableFormat: ExpressibleByArgument {}

struct FundingExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding",
        abstract:
            "Write a funder's claims for the sessions that ended in a period, one row per participant and session.",
        discussion: """
            A session belongs to the period in which its last slot ends, so that it is claimed once. \
            The totals row adds the rows to the cent. CSV is for French spreadsheets (;, UTF-8 with \
            BOM, decimal commas); XLSX keeps numbers and dates typed. The file appears only when complete.
            Example: atelier export funding --funder UNIFORMATION --from 2027-04-01 --to 2027-06-30 --format xlsx --out claims.xlsx
            """)

    @Option(help: "The funder's code.") var funder: String
    @Option(help: "The first day of the period, like 2027-04-01.") var from: String
    @Option(help: "The last day of the period, included.") var to: String
    @Option(help: "csv or xlsx; by default, the --out file's extension.") var format: TableFormat?
    @Option(help: "The file to write.") var out: String
    @OptionGroup var options: GlobalOptions

    var resolvedFormat: TableFormat? {
        format ?? TableFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased())
    }

    func validate() throws {
        guard resolvedFormat != nil else {
            throw ValidationError("Say --format csv or --format xlsx: the file \(out) has neither extension.")
        }
    }

    func run() throws {
        try options.run { context in
            let from = try LocalDate(parsing: from)
            let to = try LocalDate(parsing: to)
            let writer = try (resolvedFormat ?? .csv).writer(
                path: out, sheetName: "\(funder.uppercased()) \(from)", columns: FundingExport.columns)
            guard
                let summary = try FundingExport(context.store()).write(funder: funder, from: from, to: to, into: writer)
            else { throw FundingExport.nothingToExport(funder: funder, from: from, to: to) }
            Terminal.confirm(
                "Wrote \(out): \(summary.rows) row\(summary.rows == 1 ? "" : "s"), \(summary.claimed) claimed of \(summary.agreed) agreed.",
                wrote: out)
        }
    }
}

struct InvoicesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "Write the sales journal: the invoices and credit notes issued in a period, with what is paid.",
        discussion: """
            One row per invoice or credit note, by issue date and number: net, VAT, total, paid and \
            left to pay, credit notes negative; a totals row adds them to the cent. CSV is for French \
            spreadsheets (;, UTF-8 with BOM, decimal commas); XLSX keeps numbers and dates typed.
            Example: atelier export invoices --from 2027-01-01 --to 2027-03-31 --out ventes-T1.xlsx
            """)

    @Option(help: "The first day of the period, like 2027-01-01.") var from: String
    @Option(help: "The last day of the period, included.") var to: String
    @Option(help: "csv or xlsx; by default, the --out file's extension.") var format: TableFormat?
    @Option(help: "The file to write.") var out: String
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard format ?? TableFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) != nil else {
            throw ValidationError("Say --format csv or --format xlsx: the file \(out) has neither extension.")
        }
    }

    func run() throws {
        try options.run { context in
            let from = try LocalDate(parsing: from)
            let to = try LocalDate(parsing: to)
            let format = format ?? TableFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) ?? .csv
            let writer = try format.writer(path: out, sheetName: "Ventes \(from)", columns: SalesJournal.columns)
            guard let summary = try SalesJournal(context.store()).write(from: from, to: to, into: writer) else {
                throw TrainingError.notFound(
                    "No invoice was issued between \(from) and \(to): there is nothing to write.")
            }
            Terminal.confirm(
                "Wrote \(out): \(summary.rows) invoice\(summary.rows == 1 ? "" : "s") and credit note\(summary.rows == 1 ? "" : "s"), \(Money(cents: summary.net)) net, \(Money(cents: summary.left)) left to pay.",
                wrote: out)
        }
    }
}
