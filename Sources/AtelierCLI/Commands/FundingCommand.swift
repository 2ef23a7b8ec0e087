import App
import ArgumentParser
import Training

/// `atelier funding …`: funders' agreements for a session.
struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding", abstract: "Record funders' agreements for a session, and what each is claimed.",
        subcommands: [Add.self, List.self, Show.self])

    /// The options that describe an agreement, shared with `atelier register`.
    struct Terms: ParsableArguments {
        @Option(help: "The funder's code.") var funder: String?
        @Option(
            help:
                "What the amount is: a rate per attended hour, a flat amount per participant, or one amount for the whole group."
        )
        var basis: FundingAgreement.Basis?
        @Option(help: "The amount, like 300,00 or 3 600.") var amount: String?
        @Option(help: "The scheme, like « plan de développement des compétences » or « action collective ».")
        var scheme = ""
        @Option(help: "The funder's agreement number.") var agreement: String?

        /// A funder comes with its amount, and the rest only with a funder.
        func validate() throws {
            if let funder, amount == nil {
                throw ValidationError("The funding by \(funder.uppercased()) needs its --amount.")
            }
            if funder == nil, amount != nil || basis != nil || agreement != nil || !scheme.isEmpty {
                throw ValidationError("The funding needs --funder with its --amount.")
            }
        }

        /// The agreement the options describe, or `nil` when they name no funder.
        func agreement(session: String, defaultBasis: FundingAgreement.Basis) throws -> FundingAgreement? {
            guard let funder, let amount else { return nil }
            return FundingAgreement(
                session: session, funder: funder, basis: basis ?? defaultBasis,
                amount: try Money.parse(amount), scheme: scheme, agreementNumber: agreement)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a funder's agreement for a session; registrations join it with --funding.",
            discussion: """
                Example: atelier funding add S-2027-001 --funder UNIFORMATION --basis group --amount 3600 \
                --scheme "action collective" --agreement AC-2027-118
                """)

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var terms: Terms
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard terms.funder != nil else { throw ValidationError("The funding needs --funder with its --amount.") }
        }

        func run() throws {
            try options.run { context in
                guard let agreement = try terms.agreement(session: session, defaultBasis: .perGroup) else { return }
                let added = try Funding(context.store()).add(agreement)
                print(
                    "Recorded the funding \(added.reference) of the session \(added.session): \(added.funder), \(added.amount) \(Display.basis(added.basis))."
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a session's funding agreements.", discussion: "Example: atelier funding list S-2027-001")

        @Argument(help: "The session's code.") var session: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let agreements = try Funding(context.store()).agreements(ofSession: session)
                if output.json { return try Terminal.printJSON(agreements) }
                print(
                    Terminal.table(
                        [["REF", "FUNDER", "BASIS", "AMOUNT", "SCHEME", "AGREEMENT"]]
                            + agreements.map {
                                [
                                    $0.reference, $0.funder, Display.basis($0.basis), $0.amount.description, $0.scheme,
                                    $0.agreementNumber ?? "",
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an agreement with the amount claimed for each participant it covers.",
            discussion: "Example: atelier funding show S-2027-001 F1")

        @Argument(help: "The session's code.") var session: String
        @Argument(help: "The agreement's reference, like F1.") var reference: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        struct Output: Encodable {
            let agreement: FundingAgreement
            let lines: [ClaimLine]
            let totalClaimedCents: Int
        }

        func run() throws {
            try options.run { context in
                let (agreement, lines) = try Funding(context.store()).claim(session: session, reference: reference)
                let total = lines.reduce(Money.zero) { $0 + $1.claimed }
                if output.json {
                    return try Terminal.printJSON(
                        Output(agreement: agreement, lines: lines, totalClaimedCents: total.cents))
                }
                print(
                    "\(agreement.reference) — \(agreement.funder), \(agreement.amount) \(Display.basis(agreement.basis))"
                        + (agreement.scheme.isEmpty ? "" : ", \(agreement.scheme)")
                        + (agreement.agreementNumber.map { ", agreement \($0)" } ?? ""))
                print(
                    Terminal.table(
                        [["PARTICIPANT", "ORGANISATION", "ATTENDED", "PLANNED", "CLAIMED"]]
                            + lines.map {
                                [
                                    $0.participant.displayName, Display.employer($0.participant),
                                    French.hours(minutes: $0.attendedMinutes),
                                    French.hours(minutes: $0.plannedMinutes), $0.claimed.description,
                                ]
                            } + [["Total", "", "", "", total.description]]))
            }
        }
    }
}
