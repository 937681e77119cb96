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
        .target(name: "LitmusCore"),
        // --wrap: see Sources/litmus/ProcessArguments.swift (a static binary must start without /proc).
        .executableTarget(name: "litmus", dependencies: ["LitmusCore"],
                          linkerSettings: [.unsafeFlags(["-Xlinker", "--wrap=swift_copyAuxiliaryExecutablePath"], .when(platforms: [.linux]))]),
        .executableTarget(name: "litmus-bench", dependencies: ["LitmusCore"]),
        .testTarget(name: "LitmusCoreTests", dependencies: ["LitmusCore"], exclude: ["Vectors", "Golden"]),
    ]
)
