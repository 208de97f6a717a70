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

    /// Applies the stage to one document held in place: what ``apply(to:context:)`` does,
    /// with no array made when one document goes on (the runner's common case: every stage
    /// before `detect-boundaries` hands on its page). A stage that changes its document and
    /// hands on that one implements this and makes ``apply(to:context:)`` call it; the
    /// default moves the document out and calls ``apply(to:context:)``.
    ///
    /// - Returns: nil when the stage hands on one document, `document` as changed in place;
    ///   otherwise the documents that go on instead of it (what `document` then holds is
    ///   unspecified, as it is after a throw).
    func apply(inPlace document: inout Document, context: inout StageContext) throws -> [Document]?
}

/// A stage that cannot fail: both `apply` forms are declared without `throws`, so the
/// compiler, not a claim, guarantees ``Stage/mayFail`` is `false` (the runner then keeps no
/// copy of a page's blocks for a rejection that cannot happen). Every built-in stage is one.
///
/// A conforming stage implements ``apply(to:context:)``, or ``apply(inPlace:context:)`` and
/// makes `apply(to:)` call ``applyInPlace(to:context:)``, exactly as for ``Stage``, minus
/// the `throws`.
public protocol InfallibleStage: Stage {
    /// ``Stage/apply(to:context:)``, which cannot throw.
    func apply(to document: consuming Document, context: inout StageContext) -> [Document]
    /// ``Stage/apply(inPlace:context:)``, which cannot throw.
    func apply(inPlace document: inout Document, context: inout StageContext) -> [Document]?
}

extension InfallibleStage {
    /// The default in-place form of a stage that implements ``apply(to:context:)`` only: as
    /// ``Stage``'s, with no failure to undo.
    public func apply(inPlace document: inout Document, context: inout StageContext) -> [Document]? {
        Document.handOn(&document) { apply(to: $0, context: &context) }
    }

    /// ``Stage/applyInPlace(to:context:)``, which cannot throw.
    public func applyInPlace(to document: consuming Document, context: inout StageContext) -> [Document] {
        var doc = document
        if let out = apply(inPlace: &doc, context: &context) { return out }
        return [doc]
    }
}

extension Stage {
    /// Whether ``apply(to:context:)`` (or ``apply(inPlace:context:)``) may throw. While any
    /// stage of a pipeline may, the runner keeps each page's blocks as read, so that the
    /// rejection a failure becomes can quote them; a page's blocks shared that way are copied
    /// at the first stage that changes them. `false` only for an ``InfallibleStage`` (all the
    /// built-in ones), whose `apply` forms the compiler has checked do not throw. Told from the
    /// stage's type, not declared by it: a stage cannot claim it never fails and then throw
    /// (its rejection would have had no page lines to quote or count).
    public var mayFail: Bool { !(self is any InfallibleStage) }
}

extension Stage {
    public func apply(inPlace document: inout Document, context: inout StageContext) throws -> [Document]? {
        try Document.handOn(&document) { try apply(to: $0, context: &context) }
    }
}

extension Stage {
    /// ``apply(to:context:)`` for a stage that implements ``apply(inPlace:context:)``: the
    /// document changed in place when the stage hands it on, else what the stage hands on
    /// instead. Such a stage's `apply(to:)` is this, written once here.
    public func applyInPlace(to document: consuming Document, context: inout StageContext) throws -> [Document] {
        var doc = document
        if let out = try apply(inPlace: &doc, context: &context) { return out }
        return [doc]
    }
}

extension Document {
    /// What is left in a variable whose document was handed on elsewhere (no allocation:
    /// empty strings and arrays).
    static var movedOut: Document { Document(id: "", source: SourceLocation(input: "")) }

    /// The default in-place form, written once: `document` is moved out to `apply` (a stage's
    /// `apply(to:)`) and the one document it hands on moved back in, as bytes: a copy would
    /// make the stage's first change to the blocks copy their array, and a stand-in swapped
    /// in cost a document's construction and destruction per call. `document` holds no value
    /// from the move out until it is initialized again, on every path (a throw included:
    /// then, and when the stage hands on other than one document, with ``movedOut``).
    ///
    /// - Returns: nil when one document goes on (in `document`), else what goes on.
    @inline(__always)
    static func handOn(
        _ document: inout Document, through apply: (consuming Document) throws -> [Document]
    ) rethrows -> [Document]? {
        let taken = withUnsafeMutablePointer(to: &document) { $0.move() }
        var out: [Document]
        do {
            out = try apply(taken)
        } catch {
            withUnsafeMutablePointer(to: &document) { $0.initialize(to: .movedOut) }
            throw error
        }
        guard out.count == 1 else {
            withUnsafeMutablePointer(to: &document) { $0.initialize(to: .movedOut) }
            return out
        }
        let only = out.removeLast()
        withUnsafeMutablePointer(to: &document) { $0.initialize(to: consume only) }
        return nil
    }
}

extension Stage {
    /// The stage's identifier.
    public var identifier: String { Self.identifier }
}
