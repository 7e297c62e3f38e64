import Access
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tenure users`: who may sign in to the dashboard, with which role, and their API tokens.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the dashboard's users and their API tokens (kept in ops.users and ops.api_tokens).",
        discussion: """
        Roles: admin (everything), engineer (data health, no PII), analyst (no PII), \
        retention_agent (PII and retention work).
        """,
        subcommands: [Add.self, List.self, Remove.self, Token.self]
    )

    /// The environment variable `users add` reads the new password from, for scripts.
    static let passwordVariable = "TENURE_NEW_PASSWORD"

    /// `tenure users add USERNAME --role ROLE`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user.",
            discussion: """
            The password is read from \(Users.passwordVariable) if set, else asked for without echo on a \
            terminal, else read as one line of standard input. It is never taken from a flag.
            """
        )

        @OptionGroup var options: ProjectOptions
        @Argument(help: "The sign-in name: 2 to 64 of a-z, 0-9, '.', '_' and '-'.") var username: String
        @Option(help: "admin, engineer, analyst or retention_agent.") var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw CLIError(AccessError.invalidRole(role).description) }
            let password = try Users.newPassword(for: username)
            try await options.withAccessStore("tenure.users") { store in
                try await store.addUser(username, role: role, password: password)
            }
            print("added \(username) as \(role.rawValue)")
        }
    }

    /// `tenure users list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var options: ProjectOptions

        func run() async throws {
            let users = try await options.withAccessStore("tenure.users") { store in try await store.listUsers() }
            guard !users.isEmpty else {
                print("no users yet: add one with `tenure users add USERNAME --role admin`")
                return
            }
            print(pad("username", 24) + pad("role", 17) + pad("created (UTC)", 22) + "status")
            for user in users {
                print(pad(user.username, 24) + pad(user.role.rawValue, 17) + pad(Users.time(user.createdAt), 22)
                      + (user.disabled ? "disabled" : "active"))
            }
        }
    }

    /// `tenure users remove USERNAME`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user with their tokens and sessions (their audit entries stay).")
        @OptionGroup var options: ProjectOptions
        @Argument(help: "The user to remove.") var username: String

        func run() async throws {
            try await options.withAccessStore("tenure.users") { store in try await store.removeUser(username) }
            print("removed \(username)")
        }
    }

    /// `tenure users token USERNAME [--label L]`.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token acting as a user and print it, once.",
            discussion: "Only the token's SHA-256 is kept: copy it now, it cannot be shown again."
        )
        @OptionGroup var options: ProjectOptions
        @Argument(help: "The user the token acts as.") var username: String
        @Option(help: "What the token is for, to recognise it later.") var label: String?

        func run() async throws {
            let token = try await options.withAccessStore("tenure.users") { store in
                try await store.createToken(for: username, label: label)
            }
            // The token alone on standard output, so a script can capture it; the advice on standard error.
            print(token)
            FileHandle.standardError.write(Data("API token for \(username) shown once: store it now; only its hash is kept\n".utf8))
        }
    }

    /// The new password: from the environment, a terminal without echo (asked twice), or one line of stdin.
    static func newPassword(for username: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let password = environment[passwordVariable], !password.isEmpty { return password }
        guard isatty(STDIN_FILENO) != 0 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password: set \(passwordVariable) or give it as one line of standard input")
            }
            return line
        }
        let password = try readWithoutEcho(prompt: "Password for \(username): ")
        guard try readWithoutEcho(prompt: "Again: ") == password else { throw CLIError("the two passwords differ") }
        return password
    }

    /// One line from the terminal with echo turned off (and back on, whatever happens).
    private static func readWithoutEcho(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw CLIError("cannot read the terminal's settings") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0 else { throw CLIError("cannot turn the terminal's echo off") }
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw CLIError("no password given") }
        return line
    }

    /// `2025-01-15 09:30:00`, UTC.
    static func time(_ date: Date) -> String {
        String(date.formatted(.iso8601).replacingOccurrences(of: "T", with: " ").dropLast())
    }
}

extension ProjectOptions {
    /// Runs `body` with the access store of the configured warehouse (its tables created when missing),
    /// turning the module's errors into one-line CLI errors.
    func withAccessStore<T: Sendable>(_ label: String, _ body: (AccessStore) async throws -> T) async throws -> T {
        let settings = try self.configuration()
        let log = self.logger(label)
        return try await withConfiguredWarehouse(settings, logger: log) { warehouse in
            let store = AccessStore(warehouse: warehouse, logger: log)
            do {
                try await store.prepare()
                return try await body(store)
            } catch let error as AccessError {
                throw CLIError(error.description)
            }
        }
    }
}
