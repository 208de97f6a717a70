/// Reads a plain-text dump: UTF-8, one paragraph per line, pages concatenated with no
/// separator line. Handles a BOM, CRLF, blank lines and trailing white space.
///
/// Pages are cut where a line opens a new page (see ``PageStartDetector``): the page that
/// is being read must already hold text, and a short title line just before the opening
/// line moves with it (with the browser title bar over it that names it). A page is also cut after `maximumPageLines` lines, so that memory
/// stays bounded on a dump without page markers. Lines that are not valid UTF-8, contain a
/// NUL byte or exceed the size limit are rejected one by one; their neighbours are untouched.
public struct PlainTextReader: DocumentReader {
    public let input: String
    private let reader: ByteLineReader
    /// The detector, in a class of its own: ``step(_:)`` reads it in place through the
    /// reference, where the struct itself was copied for every call of ``next()`` (its dozen
    /// arrays and sets retained, then released).
    private let detectorBox: DetectorBox
    private let limit: Int
    public var maximumPageLines: Int
    public private(set) var accounting = ReaderAccounting()

    private var pending: [ReaderItem] = []
    /// The lines of the page being read (``PageLines``): a page's blocks are moved from it
    /// into an array of their own when the page is handed on.
    private let page = PageLines()
    private var pageHasText = false
    private var finished = false
    /// The lines read (all of them, or one shard's).
    private let window: LineWindow
    /// Byte offset where the window starts (nil until its first line is read) and the bytes
    /// it spans (nil: to the end of the input), for progress and the byte count.
    private var windowOffset: Int?
    private let windowBytes: Int?

    /// - Parameters:
    ///   - name: how the input is named in ids and `source.input` (default: the path).
    ///   - shard: read only this shard's pages (a regular file only, not standard input).
    public init(
        path: String, name: String? = nil, options: ReaderOptions, detector: PageStartDetector, maximumPageLines: Int = 20_000,
        shard: Shard? = nil
    ) throws(InputError) {
        input = name ?? path
        reader = try ByteLineReader(path: path, limit: options.maximumRecordBytes)
        detectorBox = DetectorBox(detector)
        limit = options.maximumRecordBytes
        self.maximumPageLines = maximumPageLines
        guard let shard, shard.count > 1 else {
            window = .whole
            windowBytes = nil
            return
        }
        guard let total = reader.totalBytes, path != "-" else {
            throw InputError(input: input, message: "a shard of standard input or a pipe cannot be read: --shard needs a regular file")
        }
        let range = shard.byteRange(total: total)
        func point(_ offset: Int) throws(InputError) -> (first: Int, sync: Int, offset: Int) {
            if offset == 0 { return (1, 1, 0) }
            if offset >= total { return (.max, .max, total) }
            return try Self.syncPoint(path: path, at: offset, options: options, detector: detector, maximumPageLines: maximumPageLines)
        }
        let start = try point(range.lowerBound)
        let end = try point(range.upperBound)
        window = LineWindow(first: start.first, sync: start.sync, end: end.first)
        windowBytes = end.offset - start.offset
    }

    public var progress: (done: Int, total: Int?) {
        guard window != .whole else { return (reader.bytesRead, reader.totalBytes) }
        let done = windowOffset.map { reader.bytesRead - $0 } ?? 0
        return (min(done, windowBytes ?? done), windowBytes)
    }

    public mutating func next() throws(InputError) -> ReaderItem? {
        let box = detectorBox
        while pending.isEmpty {
            if finished { return nil }
            try step(box)
        }
        // Nearly always the one item a step made (a page, or a rejected line): taken off the
        // end, moved out, where `removeFirst` copied it and then shifted an empty array.
        if pending.count == 1 { return pending.removeLast() }
        return pending.removeFirst()
    }

