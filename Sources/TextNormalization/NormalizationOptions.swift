/// Which normalization rules a ``Normalizer`` applies, each one a switch.
///
/// Start from a profile and override single rules:
///
/// ```swift
/// var options = try NormalizationOptions.profile(named: "neologdn")
/// try options.set("tilde", to: "normalize")   // 1467〜1487年 → 1467~1487年
/// ```
///
/// Profiles:
/// - `wiki-ja` (``wikiJa``, the default): nfkc, width, hyphens, long-vowel=kana,
///   tilde=normalize_zenkaku, spaces=japanese, controls. Keeps `1995〜2001年`, `東京—大阪`, `¥`.
/// - `neologdn` (``neologdn``): neologdn 0.5.6's
///   `normalize(text, repeat=0, remove_space=True, max_repeat_substr_length=8, tilde='remove')`,
///   applied to each `\n`-separated line. Not NFKC.
/// - `nfkc` (``nfkcOnly``): Unicode NFKC only, byte for byte what Python's
///   `unicodedata.normalize("NFKC", line)` gives.
/// - `none` (``none``): nothing.
public struct NormalizationOptions: Sendable, Hashable, CustomStringConvertible {
    /// How dash-like characters that stand for the katakana long-vowel mark are treated.
    public enum LongVowel: String, Sendable, Hashable, CaseIterable {
        /// Leave them alone.
        case off
        /// Map `﹣ － ｰ — ― ─ ━ ー` to `ー` and collapse runs only where the mark extends kana:
        /// `スーパーーー` → `スーパー`, `スーパ—` → `スーパー`, but `東京—大阪` and `そうだ——` keep their
        /// dashes. A run counts when it follows a kana letter and contains `ー`/`ｰ`, or when it is a
        /// single dash-like character right after katakana (and not followed by a hyphen).
        case kana
        /// neologdn: every `﹣ － ｰ — ― ─ ━ ー` becomes `ー`, runs collapsed (`東京—大阪` → `東京ー大阪`).
        case all
    }

    /// What happens to the tilde characters `~ ∼ ∾ 〜 〰 ～` (neologdn's value names).
    public enum Tilde: String, Sendable, Hashable, CaseIterable {
        /// Keep them as they are.
        case ignore
        /// Turn them into ASCII `~`.
        case normalize
        /// Turn them into `〜` (U+301C).
        case normalizeZenkaku = "normalize_zenkaku"
        /// Delete them (neologdn's default).
        case remove
    }

    /// How spaces are treated.
    public enum Spaces: String, Sendable, Hashable, CaseIterable {
        /// Leave spaces alone.
        case off
        /// Map U+3000 and the other space characters (Unicode Zs) to a space, collapse runs, trim
        /// each line, and delete a space only when both neighbours are Japanese (CJK punctuation
        /// U+3001–303F, hiragana, katakana, CJK ideographs, fullwidth forms U+FF00–FFEF):
        /// `少将 を` → `少将を`, while `DEFCON2 と` and `(ロシア語版) を` keep theirs.
        case japanese
        /// neologdn 0.5.6's `remove_space=True`.
        case neologdn
    }

    /// Unicode NFKC through ICU.
    public var nfkc: Bool
    /// Full-width ASCII to half-width; half-width katakana and `｡､･｢｣` to full-width, joining
    /// voiced and semi-voiced marks (`ｶﾞ` → `ガ`, and `か゛` → `が` for the spacing marks).
    public var width: Bool
    /// `˗ ֊ ‐ ‑ ‒ – ⁃ ⁻ ₋ −` to `-`, runs collapsed.
    public var hyphens: Bool
    /// Remove C0/C1 control characters except `\n` (tab included), zero-width characters
    /// (U+200B–200D, U+2060, U+FEFF) and the soft hyphen U+00AD.
    public var controls: Bool
    /// See ``LongVowel``.
    public var longVowel: LongVowel
    /// See ``Tilde``.
    public var tilde: Tilde
    /// See ``Spaces``.
    public var spaces: Spaces
    /// neologdn's `repeat=N`: a substring repeated more than N times is cut to N copies.
    /// `nil` turns the rule off.
    public var repeatLimit: Int?
    /// neologdn's `max_repeat_substr_length`: the longest substring `repeat` looks for
    /// (0 means no limit). Default 8.
    public var maxRepeatSubstrLength: Int
    /// Run `width`, `hyphens`, `long-vowel`, `tilde` and `spaces` as neologdn 0.5.6's single
    /// left-to-right pass, with its conversion table (`¥`→`\`, `“”`→`"`, `’`→`'`, `‘`→`` ` ``,
    /// `゛゜`→`ﾞﾟ`) and its voiced-mark joins. Set by the `neologdn` profile.
    public var neologdnCompatible: Bool

