import Foundation
import TestSupport
import Testing
import Training

@testable import App

/// One list of kinds: every kind the domain names has one handler and its `Jobs/<kind>/job.yaml`,
/// every handler is in the list, and the worker, `jobs stats` and the catalogue read that list.
@Suite struct JobRegistryTests {
    let jobs = AtelierProcess.packageRoot.appendingPathComponent("Jobs")

    @Test func everyKindHasOneHandler() {
        let kinds = JobRegistry.kinds
        #expect(
            Set(kinds) == Set(JobKind.allCases), "kinds without a handler: \(Set(JobKind.allCases).subtracting(kinds))")
        #expect(kinds.count == Set(kinds).count, "a kind is listed twice: \(kinds)")
    }

    @Test func everyKindHasItsFolderAndEveryFolderItsKind() throws {
        for kind in JobRegistry.kinds {
            #expect(
                FileManager.default.fileExists(atPath: jobs.appendingPathComponent("\(kind.rawValue)/job.yaml").path),
                "Jobs/\(kind.rawValue)/job.yaml is missing")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: jobs.path).filter {
            FileManager.default.fileExists(atPath: jobs.appendingPathComponent("\($0)/job.yaml").path)
        }
        #expect(Set(folders) == Set(JobRegistry.kinds.map(\.rawValue)))
    }

    /// A handler type that is not in the list would never run: every type that conforms to
    /// `KindHandler` under `Sources/App` is named in `JobRegistry.swift`.
    @Test func everyHandlerIsInTheList() throws {
        let app = AtelierProcess.packageRoot.appendingPathComponent("Sources/App")
        let registry = try String(contentsOf: app.appendingPathComponent("Jobs/JobRegistry.swift"), encoding: .utf8)
        var handlers: [String] = []
        let files = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for match in try String(contentsOf: file, encoding: .utf8).matches(of: /struct (\w+): KindHandler/) {
                handlers.append(String(match.1))
            }
        }
        #expect(handlers.count >= 4)
        for handler in handlers { #expect(registry.contains("\(handler)("), "\(handler) is not in JobRegistry") }
    }

    @Test func theWorkerRunsEveryKindOfTheList() {
        #expect(JobRegistry.workerRegistry(retryDelay: .seconds(1)).kinds == JobRegistry.kinds.map(\.rawValue).sorted())
    }

    @Test func theCatalogueMustHoldTheKindsOfTheList() throws {
        let catalogue = try JobCatalogueFiles.load(jobs, kinds: JobRegistry.kinds)
        #expect(catalogue.kinds == Set(JobRegistry.kinds))
        #expect(throws: SettingsError.self) { try JobCatalogueFiles.load(jobs, kinds: [.convocation]) }
    }
}
