@_exported import TextNormalization

/// Normalizes Japanese text through ICU, rule by rule (see ``NormalizationOptions``):
/// NFKC, width, hyphens, long vowel marks, tildes, spaces, repeats and control characters.
///
/// Applies to titles, readings, headings, paragraphs and captions alike; chrome blocks are
/// left as they were found. Lines that are already normalized cost a quick check only.
///
/// ```
/// ｷｭｰﾊﾞ危機　（１９６２年）  →  キューバ危機(1962年)
/// ```
public struct NormalizeText: InfallibleStage {
    public static let identifier = "normalize"
    public static let summary = "Normalize Japanese text with ICU, rule by rule (profiles wiki-ja, neologdn, nfkc, none)."

    public let options: NormalizationOptions
    private let normalizer: Normalizer

    public init(options: NormalizationOptions = .wikiJa) {
        self.options = options
        self.normalizer = Normalizer(options: options)
    }

    public func apply(to document: consuming Document, context: inout StageContext) -> [Document] {
        applyInPlace(to: document, context: &context)
    }

    /// The stage on the document in place: its blocks' texts are replaced where a rule changed
    /// them, and the page goes on as it is (always one document: nil). The runner's call for a
    /// page, which then makes no array and copies no document.
    public func apply(inPlace doc: inout Document, context: inout StageContext) -> [Document]? {
        // The thread's scratch, kept from page to page (``Normalizer/withThreadScratch(_:)``).
        Normalizer.withThreadScratch { scratch in apply(inPlace: &doc, context: &context, scratch: &scratch) }
        return nil
    }

    private func apply(inPlace doc: inout Document, context: inout StageContext, scratch: inout Normalizer.Scratch) {
        var counter = NormalizationCounter()
        // NB: the blocks array is the page's own (moved in by the runner): a write changes it in
        // place, and a page whose blocks all stay as they are is not written at all.
        var emptied = false
        for i in doc.blocks.indices where doc.blocks[i].role != .chrome {
            if context.recordsEvents {
                let out = run(doc.blocks[i].text, line: doc.blocks[i].line, context: &context, counter: &counter, scratch: &scratch)
                store(out, at: i, in: &doc, from: 0, certainlyChanged: false, emptied: &emptied)
                continue
            }
            // The block's bytes where they are (`withUTF8`: in place, the array being the page's
            // own), not a copy of its text: a retain and a release a block, for the quick check
            // that most blocks end with.
            let (count, changed) = doc.blocks[i].text.withUTF8 {
                ($0.count, normalizer.normalizedIfChanged(utf8: $0, counter: &counter, scratch: &scratch))
            }
            guard let changed else {
                // No rule changed the block (most blocks): it stays as it is.
                if count == 0 { emptied = true }
                continue
            }
            // (Handed on as it is: taken into a variable shared with the branch above, it was
            // retained and released again, ~50 instructions a changed block.)
            store(
                changed, at: i, in: &doc, from: scratch.changedFrom, certainlyChanged: scratch.certainlyChanged,
                emptied: &emptied)
        }
        if emptied {
            doc.blocks.removeAll { $0.role != .chrome && $0.text.isEmpty }
        }
        if let t = doc.title { doc.title = run(t, line: nil, context: &context, counter: &counter, scratch: &scratch) }
        if let r = doc.reading {
            doc.reading = run(r, line: nil, context: &context, counter: &counter, scratch: &scratch)
        }
        if !context.recordsEvents {
            counter.forEachChangedRule { rule, lines, characters in
                context.addChanges(rule: rule, StageContext.Tally(count: lines, characters: characters))
            }
        }
    }

    /// Puts `out`, block `i`'s text normalized, in its place, unless it is canonically equivalent
    /// to the text (equal in Swift's sense); an empty `out` sets `emptied` (the block goes).
    /// `from` and `certainlyChanged`: what ``Normalizer/Scratch`` says of them, or 0 and false.
    @inline(__always)
    private func store(
        _ out: consuming String, at i: Int, in doc: inout Document, from: Int, certainlyChanged: Bool,
        emptied: inout Bool
    ) {
        if out.isEmpty {
            emptied = true
            if !doc.blocks[i].text.isEmpty { doc.blocks[i].text = out }
            return
        }
        if certainlyChanged {
            // Decided on the bytes when the line changed (``Normalizer/Scratch/certainlyChanged``):
            // no copy of the old text, no second look at the two strings.
            doc.blocks[i].text = out
            return
        }
        let text = doc.blocks[i].text
        if Normalizer.certainlyNotCanonicallyEquivalent(out, text, from: from) || out != text {
            // NB: `!=` is Swift's canonical equivalence: a block whose normalized form is
            // canonically equivalent to it keeps its text. The quick test decides most
            // changed blocks without the normalizing comparison.
            doc.blocks[i].text = out
        }
    }

    /// `s` normalized, its changes recorded (events) or counted. A method, not a function nested
    /// in ``apply(inPlace:context:scratch:)``: one that captured the counter put it in a box,
    /// whose every access was checked at run time (`swift_beginAccess`).
    private func run(
        _ s: String, line: Int?, context: inout StageContext, counter: inout NormalizationCounter,
        scratch: inout Normalizer.Scratch
    ) -> String {
        if context.recordsEvents {
            let (out, changes) = normalizer.normalizeWithChanges(s)
            for c in changes {
                context.recordChange(rule: c.rule, characters: c.original.unicodeScalars.count, line: line, before: c.original, after: c.replacement)
            }
            return out
        }
        return normalizer.normalize(s, counter: &counter, scratch: &scratch)
    }
}
