import ArgumentParser

/// `atelier`: the admin CLI of a training organisation's back office.
public struct AtelierCommand: ParsableCommand {
    public static let configuration = rootConfiguration(adding: [])

    /// The root of the admin commands and `others` after `worker`: the executable adds `serve`,
    /// which belongs to the pages.
    public static func rootConfiguration(adding others: [any ParsableCommand.Type]) -> CommandConfiguration {
        CommandConfiguration(
            commandName: "atelier",
            abstract:
                "The back office of a training organisation: catalogue, sessions, participants, convocations and funding.",
            discussion: """
                Atelier keeps everything in PostgreSQL. With no ATELIER_DATABASE_URL it uses the \
                private cluster that `scripts/pg start` runs under .atelier/.
                """,
            subcommands: [
                ModuleCommand.self, TrainerCommand.self, VenueCommand.self, FunderCommand.self, ParticipantCommand.self,
                SessionCommand.self, RegisterCommand.self, RegistrationCommand.self, FundingCommand.self,
                ExportCommand.self, ReportCommand.self, MailCommand.self,
                AttendanceCommand.self, CertificateCommand.self, AssessmentCommand.self, IncidentCommand.self,
                ImprovementCommand.self, QualiopiCommand.self, QuoteCommand.self, ConventionCommand.self,
                InvoiceCommand.self,
                PaymentCommand.self, OrgCommand.self, StructureCommand.self, WorkerCommand.self,
            ] + others + [JobsCommand.self, WebhookCommand.self, DatabaseCommand.self, ConfigCommand.self])
    }

    public init() {}
}

extension AtelierCommand {
    /// The first word of `atelier help WORDS…` that names no command, or `nil`: ArgumentParser's
    /// own `help` would print the general help for it, and exit 0, as if it were one.
    public static func unknownHelpTopic(_ words: [String], in root: CommandConfiguration = configuration) -> String? {
        var commands = root.subcommands
        for word in words where !word.hasPrefix("-") {
            guard let command = commands.first(where: { $0._commandName == word }) else { return word }
            commands = command.configuration.subcommands
        }
        return nil
    }
}
