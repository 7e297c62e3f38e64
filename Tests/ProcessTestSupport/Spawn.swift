import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command that could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    /// The one-line explanation shown in test failures.
    public let description: String

    /// Wraps a one-line message.
    public init(_ description: String) { self.description = description }
}

/// Starts `arguments[0]` with the rest as its arguments, for a test: the descriptors `fileActions`
/// sets up, every other one from `firstClosed` up closed, default signal handling and an empty
/// signal mask whatever the test runner set up for itself, and the test process's environment
/// updated by `environment`. Returns its process id; the caller reaps it.
///
/// - Parameters:
///   - searchingPath: look the program up in `PATH` (`posix_spawnp`).
///   - ownProcessGroup: start it in a process group of its own, so `kill(-pid, …)` reaches its helpers.
public func spawnProcess(_ arguments: [String], environment: [String: String] = [:], searchingPath: Bool = false,
                         ownProcessGroup: Bool = false, firstClosed: Int32 = 3,
                         fileActions: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    fileActions(&actions)
    // Descriptors the test process holds without close-on-exec (`swift test` passes it some) stay
    // out of the command (glibc 2.34 and later; not in Swift's Glibc module).
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, firstClosed)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var allSignals = sigset_t()
    var noSignals = sigset_t()
    sigfillset(&allSignals)
    sigemptyset(&noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
    if ownProcessGroup {
        posix_spawnattr_setpgroup(&attributes, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    // Built from ProcessInfo because the C `environ` global is not concurrency-safe in Swift 6.
    let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let result = searchingPath
        ? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard result == 0 else {
        throw SpawnError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
    }
    return pid
}
