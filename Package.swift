// swift-tools-version:6.0
import PackageDescription

// Modules and their one-way dependencies are described in ../shared/DESIGN.md.
let package = Package(
    name: "tenure",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tenure", targets: ["tenure"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
    ],
    targets: [
        .target(
            name: "TenureCore",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Simulator",
            dependencies: ["TenureCore"]
        ),
        .target(
            name: "Warehouse",
            dependencies: [
                "TenureCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for bulk inserts that bind values without GRDB's per-row overhead.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // How records leave the source systems: export files, and the four systems' HTTP APIs.
        .target(
            name: "Connectors",
            dependencies: [
                "TenureCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // RS256 signing of the Google service account's token requests.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The simulated bank behind emulations of the four systems' APIs, for tests and demos.
        .target(
            name: "Sandbox",
            dependencies: [
                "TenureCore",
                "Connectors",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Ingestion",
            dependencies: [
                "TenureCore",
                "Warehouse",
                "Connectors",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Transform",
            dependencies: [
                "TenureCore",
                "Warehouse",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Resolution", dependencies: ["TenureCore"]),
        // The bank's customers as one person each: entity resolution as models of the SQL project,
        // the review queue, and evaluation against the simulated bank's truth.
        .target(
            name: "Unification",
            dependencies: [
                "TenureCore",
                "Warehouse",
                "Transform",
                "Resolution",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // XGBoost's C API (Debian's libxgboost-dev); only ChurnModel's Learning/XGBoost.swift imports it.
        .systemLibrary(
            name: "CXGBoost",
            pkgConfig: "xgboost",
            providers: [.apt(["libxgboost-dev"])]
        ),
        // Churn prediction: training, evaluation and explanations over XGBoost.
        .target(name: "ChurnModel", dependencies: ["CXGBoost", "TenureCore"]),
        // The bank's churn forecast: point-in-time snapshots, training from the warehouse, the
        // model registry, and daily scoring with reasons, as models of the SQL project.
        .target(
            name: "ChurnForecast",
            dependencies: [
                "TenureCore",
                "Warehouse",
                "Transform",
                "ChurnModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Experiment tracking: logs training runs to an MLflow tracking server over its REST API.
        .target(
            name: "Tracking",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Cron and Quartz schedules for `tenure serve --schedule`: next fire times by time zone,
        // daylight saving included; Foundation only.
        .target(name: "Scheduling"),
        // The bank's day: the pipeline's steps, run history, one-run lock, schedule and alerts.
        .target(
            name: "Pipeline",
            dependencies: [
                "TenureCore",
                "Warehouse",
                "Connectors",
                "Ingestion",
                "Transform",
                "Unification",
                "ChurnModel",
                "ChurnForecast",
                "Scheduling",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Server-rendered SVG charts with table fallbacks for the dashboard; Foundation only, so
        // the closed network needs no scripts, fonts or CDNs.
        .target(name: "Charts"),
        // Who may see what in the dashboard: users, roles, passwords, API tokens, sessions, the audit log.
        .target(
            name: "Access",
            dependencies: [
                "TenureCore",
                "Warehouse",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The executive dashboard and retention workbench: pages, JSON API, sign-in, audit.
        .target(
            name: "Dashboard",
            dependencies: [
                "TenureCore",
                "Warehouse",
                "ChurnForecast",
                "ChurnModel",
                "Transform",
                "Access",
                "Charts",
                "Pipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "tenure",
            dependencies: [
                "TenureCore",
                "Simulator",
                "Warehouse",
                "Connectors",
                "Ingestion",
                "Transform",
                "Resolution",
                "Unification",
                "ChurnModel",
                "ChurnForecast",
                "Tracking",
                "Access",
                "Dashboard",
                "Sandbox",
                "Pipeline",
                "Scheduling",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "TenureCoreTests",
            dependencies: ["TenureCore"]
        ),
        .testTarget(
            name: "SimulatorTests",
            dependencies: ["Simulator", "TenureCore"]
        ),
        // Starts a command from a test without Foundation's Process (whose descriptors leak into
        // other tests' commands).
        .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
        // Runs a test body against each engine (SQLite, and the PostgreSQL of scripts/postgres).
        .target(
            name: "WarehouseTestSupport",
            dependencies: ["Warehouse", "TenureCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/WarehouseTestSupport"
        ),
        .testTarget(
            name: "WarehouseTests",
            dependencies: ["Warehouse", "TenureCore", "WarehouseTestSupport"]
        ),
        .testTarget(
            name: "IngestionTests",
            dependencies: ["Ingestion", "Connectors", "Warehouse", "Simulator", "TenureCore", "WarehouseTestSupport"]
        ),
        .testTarget(
            name: "TransformTests",
            dependencies: ["Transform", "Warehouse", "TenureCore", "Simulator", "Ingestion", "Connectors", "WarehouseTestSupport"]
        ),
        .testTarget(name: "ResolutionTests", dependencies: ["Resolution", "TenureCore"]),
        .testTarget(
            name: "UnificationTests",
            dependencies: ["Unification", "ChurnForecast", "Resolution", "Transform", "Warehouse", "TenureCore", "Simulator", "Ingestion", "Connectors", "WarehouseTestSupport"]
        ),
        .testTarget(name: "ChurnModelTests", dependencies: ["ChurnModel", "TenureCore"]),
        .testTarget(
            name: "ChurnForecastTests",
            dependencies: ["ChurnForecast", "ChurnModel", "Transform", "Unification", "Warehouse", "TenureCore", "Simulator", "Ingestion", "Connectors", "WarehouseTestSupport"]
        ),
        // Against the real MLflow server of scripts/mlflow (TENURE_TEST_MLFLOW_URL); reads runs back
        // over REST with its own HTTP client, not through the code under test.
        .testTarget(
            name: "TrackingTests",
            dependencies: ["Tracking", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Access", "ChurnForecast", "Unification", "Transform", "Warehouse", "TenureCore", "Simulator", "Ingestion",
                "Connectors", "Pipeline", "Scheduling", "WarehouseTestSupport", "ProcessTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Scheduling", "Sandbox", "Connectors", "ChurnForecast", "Unification", "Transform", "Warehouse", "TenureCore",
                "Simulator", "WarehouseTestSupport", "ProcessTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Each live test's own HTTP client, shut down before its server stops.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "AccessTests", dependencies: ["Access", "Warehouse", "WarehouseTestSupport"]),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "Connectors", "Ingestion", "Simulator", "Warehouse", "TenureCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Each live test's own HTTP client, shut down before its server stops.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "tenure", "Warehouse", "WarehouseTestSupport", "ProcessTestSupport",
                // MLflow's REST API, read back by the tests that log to it.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ]
)
