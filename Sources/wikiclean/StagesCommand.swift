import ArgumentParser
import WikiClean

extension WikiCleanCommand {
    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stages",  // named here: ArgumentParser would derive it by reflection at every start
            abstract: "List every stage with its options, defaults and rule files.",
            discussion: "Reads nothing; writes the list to standard output. Exit code 0.")

        func run() throws {
            for d in StageRegistry.descriptors {
                print("\(d.identifier)\n  \(d.summary)")
                if !d.ruleFiles.isEmpty { print("  rule files: \(d.ruleFiles.joined(separator: ", ")) (compiled in; relative to the pipeline file)") }
                for o in d.options {
                    print("  --set \(o.name)=…  (default \(o.defaultValue))\n      \(o.help)")
                }
                print("")
            }
        }
    }
}
