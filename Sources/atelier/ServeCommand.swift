import ArgumentParser
import AtelierCLI
import Web

/// `atelier serve`: the pages participants and trainers open from their emails.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the pages that participants open from their emails, until stopped (SIGTERM or SIGINT).",
        discussion: """
            Links in emails are built from web.base-url, never from a request's Host: put the \
            server behind a reverse proxy that terminates TLS at that address. A stopped server \
            lets requests in flight finish for web.shutdown-seconds. GET /health says whether \
            the database is reachable and migrated (200, else 503). Logs a line per request on \
            standard error, each token cut to its first 6 characters. Settings: web.host, \
            web.port, web.base-url, web.shutdown-seconds.

            Example: atelier serve --host 127.0.0.1 --port 8080
            """)

    @Option(help: "The address to listen on, over web.host.") var host: String?
    @Option(help: "The port to listen on, over web.port; 0 for any free one (the log says which).") var port: Int?
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port \(port) is not a port: it goes from 0 to 65535.")
        }
    }

    func run() async throws {
        try await options.run(logLevel: .info) { context in
            try await PageServer(context: context, host: host, port: port).run()
        }
    }
}
