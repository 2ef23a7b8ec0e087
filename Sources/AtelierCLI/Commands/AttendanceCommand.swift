import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier attendance …`: presence per half-day.
struct AttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance", abstract: "Record who was there, slot by slot.",
        subcommands: [Record.self, Show.self, Correct.self, Sheet.self, Code.self, Verify.self])

    /// Which slot, who, and with what status.
    struct Marks: ParsableArguments {
        @Option(help: "The slot, by its start: 2027-04-05T09:00.") var slot: String
        @Option(
            name: .customLong("present"),
            help: "A participant's email who was there, or `all` for everyone not named otherwise.")
        var present: [String] = []
        @Option(name: .customLong("absent"), help: "A participant's email who was not there, or `all`.") var absent:
            [String] = []
        @Option(
            name: .customLong("excused"),
            help: "A participant's email who was excused (recorded; not attended time), or `all`.")
        var excused: [String] = []
        @Option(help: "Who records it; your login name by default.") var by =
            ProcessInfo.processInfo.environment["USER"] ?? "atelier"

        /// Records the marks and says how many, as `record` or, with the reason, as `correct`.
        func run(session: String, options: GlobalOptions, correcting reason: String? = nil) throws {
            let correcting = reason != nil
            try options.run { context in
                let count = try record(context, session: session, correcting: reason)
                if count == 0 {
                    print(
                        "Nothing new for the slot \(slot) of the session \(session.uppercased()): every mark given was already recorded."
                    )
                } else {
                    print(
                        "\(correcting ? "Corrected" : "Recorded") \(count) mark\(count == 1 ? "" : "s") for the slot \(slot) of the session \(session.uppercased())."
                    )
                }
            }
        }

        private func record(_ context: AppContext, session: String, correcting reason: String?) throws -> Int {
            var marks: [EmailAddress: AttendanceStatus] = [:]
            var everyoneElse: AttendanceStatus?
            for (emails, status) in [(present, AttendanceStatus.present), (absent, .absent), (excused, .excused)] {
                for email in emails {
                    if email.lowercased() == "all" {
                        if let other = everyoneElse, other != status {
                            throw TrainingError(
                                .invalidInput,
                                "`all` is given as both \(other.rawValue) and \(status.rawValue): give it once, and name the others."
                            )
                        }
                        everyoneElse = status
                        continue
                    }
                    let address = try EmailAddress(email)
                    if let other = marks[address], other != status {
                        throw TrainingError(
                            .invalidInput, "\(email) is marked both \(other.rawValue) and \(status.rawValue).")
                    }
                    marks[address] = status
                }
            }
            return try Attendances(context.store()).record(
                session: session, slot: try SlotStart(parsing: slot), marks: marks, everyoneElse: everyoneElse, by: by,
                correcting: reason)
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a slot's attendance.",
            discussion:
                "Example: atelier attendance record S-2027-001 --slot 2027-04-05T09:00 --present all --absent paul@asso.fr"
        )

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var marks: Marks
        @OptionGroup var options: GlobalOptions

        func run() throws { try marks.run(session: session, options: options) }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract:
                "Change marks already recorded, before or after completion; the correction and its reason are kept in the audit trail.",
            discussion:
                "Example: atelier attendance correct S-2027-001 --slot 2027-04-05T09:00 --excused paul@asso.fr --reason \"arrêt maladie reçu le 6 avril\" --by \"Claire Martin\""
        )

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var marks: Marks
        @Option(help: "Why the marks change, as an auditor will read it.") var reason: String
        @OptionGroup var options: GlobalOptions

        func run() throws { try marks.run(session: session, options: options, correcting: reason) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the attendance grid: a line per participant, a column per slot, and the hours attended.",
            discussion: "Example: atelier attendance show S-2027-001")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let sheet = try Attendances(context.store()).sheet(session: session)
                if output.json { return try Terminal.printJSON(sheet) }
                let zone = context.timeZone
                let calendar = French.calendar(zone)
                let columns = sheet.slots.map { slot in
                    return String(
                        format: "%02d/%02d", calendar.component(.day, from: slot.startsAt),
                        calendar.component(.month, from: slot.startsAt))
                        + (slot.halfDay(in: zone) == "matin" ? " am" : " pm")
                }
                let symbol: (AttendanceStatus?) -> String = { status in
                    switch status {
                    case .present: "P"
                    case .absent: "A"
                    case .excused: "E"
                    case nil: "·"
                    }
                }
                print(
                    Terminal.table(
                        [["PARTICIPANT"] + columns + ["ATTENDED"]]
                            + sheet.lines.map { line in
                                [line.participant.displayName] + line.marks.map(symbol) + [
                                    French.hours(minutes: line.attendedMinutes)
                                ]
                            }))
                let attended = sheet.lines.reduce(0) { $0 + $1.attendedMinutes }
                print(
                    "P present, A absent, E excused, · not recorded. \(French.hours(minutes: attended)) attended of \(French.hours(minutes: sheet.plannedMinutes * sheet.lines.count)) planned (\(sheet.lines.count) × \(French.hours(minutes: sheet.plannedMinutes)))\(sheet.isComplete ? "." : "; attendance is incomplete.")"
                )
                for warning in try Attendances(context.store()).warnings(
                    session: session, window: context.signingWindow)
                {
                    print("Warning: \(warning.sentence)")
                }
            }
        }
    }

    struct Sheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sheet",
            abstract: "Write the feuille d'émargement as a PDF: a page per half-day, a line per participant to sign.",
            discussion: """
                Before the session the sheet is blank, to print and sign; after it, it shows the marks \
                recorded (--blank leaves them out).
                Example: atelier attendance sheet S-2027-001 --out emargement.pdf
                """)

        @Argument(help: "The session's code.") var session: String
        @Option(help: "The PDF file to write.") var out: String
        @Flag(help: "Leave the recorded marks out: a sheet to print and sign.") var blank = false
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let file = try OutputFile(path: out)
                let pdf = try Attendances(context.store()).sheetDocument(session: session, blank: blank)
                try file.write(pdf)
                try file.commit()
                Terminal.confirm("Wrote \(out).", wrote: out)
            }
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "code",
            abstract:
                "Give a half-day's room code: the room page's address, or a page to print or project with its QR code.",
            discussion: """
                In the room, participants open the address or scan the QR code, type the personal code \
                printed in their convocation, and sign; a phone that has opened its personal link signs \
                at once. The code is the half-day's own, the same on every print, and taken from \
                attendance.open-minutes-before its start to attendance.grace-minutes-after its end.
                Example: atelier attendance code S-2027-001 --slot 2027-04-05T09:00 --out salle.pdf
                """)

        @Argument(help: "The session's code.") var session: String
        @Option(help: "The half-day, by its start: 2027-04-05T09:00.") var slot: String
        @Option(help: "A one-page PDF to write, with the QR code; without it, the address is printed.") var out: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let file = try out.map { try OutputFile(path: $0) }
                let poster = try context.roomPoster(session: session, slot: try SlotStart(parsing: slot))
                let room = poster.room
                let summary =
                    "The room code \(room.code) opens \(room.session), \(room.date) \(room.times), from \(poster.opens) to \(poster.closes)"
                guard let file, let out else { return print("\(poster.address)\n\(summary).") }
                try file.write(try poster.render(at: Date()))
                try file.commit()
                Terminal.confirm("Wrote \(out): \(summary).", wrote: out)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the session's attendance evidence: every record against its hash and the one before it.",
            discussion: """
                Exits 0 when the chain is intact, 65 naming the first record that no longer matches: \
                a record changed or removed behind Atelier's back.
                Example: atelier attendance verify S-2027-001
                """)

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let verification = try AttendanceEvidence(context.store()).verify(session: session)
                if let broken = verification.firstBroken {
                    throw TrainingError.invalid(
                        "The attendance evidence of \(verification.session) is broken at record \(broken) of \(verification.records): it no longer matches its hash, or the record before it was changed or removed."
                    )
                }
                if output.json { return try Terminal.printJSON(verification) }
                print(
                    verification.lastHash.map {
                        "The attendance evidence of \(verification.session) is intact: \(verification.records) record\(verification.records == 1 ? "" : "s"), the last hash \($0)."
                    } ?? "The session \(verification.session) has no attendance evidence yet.")
            }
        }
    }
}