    private mutating func step(_ box: DetectorBox) throws(InputError) {
        guard let line = try reader.next(), line.number < window.end else {
            // The end of the input, or of the shard (the first line of the next one).
            finished = true
            flushPage()
            accounting.bytes = reader.bytesRead - (windowOffset ?? reader.bytesRead)
            if let bytes = windowBytes, windowOffset != nil { accounting.bytes = bytes }
            return
        }
        // Another shard's line: passed over, not counted.
        if line.number < window.first { return }
        if windowOffset == nil { windowOffset = line.offset }
        accounting.lines += 1
        let bytes = LineCheck.withoutByteOrderMark(line.bytes)
        if line.tooLong {
            let (reason, message) = LineCheck.tooLong(line, limit: limit)
            reject(line, reason, message)
            return
        }
        // Leading and trailing white space is matched as whole encoded scalars, so the bytes
        // need no decoding yet; the line is valid UTF-8 exactly when what is left is (see
        // `spaceTrimmedBounds`). Validate before anything decodes the bytes as UTF-8.
        let (s, e) = Self.spaceTrimmedBounds(bytes)
        let trimmed = UnsafeBufferPointer(rebasing: bytes[s..<e])
        // One pass for what ``LineCheck/problem(_:limit:)`` and the UTF-8 check each read the
        // line for: a NUL byte is in the line exactly when it is in `trimmed` (the byte-order
        // mark and the white space cut off hold none), and it is the reason given first.
        let flaws = UTF8Validation.check(trimmed)
        if flaws.contains(.nulByte) {
            reject(line, LineCheck.nulByte.0, LineCheck.nulByte.1)
            return
        }
        if flaws.contains(.invalid) {
            reject(line, .invalidUTF8, "the line is not valid UTF-8")
            return
        }
        let text = UTF8Validation.knownValidString(trimmed)
        if text.isEmpty {
            accounting.blankLines += 1
            return
        }
        accounting.records += 1
        // A shard's first lines up to its first page's opening line: the title lines that
        // page carries, as they are (see ``LineWindow``).
        if line.number < window.sync {
            page.append(.paragraph(text, line: line.number))
            return
        }
        // The detector's answer is kept for `countsAsText` below (the line that opens a page
        // is the new page's first, and is asked whether it counts as text): one run per line.
        let start = pageHasText ? box.detector.pageStart(trimmed) : nil
        let opening: Int?? = pageHasText ? .some(start?.end) : nil
        if let start {
            // A short title line right before the opening line belongs to the new page, unless
            // the opening line is what its site renders first (a skip link, a brand, an HTML
            // title): then it is the previous page's last line (a related tag, a list item).
            let carried = Self.carried(BlockTexts(page.blocks), opensFirst: start.first, subtitled: start.subtitled, detector: box.detector).count
            flushPage(keepingLast: carried)
        } else if page.count >= maximumPageLines {
            flushPage()
        }
        // Asked before the append, so that the append is the text's last use: the string moves
        // into the block (appended first, the block was a copy: its text retained, then released).
        if !pageHasText { pageHasText = Self.countsAsText(text, trimmed, detector: box.detector, opening: opening) }
        page.append(Block(role: .paragraph, text: text, line: line.number))
    }

    private final class DetectorBox: Sendable {
        let detector: PageStartDetector
        init(_ detector: PageStartDetector) { self.detector = detector }
    }

    /// Whether a line gives its page text (so that a page-start line after it cuts the
    /// page). The page-start phrase a line opens with is chrome: only what follows it counts
    /// (a skip link with the mirror's banner glued on is no text). `opening`: where that
    /// phrase ends, when the caller asked the detector already (`.some(nil)`: the line opens
    /// no page), so that it is not run on the line twice.
    private static func countsAsText(
        _ text: String, _ trimmed: UnsafeBufferPointer<UInt8>, detector: PageStartDetector, opening: Int?? = nil
    ) -> Bool {
        guard isText(text, detector: detector) else { return false }
        guard let end = opening ?? detector.pageStartEnd(trimmed) else { return true }
        let rest = UnsafeBufferPointer(rebasing: trimmed[end...])
        // The line was validated: what follows the phrase is valid UTF-8 when it starts on a
        // character boundary (it does: the phrase ends at one), and is then copied unchecked.
        if let first = rest.first, first & 0xC0 == 0x80 {
            return isText(String(decoding: rest, as: UTF8.self), detector: detector)
        }
        // On the bytes: the rest of an opening line is the page's first text more often than
        // not (a tagline with the body glued on), and a `String` of it was made and freed for
        // nearly every page.
        return isText(utf8: rest, detector: detector) { UTF8Validation.knownValidString(rest) }
    }

