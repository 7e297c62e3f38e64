import Access
import ArgumentParser
import Dashboard
import Foundation
import Hummingbird
import Transform

/// `tenure serve`: the executive dashboard and retention workbench.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the dashboard and its JSON API from the warehouse (sign in with a user from `tenure users add`).",
        discussion: """
        Listens on 127.0.0.1:8080 by default: only this machine can reach it until --host says \
        otherwise. Put it behind a TLS-terminating proxy for a team, with --secure-cookies.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Mark cookies Secure (when served over HTTPS).")
    var secureCookies = false

    func run() async throws {
        let configuration = try options.configuration()
        var logger = options.logger("tenure.serve")
        logger.logLevel = options.verbose ? .info : .notice
        let project = try TransformProject.load(configuration).project
        let lineage = Lineage(project: project, models: project.order)
        let warehouse = try await options.openConfiguredWarehouse(configuration, logger: logger)
        let access = AccessStore(warehouse: warehouse, logger: logger)
        do {
            try await access.prepare()
            if try await access.listUsers().isEmpty {
                printError("warning: no users yet: add one with `tenure users add NAME --role admin`")
            }
            var settings = DashboardServer.Settings()
            settings.host = host
            settings.port = port
            settings.secureCookies = secureCookies
            print("Tenure dashboard on http://\(host):\(port)/ (Ctrl-C stops it)")
            fflush(nil)
            try await DashboardServer(warehouse: warehouse, access: access, lineage: lineage, settings: settings, logger: logger).application().runService()
        } catch {
            try? await warehouse.close()
            throw CLIError("the dashboard stopped: \(error)")
        }
        try await warehouse.close()
    }
}
