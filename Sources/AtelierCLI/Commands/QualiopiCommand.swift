import App
import ArgumentParser
import Documents
import Foundation
import Training

/// `atelier qualiopi …`: the evidence a Qualiopi auditor or a doubting OPCO asks for.
struct QualiopiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualiopi", abstract: "Gather the evidence a Qualiopi auditor or an OPCO asks for.",
        subcommands: [Pack.self])

    struct Pack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pack",
            abstract: "Write a session's evidence as one ZIP: sommaire, manifest, folders and checks.",
            discussion: """
                The ZIP holds 00-sommaire.pdf (the session, each indicator with its files, the gaps \
                named, the manifest's SHA-256), manifest.json (every other file's size, SHA-256, \
                indicators and source rows), the programme, the messages sent, the positioning, the \
                signed attendance and its verification, the learning evaluation and attestations, the \
                certificates, the funding, the satisfaction, the trainers, the complaints and \
                improvements, and 99-controles.pdf (the checks a court and an OPCO run). Without \
                --with-personal-data, signature images, client addresses and adaptation needs are \
                left out and replaced by what they establish. The same database and --at give the \
                same bytes; a file appears only once complete.
                Examples: atelier qualiopi pack S-2027-001 --out S-2027-001.zip
                          atelier qualiopi pack --from 2027-01-01 --to 2027-06-30 --out dossiers/
                """)

        @Argument(help: "The session's code; without it, --from and --to choose the sessions.") var session: String?
        @Option(help: "With a session, the ZIP to write; with a period, the folder to write one ZIP per session in.")
        var out: String
        @Option(help: "With --to, the first day of the period in which the sessions ended.") var from: String?
        @Option(help: "With --from, the last day of the period in which the sessions ended.") var to: String?
        @Flag(help: "Include signature images, client addresses and what adaptations were asked for.")
        var withPersonalData = false
        @Option(help: "The day the pack is drawn as of, like 2027-07-01 (default: today).") var at: String?
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            switch (session, from, to) {
            case (.some, nil, nil), (nil, .some, .some): break
            case (.some, _, _): throw ValidationError("Give a session or a period (--from and --to), not both.")
            default: throw ValidationError("Give a session, or a period with both --from and --to.")
            }
        }

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let day = try at.map { try LocalDate(parsing: $0) } ?? LocalDate(Date(), in: store.timeZone)
                let packs = QualiopiPacks(store)
                let settings = PackOptions(day: day, personalData: withPersonalData, window: context.signingWindow)
                if let session {
                    let pack = try packs.pack(session: session, options: settings)
                    try pack.write(to: out)
                    Terminal.confirm(
                        "Wrote \(out): \(pack.files.count + 2) files, manifest SHA-256 \(pack.manifestSHA256).",
                        wrote: out)
                    return Self.describe(pack)
                }
                let codes = try packs.sessions(
                    endedFrom: try LocalDate(parsing: from ?? ""), to: try LocalDate(parsing: to ?? ""))
                let folder = try OutputFolder.prepare(out)
                for code in codes {
                    let pack = try packs.pack(session: code, options: settings)
                    try pack.write(to: folder + code + ".zip")
                    let passed = pack.checks.count { $0.passed }
                    print(
                        "Wrote \(folder + code).zip: \(pack.gaps.count) gap\(pack.gaps.count == 1 ? "" : "s"), \(passed) of \(pack.checks.count) checks passed."
                    )
                }
                if codes.isEmpty { print("No session ended between \(from ?? "") and \(to ?? "").") }
            }
        }

        /// The pack's gaps and checks, as its sommaire and 99-controles say them.
        static func describe(_ pack: QualiopiPack) {
            print(pack.gaps.isEmpty ? "Gaps: none." : "Gaps:")
            for gap in pack.gaps { print("  \(gap)") }
            print("Checks: \(pack.checks.count { $0.passed }) of \(pack.checks.count) passed.")
            for check in pack.checks where !check.passed {
                print("  \(check.title):")
                for failure in check.failures { print("    \(failure)") }
            }
        }
    }
}
