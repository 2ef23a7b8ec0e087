import App
import ArgumentParser
import Training

/// `atelier improvement …`: what the organisation decides to improve, and what it did (Qualiopi
/// indicator 32).
struct ImprovementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "improvement",
        abstract: "Record the improvements decided, from an incident or a session, and what was done.",
        subcommands: [Add.self, Done.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an improvement decided.",
            discussion: """
                Example: atelier improvement add --text "Réserver une salle de 30 m² au moins." --from incident:3 \
                --due 2027-06-30
                """)

        @Option(help: "What will be improved.") var text: String
        @Option(help: "What it comes from: incident:ID or session:CODE.") var from: String?
        @Option(help: "When it should be done, like 2027-06-30.") var due: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let improvement = try Improvements(context.store()).add(
                    text: text, from: try from.map { try Improvement.Origin(parsing: $0) },
                    due: try due.map { try LocalDate(parsing: $0) })
                print("Recorded the improvement \(improvement.id).")
            }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Record what was done, once.",
            discussion: "Example: atelier improvement done 2 --text \"Salle B réservée pour 2027.\"")

        @Argument(help: "The improvement's number.") var id: String
        @Option(help: "What was done.") var text: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let number = try WholeNumber.parse(id, "improvement number", in: 1...Int(Int64.max))
                let improvement = try Improvements(context.store()).done(number, text: text)
                print("Recorded what was done for the improvement \(improvement.id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the improvements, oldest first.", discussion: "Example: atelier improvement list --open")

        @Flag(help: "Only those not done yet.") var open = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let improvements = try Improvements(context.store()).list(open: open)
                if output.json { return try Terminal.printJSON(improvements) }
                let zone = context.timeZone
                print(
                    Terminal.table(
                        [["NO", "DECIDED", "FROM", "DUE", "DONE", "TEXT"]]
                            + improvements.map {
                                [
                                    "\($0.id)", French.day(LocalDate($0.createdAt, in: zone)), $0.from ?? "",
                                    $0.dueOn.map(French.day) ?? "",
                                    $0.doneAt.map { French.day(LocalDate($0, in: zone)) } ?? "—",
                                    $0.text,
                                ]
                            }))
            }
        }
    }
}
