/// One processing step of a pipeline: takes a document, returns zero or more documents.
///
/// A stage is a value whose stored properties are its options. It keeps no state between
/// documents, so the runner can call it from several threads at once. It reports what it
/// removed or changed through the ``StageContext``; the runner does the bookkeeping.
public protocol Stage: Sendable {
    /// Stable kebab-case name, used in pipeline files, stats keys and `wikiclean stage NAME`.
    static var identifier: String { get }
    /// One sentence: what the stage does.
    static var summary: String { get }
    /// Applies the stage to one document.
    ///
    /// - Returns: the documents that go on (none to drop it, several to split it).
    /// - Throws: only for a failure that is not the input's fault; the runner turns it into
    ///   a rejection of this record and goes on.
    func apply(to document: consuming Document, context: inout StageContext) throws -> [Document]
}

extension Stage {
    /// The stage's identifier.
    public var identifier: String { Self.identifier }
}