    /// Creates options; every rule defaults to off.
    public init(
        nfkc: Bool = false,
        width: Bool = false,
        hyphens: Bool = false,
        controls: Bool = false,
        longVowel: LongVowel = .off,
        tilde: Tilde = .ignore,
        spaces: Spaces = .off,
        repeatLimit: Int? = nil,
        maxRepeatSubstrLength: Int = 8,
        neologdnCompatible: Bool = false
    ) {
        self.nfkc = nfkc
        self.width = width
        self.hyphens = hyphens
        self.controls = controls
        self.longVowel = longVowel
        self.tilde = tilde
        self.spaces = spaces
        self.repeatLimit = repeatLimit
        self.maxRepeatSubstrLength = maxRepeatSubstrLength
        self.neologdnCompatible = neologdnCompatible
    }

    // MARK: - Profiles

    /// The project default for Japanese wiki text.
    public static let wikiJa = NormalizationOptions(
        nfkc: true, width: true, hyphens: true, controls: true, longVowel: .kana,
        tilde: .normalizeZenkaku, spaces: .japanese)

    /// neologdn 0.5.6 with its defaults (`remove_space=True`, `tilde='remove'`, `repeat=0`).
    public static let neologdn = NormalizationOptions(
        width: true, hyphens: true, longVowel: .all, tilde: .remove, spaces: .neologdn,
        neologdnCompatible: true)

    /// Unicode NFKC only.
    public static let nfkcOnly = NormalizationOptions(nfkc: true)

    /// No rule at all.
    public static let none = NormalizationOptions()

    /// The names accepted by ``profile(named:)``.
    public static let profileNames = ["wiki-ja", "neologdn", "nfkc", "none"]

    /// Returns the options of a named profile: `wiki-ja`, `neologdn`, `nfkc` or `none`.
    ///
    /// - Throws: ``NormalizationError`` with code `unknownProfile` for any other name.
    public static func profile(named name: String) throws(NormalizationError)
        -> NormalizationOptions
    {
        switch name.lowercased() {
        case "wiki-ja", "wiki_ja", "wikija", "default": return .wikiJa
        case "neologdn": return .neologdn
        case "nfkc": return .nfkcOnly
        case "none", "off": return .none
        default:
            throw NormalizationError(code: .unknownProfile, value: name, acceptedValues: profileNames)
        }
    }

    // MARK: - Settings

    /// The keys accepted by ``set(_:to:)``. `-` and `_` are interchangeable in keys.
    public static let settingKeys = [
        "profile", "nfkc", "width", "hyphens", "long-vowel", "tilde", "spaces", "controls",
        "repeat", "max_repeat_substr_length", "remove_space", "neologdn-compatible",
    ]

