import App
import ArgumentParser
import Training

/// `atelier webhook …`: where every domain event is also POSTed.
struct WebhookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Add, list and remove the endpoints every domain event is POSTed to.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "POST every event from now on to this URL, each through a webhook job.",
            discussion: """
                Each POST carries Atelier-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body"> with the \
                secret printed here, and Atelier-Event-Id, the same on every retry of one event.

                Example: atelier webhook add https://crm.example/atelier/events
                """)

        @Argument(help: "The endpoint's http or https URL.") var url: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let endpoint = try Webhooks(context.store()).add(url)
                print(
                    "Every event will be POSTed to \(endpoint.url), signed with this secret (give it to the receiver; it is not shown again):"
                )
                print(endpoint.secret)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the endpoints.", discussion: "Example: atelier webhook list --json")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let urls = try Webhooks(context.store()).list()
                if output.json { return try Terminal.printJSON(urls) }
                for url in urls { print(url) }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Stop POSTing new events to this URL; those already queued for it are still POSTed.",
            discussion: "Example: atelier webhook remove https://crm.example/atelier/events")

        @Argument(help: "The endpoint's URL.") var url: String
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                try Webhooks(context.store()).remove(url)
                print(
                    "Events are no longer POSTed to \(URLCredentials.masked(url)); those already queued for it still are."
                )
            }
        }
    }
}
