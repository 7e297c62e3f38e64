import ArgumentParser
import Transform

/// `tenure docs`: the models' catalogue.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the catalogue of models: descriptions, columns, tests and lineage, as Markdown."
    )

    @OptionGroup var options: ProjectOptions
    @OptionGroup var selection: SelectionOptions

    func run() throws {
        let configuration = try options.configuration()
        let project = try TransformProject.load(configuration).project
        print(ProjectDocumentation.markdown(project, models: try selection.selection.models(in: project)), terminator: "")
    }
}
