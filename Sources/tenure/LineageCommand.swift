import ArgumentParser
import Transform

/// `tenure lineage`: the DAG of models and sources.
struct LineageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Show which models read which: as text, Graphviz DOT, or an SVG picture."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot, svg
    }

    @OptionGroup var options: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    @Option(help: "text, dot or svg.")
    var format: Format = .text

    func run() throws {
        let configuration = try options.configuration()
        let project = try TransformProject.load(configuration).project
        let lineage = Lineage(project: project, models: try selection.selection.models(in: project))
        switch format {
        case .text: print(lineage.text)
        case .dot: print(lineage.dot)
        case .svg: print(lineage.svg, terminator: "")
        }
    }
}
