import App
import ArgumentParser
import Documents
import Training

/// `atelier report …`: the yearly figures the organisation files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Compute the yearly figures the organisation files.",
        subcommands: [BPF.self, Quality.self])

    struct BPF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bpf",
            abstract: "The bilan pédagogique et financier's figures (cerfa 10443) for a calendar year.",
            discussion: """
                F-1: trainees and hours-trainee by type, from attended time only (a registration \
                counts once when its participant was present at a slot of the year). E: trainers \
                and the hours they gave, internal and external. C: revenue by source, the invoices \
                issued in the year net of its credit notes once it has any, by buyer; before, what is \
                claimed from each kind of funder for the sessions that ended in the year.
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
                print(
                    "\nC    Produits de la formation, par origine ("
                        + (report.revenueBasis == .invoices
                            ? "factures émises, avoirs déduits)" : "montants demandés, aucune facture émise)"))
                print(
                    Terminal.table(
                        [["LINE", "ORIGIN", "AMOUNT"]]
                            + report.revenue.map { [$0.line, $0.label, $0.amount.description] }
                            + [["", "Total", report.revenue.reduce(Money.zero) { $0 + $1.amount }.description]]))
            }
        }
    }

    struct Quality: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quality",
            abstract: "The year's results to publish (Qualiopi indicator 2), for the sessions that ended in it.",
            discussion: """
                Satisfaction and response rates per questionnaire, per module and per trainer (a \
                trainer's satisfaction only from 5 responses), the share of planned time followed, \
                courses interrupted or not followed, objectives reached as the trainers evaluated \
                them, complaints received and answered.
                Example: atelier report quality --year 2027
                """)

        @Option(help: "The calendar year, like 2027.") var year: Int
        @Option(help: "A PDF to write, with a chart per figure, for the organisation's site.") var out: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                if let out {
                    let file = try OutputFile(path: out)
                    try file.write(try QualityReport.document(year: year, store: context.store()))
                    try file.commit()
                    return Terminal.confirm("Wrote \(out).", wrote: out)
                }
                let report = try QualityReport.compute(year: year, store: context.store())
                if output.json { return try Terminal.printJSON(report) }
                let percent = { (value: Int?) in value.map { "\($0) %" } ?? "—" }
                print(
                    "Quality \(report.year): \(report.sessions) session\(report.sessions == 1 ? "" : "s") ended in the year\n"
                )
                print(
                    Terminal.table(
                        [["QUESTIONNAIRE", "OF", "ASKED", "RESPONSES", "RATE", "SATISFACTION"]]
                            + (report.satisfaction + report.byModule + report.byTrainer).map {
                                [
                                    $0.questionnaire.rawValue, $0.of ?? "all", "\($0.asked)", "\($0.responses)",
                                    percent($0.responseRatePercent), percent($0.satisfactionPercent),
                                ]
                            }))
                let courses = report.courses
                print(
                    "\nFollowed: \(percent(courses.completionPercent)) of the planned time (\(French.hours(minutes: courses.attendedMinutes)) of \(French.hours(minutes: courses.plannedMinutes)), \(courses.registrations) registrations); \(courses.interrupted) interrupted, \(courses.absent) not followed."
                )
                let objectives = report.objectives
                print(
                    "Objectives: \(objectives.acquis) acquis, \(objectives.enCours) en cours d’acquisition, \(objectives.nonAcquis) non acquis (\(percent(objectives.acquisPercent)) acquis)."
                )
                let complaints = report.complaints
                print(
                    "Complaints: \(complaints.received) received (\(complaints.reclamations) réclamation\(complaints.reclamations == 1 ? "" : "s")), \(complaints.answered) answered\(complaints.meanDaysToAnswer.map { ", in \($0) days on average" } ?? "")."
                )
            }
        }
    }
}
