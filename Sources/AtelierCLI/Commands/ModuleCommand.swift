import App
import ArgumentParser
import Documents
import Training

/// `atelier module …`: the catalogue.
struct ModuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module",
        abstract: "Build the catalogue of training modules.",
        subcommands: [Add.self, Edit.self, List.self, Show.self, Programme.self, Archive.self, Competences.self])

    /// The fields a module has, all optional so that `edit` changes only what it is given.
    struct Fields: ParsableArguments {
        @Option(help: "The title, as certificates print it.") var title: String?
        @Option(help: "The planned duration: 21h, 10,5h or 17h30.") var duration: String?
        @Option(
            name: .customLong("objective"),
            help:
                "An operational objective, one line that an evaluation can check (repeat the option; the list replaces the module's)."
        )
        var objectives: [String] = []
        @Option(help: "The content and its running order, part by part.") var programme: String?
        @Option(help: "Who the module is for.") var audience: String?
        @Option(help: "What participants need beforehand.") var prerequisites: String?
        @Option(help: "What participants bring, said in their convocation.") var bring: String?
        @Option(help: "How it is given.") var modality: Module.Modality?
        @Option(help: "Its nature under L.6313-1, printed on certificates.") var nature: Module.Nature?
        @Option(help: "How learning is evaluated.") var evaluation: String?
        @Option(help: "The teaching methods and means.") var methods: String?
        @Option(help: "How a person with a disability can follow it.") var accessibility: String?
        @Option(
            name: .customLong("access-delay"),
            help: "The time to access it, like « Inscription jusqu'à 15 jours avant ».")
        var accessDelay: String?
        @Option(parsing: .unconditional, help: "The default number of seats of its sessions, from 1 to 500.")
        var capacity: String?
        @Option(name: .customLong("price-per-participant"), help: "The price per participant, like 300 or 300,00.")
        var pricePerParticipant: String?
        @Option(name: .customLong("price-per-group"), help: "The price for a whole group, like 3 600.")
        var pricePerGroup: String?
        @Option(
            name: .customLong("competence"),
            help: "A competence of the référentiel it develops (repeat the option); see `atelier module competences`.")
        var competences: [String] = []

        func apply(to module: inout Module) throws {
            if let title { module.title = title }
            if let duration { module.durationMinutes = try Minutes.parse(duration) }
            if !objectives.isEmpty { module.objectives = objectives }
            if let programme { module.programme = programme }
            if let audience { module.audience = audience }
            if let prerequisites { module.prerequisites = prerequisites }
            if let bring { module.whatToBring = bring }
            if let modality { module.modality = modality }
            if let nature { module.nature = nature }
            if let evaluation { module.evaluationMethod = evaluation }
            if let methods { module.methods = methods }
            if let accessibility { module.accessibility = accessibility }
            if let accessDelay { module.accessDelay = accessDelay }
            if let capacity { module.defaultCapacity = try WholeNumber.parse(capacity, "capacity", in: 1...500) }
            if let pricePerParticipant {
                module.pricePerParticipant = try Money.parse(pricePerParticipant, field: "price per participant")
            }
            if let pricePerGroup { module.pricePerGroup = try Money.parse(pricePerGroup, field: "price per group") }
            if !competences.isEmpty { module.competences = competences }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a module to the catalogue.",
            discussion: """
                Example: atelier module add PMAE-EMPLOI --title "Accompagner la fonction employeur" \
                --duration 21h --price-per-group 3600 --competence RENFORCEMENT-3
                """)

        @Argument(help: "The module's code, like PMAE-EMPLOI.") var code: String
        @OptionGroup var fields: Fields
        @OptionGroup var options: GlobalOptions

        func validate() throws {
            guard fields.title != nil, fields.duration != nil else {
                throw ValidationError("A new module needs --title and --duration.")
            }
        }

        func run() throws {
            try options.run { context in
                var module = Module(code: code, title: "", durationMinutes: 0)
                try fields.apply(to: &module)
                let added = try Catalogue(context.store()).addModule(module)
                print(
                    "Added the module \(added.code): \(added.title), \(French.hours(minutes: added.durationMinutes)).")
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change fields of a module; the others stay as they are.",
            discussion: "Example: atelier module edit PMAE-EMPLOI --capacity 14 --duration 10,5h")

        @Argument(help: "The module's code.") var code: String
        @OptionGroup var fields: Fields
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let module = try Catalogue(context.store()).editModule(code) { try fields.apply(to: &$0) }
                print("Saved the module \(module.code).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the modules of the catalogue.", discussion: "Example: atelier module list --archived")

        @Flag(help: "Include archived modules.") var archived = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let modules = try Catalogue(context.store()).modules(includingArchived: archived)
                if output.json { return try Terminal.printJSON(modules) }
                print(
                    Terminal.table(
                        [["CODE", "TITLE", "DURATION", "SEATS", "PRICE"]]
                            + modules.map { module in
                                [
                                    module.code, module.title + (module.archived ? " (archived)" : ""),
                                    French.hours(minutes: module.durationMinutes),
                                    "\(module.defaultCapacity)", Display.prices(module),
                                ]
                            }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a module in full.", discussion: "Example: atelier module show PMAE-EMPLOI")

        @Argument(help: "The module's code.") var code: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let catalogue = Catalogue(try context.store())
                let module = try catalogue.module(code)
                if output.json { return try Terminal.printJSON(module) }
                let titles = Dictionary(
                    uniqueKeysWithValues: try catalogue.referential().flatMap(\.competences).map { ($0.code, $0.title) }
                )
                print("\(module.code) — \(module.title)\(module.archived ? " (archived)" : "")")
                print(
                    Terminal.table(
                        [
                            ["Duration", French.hours(minutes: module.durationMinutes)],
                            ["Modality", module.modality.label],
                            ["Nature", module.nature.label],
                            ["Seats", "\(module.defaultCapacity)"],
                            ["Price", Display.prices(module)],
                        ], indent: "  "))
                if !module.objectives.isEmpty {
                    print("Objectives:")
                    for objective in module.objectives { print("  – \(objective)") }
                }
                for (label, text) in [
                    ("Programme", module.programme), ("Audience", module.audience),
                    ("Prerequisites", module.prerequisites), ("Methods", module.methods),
                    ("Evaluation", module.evaluationMethod), ("Accessibility", module.accessibility),
                    ("Time to access", module.accessDelay), ("What to bring", module.whatToBring),
                ] where !text.isEmpty {
                    print("\(label):\n  \(text.replacingOccurrences(of: "\n", with: "\n  "))")
                }
                if !module.competences.isEmpty {
                    print("Competences:")
                    print(Terminal.table(module.competences.map { [$0, titles[$0] ?? ""] }, indent: "  "))
                }
                print("Programme versions:")
                print(
                    Terminal.table(
                        try catalogue.programmeVersions(of: module.code).map {
                            ["\($0.version)", "from \(French.date($0.validFrom, in: context.timeZone))"]
                        }, indent: "  "))
            }
        }
    }

    struct Programme: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "programme",
            abstract: "Draw a module's programme as published, as a PDF: the version in force, or an earlier one.",
            discussion: "Example: atelier module programme PMAE-EMPLOI --out programme.pdf")

        @Argument(help: "The module's code.") var code: String
        @Option(parsing: .unconditional, help: "The version to draw (see `module show`); the one in force if left out.")
        var version: String?
        @Option(help: "The PDF file to write.") var out: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let number = try version.map { try WholeNumber.parse($0, "version", in: 1...Int(Int32.max)) }
                let file = try OutputFile(path: out)
                try file.write(try Catalogue(context.store()).programmeDocument(of: code, version: number))
                try file.commit()
                Terminal.confirm("Wrote \(out).", wrote: out)
            }
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Take a module out of the catalogue; its past sessions keep it.",
            discussion: "Example: atelier module archive PMAE-EMPLOI")

        @Argument(help: "The module's code.") var code: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                try Catalogue(context.store()).archiveModule(code)
                print("Archived the module \(code.uppercased()).")
            }
        }
    }

    struct Competences: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "competences",
            abstract: "List the référentiel métier: missions, functions and their competences.",
            discussion: "Example: atelier module competences --json")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let areas = try Catalogue(context.store()).referential()
                if output.json { return try Terminal.printJSON(areas) }
                for area in areas {
                    print("\(area.code) — \(area.title) (\(area.kind.label))")
                    if !area.competences.isEmpty {
                        print(Terminal.table(area.competences.map { [$0.code, $0.title] }, indent: "  "))
                    }
                }
            }
        }
    }
}
