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
    private let detector: PageStartDetector
    private let limit: Int
    public var maximumPageLines: Int
    public private(set) var accounting = ReaderAccounting()

    private var pending: [ReaderItem] = []
    private var page: [Block] = []
    private var pageHasText = false
    private var finished = false

    /// - Parameters:
    ///   - name: how the input is named in ids and `source.input` (default: the path).
    public init(path: String, name: String? = nil, options: ReaderOptions, detector: PageStartDetector, maximumPageLines: Int = 20_000) throws(InputError) {
        input = name ?? path
        reader = try ByteLineReader(path: path, limit: options.maximumRecordBytes)
        self.detector = detector
        limit = options.maximumRecordBytes
        self.maximumPageLines = maximumPageLines
    }

    public var progress: (done: Int, total: Int?) { (reader.bytesRead, reader.totalBytes) }

    public mutating func next() throws(InputError) -> ReaderItem? {
        // One copy of the detector per call, not one per line.
        let detector = self.detector
        while pending.isEmpty {
            if finished { return nil }
            try step(detector)
        }
        return pending.removeFirst()
    }

    private mutating func step(_ detector: PageStartDetector) throws(InputError) {
        guard let line = try reader.next() else {
            finished = true
            flushPage()
            accounting.bytes = reader.bytesRead
            return
        }
        accounting.lines += 1
        var bytes = line.bytes
        if line.number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
        if let (reason, message) = LineCheck.problem(line, limit: limit) {
            reject(line, reason, message)
            return
        }
        // Leading and trailing white space is matched as whole encoded scalars, so the bytes
        // need no decoding yet; the line is valid UTF-8 exactly when what is left is (see
        // `spaceTrimmedBounds`). Validate before anything decodes the bytes as UTF-8.
        let (s, e) = Self.spaceTrimmedBounds(bytes)
        let trimmed = UnsafeBufferPointer(rebasing: bytes[s..<e])
        guard let text = Self.validatedString(trimmed) else {
            reject(line, .invalidUTF8, "the line is not valid UTF-8")
            return
        }
        if text.isEmpty {
            accounting.blankLines += 1
            return
        }
        accounting.records += 1
        if pageHasText, let start = detector.pageStart(trimmed) {
            // A short title line right before the opening line belongs to the new page, unless
            // the opening line is what its site renders first (a skip link, a brand, an HTML
            // title): then it is the previous page's last line (a related tag, a list item).
            var carried: [Block] = []
            if !start.first, let last = page.last, isTitleLike(last.text), page.count > 1 {
                carried.append(page.removeLast())
                // And the browser title bar over it (`X - サイト名`), which names it.
                if let bar = page.last, page.count > 1, StripSiteChrome.titleBarNames(bar.text, carried[0].text) {
                    carried.insert(page.removeLast(), at: 0)
                }
            }
            flushPage()
            page = carried
        } else if page.count >= maximumPageLines {
            flushPage()
        }
        page.append(.paragraph(text, line: line.number))
        if !pageHasText && isText(text) {
            // The page-start phrase a line opens with is chrome: only what follows it counts
            // (a skip link with the mirror's banner glued on is no text).
            if let end = detector.pageStartEnd(trimmed) {
                pageHasText = isText(String(decoding: UnsafeBufferPointer(rebasing: trimmed[end...]), as: UTF8.self))
            } else {
                pageHasText = true
            }
        }
    }

    private mutating func reject(_ line: ByteLineReader.Line, _ reason: Rejection.Reason, _ message: String) {
        accounting.records += 1
        accounting.rejectedRecords += 1
        accounting.rejectedLines += 1
        pending.append(.rejected(.forLine(line, input: input, reason: reason, message: message)))
    }

    private mutating func flushPage() {
        guard !page.isEmpty else { return }
        let first = page.first!.line!
        let last = page.last!.line!
        accounting.pages += 1
        let doc = Document(
            id: "\(input):\(first)", kind: .page, blocks: page,
            source: SourceLocation(input: input, lineStart: first, lineEnd: last))
        pending.append(.page(doc))
        page = []
        pageHasText = false
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
    private func isText(_ s: String) -> Bool {
        // A sentence is text, unless it is a header's line the rules know as a menu word
        // (Vector 2022's `ページのコンテンツが他言語でサポートされていません。` under the title).
        if s.containsKuten { return !detector.isLongMenuWord(s) }
        // A list item with no sentence end is a menu entry, however long (a text browser's
        // bullet `• ` adds four bytes to `アップロード (ウィキメディア・コモンズ)`).
        guard s.utf8.count >= 60, !s.containsBytes("]("), !Self.opensWithBullet(s) else { return false }
        // A menu entry the rules know is no text, however long (Vector 2022's
        // `ログアウトした編集者のページ もっと詳しく` among the header's menus).
        return !s.utf8.allSatisfy { $0 > 0x20 && $0 < 0x80 } && !detector.isLongMenuWord(s)
    }

    /// `• `, `◦ `, `▪ ` (w3m), `* ` (lynx, Markdown), `- `: a list item's mark.
    static func opensWithBullet(_ s: String) -> Bool {
        // On the bytes: `String.hasPrefix` compares characters, which costs more than the rest
        // of the check.
        s.hasPrefixBytes("• ") || s.hasPrefixBytes("◦ ") || s.hasPrefixBytes("▪ ") || s.hasPrefixBytes("* ") || s.hasPrefixBytes("- ")
    }

    private func isTitleLike(_ s: String) -> Bool {
        s.utf8.count <= 180 && !s.containsKuten && !s.hasSuffixBytes("...") && !s.hasSuffixBytes("…") && !detector.isPageStartString(s)
    }
}

extension PageStartDetector {
    func isPageStartString(_ s: String) -> Bool {
        s.withUTF8Bytes { isPageStart($0) }
    }
}
