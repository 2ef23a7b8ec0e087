import ArgumentParser
import AtelierCLI

/// `atelier`: the admin commands, and `serve`, the pages' one command. The executable is where
/// the two meet, since neither module may know the other.
struct Atelier: AsyncParsableCommand {
    static let configuration = AtelierCommand.rootConfiguration(adding: [ServeCommand.self])
}

extension Atelier {
    /// Parses the command line and runs the command. Top-level code would pick the synchronous
    /// `main` of ParsableCommand, which refuses an asynchronous root; an async function picks
    /// AsyncParsableCommand's.
    static func start() async { await main() }
}
