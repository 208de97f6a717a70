// C shim over system ICU for TextNormalization.
//
// This header uses <stdint.h>/<stddef.h> types only, so Swift modules that import it can
// also import Foundation (whose private ICU copy clashes with the system ICU headers).
// ICU's version-suffixed symbol names (unorm2_normalize_72, ...) stay inside CICUShims.c.
#ifndef CICUSHIMS_H
#define CICUSHIMS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Marks a routine that only reads the memory it is given and returns a value (its one
/// side effect is the idempotent cache of the processor's SIMD level): the Swift compiler
/// imports it as read-only, so a caller that reads a `String`'s bytes through `withUTF8`
/// does not retain and release the string around the call (as around glibc's `memchr`, which
/// is declared so). No routine that writes through a pointer may carry it.
#define CICU_READS_ONLY __attribute__((pure))

/// Bit set in a flags value when NFKC never lets the code point interact with what precedes it
/// (`unorm2_hasBoundaryBefore`): text can be normalized in pieces split before such a character.
#define CICU_NFKC_BOUNDARY_BEFORE 1u
/// Bit set in a flags value when the code point is NFKC quick-check YES and has canonical
/// combining class 0, so on its own it never makes a string non-NFKC.
#define CICU_NFKC_SAFE 2u
/// Bit set in a flags value when the code point is NFKC quick-check YES (combining class aside):
/// on its own it is its own NFKC form.
#define CICU_NFKC_QUICK_YES 4u

/// Returns 0 when ICU's NFKC data loaded, otherwise an ICU error code (`UErrorCode`).
int32_t cicu_nfkc_status(void);

/// Starts building the tables on a background thread (detached), so that a caller can do
/// other work meanwhile; the first call that needs them waits for it to finish. Building them
/// takes ~13.6 M instructions (three ICU look-ups per BMP code point), a seventh of a run's
/// start-up. Harmless to call more than once or after the tables exist.
void cicu_nfkc_prepare(void);

/// A 65,536-entry table of `CICU_NFKC_*` flags for the Basic Multilingual Plane, indexed by
/// code point. Built once (thread-safe) on first call; never freed. Surrogates are flagged 0.
const uint8_t *cicu_nfkc_bmp_flags(void);

/// The `CICU_NFKC_*` flags of any code point (supplementary planes included).
uint8_t cicu_nfkc_flags(uint32_t code_point);

/// `cicu_nfkc_flags` computed from ICU's three properties, without the shortcut for inert
/// code points that the tables take: for tests.
uint8_t cicu_nfkc_flags_reference(uint32_t code_point);

/// One span that NFKC changed: `[src_start, src_end)` in the input became
/// `[dst_start, dst_end)` in the output. Offsets are UTF-8 byte offsets.
typedef struct {
  int64_t src_start;
  int64_t src_end;
  int64_t dst_start;
  int64_t dst_end;
} cicu_nfkc_edit;

/// NFKC-normalizes valid UTF-8 without going through the whole line in UTF-16: the text is
/// cut at normalization boundaries and only pieces that contain an unsafe code point are
/// converted, normalized with `unorm2_normalize` and converted back.
///
/// - Returns: -1 when the text is already NFKC (nothing useful was written); otherwise the
///   output length in bytes. When that length exceeds `dst_capacity`, or `*edit_count`
///   exceeds `edit_capacity` (when `edits` is not NULL), the output is incomplete: call again
///   with buffers at least that large. Returns -2 when ICU fails (see `cicu_nfkc_status`).
/// - Parameters:
///   - edits: optional; receives the changed spans, adjacent spans merged.
///   - edit_count: optional; receives the number of changed spans.
int64_t cicu_nfkc_utf8(const uint8_t *src, int64_t src_length, uint8_t *dst,
                       int64_t dst_capacity, cicu_nfkc_edit *edits, int64_t edit_capacity,
                       int64_t *edit_count);

/// ``cicu_nfkc_utf8`` passing, between the pieces it normalizes, runs of the characters that
/// ``cicu_skip_quiet`` passes with the table `quiet` 32 bytes at a time instead of looking at
/// each (NULL: as ``cicu_nfkc_utf8``). Same result and edits, provided that every character
/// that table finds quiet is NFKC-safe (TextNormalization's trigger tables give each unsafe
/// one a trigger); that a safe character has a boundary before it is checked here, at
/// start-up (``cicu_nfkc_safe_has_boundary``).
int64_t cicu_nfkc_utf8_skipping(const uint8_t *src, int64_t src_length, uint8_t *dst,
                                int64_t dst_capacity, cicu_nfkc_edit *edits, int64_t edit_capacity,
                                int64_t *edit_count, const uint64_t *quiet);

