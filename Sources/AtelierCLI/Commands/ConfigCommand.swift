import App
import ArgumentParser

/// `atelier config …`: the effective configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration in effect.",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print every setting, its value and where it came from, with passwords masked.",
            discussion: """
                Each key is read from its environment variable first (ATELIER_ and the key in \
                capitals: worker.lanes is ATELIER_WORKER_LANES), then from Config/atelier.yaml \
                (or the file ATELIER_CONFIG names), then from the built-in default.

                Example: ATELIER_WORKER_LANES=4 atelier config show
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Entry: Encodable {
            let key: String
            let value: String
            let source: String
            let environmentVariable: String
        }

        func run() throws {
            try options.run { context in
                let entries = context.settings.values.map {
                    Entry(
                        key: $0.key.name, value: Settings.masked($0), source: $0.source.description,
                        environmentVariable: $0.key.environmentVariable)
                }
                if output.json { return try Terminal.printJSON(entries) }
                print(
                    Terminal.table(
                        [["KEY", "VALUE", "SOURCE"]]
                            + entries.map { [$0.key, $0.value.isEmpty ? "(empty)" : $0.value, $0.source] }))
            }
        }
    }
}
