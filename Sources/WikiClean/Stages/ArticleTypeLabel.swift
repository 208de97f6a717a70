extension DetectArticleBoundaries {
    /// The labels ニコニコ大百科 puts after the title in its article header, one per kind of
    /// article, with their readings: `富士山 単語`, `Xさんのページ ユーザー` ([page], stored pages
    /// of dic.nicovideo.jp), and `動画`, `商品`, `生放送`, `コミュニティ` for the other kinds
    /// [unverified].
    static let articleTypeLabels: [(label: String, reading: String)] = [
        ("単語", "タンゴ"), ("ユーザー", "ユーザー"), ("動画", "ドウガ"), ("商品", "ショウヒン"), ("生放送", "ナマホウソウ"),
        ("コミュニティ", "コミュニティ"),
    ]

    /// A header title without the article-kind label at its end (`富士山 単語` → `富士山`;
    /// normalization has taken the space out by now). The reading line under the title tells
    /// a label from a title that ends in the word: the label is not read (`フジサン`), a word
    /// of the title is (`エイタンゴ` for `英単語`).
    static func withoutArticleTypeLabel(_ title: String, reading: String) -> String {
        let katakana = Self.katakana(reading)
        for (label, labelReading) in articleTypeLabels where title.hasSuffix(label) && !katakana.hasSuffix(labelReading) {
            let rest = String(title.dropLast(label.count)).trimmingSpaces
            if !rest.isEmpty { return rest }
        }
        return title
    }

    /// Whether a lead opens with the title line above it, followed by the topic particle or a
    /// parenthesis: `ゼルダの伝説は、…`, `ゼルダの伝説とは…`, `ゼルダの伝説(…)`.
    static func leadNames(_ lead: String, title: String) -> Bool {
        guard !title.isEmpty, lead.hasPrefix(title), lead.containsKuten else { return false }
        let rest = lead.dropFirst(title.count)
        return rest.hasPrefix("は") || rest.hasPrefix("とは") || rest.hasPrefix("(") || rest.hasPrefix("（")
    }
}