    /// How many of a page's last lines move to the next page when a line opens it (`count`),
    /// and how many of them were looked at to tell (`looked`; at most ``carryWindow``):
    ///
    /// - a short title line right before the opening line belongs to the new page, unless it
    ///   is a footer line of the page before (``PageStartDetector/isFooterLine(_:)``) or the
    ///   opening line is what its site renders first (`opensFirst`: a skip link, a brand, an
    ///   HTML title), and then it is the previous page's last line (a related tag, a list
    ///   item); with it goes the browser title bar over it (`X - サイト名`), which names it,
    ///   and the subtitle under it when the opening phrase follows one (`subtitled`: the short
    ///   description over Wikiwand's `ウィキペディアから`);
    /// - above that, the header a site renders over every page: a run of at least two words
    ///   of the rules' header menus (`メニュー`, `トップページ`, `ページ一覧`; `検索`,
    ///   `ログイン`, `案内`), with up to two short lines the rules do not know between it and
    ///   the opening line (a wiki's own menu entries), and the site's name over it when the
    ///   page before ends in its footer (`免責事項`, `関連語をあわせて調べる`) or its text (a sentence, a preview),
    ///   not in a list of short lines. At a file's start the same lines
    ///   open the page; left at the end of the page before, they would read as its text.
    ///
    /// The page keeps at least its first line.
    static func carried<C: RandomAccessCollection>(
        _ page: C, opensFirst: Bool, subtitled: Bool = false, detector: PageStartDetector
    ) -> (count: Int, looked: Int)
    where C.Element == String {
        let n = page.count
        func line(_ k: Int) -> String { page[page.index(page.startIndex, offsetBy: k)] }
        var start = n
        var looked = 0
        // A line that may move (never the page's first), or only be read (`first: true`).
        func look(_ k: Int, first: Bool = false) -> String? {
            guard k >= (first ? 0 : 1), n - k <= carryWindow else { return nil }
            looked = max(looked, n - k)
            return line(k)
        }
        if !opensFirst {
            // A subtitle under the title (Wikiwand's short description) goes with it.
            var t = n - 1
            if subtitled, let sub = look(t), isTitleLike(sub, detector: detector) {
                start = t
                t -= 1
            }
            // Not the footer line that closes the page before (GROWI's `コメントを追加`).
            if let title = look(t), isTitleLike(title, detector: detector), !detector.isFooterLine(title) {
                start = t
                if let bar = look(t - 1), StripSiteChrome.titleBarNames(bar, title) { start = t - 1 }
            }
        }
        // The header's menu run, and the wiki's own entries under it.
        var k = start
        var unknown = 0
        while unknown < 2, let s = look(k - 1), isTitleLike(s, detector: detector), !detector.isHeaderMenuWord(s) {
            unknown += 1
            k -= 1
        }
        var r = k
        while let s = look(r - 1), detector.isHeaderMenuWord(s) { r -= 1 }
        guard k - r >= 2 else { return (n - start, looked) }
        start = r
        // The site's name over the menu, under the footer of the page before or under its
        // text (a sentence, a preview), not under another short line (a list's item).
        if let name = look(r - 1), isTitleLike(name, detector: detector), !detector.isHeaderMenuWord(name),
            let above = look(r - 2, first: true), detector.isFooterLine(above) || !isTitleLike(above, detector: detector)
        {
            start = r - 1
        }
        return (n - start, looked)
    }

    /// How many of a page's last lines ``carried(_:opensFirst:subtitled:detector:)`` looks at, at most.
    static let carryWindow = 40

