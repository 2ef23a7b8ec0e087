// swift-tools-version: 6.2
import Foundation
import PackageDescription

let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "Atelier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "atelier", targets: ["atelier"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C libraries, each behind a module map and a shim of static inline wrappers.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Opened on first use (see `lazyLinkedHeaders` below): no pkg-config package, whose flags
        // would link them.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CQREncode", providers: [.apt(["libqrencode-dev"])]),
        // How their shims open each library on first use.
        .systemLibrary(name: "CLazyLink"),

        // Thin, safe Swift over each C library; no domain words.
        .target(name: "Postgres", dependencies: ["CLibPQ", logging]),
        .target(
            name: "Delivery", dependencies: ["CCurl", "CLazyLink", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Documents",
            dependencies: [
                "CCairo", "CPango", "CQREncode", "CLazyLink", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // The job queue, and the runtime of workers (lanes, heartbeat, listener, leases,
        // shutdown); neither knows a kind of job.
        .target(name: "Queue", dependencies: ["Postgres"]),
        .target(name: "Worker", dependencies: ["Postgres", "Queue", logging]),

        // The domain core: every rule of the trade, over the database.
        .target(
            name: "Training",
            dependencies: [
                "Postgres", "Queue", "Documents", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // What the CLI, the worker and the pages share: settings, the store, the one registry of
        // job kinds and their handlers, message composition, lane context, signals.
        .target(
            name: "App",
            dependencies: [
                "Postgres", "Queue", "Worker", "Training", "Delivery", "Documents",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]),

        // The admin CLI, commands only, and the executable where the CLI and the pages meet.
        .target(
            name: "AtelierCLI",
            dependencies: [
                "App", "Postgres", "Queue", "Training", "Delivery", "Documents", logging,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The pages participants and trainers open from their emails: `atelier serve`.
        .target(
            name: "Web",
            dependencies: [
                "App", "Postgres", "Training", logging,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "atelier",
            dependencies: [
                "AtelierCLI", "Web", "App", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Swift links executables with `-export-dynamic`, which put our 31 800 symbols in the
            // dynamic table: the loader looked through them at every start, and the runtime's
            // `dladdr` of itself scanned them all (1.3 ms of each command). Nothing looks our
            // symbols up by name; crash reports read the symbol table from the file.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]),

        // `make bench`: the queue's figures beside PgQueuer's and pgbench's on one server.
        .executableTarget(
            name: "QueueBenchmark", dependencies: ["Worker", "Queue", "Postgres", logging],
            path: "Benchmarks/QueueBenchmark"),

        // `make bench`: Atelier's sender beside a plain C loop over libcurl, to one SMTP sink.
        .executableTarget(name: "MailBenchmark", dependencies: ["Delivery"], path: "Benchmarks/MailBenchmark"),

        // `make bench`: certificates issued per second, beside building and storing alone; the
        // rows the funding export is timed on.
        .executableTarget(
            name: "DocumentBenchmark", dependencies: ["BenchmarkSupport", "Training", "Postgres"], path: "Benchmarks/DocumentBenchmark"),

        // What the benchmarks that seed through the domain share.
        .target(name: "BenchmarkSupport", dependencies: ["Training", "Postgres"], path: "Benchmarks/BenchmarkSupport"),

        // `make bench`: a year of the seeds' Caen session, for `qualiopi pack` to be timed on.
        .executableTarget(
            name: "PackBenchmark", dependencies: ["BenchmarkSupport", "Training", "Postgres"], path: "Benchmarks/PackBenchmark"),

        // `make bench`: a year of invoices drawn and issued (PDF, Factur-X), in one process.
        .executableTarget(
            name: "InvoiceBenchmark", dependencies: ["BenchmarkSupport", "Training", "Postgres"], path: "Benchmarks/InvoiceBenchmark"),

        // Tests: one target per module, plus the shared support that starts nothing itself but
        // finds the servers `scripts/test` started.
        .target(
            name: "TestSupport", dependencies: ["Postgres"], path: "Tests/TestSupport",
            exclude: [
                "http_receiver.py", "read_mail.py", "read_table.py", "read_zip.py", "browser_questionnaire.py",
            ]),
        // The real worker with the tests' handlers, run as processes by WorkerTests.
        .executableTarget(
            name: "TestWorker", dependencies: ["Worker", "Queue", "Postgres", logging], path: "Tests/TestWorker"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(
            name: "TrainingTests", dependencies: ["Training", "Documents", "Postgres", "Queue", "TestSupport"]),
        .testTarget(name: "QueueTests", dependencies: ["Queue", "Postgres", "TestSupport"]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "Queue", "Postgres", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "TestSupport"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "Training", "Queue", "Postgres", "Documents", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(
            name: "AtelierCLITests",
            dependencies: [
                "AtelierCLI", "App", "Postgres", "Queue", "Training", "TestSupport", "Web",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), logging,
            ]),
    ],
    swiftLanguageModes: [.v6]
)

/// libcurl, cairo, Pango and libqrencode are opened on first use (Sources/CLazyLink) rather than
/// linked: together they brought some sixty shared objects to map and relocate at the start of
/// every command. A system library's pkg-config package would link them, so their targets name
/// none, and every target finds their headers through pkg-config's include flags alone.
let lazyLinkedHeaders: [SwiftSetting] = {
    let pkgConfig = Process()
    let output = Pipe()
    pkgConfig.executableURL = URL(fileURLWithPath: "/usr/bin/pkg-config")
    pkgConfig.arguments = ["--cflags-only-I", "libcurl", "cairo", "pangocairo", "libqrencode"]
    pkgConfig.standardOutput = output
    do { try pkgConfig.run() } catch { fatalError("Atelier needs pkg-config: run scripts/install-deps (\(error)).") }
    let flags = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    pkgConfig.waitUntilExit()
    guard pkgConfig.terminationStatus == 0 else {
        fatalError(
            "pkg-config cannot find the headers of libcurl, cairo, Pango or libqrencode: run scripts/install-deps.")
    }
    return [.unsafeFlags(flags.split(whereSeparator: \.isWhitespace).flatMap { ["-Xcc", String($0)] })]
}()

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + lazyLinkedHeaders
}
