extension StripSiteChrome {
    /// `目次1 概要2 歴史2.1 近...`: a contents list scraped onto one line from a page that
    /// renders no edit links, cut off by a preview's truncation mark (the @wiki previews of
    /// other pages keep the first 100 characters, catalogue §4). From `start` (right after the
    /// contents heading) to the mark: a first entry number followed by a space (`1 `, `2.1 `),
    /// then entries with no sentence end, no `[` (edit links are the other shape's) and no
    /// other truncation, at most 100 characters. Returns where the mark starts; the mark is
    /// left to the preview's own handling. Shared with the reference implementation.
    static func unmarkedTOCEndAtTruncation(_ p: UnsafeBufferPointer<UInt8>, from start: Int, ellipsisStart: Int?) -> Int? {
        guard let ell = ellipsisStart, start < ell else { return nil }
        var i = start
        while i < ell, UTF8Scan.isSpace(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) { i += UTF8Scan.decode(p, i).length }
        let numberStart = i
        while i < ell, UTF8Scan.isDigit(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) || p[i] == 0x2E { i += UTF8Scan.decode(p, i).length }
        guard i > numberStart, p[numberStart] != 0x2E, i < ell, UTF8Scan.isSpace(UTF8Scan.fold(UTF8Scan.decode(p, i).scalar)) else { return nil }
        var n = 0
        while i < ell {
            let d = UTF8Scan.decode(p, i)
            let c = UTF8Scan.fold(d.scalar)
            if c == 0x3002 || c == 0x5B || c == 0x2026 { return nil }  // 。 [ (also ［) …
            n += 1
            if n > 100 { return nil }
            i += d.length
        }
        return ell
    }
}