/// 1 when every BMP code point that is NFKC-safe (`CICU_NFKC_SAFE`) has a boundary before it
/// (`CICU_NFKC_BOUNDARY_BEFORE`), as with ICU 72; ``cicu_nfkc_utf8_skipping`` skips only then.
int32_t cicu_nfkc_safe_has_boundary(void);

/// The NFKC form of one code point as code points: writes up to `capacity` of them to `out`
/// and returns how many there are (the code point itself when NFKC leaves it as it is), or -1
/// when ICU is unavailable or fails. For building per-code-point tables at start-up: one ICU
/// call on UTF-16, with no UTF-8 scan or conversion around it.
int32_t cicu_nfkc_code_point(uint32_t code_point, uint32_t *out, int32_t capacity);

/// The NFKC forms of many code points at once, each as ``cicu_nfkc_code_point`` gives it: one
/// ICU call on the code points with a `\n` after each (a starter that nothing composes with and
/// that NFKC leaves alone, so each form is the one the code point has alone), instead of one
/// call per code point, whose fixed cost is most of a call's (start-up tables). Writes the
/// forms one after another to `out` (up to `capacity` code points) and, for code point `k`, the
/// end of its form in `out` to `ends[k]`; returns the total count of code points in the forms,
/// or -1 when ICU fails or a code point is invalid or `\n` (then fall back on one call each).
int32_t cicu_nfkc_code_points(const uint32_t *code_points, int32_t count, uint32_t *out,
                              int32_t capacity, int32_t *ends);

/// Skips, from the character boundary `i` of valid UTF-8 `p[0..<n]`, characters that carry no
/// normalization trigger, and returns the offset of the first one that may (or `n`): the
/// quick check's hot loop (TextNormalization's `Triggers.scanLine`), 16 or 32 bytes at a time.
///
/// Quiet without a look-up: continuation bytes, the lead bytes `E4`–`E9` (U+4000–9FFF:
/// ideographs), printable ASCII `!`–`}`, and the lead `E3` of hiragana (`E3 81`) and of
/// `E3 82`/`E3 83` kana but those whose last byte is `99`–`9F` or `BC`–`BF` (among them the
/// voiced marks, `ゟ`, `ー` and `ヿ`); with AVX2 also the lead of `E3 80 81`–`E3 80 9B`
/// (`、。「」『』【】々`…), and of the kana of `E3 82` but `99`–`9F` and of `E3 83` but `BC`–`BF`
/// (the rows told apart). Every other three-byte
/// character is looked up in `quads` (the caller's bit table: word `(b1 & 0x3F) << 8 | b0`, bit
/// `b2 & 63`, set when the character may trigger); any other byte stops the skip. The caller
/// checks that its tables agree with the sets above (otherwise it must not call this).
int64_t cicu_skip_quiet(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads) CICU_READS_ONLY;

/// The bit of TextNormalization's `Triggers.longVowel`, which ``cicu_scan_line`` notes itself
/// at the first ー of a run ーー (a test checks that the two agree).
#define CICU_TRIGGER_LONG_VOWEL 2u

/// What ``cicu_scan_line`` found in a line so far (zero it before the first call): the
/// triggers seen (`mask`, TextNormalization's `Triggers` bits) and, for each bit, the offset
/// from the line start of the first and of the last character that carries it.
typedef struct {
  int64_t first[8];
  int64_t last[8];
  uint32_t mask;
} cicu_line_scan;

/// Adds the triggers `bits` of the character at `offset` to `scan` (in line order).
static inline void cicu_line_scan_note(cicu_line_scan *scan, uint32_t bits, int64_t offset) {
  for (uint32_t fresh = bits & ~scan->mask; fresh != 0; fresh &= fresh - 1) {
    scan->first[__builtin_ctz(fresh)] = offset;
  }
  scan->mask |= bits;
  for (; bits != 0; bits &= bits - 1) scan->last[__builtin_ctz(bits)] = offset;
}

