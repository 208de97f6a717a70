// The rules that map single characters or runs of them: controls, long-vowel, width,
// hyphens, tilde, spaces=japanese. Each works on one line of valid UTF-8, writes into `out`
// only when it changes something, and returns whether it did.

/// `controls`: removes control and zero-width characters.
struct RemoveControls {
  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress else { return false }
    var w = Rewriter(input, rule: .controls, track: track)
    var i = 0
    while i < input.count {
      let (c, len) = decodeScalar(p, i)
      if CharacterClasses.isControl(c) {
        w.replace(i, i + len, with: nil, out: &out, edits: &edits)
      }
      i += len
    }
    return w.finish(out: &out)
  }
}

/// `long-vowel`: dash-like marks that stand for `ー`.
struct UnifyLongVowels {
  var mode: NormalizationOptions.LongVowel

  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress, mode != .off else { return false }
    var w = Rewriter(input, rule: .longVowel, track: track)
    var prev: UInt32 = 0
    var i = 0
    let n = input.count
    while i < n {
      let (c, len) = decodeScalar(p, i)
      guard CharacterClasses.isLongVowelMark(c) else {
        prev = c
        i += len
        continue
      }
      // A maximal run of marks.
      var j = i + len
      var runLength = 1
      var hasExplicitMark = c == 0x30FC || c == 0xFF70
      while j < n {
        let (d, dlen) = decodeScalar(p, j)
        guard CharacterClasses.isLongVowelMark(d) else { break }
        hasExplicitMark = hasExplicitMark || d == 0x30FC || d == 0xFF70
        runLength += 1
        j += dlen
      }
      let unify: Bool
      switch mode {
      case .off: unify = false
      case .all: unify = true
      case .kana:
        unify =
          (hasExplicitMark && CharacterClasses.isKana(prev))
          || (runLength == 1 && CharacterClasses.isKatakana(prev))
      }
      if unify && !(runLength == 1 && c == 0x30FC) {
        w.replace(i, j, with: 0x30FC, out: &out, edits: &edits)
      }
      prev = unify ? 0x30FC : 0x2014  // any mark: not kana
      i = j
    }
    return w.finish(out: &out)
  }
}

/// `width`: full-width ASCII to ASCII, half-width katakana and punctuation to full-width,
/// joining voiced and semi-voiced marks as NFKC does.
struct UnifyWidth {
  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress else { return false }
    var w = Rewriter(input, rule: .width, track: track)
    var i = 0
    let n = input.count
    while i < n {
      let (c, len) = decodeScalar(p, i)
      let next = i + len
      switch c {
      case 0xFF01...0xFF5E:
        w.replace(i, next, with: c - 0xFEE0, out: &out, edits: &edits)
        i = next
      case 0xFF61...0xFF9F:
        let full = CharacterClasses.halfwidthToFullwidth[Int(c - 0xFF61)]
        if c <= 0xFF9D, let (joined, end) = join(full, markAt: next, p, n, combining: true) {
          w.replace(i, end, with: joined, out: &out, edits: &edits)
          i = end
        } else {
          w.replace(i, next, with: full, out: &out, edits: &edits)
          i = next
        }
      case 0x3046...0x30FD:
        // A full-width kana followed by a half-width mark.
        if next < n, p[next] == 0xEF,
          let (joined, end) = join(c, markAt: next, p, n, combining: false)
        {
          w.replace(i, end, with: joined, out: &out, edits: &edits)
          i = end
        } else {
          i = next
        }
      default:
        i = next
      }
    }
    return w.finish(out: &out)
  }

  /// If a (semi-)voiced mark follows at `i` and composes with `base`, the composition and the
  /// end of the mark. Half-width bases also join combining U+3099/309A; full-width bases only
  /// the half-width marks (a full-width kana with a combining mark is NFKC's business).
  @inline(__always)
  private func join(
    _ base: UInt32, markAt i: Int, _ p: UnsafePointer<UInt8>, _ n: Int, combining: Bool
  ) -> (UInt32, Int)? {
    guard i < n, p[i] >= 0xE0 else { return nil }
    let (m, mlen) = decodeScalar(p, i)
    let joined: UInt32?
    switch m {
    case 0xFF9E: joined = CharacterClasses.voiced(base)
    case 0xFF9F: joined = CharacterClasses.semiVoiced(base)
    case 0x3099 where combining: joined = CharacterClasses.voiced(base)
    case 0x309A where combining: joined = CharacterClasses.semiVoiced(base)
    default: joined = nil
    }
    guard let joined else { return nil }
    return (joined, i + mlen)
  }
}

/// `hyphens`: `˗ ֊ ‐ ‑ ‒ – ⁃ ⁻ ₋ −` to `-`; one after a `-` is dropped, so runs collapse.
struct UnifyHyphens {
  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress else { return false }
    var w = Rewriter(input, rule: .hyphens, track: track)
    var afterHyphen = false
    var i = 0
    while i < input.count {
      let (c, len) = decodeScalar(p, i)
      if CharacterClasses.isHyphen(c) {
        w.replace(i, i + len, with: afterHyphen ? nil : 0x2D, out: &out, edits: &edits)
        afterHyphen = true
      } else {
        afterHyphen = c == 0x2D
      }
      i += len
    }
    return w.finish(out: &out)
  }
}

/// `tilde`: `~ ∼ ∾ 〜 〰 ～` kept, turned into `~` or `〜`, or removed.
struct UnifyTildes {
  var mode: NormalizationOptions.Tilde

  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress else { return false }
    let target: UInt32?
    switch mode {
    case .ignore: return false
    case .normalize: target = 0x7E
    case .normalizeZenkaku: target = 0x301C
    case .remove: target = nil
    }
    var w = Rewriter(input, rule: .tilde, track: track)
    var i = 0
    while i < input.count {
      let (c, len) = decodeScalar(p, i)
      if CharacterClasses.isTilde(c) && c != target {
        w.replace(i, i + len, with: target, out: &out, edits: &edits)
      }
      i += len
    }
    return w.finish(out: &out)
  }
}

/// `spaces=japanese`: space separators to one space, runs collapsed, each line trimmed, and a
/// space deleted when both neighbours are Japanese.
struct RemoveJapaneseSpaces {
  func apply(
    _ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], edits: inout [Edit],
    track: Bool
  ) -> Bool {
    guard let p = input.baseAddress else { return false }
    var w = Rewriter(input, rule: .spaces, track: track)
    var prev: UInt32? = nil
    var i = 0
    let n = input.count
    while i < n {
      let (c, len) = decodeScalar(p, i)
      guard CharacterClasses.isSpace(c) else {
        prev = c
        i += len
        continue
      }
      var j = i + len
      var next: UInt32? = nil
      while j < n {
        let (d, dlen) = decodeScalar(p, j)
        if !CharacterClasses.isSpace(d) {
          next = d
          break
        }
        j += dlen
      }
      if let before = prev, let after = next,
        !(CharacterClasses.isJapanese(before) && CharacterClasses.isJapanese(after))
      {
        if !(j - i == 1 && c == 0x20) {
          w.replace(i, j, with: 0x20, out: &out, edits: &edits)
        }
      } else {
        w.replace(i, j, with: nil, out: &out, edits: &edits)
      }
      i = j
    }
    return w.finish(out: &out)
  }
}
