import App
import ArgumentParser
import Training

/// `atelier report …`: the yearly figures the organisation files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Compute the yearly figures the organisation files.", subcommands: [BPF.self])

    struct BPF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bpf",
            abstract: "The bilan pédagogique et financier's figures (cerfa 10443) for a calendar year.",
            discussion: """
                F-1: trainees and hours-trainee by type, from attended time only (a registration \
                counts once when its participant was present at a slot of the year). E: trainers \
                and the hours they gave, internal and external. C: revenue by source, what is claimed \
                from each kind of funder for the sessions that ended in the year.
                Example: atelier report bpf --year 2027
                """)

        @Option(help: "The calendar year, like 2027.") var year: Int
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let report = try BPFReport.compute(year: year, store: context.store())
                if output.json { return try Terminal.printJSON(report) }
                print("Bilan pédagogique et financier \(report.year)\n")
                print("F-1  Stagiaires et heures-stagiaires (temps de présence)")
                print(
                    Terminal.table(
                        [["LINE", "TYPE", "TRAINEES", "HOURS"]]
                            + report.trainees.map {
                                [$0.line, $0.label, String($0.trainees), French.hours(minutes: $0.attendedMinutes)]
                            } + [
                                [
                                    "", "Total", String(report.trainees.reduce(0) { $0 + $1.trainees }),
                                    French.hours(minutes: report.trainees.reduce(0) { $0 + $1.attendedMinutes }),
                                ]
                            ]))
                print("\nE    Formateurs et heures de formation dispensées")
                print(
                    Terminal.table(
                        [["LINE", "TRAINERS", "COUNT", "HOURS"]]
                            + report.trainers.map {
                                [$0.line, $0.label, String($0.trainers), French.hours(minutes: $0.minutes)]
                            }))
                print("\nC    Produits de la formation, par origine (montants demandés)")
                print(
                    Terminal.table(
                        [["LINE", "ORIGIN", "AMOUNT"]]
                            + report.revenue.map { [$0.line, $0.label, $0.amount.description] }
                            + [["", "Total", report.revenue.reduce(Money.zero) { $0 + $1.amount }.description]]))
            }
        }
    }
}