/// The quick check of the line that starts at `start` in valid UTF-8 `p[0..<n]`, in one pass
/// from the character boundary (or continuation byte) `i`: TextNormalization's
/// `Triggers.scanLine`, whose tables it takes (`quads` as for ``cicu_skip_quiet``, `triggers`
/// the trigger bits of every BMP code point). Characters that ``cicu_skip_quiet`` passes are
/// passed 32 bytes at a time; every other one is looked at and its triggers are added to
/// `scan` without leaving the loop (a skip that stops at each would be called again for the
/// rest). Returns where the line ends (its `\n`, or `n`), or the offset of a four-byte
/// character, whose triggers the caller adds before calling again from after it.
int64_t cicu_scan_line(const uint8_t *p, int64_t start, int64_t i, int64_t n, const uint64_t *quads,
                       const uint8_t *triggers, cicu_line_scan *scan);

/// ``cicu_scan_line`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_scan_line_at_level(const uint8_t *p, int64_t start, int64_t i, int64_t n, const uint64_t *quads,
                                const uint8_t *triggers, cicu_line_scan *scan, int32_t level);

/// The first offset `k >= from` in `p[0..<n]` where `[` (5B), `［` (EF BC BB) or `【` (E3 80 90)
/// starts, or -1: looks for their last bytes 16 or 32 at a time, then checks the two bytes
/// before a `BB` or `90` (a continuation byte of many other characters).
int64_t cicu_find_bracket(const uint8_t *p, int64_t from, int64_t n) CICU_READS_ONLY;

/// Which vector loops the byte scans take: 2 (AVX2, 32 bytes at a time), 1 (SSE2, 16 bytes),
/// 0 (byte loops only). Decided from the processor on first use.
int32_t cicu_simd_level(void);

/// ``cicu_skip_quiet`` and ``cicu_find_bracket`` with the vector loops of `level` at most (never
/// above the processor's): for tests, to check each path against the byte loops.
int64_t cicu_skip_quiet_at_level(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads, int32_t level);
int64_t cicu_find_bracket_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t level);

/// 1 when `p[0..<n]` is well-formed UTF-8 as Unicode defines it (no overlong forms, no
/// surrogates, nothing beyond U+10FFFF, no character cut by the end), what Swift's
/// `String(validating:as:)` accepts; else 0. With AVX2, 32 bytes at a time without a branch per
/// character (Keiser and Lemire's look-ups on the nibbles of byte pairs); else a byte loop.
int32_t cicu_utf8_valid(const uint8_t *p, int64_t n) CICU_READS_ONLY;

/// ``cicu_utf8_valid`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int32_t cicu_utf8_valid_at_level(const uint8_t *p, int64_t n, int32_t level);

/// Bits of ``cicu_utf8_check``'s result: the bytes are not well-formed UTF-8 (as
/// ``cicu_utf8_valid`` tells), and they hold a NUL byte (which is well-formed: ASCII 0).
#define CICU_UTF8_INVALID 1
#define CICU_UTF8_NUL 2

/// ``cicu_utf8_valid`` and a search for NUL bytes in one pass (a reader rejects a line for
/// either): 0 when `p[0..<n]` is well-formed UTF-8 without a NUL byte, otherwise the bits
/// `CICU_UTF8_INVALID` and `CICU_UTF8_NUL` of what is wrong.
int32_t cicu_utf8_check(const uint8_t *p, int64_t n) CICU_READS_ONLY;

/// ``cicu_utf8_check`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int32_t cicu_utf8_check_at_level(const uint8_t *p, int64_t n, int32_t level);

/// split-captions' probe: the first offset `i >= from` (`from` on a character's start) where
/// `p[i]` starts a character the probe must look at, or -1; adds the characters (first bytes:
/// no continuation byte) of `p[from..<i]` (or of `p[from..<n]` on -1) to `*scalars`. With
/// `closes_only` 0: a tab, space, `(` to `9` (`()*+,-./0-9`), a `C2` lead (NBSP), a general
/// punctuation space (E2 80 80-8A, AF), `　、。` (E3 80 80-82), `こしま` (E3 81 93, 97, BE),
/// `一同翌` (E4 B8 80, E5 90 8C, E7 BF 8C) and `（）＊＋，－．／０-９` (EF BC 88-99): every
/// scalar with ``SplitCaptions.ScanFlags.attention``, and a few more (the caller looks each
/// up). With `closes_only` 1: `)`, `。` and `）`. A three-byte character needs its three
/// bytes before `n`. AVX2: 32 bytes at a time (three loads); else a byte loop.
int64_t cicu_caption_stop(const uint8_t *p, int64_t from, int64_t n, int32_t closes_only, int64_t *scalars);

