import App
import ArgumentParser
import Training

/// `atelier funder …`.
struct FunderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funder", abstract: "Keep who pays for trainings: OPCO, Région, État, employers…",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a funder.",
            discussion:
                "Example: atelier funder add UNIFORMATION --name \"Uniformation (OPCO Cohésion sociale)\" --kind opco")

        @Argument(help: "The funder's code, like UNIFORMATION.") var code: String
        @Option(help: "The name.") var name: String
        @Option(help: "What kind of funder it is: the BPF sorts revenue by it.") var kind: Funder.Kind
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let funder = try Catalogue(context.store()).addFunder(Funder(code: code, name: name, kind: kind))
                print("Added the funder \(funder.code): \(funder.name) (\(funder.kind.label)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the funders.", discussion: "Example: atelier funder list")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let funders = try Catalogue(context.store()).funders()
                if output.json { return try Terminal.printJSON(funders) }
                print(Terminal.table([["CODE", "NAME", "KIND"]] + funders.map { [$0.code, $0.name, $0.kind.label] }))
            }
        }
    }
}
