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
        @Option(
            help:
                "The questionnaire: the name of its file in Questionnaires/, like hot, cold, positioning or self-assessment."
        )
        var questionnaire = QuestionnaireCode.hot.rawValue

        var kind: QuestionnaireCode {
            get throws { try QuestionnaireCode(parsing: questionnaire) }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract:
                "Record a participant's response: a score, oui or non, an option, a text, or a score per objective.",
            discussion: """
                `atelier assessment show SESSION` lists the questions with their numbers. A score per \
                objective is written 1=2,3,4 (one per objective of the session's programme, in order); \
                an adaptation 3=non, or 3=oui: what is needed.

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
                let store = try context.store()
                let kind = try which.kind
                let assessments = Assessments(store)
                let questionnaires = Questionnaires(store)
                _ = try questionnaires.title(kind)
                let questions = try questionnaires.questions(kind)
                let objectives = try assessments.objectiveCount(session: session)
                try assessments.record(
                    session: session, by: .participant(try EmailAddress(participant)), kind: kind,
                    answers: try answers.map { try Answer.parse($0, questions: questions, objectives: objectives) })
                print("Recorded the \(kind) response of \(participant) for the session \(session.uppercased()).")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the response rate, the mean of each question and the satisfaction rate.",
            discussion: "Example: atelier assessment show S-2027-001 --questionnaire cold")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var which: Which
        @Option(
            help: """
                positioning: each objective before and after, side by side — the positioning, the \
                self-assessment and the trainers' evaluation (indicators 8 and 11); evaluation: the \
                trainers' evaluation alone.
                """
        )
        var kind: Kind?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        enum Kind: String, ExpressibleByArgument, CaseIterable { case positioning, evaluation }

        func run() throws {
            try options.run { context in
                let store = try context.store()
                switch kind {
                case .evaluation: return try showEvaluation(store)
                case .positioning: return try showProgress(store)
                case nil: break
                }
                let summary = try Assessments(store).summary(session: session, kind: try which.kind)
                if output.json { return try Terminal.printJSON(summary) }
                let rate = summary.responseRatePercent.map { " (\($0) %)" } ?? ""
                print(
                    "\(summary.title) (\(summary.kind)), session \(summary.session): \(summary.responses) response\(summary.responses == 1 ? "" : "s") of \(summary.asked)\(rate)."
                )
                print(
                    Terminal.table(
                        summary.questions.map { figures in
                            let value: String =
                                switch figures.question.type {
                                case .scale, .eachObjective:
                                    figures.meanHundredths.map { "mean " + French.hundredths($0) + " / 5" } ?? ""
                                case .score:
                                    figures.meanHundredths.map { "mean " + French.hundredths($0) + " / 10" } ?? ""
                                case .yesNo, .adaptation: figures.yesPercent.map { "\($0) % oui" } ?? ""
                                case .oneChoice:
                                    figures.choices.map { "\($0.option): \($0.count)" }.joined(separator: ", ")
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

        /// Per objective, the mean score before and after and the trainers' levels; then each
        /// participant's: `2 → 4 acquis`.
        private func showProgress(_ store: Store) throws {
            let progress = try Assessments(store).progress(session: session)
            if output.json { return try Terminal.printJSON(progress) }
            let count = progress.participants.count
            print(
                "Objectives of \(progress.session), before and after: \(progress.positioned) of \(count) participants positioned, \(progress.selfAssessed) self-assessed, \(progress.evaluated) evaluated by the trainers; \(progress.adaptationsAsked) asked for an adaptation."
            )
            guard !progress.objectives.isEmpty else {
                return print("Its programme has no objectives: `atelier module edit --objective` sets them.")
            }
            let mean = { (hundredths: Int?) in hundredths.map { French.hundredths($0) + " / 5" } ?? "—" }
            print(
                Terminal.table(
                    [["OBJECTIVE", "BEFORE", "AFTER", "ACQUIS", "EN COURS", "NON ACQUIS"]]
                        + progress.objectives.enumerated().map { index, objective in
                            [
                                "\(index + 1). \(objective.text)", mean(objective.meanBefore),
                                mean(objective.meanAfter),
                                "\(objective.acquis)", "\(objective.enCours)", "\(objective.nonAcquis)",
                            ]
                        }, indent: "  "))
            print(
                Terminal.table(
                    [["PARTICIPANT"] + progress.objectives.indices.map { "\($0 + 1)" } + ["ADAPTATION"]]
                        + progress.participants.map { row in
                            [row.participant]
                                + progress.objectives.indices.map { index in
                                    let score = { (value: Int?) in value.map(String.init) ?? "—" }
                                    return
                                        "\(score(row.before[index])) → \(score(row.after[index])) \(row.evaluation[index]?.label ?? "—")"
                                } + [row.adaptationNeeded.map { $0 ? "oui" : "non" } ?? "—"]
                        }, indent: "  "))
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
            discussion: "Example: atelier assessment report S-2027-001 --questionnaire cold --out bilan-a-froid.pdf")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var which: Which
        @Option(help: "The PDF file to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let file = try OutputFile(path: out)
                try file.write(try Assessments(store).reportDocument(session: session, kind: try which.kind))
                try file.commit()
                Terminal.confirm("Wrote \(out).", wrote: out)
            }
        }
    }
}