/// ``cicu_caption_stop`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_caption_stop_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t closes_only, int64_t *scalars,
                                   int32_t level);

/// Bits of ``cicu_caption_probe``'s answer: `mayGlue`; `spaced` known, and its value; or
/// undecided (a scalar of four bytes whose flags the table does not hold: ask Swift).
#define CICU_PROBE_GLUE 1
#define CICU_PROBE_SPACED_KNOWN 2
#define CICU_PROBE_SPACED 4
#define CICU_PROBE_UNDECIDED 8

/// split-captions' line probe (``SplitCaptions.probe``, but `mayBeCaptionOnly`) on the line
/// `p[0..<n]` (well-formed UTF-8): `flags` is ``SplitCaptions.ScanFlags``' table over the Basic
/// Multilingual Plane (its bits as there), `pairs` the openers' first two scalars (`npairs`
/// pairs, 0 for none; sorted by their first), and the stops of ``cicu_caption_stop`` must hold every scalar with an
/// attention flag (the default openers'). The scalars between stops are stepped over 32 bytes
/// at a time with AVX2, the masks of a block kept for its stops.
int32_t cicu_caption_probe(const uint8_t *p, int64_t n, int64_t max_len, const uint8_t *flags, const uint32_t *pairs,
                           int64_t npairs) CICU_READS_ONLY;

/// ``cicu_caption_probe`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int32_t cicu_caption_probe_at_level(const uint8_t *p, int64_t n, int64_t max_len, const uint8_t *flags,
                                    const uint32_t *pairs, int64_t npairs, int32_t level);
/// The first offset `k >= from` in `p[0..<n]` whose byte a JSON string literal must escape (a
/// control character below 0x20, `"` or `\`), or `n` when there is none: 64 bytes at a time
/// with AVX2 (16 with SSE2), else bytes. (speed-norm8: JSONWriter's scan.)
int64_t cicu_json_escape_find(const uint8_t *p, int64_t from, int64_t n) CICU_READS_ONLY;

/// ``cicu_json_escape_find`` with the vector loop of `level` at most (2: AVX2; 1: SSE2; 0: bytes): for tests.
int64_t cicu_json_escape_find_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t level);

/// strip-chrome's phrase automaton step loop (``PhraseAutomaton.stepValid``, written in C so that
/// its index is advanced in place): runs the automaton whose packed buffer is `m` over the
/// three-byte and ASCII characters of `p[0..<n]` (well-formed UTF-8) from byte `start`, in the
/// state whose row starts at entry `*row`, recording in `events` (from word `*count` on) each
/// state entered that ends a phrase (its row, and the character's offset times 2, + 1 for a
/// second class). Stops before the line's last two bytes (a run of ASCII may go on to the end),
/// at a character of two or four bytes, or once more than `event_limit` words are written;
/// returns where it stopped, with the row and the count written back.
int64_t cicu_phrase_step(const uint8_t *p, int64_t n, const uint32_t *m, int64_t start, int64_t *row, int64_t *events,
                         int64_t *count, int64_t event_limit);

// MARK: - split-captions' scalars (normcap9)

/// ``SplitCaptions.loadScalars``' loop: decodes the scalars of `p[0..<n]` (well-formed UTF-8)
/// into `out` (room for `min(n, limit)`), at most `limit` of them, stopping after the first `。`
/// (U+3002) unless `whole`; `*kuten` is the index of the first `。` decoded (-1: none),
/// `*last_close` that of the last `)` or `）` before it and before index `max_len` (-1: none).
/// Returns how many were decoded. Eight three-byte characters at a time with AVX2.
int64_t cicu_load_scalars(const uint8_t *p, int64_t n, uint32_t *out, int64_t limit, int32_t whole, int64_t max_len,
                          int64_t *kuten, int64_t *last_close);