    /// Where a shard that starts at byte `offset` starts: the first line at or after `offset`
    /// that opens a page (``PageStartDetector``) such that, since the line that opened a page
    /// before it, at least three lines of text came, one of them counts as text, and the lines
    /// ``carried(_:opensFirst:subtitled:detector:)`` looks at to tell what moves with the new
    /// page are among them. A whole-file reader cuts its page there, whatever it read before:
    /// the page then holds text (it holds that line), and what moves over depends on those
    /// lines alone. Returns the first carried line (or the opening line), the opening line and
    /// the byte offset of the first; `.max` past the end of the input.
    ///
    /// (A page also ends after `maximumPageLines` lines; a shard could start out of step
    /// with it only after a run of that many lines with no text in them.)
    static func syncPoint(
        path: String, at offset: Int, options: ReaderOptions, detector: PageStartDetector, maximumPageLines: Int
    ) throws(InputError) -> (first: Int, sync: Int, offset: Int) {
        let reader = try ByteLineReader(path: path, limit: options.maximumRecordBytes)
        let limit = options.maximumRecordBytes
        // The last lines of text with their numbers and offsets: as many as the carried lines
        // may be looked at, and one more.
        var recent: [(text: String, number: Int, offset: Int)] = []
        var sinceOpening = -1  // lines of text since the last opening line; -1 before one
        var textSince = false
        while let line = try reader.next() {
            if line.offset < offset { continue }
            guard LineCheck.problem(line, limit: limit) == nil else { continue }
            let bytes = LineCheck.withoutByteOrderMark(line.bytes)
            let (s, e) = spaceTrimmedBounds(bytes)
            let trimmed = UnsafeBufferPointer(rebasing: bytes[s..<e])
            guard let text = validatedString(trimmed), !text.isEmpty else { continue }
            if let start = detector.pageStart(trimmed) {
                let carry = carried(recent.lazy.map(\.text), opensFirst: start.first, subtitled: start.subtitled, detector: detector)
                // Only lines after the last opening line were looked at, and they are all in
                // `recent`: a whole-file reader, whose page holds them and more, decides the same.
                if sinceOpening >= 3 && textSince && sinceOpening < maximumPageLines && carry.looked <= sinceOpening
                    && carry.looked < recent.count
                {
                    let first = carry.count == 0 ? (line.number, line.offset) : (recent[recent.count - carry.count].number, recent[recent.count - carry.count].offset)
                    return (first.0, line.number, first.1)
                }
                sinceOpening = 0
                textSince = false
            } else if sinceOpening >= 0 {
                sinceOpening += 1
                if !textSince { textSince = countsAsText(text, trimmed, detector: detector, opening: .some(nil)) }
            }
            recent.append((text, line.number, line.offset))
            if recent.count > carryWindow + 1 { recent.removeFirst() }
        }
        return (.max, .max, reader.bytesRead)
    }

    private mutating func reject(_ line: ByteLineReader.Line, _ reason: Rejection.Reason, _ message: String) {
        accounting.records += 1
        accounting.rejectedRecords += 1
        accounting.rejectedLines += 1
        pending.append(.rejected(.forLine(line, input: input, reason: reason, message: message)))
    }

    /// Hands the page's lines on as a document (if it has any) and starts the next page with
    /// its last `carried` lines.
    private mutating func flushPage(keepingLast carried: Int = 0) {
        if page.count > carried {
            // Read in place (`page.first!` copied the block: its strings retained, released).
            let first = page.blocks[0].line!
            let last = page.blocks[page.count - carried - 1].line!
            accounting.pages += 1
            let source = SourceLocation(input: input, lineStart: first, lineEnd: last)
            // `input:first`, kept as its parts (``DetectArticleBoundaries/id(for:line:)``): a page's
            // id is written only by `wikiclean stage`; `detect-boundaries` names its documents anew.
            let blocks = page.take(page.count - carried, capacity: Self.pageCapacity)
            let doc = Document(storedID: DetectArticleBoundaries.id(for: source, line: first), kind: .page, blocks: blocks, source: source)
            pending.append(.page(doc))
        }
        pageHasText = false
    }

    /// Blocks a page's array has room for at least: most pages of a dump hold a few dozen
    /// lines at most, and the stages that split blocks insert some.
    static let pageCapacity = 32

