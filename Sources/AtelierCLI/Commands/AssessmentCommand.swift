import App
import ArgumentParser
import Documents
import Training

/// `atelier assessment …`: the questionnaires' responses and figures.
struct AssessmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment",
        abstract: "Record questionnaire responses and report their figures (Qualiopi indicator 30).",
        subcommands: [Record.self, Show.self, Report.self])

    struct Which: ParsableArguments {
        @Flag(help: "The questionnaire à froid, about 90 days after the session; à chaud otherwise.") var cold = false
        var kind: QuestionnaireKind { cold ? .cold : .hot }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a participant's response: scores from 1 to 5, oui or non, or free text.",
            discussion: """
                `atelier assessment show SESSION` lists the questions with their numbers.

                Example: atelier assessment record S-2027-001 --participant emilie@mda-caen.fr --answer 1=5 --answer 6=oui --answer "7=Très concret"
                """)

        @Argument(help: "The session's code.") var session: String
        @Option(help: "The participant's email.") var participant: String
        @Option(name: .customLong("answer"), help: "QUESTION=VALUE, like 1=5 (repeat the option).") var answers:
            [String] = []
        @OptionGroup var which: Which
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let assessments = Assessments(try context.store())
                let questions = try assessments.questions(which.kind)
                try assessments.record(
                    session: session, participant: try EmailAddress(participant), kind: which.kind,
                    answers: try answers.map { try Answer.parse($0, questions: questions) })
                print(
                    "Recorded the \(which.kind.rawValue) response of \(participant) for the session \(session.uppercased())."
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the response rate, the mean of each question and the satisfaction rate.",
            discussion: "Example: atelier assessment show S-2027-001 --cold")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var which: Which
        @Option(
            help:
                "evaluation: what each participant learnt of each objective, as the trainers evaluated it (indicator 11)."
        )
        var kind: Kind?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        enum Kind: String, ExpressibleByArgument, CaseIterable { case evaluation }

        func run() throws {
            try options.run { context in
                if kind == .evaluation { return try showEvaluation(try context.store()) }
                let summary = try Assessments(context.store()).summary(session: session, kind: which.kind)
                if output.json { return try Terminal.printJSON(summary) }
                let rate = summary.responseRatePercent.map { " (\($0) %)" } ?? ""
                print(
                    "Questionnaire \(summary.kind.label), session \(summary.session): \(summary.responses) response\(summary.responses == 1 ? "" : "s") of \(summary.asked)\(rate)."
                )
                print(
                    Terminal.table(
                        summary.questions.map { figures in
                            let value: String =
                                switch figures.question.type {
                                case .scale:
                                    figures.meanHundredths.map { "mean " + French.hundredths($0) + " / 5" } ?? ""
                                case .yesNo: figures.yesPercent.map { "\($0) % oui" } ?? ""
                                case .text: "\(figures.texts.count) comment\(figures.texts.count == 1 ? "" : "s")"
                                }
                            return ["\(figures.question.position).", figures.question.label, value]
                        }, indent: "  "))
                if let satisfaction = summary.satisfactionPercent {
                    print("Satisfaction: \(satisfaction) % of scores are 4 or 5.")
                }
                for figures in summary.questions where !figures.texts.isEmpty {
                    print("\(figures.question.position). \(figures.question.label)")
                    for text in figures.texts { print("  « \(Printable.escaped(text, keepingLineBreaks: true)) »") }
                }
            }
        }

        /// Per objective, how many participants are at each level; then each participant's.
        private func showEvaluation(_ store: Store) throws {
            let grid = try LearningEvaluations(store).grid(session: session)
            if output.json { return try Terminal.printJSON(grid) }
            let evaluated = grid.participants.filter { $0.levels.contains { $0 != nil } }.count
            print(
                "Evaluation of \(grid.session) by its trainers: \(evaluated) of \(grid.participants.count) participants evaluated."
            )
            guard !grid.objectives.isEmpty else {
                return print("Its programme has no objectives: `atelier module edit --objective` sets them.")
            }
            print(
                Terminal.table(
                    [["OBJECTIVE", "ACQUIS", "EN COURS", "NON ACQUIS"]]
                        + grid.objectives.enumerated().map { index, objective in
                            ["\(index + 1). \(objective)"]
                                + LearningLevel.allCases.map { "\(grid.count($0, objective: index))" }
                        }, indent: "  "))
            print(
                Terminal.table(
                    [["PARTICIPANT"] + grid.objectives.indices.map { "\($0 + 1)" }]
                        + grid.participants.map { row in [row.participant] + row.levels.map { $0?.label ?? "—" } },
                    indent: "  "))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the questionnaire's report as a PDF: response rate, figures per question, every comment.",
            discussion: "Example: atelier assessment report S-2027-001 --cold --out bilan-a-froid.pdf")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var which: Which
        @Option(help: "The PDF file to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let file = try OutputFile(path: out)
                try file.write(try Assessments(context.store()).reportDocument(session: session, kind: which.kind))
                try file.commit()
                Terminal.confirm("Wrote \(out).", wrote: out)
            }
        }
    }
}
