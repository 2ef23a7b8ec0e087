import Foundation
import TestSupport
import Testing

/// DESIGN.md's diagram, held by the package: every module imports only what its target declares,
/// and every declared arrow points down the diagram, never up or sideways.
@Suite struct PackageLayoutTests {
    /// The diagram, as each module's arrows down. An arrow from one module to another is allowed
    /// when the other is reachable from it along these; anything else points up or sideways.
    static let diagram: [String: [String]] = [
        "Postgres": ["CLibPQ"],
        "Delivery": ["CCurl", "CLazyLink"],
        "Documents": ["CCairo", "CPango", "CQREncode", "CLazyLink"],
        "Queue": ["Postgres"],
        "Worker": ["Queue"],
        "Training": ["Queue", "Delivery", "Documents"],
        "App": ["Training", "Worker"],
        "AtelierCLI": ["App"],
        "Web": ["App"],
        "atelier": ["AtelierCLI", "Web"],
    ]

    /// What a file may import without declaring it: the toolchain's own modules.
    static let toolchain: Set = [
        "Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Synchronization", "XCTest", "Testing",
    ]

    struct Manifest: Decodable {
        struct Target: Decodable {
            let name: String
            let type: String
            let path: String?
            let dependencies: [Dependency]
        }

        /// `{"byName": ["Queue", null]}`, `{"target": [...]}` or `{"product": ["Logging", "swift-log", …]}`.
        struct Dependency: Decodable {
            let byName: [String?]?
            let target: [String?]?
            let product: [String?]?

            var name: String? { (byName ?? target ?? product)?.first ?? nil }
        }

        let targets: [Target]
    }

    let manifest: Manifest

    init() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A scratch folder of its own: the one of `swift test` is locked while the tests run.
        let dump = try ExternalTool.run(
            "/usr/bin/env",
            [
                "swift", "package", "--package-path", AtelierProcess.packageRoot.path, "--scratch-path", scratch.path,
                "dump-package",
            ])
        try #require(dump.status == 0, "swift package dump-package failed")
        manifest = try JSONDecoder().decode(Manifest.self, from: Data(dump.output.utf8))
    }

    static func reachable(from module: String) -> Set<String> {
        var seen = Set<String>()
        var next = diagram[module] ?? []
        while let module = next.popLast() {
            if seen.insert(module).inserted { next += diagram[module] ?? [] }
        }
        return seen
    }

    /// The modules the files of `target` import, each with one file that does.
    func imports(of target: Manifest.Target) throws -> [String: String] {
        let folder = target.path ?? (target.type == "test" ? "Tests/\(target.name)" : "Sources/\(target.name)")
        let root = AtelierProcess.packageRoot.appendingPathComponent(folder)
        var found: [String: String] = [:]
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                guard
                    let match = line.wholeMatch(
                        of: /(?:@testable |@_exported )?import (?:struct |enum |class )?(\w+).*/)
                else { continue }
                found[String(match.1)] = file.lastPathComponent
            }
        }
        return found
    }

    @Test func everyImportIsDeclared() throws {
        var undeclared: [String] = []
        for target in manifest.targets where target.type != "system" {
            let declared = Set(target.dependencies.compactMap(\.name))
            for (module, file) in try imports(of: target) where !declared.contains(module) {
                if !Self.toolchain.contains(module) { undeclared.append("\(target.name) imports \(module) in \(file)") }
            }
        }
        #expect(undeclared.isEmpty, "imports that Package.swift does not declare: \(undeclared)")
        #expect(!manifest.targets.isEmpty)
    }

    @Test func everyArrowPointsDown() {
        let modules = Set(Self.diagram.keys).union(Self.diagram.values.joined())
        var wrong: [String] = []
        // The modules under Sources/ (the tests' support lives under Tests/).
        for target in manifest.targets where target.type == "regular" && target.path == nil || target.name == "atelier"
        {
            guard Self.diagram[target.name] != nil else {
                wrong.append("\(target.name) has no place in the diagram")
                continue
            }
            let below = Self.reachable(from: target.name)
            for dependency in target.dependencies.compactMap(\.name) where modules.contains(dependency) {
                if !below.contains(dependency) { wrong.append("\(target.name) → \(dependency)") }
            }
        }
        #expect(wrong.isEmpty, "arrows that point up or sideways: \(wrong)")
    }

    /// The runtime is lifted out whole: the test worker and the queue's benchmark need nothing
    /// but it, the queue, PostgreSQL and logging.
    @Test func theWorkerRuntimeStandsWithoutTheDomain() throws {
        let runtime: Set = ["Worker", "Queue", "Postgres", "Logging"]
        for name in ["Worker", "TestWorker", "QueueBenchmark"] {
            let target = try #require(manifest.targets.first { $0.name == name })
            let extra = Set(target.dependencies.compactMap(\.name)).subtracting(runtime).subtracting([name])
            #expect(extra.isEmpty, "\(name) depends on \(extra.sorted())")
        }
    }

    /// libcurl, cairo, Pango and libqrencode are opened on first use (CLazyLink), so nothing
    /// loads them when a command starts; libpq, which every command uses, is linked.
    @Test func onlyLibpqIsLinkedOfTheCLibraries() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["ATELIER_BINARY"], "ATELIER_BINARY is not set")
        let dynamic = try ExternalTool.run("/usr/bin/readelf", ["--dynamic", binary])
        try #require(dynamic.status == 0, "readelf cannot read \(binary)")
        let needed = dynamic.output.split(separator: "\n").compactMap { line in
            line.contains("(NEEDED)")
                ? line.split(separator: "[").last?.split(separator: "]").first.map(String.init) : nil
        }
        #expect(needed.contains { $0.hasPrefix("libpq.so") })
        let eager = needed.filter { name in
            ["libcurl", "libcairo", "libpango", "libgobject", "libglib", "libharfbuzz", "libqrencode"].contains {
                name.hasPrefix($0)
            }
        }
        #expect(eager.isEmpty, "linked at start: \(eager)")
    }

    /// The test itself can fail: an arrow from Worker up to Training is caught.
    @Test func anArrowUpIsCaught() {
        #expect(!Self.reachable(from: "Worker").contains("Training"))
        #expect(!Self.reachable(from: "Training").contains("Worker"))
        #expect(!Self.reachable(from: "AtelierCLI").contains("Web"))
        #expect(Self.reachable(from: "atelier").contains("CLibPQ"))
    }
}
