import App
import ArgumentParser
import Foundation
import Training

/// `atelier session …`.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Schedule sessions of modules and run them to completion.",
        subcommands: [
            Schedule.self, List.self, Show.self, Roster.self, Reschedule.self, Publish.self, Cancel.self, Complete.self,
        ])

    /// Slots, venue and trainers, shared by `schedule` and `reschedule`.
    struct Timing: ParsableArguments {
        @Option(
            name: .customLong("slot"),
            help:
                "A half-day: DATE T START - END, like 2027-04-05T09:00-12:30 (repeat the option). Days in a row form a part."
        )
        var slots: [String] = []
        @Option(help: "The venue's code.") var venue: String?
        @Option(name: .customLong("trainer"), help: "A trainer's code (repeat the option); they give every slot.")
        var trainers: [String] = []
        @Option(name: .customLong("part-title"), help: "The title of each part, in order (repeat the option).")
        var partTitles: [String] = []
        @Flag(help: "Allow slots in the past, to record a session already given.") var past = false

        func plan(module: String) throws -> SessionPlan {
            var plan = SessionPlan(module: module, slots: try slots.map(SlotSpec.init(parsing:)))
            plan.venue = venue
            plan.trainers = trainers
            plan.partTitles = partTitles
            plan.recordsPast = past
            return plan
        }
    }

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Schedule a session of a module; its code is given back (S-2027-001).",
            discussion: """
                Example: a three-day module as two parts of a day and a half, fifteen days apart:
                  atelier session schedule --module PMAE-EMPLOI --venue MDA-CAEN --trainer TRIANGLE \\
                    --slot 2027-04-05T09:00-12:30 --slot 2027-04-05T14:00-17:30 --slot 2027-04-06T09:00-12:30 \\
                    --slot 2027-04-19T09:00-12:30 --slot 2027-04-19T14:00-17:30 --slot 2027-04-20T09:00-12:30 \\
                    --part-title "Le cadre" --part-title "La pratique"
                """)

        @Option(help: "The module's code.") var module: String
        @OptionGroup var timing: Timing
        @Option(parsing: .unconditional, help: "The number of seats, from 1 to 500; the module's by default.")
        var capacity: String?
        @Option(parsing: .unconditional, help: "The fewest participants for the session to run.") var minimum: String?
        @Flag(help: "Prepare it without announcing it; `session publish` schedules it.") var draft = false
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var plan = try timing.plan(module: module)
                plan.capacity = try capacity.map { try WholeNumber.parse($0, "capacity", in: 1...500) }
                plan.minimum = try minimum.map { try WholeNumber.parse($0, "minimum", in: 0...500) }
                plan.isDraft = draft
                let session = try Sessions(context.store()).schedule(plan)
                print(
                    "\(draft ? "Prepared" : "Scheduled") the session \(session.code): \(session.moduleTitle), \(Display.span(session, in: context.timeZone)), \(French.hours(minutes: session.plannedMinutes)) in \(session.parts.count) part\(session.parts.count == 1 ? "" : "s")."
                )
            }
        }
    }

    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reschedule",
            abstract: "Move a session to new slots, before any attendance is recorded.",
            discussion:
                "Example: atelier session reschedule S-2027-001 --slot 2027-05-03T09:00-12:30 --slot 2027-05-03T14:00-17:30"
        )

        @Argument(help: "The session's code.") var code: String
        @OptionGroup var timing: Timing
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let sessions = Sessions(try context.store())
                let session = try sessions.reschedule(
                    code, to: try timing.plan(module: try sessions.session(code).module))
                print("Rescheduled the session \(session.code): \(Display.span(session, in: context.timeZone)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List sessions, by period and status.",
            discussion: "Example: atelier session list --from 2027-01-01 --to 2027-06-30 --status scheduled")

        @Option(help: "From this day, like 2027-01-01.") var from: String?
        @Option(help: "Up to this day, included.") var to: String?
        @Option(help: "Only sessions in this status.") var status: Session.Status?
        @OptionGroup var paging: PageOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var list = ListPrinter<Session>(
                    json: output.json, header: ["CODE", "MODULE", "DATES", "HOURS", "SEATS", "STATUS"]
                ) {
                    [
                        $0.code, $0.module, Display.span($0, in: context.timeZone),
                        French.hours(minutes: $0.plannedMinutes),
                        "\($0.confirmed)/\($0.capacity)" + ($0.waitlisted > 0 ? " +\($0.waitlisted)" : ""),
                        $0.status.rawValue,
                    ]
                }
                list.finish(
                    try Sessions(context.store()).sessions(
                        from: from.map(LocalDate.init(parsing:)), to: to.map(LocalDate.init(parsing:)), status: status,
                        paging.page
                    ) { try list.add($0) })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a session: its parts and slots, venue, trainers and seats.",
            discussion: "Example: atelier session show S-2027-001")

        @Argument(help: "The session's code.") var code: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let session = try Sessions(context.store()).session(code)
                if output.json { return try Terminal.printJSON(session) }
                let zone = context.timeZone
                print("\(session.code) — \(session.moduleTitle) (\(session.module)), \(session.status.rawValue)")
                let programme = try Catalogue(context.store()).programme(ofSession: session.code)
                print(
                    "  programme version \(programme.version) of \(session.module), in force since \(French.date(programme.validFrom, in: zone))"
                )
                print(
                    "  \(French.hours(minutes: session.plannedMinutes)) planned; \(session.confirmed) of \(session.capacity) seats taken, \(session.waitlisted) waiting, minimum \(session.minimum)"
                )
                for part in session.parts {
                    print("Part \(part.position)\(part.title.isEmpty ? "" : ": \(part.title)")")
                    print(
                        Terminal.table(
                            part.slots.map {
                                [
                                    Display.slot($0, in: zone), $0.halfDay(in: zone), $0.venue ?? "",
                                    $0.trainers.joined(separator: ", "),
                                ]
                            }, indent: "  "))
                }
            }
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster",
            abstract: "List who is registered: confirmed, then the waitlist in its order, with hours attended.",
            discussion: "Example: atelier session roster S-2027-001")

        @Argument(help: "The session's code.") var code: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let registrations = try Registrations(store).registrations(ofSession: code).filter {
                    $0.status != .cancelled
                }
                if output.json { return try Terminal.printJSON(registrations) }
                let attended = Dictionary(
                    uniqueKeysWithValues: try Attendances(store).sheet(session: code).lines.map {
                        ($0.participant.email, $0.attendedMinutes)
                    })
                print(
                    Terminal.table(
                        [["#", "PARTICIPANT", "ORGANISATION", "STATUS", "FUNDING", "ATTENDED"]]
                            + registrations.enumerated().map { index, registration in
                                [
                                    "\(index + 1)", registration.participant.displayName,
                                    Display.employer(registration.participant), registration.status.rawValue,
                                    registration.funding ?? "",
                                    attended[registration.participant.email].map { French.hours(minutes: $0) } ?? "",
                                ]
                            }))
            }
        }
    }

    /// The commands that move a session from one status to the next, told apart by the transition.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Schedule a draft session: it is announced from now on.",
            discussion: "Example: atelier session publish S-2027-001")
        @Argument(help: "The session's code.") var code: String
        @OptionGroup var options: GlobalOptions
        func run() throws { try Transition.run(code, options, "Published") { try $0.publish($1) } }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a session; its trainers are free again.",
            discussion: "Example: atelier session cancel S-2027-001")
        @Argument(help: "The session's code.") var code: String
        @OptionGroup var options: GlobalOptions
        func run() throws { try Transition.run(code, options, "Cancelled") { try $0.cancel($1) } }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete",
            abstract: "Complete a session whose attendance is recorded for every slot; attendance is frozen then.",
            discussion: "Example: atelier session complete S-2027-001")
        @Argument(help: "The session's code.") var code: String
        @OptionGroup var options: GlobalOptions
        func run() throws { try Transition.run(code, options, "Completed") { try $0.complete($1) } }
    }

    enum Transition {
        static func run(
            _ code: String, _ options: GlobalOptions, _ verb: String, _ change: (Sessions, String) throws -> Session
        ) throws {
            try options.run { context in
                let session = try change(Sessions(context.store()), code)
                print("\(verb) the session \(session.code).")
            }
        }
    }
}
