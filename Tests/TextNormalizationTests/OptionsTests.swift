import Testing

@testable import TextNormalization

@Suite struct OptionsTests {
    @Test func settingsOverrideSingleRules() throws {
        var o = NormalizationOptions.wikiJa
        try o.set("long-vowel", to: "all")
        try o.set("tilde", to: "remove")
        try o.set("spaces", to: "off")
        try o.set("nfkc", to: "false")
        try o.set("repeat", to: "3")
        try o.set("max-repeat-substr-length", to: "4")
        #expect(o.longVowel == .all)
        #expect(o.tilde == .remove)
        #expect(o.spaces == .off)
        #expect(!o.nfkc)
        #expect(o.repeatLimit == 3)
        #expect(o.maxRepeatSubstrLength == 4)
        try o.set("repeat=0")
        #expect(o.repeatLimit == nil)
        try o.set("profile=neologdn")
        #expect(o == .neologdn)
        try o.set("remove_space", to: "false")
        #expect(o.spaces == .off)
        try o.set("remove_space", to: "true")
        #expect(o.spaces == .neologdn)
        try o.set("long_vowel=kana")
        #expect(o.longVowel == .kana)
    }

    @Test func unknownKeyNamesTheKnownKeys() {
        var o = NormalizationOptions.wikiJa
        #expect {
            try o.set("colour", to: "red")
        } throws: { error in
            let e = error as! NormalizationError
            return e.code == .unknownSetting && e.description.contains("colour")
                && e.description.contains("long-vowel")
        }
    }

    @Test func invalidValueNamesTheAcceptedValues() {
        var o = NormalizationOptions.wikiJa
        #expect {
            try o.set("tilde", to: "zap")
        } throws: { error in
            let e = error as! NormalizationError
            return e.code == .invalidValue && e.key == "tilde"
                && e.description.contains("'zap'") && e.description.contains("normalize_zenkaku")
        }
        #expect(throws: NormalizationError.self) { try o.set("nfkc", to: "maybe") }
        #expect(throws: NormalizationError.self) { try o.set("repeat", to: "-1") }
        #expect(throws: NormalizationError.self) { try o.set("tilde") }
        #expect(o == .wikiJa)
    }

    @Test func unknownProfile() {
        #expect {
            _ = try NormalizationOptions.profile(named: "mecab")
        } throws: { error in
            let e = error as! NormalizationError
            return e.code == .unknownProfile && e.description.contains("wiki-ja")
        }
    }

    @Test func settingKeysAreAllAccepted() throws {
        for key in NormalizationOptions.settingKeys {
            var o = NormalizationOptions.none
            let value: String
            switch key {
            case "profile": value = "wiki-ja"
            case "long-vowel": value = "kana"
            case "tilde": value = "normalize"
            case "spaces": value = "japanese"
            case "repeat", "max_repeat_substr_length": value = "2"
            default: value = "true"
            }
            try o.set(key, to: value)
            #expect(o != .none, "setting \(key)=\(value) changed nothing")
        }
    }

    @Test func descriptionListsEverySetting() {
        let d = NormalizationOptions.wikiJa.description
        #expect(d.contains("long-vowel=kana"))
        #expect(d.contains("tilde=normalize_zenkaku"))
        #expect(d.contains("repeat=off"))
    }
}
