import ArgumentParser
import Testing

@testable import AtelierCLI

/// Every command a coordinator can run explains itself with an example.
@Suite struct HelpTests {
    static func leaves(_ command: any ParsableCommand.Type, path: [String] = []) -> [(String, any ParsableCommand.Type)]
    {
        let configuration = command.configuration
        let name = configuration.commandName ?? String(describing: command).lowercased()
        let here = path + [name]
        guard !configuration.subcommands.isEmpty else { return [(here.joined(separator: " "), command)] }
        return configuration.subcommands.flatMap { leaves($0, path: here) }
    }

    /// A command without a name of its own is named by ArgumentParser from its type's
    /// description, at every start, for every command of the tree: a dynamic cast that scans all
    /// the binary's conformance records each time (a fifth of `atelier db status` once).
    @Test func everyCommandNamesItself() {
        func unnamed(_ command: any ParsableCommand.Type) -> [String] {
            (command.configuration.commandName == nil ? [String(describing: command)] : [])
                + command.configuration.subcommands.flatMap(unnamed)
        }
        #expect(unnamed(AtelierCommand.self) == [])
    }

    @Test func everyCommandHasAnAbstractAndAnExample() {
        let commands = Self.leaves(AtelierCommand.self)
        #expect(commands.count >= 40)
        for (path, command) in commands {
            #expect(!command.configuration.abstract.isEmpty, "\(path) has no abstract")
            #expect(command.configuration.discussion.contains("Example"), "\(path) has no example")
        }
    }

    @Test func theNounsOfTheIssueAreAllThere() {
        let paths = Set(Self.leaves(AtelierCommand.self).map(\.0))
        for expected in [
            "atelier module add", "atelier module edit", "atelier module list", "atelier module show",
            "atelier module archive",
            "atelier trainer add", "atelier trainer list", "atelier trainer show", "atelier venue add",
            "atelier venue list",
            "atelier funder add", "atelier funder list", "atelier funding add", "atelier funding list",
            "atelier funding show",
            "atelier participant add", "atelier participant edit", "atelier participant list",
            "atelier participant show",
            "atelier participant import", "atelier session schedule", "atelier session list", "atelier session show",
            "atelier session reschedule", "atelier session cancel", "atelier session complete",
            "atelier session roster",
            "atelier register", "atelier registration cancel", "atelier registration list", "atelier attendance record",
            "atelier attendance show", "atelier assessment record", "atelier assessment show", "atelier org show",
            "atelier org edit",
        ] {
            #expect(paths.contains(expected), "missing \(expected)")
        }
    }

    /// What parsing prints for `arguments`, and the exit code it gives, before any work.
    static func refusal(_ arguments: [String]) -> (message: String, code: Int32)? {
        do {
            _ = try AtelierCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return (AtelierCommand.message(for: error), AtelierCommand.exitCode(for: error).rawValue)
        }
    }

    @Test func parsingRefusesMisuseBeforeAnyWork() throws {
        let missing = try #require(Self.refusal(["module", "add", "X"]))
        #expect(missing.message == "A new module needs --title and --duration.")
        #expect(missing.code == 64)
        let both = try #require(
            Self.refusal(["register", "S-2027-001", "a@b.fr", "--funding", "F1", "--funder", "OPCO", "--amount", "300"])
        )
        #expect(both.message == "Give either --funding to join an agreement, or --funder for a new one, not both.")
        #expect(both.code == 64)
        #expect(
            Self.refusal(["funding", "add", "S-2027-001", "--amount", "300"])?.message
                == "The funding needs --funder with its --amount.")
        #expect(
            Self.refusal(["register", "S-2027-001", "a@b.fr", "--funder", "opco"])?.message
                == "The funding by OPCO needs its --amount.")
        let command = try AtelierCommand.parseAsRoot(["register", "S-2027-001", "a@b.fr", "--funding", "F1"])
        #expect((command as? RegisterCommand)?.funding == "F1")
    }

    /// Closed word lists are listed by `--help` and refused by name.
    @Test func closedWordListsAreNamed() throws {
        let status = try #require(Self.refusal(["session", "list", "--status", "finished"]))
        #expect(
            status.message
                == "The value 'finished' is invalid for '--status <status>'. Please provide one of 'draft', 'scheduled', 'completed' or 'cancelled'."
        )
        #expect(status.code == 64)
        let basis = try #require(
            Self.refusal(["funding", "add", "S-2027-001", "--funder", "OPCO", "--amount", "3", "--basis", "day"]))
        #expect(
            basis.message.hasPrefix(
                "The value 'day' is invalid for '--basis <basis>'. Please provide one of 'hour', 'participant' or 'group'."
            ))
        #expect(AtelierCommand.helpMessage(for: ModuleCommand.Add.self).contains("(values: presentiel, distanciel,\n"))
        let parsed = try AtelierCommand.parseAsRoot(["session", "list", "--status", "Cancelled"])
        #expect((parsed as? SessionCommand.List)?.status == .cancelled)
    }
}
