import AtelierCLI
import Foundation

// A write to a closed pipe fails with EPIPE, which the CLI reports, instead of killing the process.
signal(SIGPIPE, SIG_IGN)

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "help",
    let unknown = AtelierCommand.unknownHelpTopic(Array(arguments.dropFirst()), in: Atelier.configuration)
{
    FileHandle.standardError.write(Data("There is no command “\(unknown)”: `atelier --help` lists them.\n".utf8))
    exit(64)
}
await Atelier.start()