/// ``cicu_load_scalars`` with the vector loop of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_load_scalars_at_level(const uint8_t *p, int64_t n, uint32_t *out, int64_t limit, int32_t whole,
                                   int64_t max_len, int64_t *kuten, int64_t *last_close, int32_t level);

// MARK: - normalize's width and long-vowel rules (norm10)

/// ``UnifyWidth.apply``'s loop (TextNormalization): full-width ASCII to ASCII, half-width
/// katakana and punctuation to full-width (each joined with the voiced mark after it), a lone
/// half-width mark joined into the kana before it or made combining, `゛゜` joined into the kana
/// before them; for the characters that begin in `[start, min(end, n))` of the line `p[0..<n]`
/// (valid UTF-8). Writes the whole line to `out` (room for `n` bytes: the rule never lengthens a
/// line; `out` and `p` must not overlap) and returns its length, or -1 when nothing changed.
/// With `edits` (room for `edit_capacity`), the changed spans, adjacent ones merged, and their
/// number in `*edit_count`; when there are more than fit, returns -2 with their number there
/// (call again with room for them all).
int64_t cicu_unify_width(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                         cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count);

/// ``cicu_unify_width`` with the search of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_unify_width_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                  cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count, int32_t level);

/// ``UnifyLongVowels.apply``'s loop (TextNormalization): each maximal run of dash-like marks
/// (`﹣ － ｰ — ― ─ ━ ー`) that begins in `[start, min(end, n))`, or holds `start`, becomes one
/// `ー` where the mode says so (`all` nonzero: always; zero: the `kana` mode's tests of the
/// neighbours). Output, edits and results as ``cicu_unify_width``'s.
int64_t cicu_unify_long_vowels(const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t all, uint8_t *out,
                               cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count);

/// ``cicu_unify_long_vowels`` with the search of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_unify_long_vowels_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t all,
                                        uint8_t *out, cicu_nfkc_edit *edits, int64_t edit_capacity,
                                        int64_t *edit_count, int32_t level);

// MARK: heading line marks (capt12)

/// What ``SplitHeadings.LineShape`` looks for in a whole line, in one pass: the offset where the
/// first `[` (5B), `［` (EF BC BB) or `【` (E3 80 90) starts (``cicu_find_bracket`` from 0) into
/// `*bracket`, and where the first `†` (E2 80 A0) starts into `*dagger`; -1 for none. With AVX2,
/// 64 bytes a turn, each byte tested with the one before it (`BB` after `BC`, `90` or `A0`
/// after `80`; the lead byte checked at the hit).
void cicu_line_marks(const uint8_t *p, int64_t n, int64_t *bracket, int64_t *dagger);

/// ``cicu_line_marks`` with the vector loop of `level` at most (2: AVX2; below: bytes; -1: the
/// processor's): for tests.
void cicu_line_marks_at_level(const uint8_t *p, int64_t n, int64_t *bracket, int64_t *dagger, int32_t level);

/// The first offset `k` in `[from, min(end, n))` of `p[0..<n]` where a lead mark starts: `(`,
/// `（` (EF BC 88), `、` (E3 80 81) or `。` (E3 80 82), and with `quotes` nonzero also `「`
/// (E3 80 8C) or `『` (E3 80 8E); a three-byte mark ends before `n`. -1 when there is none.
/// JapaneseText.firstLeadMark's scan: 32 positions at a time with AVX2.
int64_t cicu_first_lead_mark(const uint8_t *p, int64_t n, int64_t from, int64_t end, int32_t quotes) CICU_READS_ONLY;

/// ``cicu_first_lead_mark`` with the vector loop of `level` at most (2: AVX2, 1: SSE2, 0: bytes): for tests.
int64_t cicu_first_lead_mark_at_level(const uint8_t *p, int64_t n, int64_t from, int64_t end, int32_t quotes,
                                      int32_t level);

/// The number of Unicode scalars in the valid UTF-8 `p[0..<n]`: its bytes that are no
/// continuation byte (80–BF). 32 bytes at a time with AVX2 (UTF8Scan.scalarCount).
int64_t cicu_scalar_count(const uint8_t *p, int64_t n) CICU_READS_ONLY;

/// ``cicu_scalar_count`` with the loop of `level` at most (2: AVX2, 1: words of eight bytes,
/// 0: bytes): for tests.
int64_t cicu_scalar_count_at_level(const uint8_t *p, int64_t n, int32_t level);

