import App
import ArgumentParser
import Foundation
import Postgres

/// `atelier db …`: the schema's migrations.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate the database and show where its schema stands.",
        subcommands: [Migrate.self, Status.self])

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply the pending migrations of Migrations/, in order, each in its own transaction.",
            discussion: """
                Safe to run from several places at once: an advisory lock makes runs take turns, \
                and each file is applied once. A file already applied must never change. The \
                questionnaires of Questionnaires/ are then checked and copied into the database, as \
                the worker does when it starts.

                Example: atelier db migrate
                """)

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let migrator = try context.migrator()
                let connection = try context.connect()
                let applied = try migrator.migrate(on: connection) { name in print("Applied \(name)") }
                try context.synchroniseQuestionnaires(connection)
                let database = context.databaseLabel ?? ""
                print(
                    applied.isEmpty
                        ? "Nothing to apply: the database \(database) is up to date."
                        : "Applied \(applied.count) migration\(applied.count == 1 ? "" : "s") to \(database): it is up to date."
                )
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "List the migrations applied to the database and those still pending.",
            discussion: "Example: atelier db status --json")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Entry: Encodable {
            let name: String
            let state: String
            let appliedAt: Date?
        }

        func run() throws {
            try options.run { context in
                let entries = try context.migrator().status(on: context.connect()).map { entry in
                    switch entry.state {
                    case .applied(let at): Entry(name: entry.name, state: "applied", appliedAt: at)
                    case .pending: Entry(name: entry.name, state: "pending", appliedAt: nil)
                    }
                }
                if output.json { return try Terminal.printJSON(entries) }
                // Foundation's Gregorian calendar, not a DateFormatter: that one loads ICU's
                // formats, a few milliseconds at every start.
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = context.settings.timeZone
                let time = { (date: Date) in
                    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                    return String(
                        format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                        parts.hour ?? 0, parts.minute ?? 0)
                }
                print("Database \(context.databaseLabel ?? ""), migrations in \(context.root.migrations.path)")
                print(
                    Terminal.table(
                        entries.map { [$0.state, $0.appliedAt.map(time) ?? "", $0.name] }, indent: "  "))
                let applied = entries.filter { $0.state == "applied" }.count
                print("\(applied) applied, \(entries.count - applied) pending.")
            }
        }
    }
}
