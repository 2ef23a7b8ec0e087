import ArgumentParser

/// `atelier`: the admin CLI of a training organisation's back office.
public struct AtelierCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
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
            AttendanceCommand.self, CertificateCommand.self, AssessmentCommand.self, OrgCommand.self,
            WorkerCommand.self, JobsCommand.self, WebhookCommand.self, DatabaseCommand.self, ConfigCommand.self,
        ])

    public init() {}
}
