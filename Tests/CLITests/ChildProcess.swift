import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProcessTestSupport

/// A command a test started, its output read and its exit awaited without holding a cooperative thread.
///
/// Not Foundation's `Process`: on Linux its pipes and its termination socket are not
/// close-on-exec, so a command another test starts at the same moment can inherit them and keep
/// this test waiting (for the end of the output, or for the exit) until that other command ends;
/// and its `waitUntilExit` and blocking reads hold one of the cooperative threads every test
/// shares (two, on two cores). Here every descriptor is close-on-exec, the output is read on
/// threads of its own, and the exit is polled from the test's task. (Unchecked Sendable: the
/// state the reading threads touch is behind locks.)
final class ChildProcess: @unchecked Sendable {
    /// Our end of the socket pair the command writes to, read to its end on a thread of its own
    /// (a test waiting to kill the command at a line in its output must not wait for a cooperative
    /// thread to notice it: the command would have gone on meanwhile).
    private final class Reader: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [UInt8] = []
        private var ended = false
        private var trigger: (@Sendable (String) -> Bool, @Sendable () -> Void)?

        init(_ descriptor: Int32) {
            Thread { [self] in
                var chunk = [UInt8](repeating: 0, count: 64 << 10)
                while true {
                    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    let fired: (@Sendable () -> Void)? = lock.withLock {
                        collected += chunk[..<count]
                        return fire()
                    }
                    fired?()
                }
                close(descriptor)
                lock.withLock { ended = true }
            }.start()
        }

        /// What was read so far.
        var bytes: [UInt8] { lock.withLock { collected } }

        /// Whether the writer has closed its end (the command ended, or closed its output).
        var isAtEnd: Bool { lock.withLock { ended } }

        /// Calls `action` once, on the reading thread, as soon as the text read satisfies `condition`.
        func when(_ condition: @escaping @Sendable (String) -> Bool, _ action: @escaping @Sendable () -> Void) {
            let fired: (@Sendable () -> Void)? = lock.withLock {
                trigger = (condition, action)
                return fire()
            }
            fired?()
        }

        /// The trigger's action if its condition now holds (it is disarmed then); called with the lock held.
        private func fire() -> (@Sendable () -> Void)? {
            guard let (condition, action) = trigger, condition(String(decoding: collected, as: UTF8.self)) else { return nil }
            trigger = nil
            return action
        }
    }

    /// The command's process id.
    let processIdentifier: pid_t
    private let standardOutput: Reader?
    private let standardError: Reader?
    private let reaping = NSLock()
    private var waitStatus: Int32?

    /// Starts `executable` with `arguments`, the test process's environment updated by `environment`,
    /// standard input from /dev/null, and standard output and error captured (or discarded).
    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
         captureOutput: Bool = true, captureErrors: Bool = true) throws {
        let outputEnds = captureOutput ? try Self.socketPair() : nil
        let errorEnds: SocketPair?
        do { errorEnds = captureErrors ? try Self.socketPair() : nil } catch { outputEnds?.closeBoth(); throw error }
        // The command's ends are its own once it runs.
        defer { [outputEnds, errorEnds].forEach { if let theirs = $0?.theirs { close(theirs) } } }
        do {
            processIdentifier = try spawnProcess([executable.path] + arguments, environment: environment) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                for (target, ends) in [(Int32(1), outputEnds), (2, errorEnds)] {
                    if let ends {
                        // dup2 clears close-on-exec on the copy, so only fds 0, 1 and 2 reach the command.
                        posix_spawn_file_actions_adddup2(&actions, ends.theirs, target)
                    } else {
                        posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
                    }
                }
            }
        } catch {
            [outputEnds, errorEnds].forEach { if let ours = $0?.ours { close(ours) } }
            throw error
        }
        standardOutput = outputEnds.map { Reader($0.ours) }
        standardError = errorEnds.map { Reader($0.ours) }
    }

    /// Our end and the command's end of a stream.
    private struct SocketPair {
        let ours: Int32
        let theirs: Int32
        func closeBoth() { close(ours); close(theirs) }
    }

    /// A close-on-exec socket pair (pipe2, which would make a pipe so atomically, is not in Swift's Glibc module).
    private static func socketPair() throws -> SocketPair {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw SpawnError("cannot make a socket pair: \(String(cString: strerror(errno)))")
        }
        return SocketPair(ours: ends[0], theirs: ends[1])
    }

    deinit {
        // A test that stopped early leaves no command behind, and no zombie.
        if waitStatus == nil {
            Glibc.kill(processIdentifier, SIGKILL)
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
        }
    }

    /// What the command has printed on standard output so far.
    var output: String { String(decoding: standardOutput?.bytes ?? [], as: UTF8.self) }

    /// What the command has printed on standard error so far.
    var errors: String { String(decoding: standardError?.bytes ?? [], as: UTF8.self) }

    /// Whether the command has exited (it is reaped then).
    var hasExited: Bool {
        reaping.withLock {
            if waitStatus == nil {
                var status: Int32 = 0
                if waitpid(processIdentifier, &status, WNOHANG) == processIdentifier { waitStatus = status }
            }
            return waitStatus != nil
        }
    }

    /// The signal that ended the command, if one did.
    var terminatingSignal: Int32? {
        guard hasExited, let status = waitStatus, status & 0x7f != 0 else { return nil }
        return status & 0x7f
    }

    /// The exit code, or 128 plus the signal's number if a signal ended the command, as shells report it.
    var status: Int32 {
        guard hasExited, let status = waitStatus else { return -1 }
        return terminatingSignal.map { 128 + $0 } ?? (status >> 8) & 0xff
    }

    /// Sends `signal` to the command, unless it has been reaped (its process id may be another's by then).
    func send(_ signal: Int32) {
        reaping.withLock { if waitStatus == nil { _ = Glibc.kill(processIdentifier, signal) } }
    }

    /// Kills the command, without warning, the moment its standard error satisfies `condition`.
    func kill(whenErrors condition: @escaping @Sendable (String) -> Bool) {
        standardError?.when(condition) { [weak self] in self?.send(SIGKILL) }
    }

    /// Waits until `condition` holds, the command has exited and closed its output, or `timeLimit`
    /// has passed; says whether `condition` held.
    func wait(until condition: (ChildProcess) -> Bool, timeLimit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeLimit
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            if hasExited && (standardOutput?.isAtEnd ?? true) && (standardError?.isAtEnd ?? true) { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(self)
    }

    /// Waits for the command to exit and its output to end; one still running after `timeLimit`
    /// is killed. Says whether it finished by itself.
    func waitForExit(timeLimit: Duration) async -> Bool {
        guard await wait(until: { $0.hasExited }, timeLimit: timeLimit) else {
            send(SIGKILL)
            _ = await wait(until: { $0.hasExited }, timeLimit: .seconds(10))
            return false
        }
        // The output ends with the command, unless something it started holds it open.
        _ = await wait(until: { ($0.standardOutput?.isAtEnd ?? true) && ($0.standardError?.isAtEnd ?? true) }, timeLimit: .seconds(10))
        return true
    }
}
