import App
import ArgumentParser
import Foundation
import Training

/// `atelier incident …`: the register of complaints, incidents and difficulties (Qualiopi
/// indicators 31 and 32).
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Record complaints, incidents and difficulties, and answer them.",
        subcommands: [Add.self, Answer.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record what someone reported, as they said it.",
            discussion: """
                Example: atelier incident add --session S-2027-001 --kind reclamation \
                --from participant:emilie@asso.fr --text "La salle était trop petite."
                """)

        @Option(help: "The session it is about, if any.") var session: String?
        @Option(help: "reclamation, incident or difficulte.") var kind: Incident.Kind
        @Option(help: "Who reported it: participant:EMAIL, trainer:CODE, funder:CODE or other.") var from: String
        @Option(help: "What they said.") var text: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let incident = try Incidents(context.store()).add(
                    session: session, kind: kind, from: try Incident.Source(parsing: from), text: text)
                print("Recorded the \(incident.kind.label) \(incident.id).")
            }
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer",
            abstract:
                "Answer an incident, once; the answer is mailed to whoever reported it when Atelier has their email.",
            discussion: "Example: atelier incident answer 3 --text \"Nous changeons de salle pour la suite.\"")

        @Argument(help: "The incident's number.") var id: String
        @Option(help: "The answer.") var text: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let number = try WholeNumber.parse(id, "incident number", in: 1...Int(Int64.max))
                let incident = try Incidents(context.store()).answer(number, text: text)
                print("Answered the \(incident.kind.label) \(incident.id).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the incidents, oldest first, with their answers.",
            discussion: "Example: atelier incident list --open --session S-2027-001")

        @Flag(help: "Only those not answered yet.") var open = false
        @Option(help: "Only the session's.") var session: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let incidents = try Incidents(context.store()).list(open: open, session: session)
                if output.json { return try Terminal.printJSON(incidents) }
                let zone = context.timeZone
                print(
                    Terminal.table(
                        [["NO", "REPORTED", "KIND", "FROM", "SESSION", "ANSWERED"]]
                            + incidents.map {
                                [
                                    "\($0.id)", French.day(LocalDate($0.reportedAt, in: zone)), $0.kind.label, $0.from,
                                    $0.session ?? "", $0.answeredAt.map { French.day(LocalDate($0, in: zone)) } ?? "—",
                                ]
                            }))
            }
        }
    }
}

/// `réclamation`, `incident`, `difficulté`: with or without accents.
extension Incident.Kind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.folding(options: .diacriticInsensitive, locale: nil).lowercased())
    }
}
