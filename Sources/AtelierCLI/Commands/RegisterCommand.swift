import App
import ArgumentParser
import Training

/// `atelier register SESSION EMAIL`: the most frequent command gets the shortest name.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a participant for a session: confirmed while seats remain, on the waitlist after.",
        discussion: """
            Funding: join an agreement of the session with --funding F1, or give the participant's \
            own with --funder, --amount and the rest.

            Examples:
              atelier register S-2027-001 emilie@mda-caen.fr --funding F1
              atelier register S-2027-001 paul@asso.fr --funder AGEFOS --scheme "plan de développement des compétences" --agreement 2027-0042 --amount 300,00
            """)

    @Argument(help: "The session's code.") var session: String
    @Argument(help: "The participant's email.") var email: String
    @Option(help: "An agreement of the session to join, like F1.") var funding: String?
    @OptionGroup var terms: FundingCommand.Terms
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if funding != nil, terms.funder != nil {
            throw ValidationError("Give either --funding to join an agreement, or --funder for a new one, not both.")
        }
    }

    func run() throws {
        try options.run { context in
            let choice: FundingChoice? =
                if let funding { .existing(funding) } else {
                    try terms.agreement(session: session, defaultBasis: .perParticipant).map(FundingChoice.new)
                }
            let registration = try Registrations(context.store()).register(
                try EmailAddress(email), in: session, funding: choice)
            switch registration.status {
            case .confirmed:
                print(
                    "Registered \(registration.participant.displayName) for the session \(registration.session): confirmed."
                )
            default:
                print(
                    "The session \(registration.session) is full: \(registration.participant.displayName) is on the waitlist."
                )
            }
        }
    }
}

/// `atelier registration …`.
struct RegistrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registration", abstract: "Cancel and list registrations.", subcommands: [Cancel.self, List.self])

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a registration; a freed seat goes to the first person waiting.",
            discussion: "Example: atelier registration cancel S-2027-001 emilie@mda-caen.fr")

        @Argument(help: "The session's code.") var session: String
        @Argument(help: "The participant's email.") var email: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let promoted = try Registrations(context.store()).cancel(try EmailAddress(email), in: session)
                print(
                    "Cancelled the registration of \(email) for the session \(session.uppercased())."
                        + (promoted.map { " \($0.displayName) moves up from the waitlist." } ?? ""))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a session's registrations, cancelled ones included.",
            discussion: "Example: atelier registration list S-2027-001 --json")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var paging: PageOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var list = ListPrinter<Registration>(
                    json: output.json, header: ["PARTICIPANT", "EMAIL", "STATUS", "FUNDING", "REGISTERED", "MAIL"]
                ) {
                    [
                        $0.participant.displayName, $0.participant.email.text, $0.status.rawValue, $0.funding ?? "",
                        French.date($0.registeredAt, in: context.timeZone),
                        $0.mailRefused.map { "refused — \($0)" } ?? "",
                    ]
                }
                list.finish(
                    try Registrations(context.store()).registrations(ofSession: session, paging.page) {
                        try list.add($0)
                    }
                )
            }
        }
    }
}
