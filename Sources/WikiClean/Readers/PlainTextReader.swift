/// Reads a plain-text dump: UTF-8, one paragraph per line, pages concatenated with no
/// separator line. Handles a BOM, CRLF, blank lines and trailing white space.
///
/// Pages are cut where a line opens a new page (see ``PageStartDetector``): the page that
/// is being read must already hold text, and a short title line just before the opening
/// line moves with it. A page is also cut after `maximumPageLines` lines, so that memory
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
        while pending.isEmpty {
            if finished { return nil }
            try step()
        }
        return pending.removeFirst()
    }

    private mutating func step() throws(InputError) {
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
        // Validate before anything decodes the bytes as UTF-8.
        guard let whole = String(validating: bytes, as: UTF8.self) else {
            reject(line, .invalidUTF8, "the line is not valid UTF-8")
            return
        }
        let text = whole.trimmingSpaces
        if text.isEmpty {
            accounting.blankLines += 1
            return
        }
        accounting.records += 1
        if detector.isPageStartString(text) && pageHasText {
            // A short title line right before the opening line belongs to the new page.
            var carried: [Block] = []
            if let last = page.last, isTitleLike(last.text), page.count > 1 {
                carried.append(page.removeLast())
            }
            flushPage()
            page = carried
        } else if page.count >= maximumPageLines {
            flushPage()
        }
        page.append(.paragraph(text, line: line.number))
        if !pageHasText && isText(text) { pageHasText = true }
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

    /// Body text, as opposed to menu items and titles.
    private func isText(_ s: String) -> Bool {
        s.utf8.count >= 60 || s.containsKuten
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
