import App
import ArgumentParser
import Training

/// `atelier trainer …`.
struct TrainerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer", abstract: "Keep the trainers: people, or organisations such as a Scop.",
        subcommands: [Add.self, Edit.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a trainer.",
            discussion:
                "Example: atelier trainer add TRIANGLE --name \"Scop Le Triangle\" --organisation --email contact@letriangle.coop"
        )

        @Argument(help: "The trainer's code, like TRIANGLE.") var code: String
        @Option(help: "The name.") var name: String
        @Flag(help: "An organisation (a Scop, an association) rather than a person.") var organisation = false
        @Flag(help: "Employed by the training organisation itself (the BPF counts these apart).") var `internal` = false
        @Option(help: "The email address.") var email: String?
        @Option(help: "The phone number.") var phone: String?
        @Option(help: "Diplomas, titles or references, which contrats de formation name.") var qualifications: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var trainer = Trainer(code: code, name: name)
                trainer.qualifications = qualifications ?? ""
                trainer.kind = organisation ? .organisation : .person
                trainer.isInternal = `internal`
                trainer.email = try email.map(EmailAddress.init)
                trainer.phone = phone
                let added = try Catalogue(context.store()).addTrainer(trainer)
                print("Added the trainer \(added.code): \(added.name).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the trainers.", discussion: "Example: atelier trainer list --json")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let trainers = try Catalogue(context.store()).trainers()
                if output.json { return try Terminal.printJSON(trainers) }
                print(
                    Terminal.table(
                        [["CODE", "NAME", "KIND", "EMAIL"]]
                            + trainers.map { trainer in
                                [
                                    trainer.code, trainer.name,
                                    (trainer.kind == .organisation ? "organisation" : "person")
                                        + (trainer.isInternal ? ", internal" : ""),
                                    trainer.email?.text ?? "",
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a trainer and the slots they give.", discussion: "Example: atelier trainer show TRIANGLE")

        @Argument(help: "The trainer's code.") var code: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let store = try context.store()
                let trainer = try Catalogue(store).trainer(code)
                if output.json { return try Terminal.printJSON(trainer) }
                print("\(trainer.code) — \(trainer.name)")
                print(
                    Terminal.table(
                        [
                            ["Kind", trainer.kind == .organisation ? "organisation" : "person"],
                            ["Internal", trainer.isInternal ? "yes" : "no"],
                            ["Email", trainer.email?.text ?? ""], ["Phone", trainer.phone ?? ""],
                        ], indent: "  "))
                let sessions = try Sessions(store).sessions(status: .scheduled)
                    .filter { $0.slots.contains { $0.trainers.contains(trainer.code) } }
                if !sessions.isEmpty {
                    print("Scheduled sessions:")
                    print(
                        Terminal.table(
                            sessions.map { [$0.code, $0.moduleTitle, Display.span($0, in: context.timeZone)] },
                            indent: "  "))
                }
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Set a trainer's qualifications, which contrats de formation name.",
            discussion:
                "Example: atelier trainer edit ATELIER-COOP --qualifications \"DESJEPS animation sociale ; 12 ans d'accompagnement d'associations employeuses\""
        )

        @Argument(help: "The trainer's code.") var code: String
        @Option(help: "Diplomas, titles or references (empty to take off).") var qualifications: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let trainer = try Catalogue(context.store()).editTrainerQualifications(code, qualifications)
                print(
                    "Updated the qualifications of \(trainer.code): \(trainer.qualifications.isEmpty ? "none" : trainer.qualifications)."
                )
            }
        }
    }
}