    /// The lines of the page being read, kept from page to page (its memory reused): a page's
    /// blocks are moved out into an array made for them when it is handed on (``take(_:capacity:)``),
    /// and the lines it leaves to the next page moved to the front. An array per page grown
    /// line by line reallocated every page of more than 32 lines one or more times (on the
    /// 4 MB slice, 713 reallocations for 645 pages), and the lines carried to the next page
    /// went to an array of their own (one more per page).
    private final class PageLines {
        private var base: UnsafeMutablePointer<Block>
        private(set) var count = 0
        private var capacity = 256

        init() { base = .allocate(capacity: capacity) }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        /// The lines, valid until the next change.
        var blocks: UnsafeBufferPointer<Block> { UnsafeBufferPointer(start: base, count: count) }

        @inline(__always)
        func append(_ block: consuming Block) {
            if count == capacity { grow() }
            (base + count).initialize(to: block)
            count += 1
        }

        @inline(never)
        private func grow() {
            let more = UnsafeMutablePointer<Block>.allocate(capacity: capacity * 2)
            more.moveInitialize(from: base, count: count)
            base.deallocate()
            base = more
            capacity *= 2
        }

        /// Moves the first `n` lines out into an array with room for `capacity` blocks at least,
        /// and the others to the front.
        func take(_ n: Int, capacity: Int) -> [Block] {
            let out = [Block](unsafeUninitializedCapacity: max(n, capacity)) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: base, count: n)
                initialized = n
            }
            base.moveInitialize(from: base + n, count: count - n)
            count -= n
            return out
        }
    }

    /// The blocks' texts, read in place: through `page.lazy.map(\.text)`, each block looked at
    /// was copied (its text and rule retained, then released) to read its text.
    struct BlockTexts: RandomAccessCollection {
        let blocks: UnsafeBufferPointer<Block>
        init(_ blocks: UnsafeBufferPointer<Block>) { self.blocks = blocks }
        var startIndex: Int { 0 }
        var endIndex: Int { blocks.count }
        subscript(i: Int) -> String { blocks[i].text }
    }

    /// The bytes as a `String` when they are valid UTF-8, as `String(validating:as:)` makes it,
    /// checked once by a validator tuned for Japanese text (``UTF8Validation``).
    static func validatedString(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        UTF8Validation.string(p)
    }

    /// The bounds of `p` without the leading and trailing white space that `trimmingSpaces`
    /// removes (scalars that `UTF8Scan.fold` reads as a space: U+0020, tab, U+00A0,
    /// U+2000–200A, U+202F, U+3000), each matched as its whole UTF-8 encoding. So it needs no
    /// decoding and is safe on bytes not validated yet; what it cuts off is well-formed and
    /// ends or starts at a character boundary, so `p` is valid UTF-8 exactly when the part
    /// between the bounds is, and then the bounds are those of `trimmingSpaces`.
    static func spaceTrimmedBounds(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var s = 0
        var e = p.count
        while s < e {
            let b = p[s]
            if b == 0x20 || b == 0x09 {
                s += 1
            } else if b == 0xC2, s + 1 < e, p[s + 1] == 0xA0 {
                s += 2
            } else if b == 0xE2, s + 2 < e, p[s + 1] == 0x80, (p[s + 2] >= 0x80 && p[s + 2] <= 0x8A) || p[s + 2] == 0xAF {
                s += 3
            } else if b == 0xE3, s + 2 < e, p[s + 1] == 0x80, p[s + 2] == 0x80 {
                s += 3
            } else {
                break
            }
        }
        while e > s {
            let b = p[e - 1]
            if b == 0x20 || b == 0x09 {
                e -= 1
            } else if b == 0xA0, e - 2 >= s, p[e - 2] == 0xC2 {
                e -= 2
            } else if e - 3 >= s, p[e - 2] == 0x80, p[e - 3] == 0xE2, (b >= 0x80 && b <= 0x8A) || b == 0xAF {
                e -= 3
            } else if b == 0x80, e - 3 >= s, p[e - 2] == 0x80, p[e - 3] == 0xE3 {
                e -= 3
            } else {
                break
            }
        }
        return (s, e)
    }

    /// Body text, as opposed to menu items and titles. A long line of Markdown links with no
    /// sentence end (`*   [メインページ](https://… "…")`) is a menu item, and one ASCII word (a
    /// URL, as after Jina Reader's `URL Source: `) no text: their URLs make them long.
    private static func isText(_ s: String, detector: PageStartDetector) -> Bool {
        s.withUTF8Bytes { isText(utf8: $0, detector: detector) { s } }
    }

    /// ``isText(_:detector:)`` of the well-formed UTF-8 `p`, read on its bytes; `string` makes
    /// its `String`, asked only when its length may be a long menu word's
    /// (``PageStartDetector/mayBeLongMenuWord(count:)``).
    private static func isText(utf8 p: UnsafeBufferPointer<UInt8>, detector: PageStartDetector, string: () -> String) -> Bool {
        func isLongMenuWord() -> Bool { detector.mayBeLongMenuWord(count: p.count) && detector.isLongMenuWord(string()) }
        // A sentence is text, unless it is a header's line the rules know as a menu word
        // (Vector 2022's `ページのコンテンツが他言語でサポートされていません。` under the title).
        if holdsKuten(utf8: p) { return !isLongMenuWord() }
        // A list item with no sentence end is a menu entry, however long (a text browser's
        // bullet `• ` adds four bytes to `アップロード (ウィキメディア・コモンズ)`).
        let link: StaticString = "]("
        guard p.count >= 60, UTF8Scan.find(UnsafeBufferPointer(start: link.utf8Start, count: link.utf8CodeUnitCount), in: p) == nil,
            !opensWithBullet(utf8: p)
        else { return false }
        // A menu entry the rules know is no text, however long (Vector 2022's
        // `ログアウトした編集者のページ もっと詳しく` among the header's menus).
        return !p.allSatisfy { $0 > 0x20 && $0 < 0x80 } && !isLongMenuWord()
    }

    /// `s.containsKuten`, sixteen bytes at a time: `containsKuten` runs memchr for the lead
    /// byte E3, which most kana and punctuation of a Japanese line share (a call and a compare
    /// per such character: two thousand instructions on a line of text). 0xFF, never in UTF-8,
    /// stands for "no single byte".
    static func holdsKuten(_ s: String) -> Bool {
        s.withUTF8Bytes { holdsKuten(utf8: $0) }
    }

    /// ``holdsKuten(_:)`` of UTF-8 bytes.
    static func holdsKuten(utf8 p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Scan.firstOf(p, from: 0, byte: 0xFF, (0xE3, 0x80, 0x82), (0xE3, 0x80, 0x82)) != nil
    }

    /// Whether UTF-8 bytes open with `• `, `◦ `, `▪ ` (w3m), `* ` (lynx, Markdown) or `- `: a
    /// list item's mark. On the bytes: `String.hasPrefix` compares characters, which costs
    /// more than the rest of the check; the first byte tells most lines apart (five prefix
    /// compares took some 340 instructions a line).
    static func opensWithBullet(utf8 p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = p.first else { return false }
        if b == 0x2A || b == 0x2D { return p.count >= 2 && p[1] == 0x20 }
        // `•` E2 80 A2, `◦` E2 97 A6, `▪` E2 96 AA, then a space.
        guard b == 0xE2, p.count >= 4, p[3] == 0x20 else { return false }
        return (p[1] == 0x80 && p[2] == 0xA2) || (p[1] == 0x97 && p[2] == 0xA6) || (p[1] == 0x96 && p[2] == 0xAA)
    }

    private static func isTitleLike(_ s: String, detector: PageStartDetector) -> Bool {
        s.utf8.count <= 180 && !holdsKuten(s) && !s.hasSuffixBytes("...") && !s.hasSuffixBytes("…") && !detector.isPageStartString(s)
    }
}

extension PageStartDetector {
    func isPageStartString(_ s: String) -> Bool {
        s.withUTF8Bytes { isPageStart($0) }
    }
}
