// swift-tools-version:6.0
// litmus has no package dependencies by design: a supply-chain scanner must not carry
// supply-chain risk. Only Foundation, Dispatch and Glibc are used.
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
        .executableTarget(name: "litmus", dependencies: ["LitmusCore"]),
        .executableTarget(name: "litmus-bench", dependencies: ["LitmusCore"]),
        .testTarget(name: "LitmusCoreTests", dependencies: ["LitmusCore"], exclude: ["Vectors"]),
    ]
)