// flow12: the JSON writer's search for the next byte to escape, copying as it goes; unwrap-wiki-source's scan
// for the marks that open inline markup.

/// ``cicu_json_escape_find`` from `from`, with the bytes it passes over (`p[from..<k]`, `k`
/// what it returns) copied to `out`. `out` must have room for `n - from` bytes: past `k` the
/// call may write bytes of the text (never past `out + (n - from)`), which the caller writes over.
int64_t cicu_json_escape_copy(const uint8_t *p, int64_t from, int64_t n, uint8_t *out);

/// ``cicu_json_escape_copy`` with the vector loop of `level` at most (2: AVX2; 1: SSE2; 0: bytes): for tests.
int64_t cicu_json_escape_copy_at_level(const uint8_t *p, int64_t from, int64_t n, uint8_t *out, int32_t level);

/// Whether `p[0..<n]` holds `&` followed by an ASCII letter (an inline plugin of @wiki or
/// PukiWiki) or `[[` (a link): unwrap-wiki-source's test of a line, in one pass. Pure (it
/// only reads `p`): Swift then holds the string it reads no longer than the call, as around
/// `memchr`, which glibc declares pure (without it the caller retained and released the line).
int32_t cicu_wiki_source_mark(const uint8_t *p, int64_t n) CICU_READS_ONLY;

/// ``cicu_wiki_source_mark`` with the vector loop of `level` at most (2: AVX2; 0: bytes): for tests.
int32_t cicu_wiki_source_mark_at_level(const uint8_t *p, int64_t n, int32_t level);

/// The caption probe's AVX2 block masks by nibble look-ups against the compares they replaced,
/// on every three bytes and on `rounds` random vectors of the bytes that matter: the number of
/// mismatching masks (0 without AVX2). For tests.
int64_t cicu_caption_classes_check(uint64_t seed, int64_t rounds);

// split15: split-headings' search for a list section's word glued after a preview's `。`.

/// The first `k >= from` where `p[k - 1..<k + 2]` is `。` (E3 80 82) and an ASCII digit stands
/// `L` bytes after it (at `k + 2 + L < n`) for some `L` whose bit is set in `lengths` (each
/// below 64), or -1: ``HeadingAnchors/listSectionGluedInPreview(_:)``'s places where a list
/// section's word may stand, found 32 bytes at a time. Pure (it only reads `p`).
int64_t cicu_kuten_before_digit(const uint8_t *p, int64_t n, int64_t from, uint64_t lengths) CICU_READS_ONLY;

/// ``cicu_kuten_before_digit`` with the vector loop of `level` at most (2: AVX2; 0: bytes): for tests.
int64_t cicu_kuten_before_digit_at_level(const uint8_t *p, int64_t n, int64_t from, uint64_t lengths, int32_t level);

// chrome15: strip-chrome's walk over a breadcrumb's crumb.

/// breadcrumbEnd's walk over one crumb of the valid UTF-8 line `p`: from `i` (a character's
/// start, `start <= i`), the offset of the first separator (`>` with a space on each side, the
/// spaces within `[start, end)`; `＞` EF BC 9E; `›` E2 80 BA) or stop (`。` E3 80 82, `、` E3 80
/// 81, a line feed), or `end`, when at most `limit` other characters come before it; -1 when
/// the `limit + 1`-th other character comes first.
int64_t cicu_crumb_walk(const uint8_t *p, int64_t start, int64_t i, int64_t end, int64_t limit) CICU_READS_ONLY;

/// TextNormalization's `spaces=japanese` rule (`RemoveJapaneseSpaces`) on the line `p[0..<n]`
/// (valid UTF-8): runs of space separators that begin in `[start, end)` (from the start of the
/// run that holds `start`) become one space, or none at either end of the line or between two
/// Japanese characters. Output, edits and result as ``cicu_unify_width``'s; never longer.
int64_t cicu_remove_japanese_spaces(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                    cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count);

/// ``cicu_remove_japanese_spaces`` with the search of `level` at most (2: AVX2; below: bytes): for tests.
int64_t cicu_remove_japanese_spaces_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                             cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count,
                                             int32_t level);

#ifdef __cplusplus
}
#endif

#endif  // CICUSHIMS_H