    /// Applies one `KEY=VALUE` override.
    ///
    /// Keys: `profile` (resets everything to that profile), `nfkc`, `width`, `hyphens`,
    /// `controls`, `neologdn-compatible` (booleans: `true`/`false`), `long-vowel`
    /// (`off|kana|all`), `tilde` (`ignore|normalize|normalize_zenkaku|remove`), `spaces`
    /// (`off|japanese|neologdn`), `repeat` (N ≥ 1, or `0`/`off`), `max_repeat_substr_length`
    /// (alias `max-repeat-substr-length`, N ≥ 0), `remove_space` (`true` → spaces=neologdn,
    /// `false` → spaces=off).
    ///
    /// - Throws: ``NormalizationError`` naming the key and the accepted values; the options are
    ///   unchanged then.
    public mutating func set(_ key: String, to value: String) throws(NormalizationError) {
        let canonicalKey = key.lowercased().replacingUnderscores()
        let trimmed = value.trimmingASCIISpaces()
        func bool() throws(NormalizationError) -> Bool {
            switch trimmed.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default:
                throw NormalizationError(
                    code: .invalidValue, key: key, value: value, acceptedValues: ["true", "false"])
            }
        }
        func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws(NormalizationError) -> E
        where E.RawValue == String {
            let wanted = trimmed.lowercased().replacingUnderscores()
            for candidate in E.allCases where candidate.rawValue.replacingUnderscores() == wanted {
                return candidate
            }
            throw NormalizationError(
                code: .invalidValue, key: key, value: value, acceptedValues: E.allCases.map(\.rawValue))
        }
        func integer(minimum: Int, extra: [String]) throws(NormalizationError) -> Int {
            guard let n = Int(trimmed), n >= minimum else {
                throw NormalizationError(
                    code: .invalidValue, key: key, value: value,
                    acceptedValues: ["an integer ≥ \(minimum)"] + extra)
            }
            return n
        }

        switch canonicalKey {
        case "profile":
            self = try NormalizationOptions.profile(named: trimmed)
        case "nfkc": nfkc = try bool()
        case "width": width = try bool()
        case "hyphens", "hyphen": hyphens = try bool()
        case "controls", "control": controls = try bool()
        case "neologdn-compatible": neologdnCompatible = try bool()
        case "long-vowel": longVowel = try choice(LongVowel.self)
        case "tilde": tilde = try choice(Tilde.self)
        case "spaces", "space": spaces = try choice(Spaces.self)
        case "remove-space": spaces = try bool() ? .neologdn : .off
        case "repeat":
            if trimmed.lowercased() == "off" {
                repeatLimit = nil
            } else {
                let n = try integer(minimum: 0, extra: ["off"])
                repeatLimit = n == 0 ? nil : n
            }
        case "max-repeat-substr-length":
            maxRepeatSubstrLength = try integer(minimum: 0, extra: ["0 (no limit)"])
        default:
            throw NormalizationError(
                code: .unknownSetting, key: key, value: value,
                acceptedValues: NormalizationOptions.settingKeys)
        }
    }

    /// Applies one override written as `KEY=VALUE`.
    ///
    /// - Throws: ``NormalizationError`` (`malformedSetting` when there is no `=`).
    public mutating func set(_ assignment: String) throws(NormalizationError) {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
            throw NormalizationError(
                code: .malformedSetting, value: assignment,
                acceptedValues: NormalizationOptions.settingKeys)
        }
        try set(
            String(assignment[..<eq]).trimmingASCIISpaces(),
            to: String(assignment[assignment.index(after: eq)...]))
    }

    /// The current value of every setting, in ``settingKeys`` order (without `profile` and
    /// `remove_space`), e.g. for `--help` or a run summary.
    public var settings: [(key: String, value: String)] {
        [
            ("nfkc", String(nfkc)), ("width", String(width)), ("hyphens", String(hyphens)),
            ("long-vowel", longVowel.rawValue), ("tilde", tilde.rawValue),
            ("spaces", spaces.rawValue), ("controls", String(controls)),
            ("repeat", repeatLimit.map(String.init) ?? "off"),
            ("max_repeat_substr_length", String(maxRepeatSubstrLength)),
            ("neologdn-compatible", String(neologdnCompatible)),
        ]
    }

    /// The name of the profile these options equal, if any.
    public var profileName: String? {
        switch self {
        case .wikiJa: return "wiki-ja"
        case .neologdn: return "neologdn"
        case .nfkcOnly: return "nfkc"
        case .none: return "none"
        default: return nil
        }
    }

    public var description: String {
        settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "-" : $0 }))
    }

    fileprivate func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
