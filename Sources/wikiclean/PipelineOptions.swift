import ArgumentParser
import WikiClean

/// `--pipeline FILE`, shared by the commands that run stages.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Pipeline file to run (default: the built-in Pipelines/default.yaml).", valueName: "FILE"),
        completion: .file(extensions: ["yaml", "yml"]))
    var pipeline: String?

    /// The spec, read and checked before any input is read.
    func spec() throws -> PipelineSpec {
        if let pipeline { return try PipelineSpec.load(path: pipeline) }
        return PipelineSpec.builtInDefault()
    }
}
