// swift-tools-version:6.0
// litmus has no package dependencies by design: a supply-chain scanner must not carry
// supply-chain risk. Only FoundationEssentials, Dispatch, Synchronization and Glibc are used
// (full Foundation would add its ICU data to the static binary; a test forbids it).
import PackageDescription

let package = Package(
    name: "litmus",
    products: [
        .executable(name: "litmus", targets: ["litmus"]),
        .library(name: "LitmusCore", targets: ["LitmusCore"]),
    ],
    dependencies: [],
    targets: [
        // One module per layer, bottom first; each imports only the layers below it (README,
        // Development: the layer diagram), so the compiler keeps the direction.
        .target(name: "LitmusSystem"),
        .target(name: "LitmusFormats"),
        .target(name: "LitmusModel", dependencies: ["LitmusSystem", "LitmusFormats"]),
        .target(name: "LitmusWalk", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel"]),
        .target(name: "LitmusExtractors", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusWalk"]),
        .target(name: "LitmusAdvisories", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusWalk"]),
        .target(name: "LitmusHostChecks", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusWalk", "LitmusExtractors", "LitmusAdvisories"]),
        .target(name: "LitmusRules", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusAdvisories"]),
        .target(name: "LitmusFleet", dependencies: ["LitmusSystem", "LitmusModel", "LitmusWalk", "LitmusAdvisories"]),
        .target(name: "LitmusReporters", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusAdvisories", "LitmusRules", "LitmusFleet"]),
        .target(name: "LitmusCore", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusWalk", "LitmusExtractors", "LitmusAdvisories", "LitmusHostChecks", "LitmusRules", "LitmusFleet", "LitmusReporters"]),
        // --wrap: see Sources/litmus/ProcessArguments.swift (a static binary must start without /proc).
        .executableTarget(name: "litmus", dependencies: ["LitmusCore"],
                          linkerSettings: [.unsafeFlags(["-Xlinker", "--wrap=swift_copyAuxiliaryExecutablePath"], .when(platforms: [.linux]))]),
        .executableTarget(name: "litmus-bench", dependencies: ["LitmusFormats", "LitmusWalk", "LitmusExtractors"]),
        .testTarget(name: "LitmusCoreTests", dependencies: ["LitmusSystem", "LitmusFormats", "LitmusModel", "LitmusWalk", "LitmusExtractors", "LitmusAdvisories", "LitmusHostChecks", "LitmusRules", "LitmusReporters", "LitmusCore"], exclude: ["Vectors", "Golden"]),
    ]
)
