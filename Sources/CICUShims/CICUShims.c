// NB: ICU symbols carry a version suffix (unorm2_normalize_72); the macros in
// <unicode/urename.h> (pulled in by utypes.h) map the plain names, so only this file may call
// ICU directly.
#include "CICUShims.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

static const UNormalizer2 *nfkc_instance;
static UErrorCode nfkc_error = U_ZERO_ERROR;
static uint8_t bmp_flags[0x10000];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/// The flags from the three properties: what `compute_flags` must give (tests compare them).
/// An inert code point has all three.
static uint8_t compute_flags_reference(const UNormalizer2 *n, UChar32 c) {
  uint8_t f = 0;
  if (unorm2_hasBoundaryBefore(n, c)) f |= CICU_NFKC_BOUNDARY_BEFORE;
  if (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) == UNORM_YES) {
    f |= CICU_NFKC_QUICK_YES;
    if (unorm2_getCombiningClass(n, c) == 0) f |= CICU_NFKC_SAFE;
  }
  return f;
}

/// Set at start-up when a BMP code point is NFKC-safe without a boundary before it (none is
/// with ICU 72): then a run of safe characters is not a run of pieces, and
/// ``cicu_nfkc_utf8_skipping`` must look at every character.
static int safe_without_boundary;

/// The flags of an inert code point.
#define CICU_NFKC_ALL_FLAGS (CICU_NFKC_BOUNDARY_BEFORE | CICU_NFKC_SAFE | CICU_NFKC_QUICK_YES)

static uint8_t compute_flags(const UNormalizer2 *n, UChar32 c) {
  // An inert character (ICU: it does not change and does not normalize together with its
  // neighbours; most of the BMP) has a boundary before it, combining class 0 and NFKC_QC=Yes.
  // Asked first, that one call replaces three at start-up, where the whole BMP is looked at
  // (checked for every code point with ICU 72: all 1,104,967 inert ones get the three flags).
  if (unorm2_isInert(n, c)) return CICU_NFKC_ALL_FLAGS;
  uint8_t f = compute_flags_reference(n, c);
  if ((f & CICU_NFKC_SAFE) && !(f & CICU_NFKC_BOUNDARY_BEFORE)) safe_without_boundary = 1;
  return f;
}

/// Stretches of the BMP whose code points all have every flag in every Unicode version, so
/// ICU is not asked about them: CJK unified ideographs (extension A and the main block), which
/// have no decomposition, combining class 0 and compose with nothing (the stability policy
/// keeps compositions from growing); Hangul syllables, starters with NFKC_QC=Yes that nothing
/// before them composes with (an LV syllable composes with a trailing jamo after it, so it is
/// not inert, but that takes no flag away); private use characters, which have no
/// normalization properties at all. Two thirds of the BMP's code points, at ~55 instructions
/// each for `unorm2_isInert` and the loop (callgrind: 2.4 M of the 4.4 M the table took at
/// start-up). A unit test compares every BMP code point's flags with ICU's three properties.
static const UChar32 always_flagged[][2] = {
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xE000, 0xF8FF}};

static void init_tables(void) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *n = unorm2_getNFKCInstance(&err);
  if (U_FAILURE(err)) {
    nfkc_error = err;
    return;
  }
  enum { STRETCHES = sizeof always_flagged / sizeof always_flagged[0] };
  UChar32 c = 0;
  for (int k = 0; k <= STRETCHES; k++) {
    UChar32 stop = k < STRETCHES ? always_flagged[k][0] : 0x10000;
    for (; c < stop; c++) bmp_flags[c] = (c >= 0xD800 && c <= 0xDFFF) ? 0 : compute_flags(n, c);
    if (k == STRETCHES) break;
    memset(bmp_flags + stop, CICU_NFKC_ALL_FLAGS, (size_t)(always_flagged[k][1] + 1 - stop));
    c = always_flagged[k][1] + 1;
  }
  nfkc_instance = n;
}

static inline void ensure_init(void) { pthread_once(&init_once, init_tables); }

static void *prepare_thread(void *unused) {
  (void)unused;
  ensure_init();
  return NULL;
}

void cicu_nfkc_prepare(void) {
  pthread_t thread;
  if (pthread_create(&thread, NULL, prepare_thread, NULL) == 0) pthread_detach(thread);
}

int32_t cicu_nfkc_status(void) {
  ensure_init();
  return (int32_t)nfkc_error;
}

const uint8_t *cicu_nfkc_bmp_flags(void) {
  ensure_init();
  return bmp_flags;
}

int32_t cicu_nfkc_safe_has_boundary(void) {
  ensure_init();
  return nfkc_instance != NULL && !safe_without_boundary;
}

uint8_t cicu_nfkc_flags_reference(uint32_t code_point) {
  ensure_init();
  if (nfkc_instance == NULL || code_point > 0x10FFFF) return 0;
  return compute_flags_reference(nfkc_instance, (UChar32)code_point);
}

uint8_t cicu_nfkc_flags(uint32_t code_point) {
  ensure_init();
  if (code_point < 0x10000) return bmp_flags[code_point];
  if (nfkc_instance == NULL || code_point > 0x10FFFF) return 0;
  return compute_flags(nfkc_instance, (UChar32)code_point);
}

// MARK: - Normalization

enum { STACK_UNITS = 512 };

// Per-call scratch: a stack buffer first, heap only for long pieces. Nothing is shared
// between calls, so the function is safe to call from several threads at once.
typedef struct {
  UChar *in;
  int32_t in_cap;
  UChar *out;
  int32_t out_cap;
  UChar in_stack[STACK_UNITS];
  UChar out_stack[STACK_UNITS * 2];
} scratch;

static int grow(UChar **buf, int32_t *cap, int32_t need, UChar *stack) {
  if (need <= *cap) return 1;
  int32_t new_cap = need + need / 2 + 16;
  UChar *p = (*buf == stack) ? malloc(sizeof(UChar) * (size_t)new_cap)
                             : realloc(*buf, sizeof(UChar) * (size_t)new_cap);
  if (p == NULL) return 0;
  *buf = p;
  *cap = new_cap;
  return 1;
}

/// ``normalize_piece`` through ICU: UTF-8 to UTF-16, `unorm2_normalize`, back to UTF-8.
static int normalize_piece_icu(scratch *s, const uint8_t *src, int64_t len, uint8_t *dst,
                               int64_t cap, int64_t *out_len) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t ulen = 0;
  // UTF-16 never has more units than UTF-8 has bytes.
  if (!grow(&s->in, &s->in_cap, (int32_t)len + 1, s->in_stack)) return -1;
  u_strFromUTF8(s->in, s->in_cap, &ulen, (const char *)src, (int32_t)len, &err);
  if (U_FAILURE(err)) return -1;

  err = U_ZERO_ERROR;
  int32_t nlen = unorm2_normalize(nfkc_instance, s->in, ulen, s->out, s->out_cap, &err);
  if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
    if (!grow(&s->out, &s->out_cap, nlen + 1, s->out_stack)) return -1;
    err = U_ZERO_ERROR;
    nlen = unorm2_normalize(nfkc_instance, s->in, ulen, s->out, s->out_cap, &err);
  }
  if (U_FAILURE(err)) return -1;

  int64_t room = cap - *out_len;
  int32_t olen = 0;
  err = U_ZERO_ERROR;
  if (room > 0) {
    int32_t room32 = room > INT32_MAX ? INT32_MAX : (int32_t)room;
    u_strToUTF8((char *)dst + *out_len, room32, &olen, s->out, nlen, &err);
  } else {
    u_strToUTF8(NULL, 0, &olen, s->out, nlen, &err);
  }
  if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
    err = U_ZERO_ERROR;
  }
  if (U_FAILURE(err)) return -1;

  int changed = 1;
  if (olen == len && (int64_t)olen <= room && memcmp(dst + *out_len, src, (size_t)len) == 0) {
    changed = 0;
  } else if (olen == len && (int64_t)olen > room) {
    // Could not compare in place; compare through a temporary conversion.
    uint8_t tmp[256];
    uint8_t *t = len <= (int64_t)sizeof tmp ? tmp : malloc((size_t)len);
    if (t == NULL) return -1;
    int32_t tl = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8((char *)t, (int32_t)len, &tl, s->out, nlen, &err);
    changed = memcmp(t, src, (size_t)len) != 0;
    if (t != tmp) free(t);
  }
  *out_len += olen;
  return changed;
}


static inline uint32_t decode(const uint8_t *p, int64_t remaining, int *n) {
  uint8_t b = p[0];
  if (b < 0xE0 || remaining < 3) {
    if (b < 0xC0 || remaining < 2) {
      *n = 1;
      return b;
    }
    *n = 2;
    return ((uint32_t)(b & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (b < 0xF0 || remaining < 4) {
    *n = 3;
    return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *n = 4;
  return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
         ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/// The NFKC form of one BMP code point, as ``normalize_piece_icu`` gives it for a piece that is
/// that code point alone, and whether it differs from the code point.
typedef struct {
  uint8_t length;
  uint8_t changed;
  uint8_t bytes[62];
} nfkc_form;

/// The forms of the BMP code points met in a piece of their own so far, filled in as they are
/// met (each once, whichever thread gets there first; never freed).
static nfkc_form *bmp_forms[0x10000];

/// The form of the BMP code point `c`, whose UTF-8 is `src[0..<len]`, or NULL when ICU fails or
/// the form is longer than an entry holds.
static const nfkc_form *form_of(scratch *s, const uint8_t *src, int64_t len, uint32_t c) {
  nfkc_form *f = __atomic_load_n(&bmp_forms[c], __ATOMIC_ACQUIRE);
  if (f != NULL) return f;
  uint8_t buffer[sizeof f->bytes];
  int64_t length = 0;
  int r = normalize_piece_icu(s, src, len, buffer, sizeof buffer, &length);
  if (r < 0 || length > (int64_t)sizeof buffer) return NULL;
  f = malloc(sizeof *f);
  if (f == NULL) return NULL;
  f->length = (uint8_t)length;
  f->changed = (uint8_t)r;
  memcpy(f->bytes, buffer, (size_t)length);
  nfkc_form *found = NULL;
  if (!__atomic_compare_exchange_n(&bmp_forms[c], &found, f, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    free(f);
    return found;
  }
  return f;
}

/// Normalizes one piece, writing UTF-8 at dst+*out_len when it fits. Returns 1 if the piece
/// changed, 0 if it did not, -1 on error. `*out_len` always advances by the piece's output
/// length.
///
/// Most pieces are one code point (`…`, `①`, `㈱`, `½`): those of the BMP take their form from
/// ``form_of``, asked of ICU once per code point; an ICU call costs about 1,100 instructions
/// for such a piece (three conversions and `unorm2_normalize`'s set-up: callgrind).
static int normalize_piece(scratch *s, const uint8_t *src, int64_t len, uint8_t *dst,
                           int64_t cap, int64_t *out_len) {
  if (len >= 2 && len <= 3) {
    int n;
    uint32_t c = decode(src, len, &n);
    const nfkc_form *f = n == len ? form_of(s, src, len, c) : NULL;
    if (f != NULL) {
      if (f->length <= cap - *out_len) memcpy(dst + *out_len, f->bytes, f->length);
      *out_len += f->length;
      return f->changed;
    }
  }
  return normalize_piece_icu(s, src, len, dst, cap, out_len);
}

/// Passes the characters from `*i` that ``cicu_skip_quiet`` passes (`quiet` is its table):
/// none carries a trigger, so each is NFKC-safe (the caller's tables give every unsafe code
/// point a trigger) and, safe, has a boundary before it (checked at start-up, see
/// `safe_without_boundary`). So the last of them starts the current piece: `*seg_start` is set
/// to it, as the character loop would have, and `*i` to the first character not passed.
/// Returns 0 when that is the end of the text.
static inline int skip_safe_run(const uint8_t *src, int64_t *i, int64_t n, const uint64_t *quiet,
                                int64_t *seg_start) {
  int64_t j = cicu_skip_quiet(src, *i, n, quiet);
  if (j > *i) {
    int64_t last = j - 1;
    while (last > *i && (src[last] & 0xC0) == 0x80) last--;
    *seg_start = last;
    *i = j;
  }
  return j < n;
}

/// Without edits: copy the prefix up to the first piece that holds an unsafe code point, then
/// normalize the whole rest in one ICU call (cheaper than piece by piece when a line has many
/// unsafe characters, e.g. full-width ASCII).
static int64_t nfkc_utf8_fast(const uint8_t *src, int64_t src_length, uint8_t *dst,
                              int64_t dst_capacity, const uint64_t *quiet) {
  int64_t seg_start = 0, i = 0, dirty = -1;
  while (i < src_length) {
    if (quiet != NULL && !skip_safe_run(src, &i, src_length, quiet, &seg_start)) break;
    uint8_t b = src[i];
    if (b < 0x80) {
      // ASCII always starts a new piece (a combining mark may still follow it).
      seg_start = i++;
      continue;
    }
    int n;
    uint32_t c = decode(src + i, src_length - i, &n);
    uint8_t f = c < 0x10000 ? bmp_flags[c] : cicu_nfkc_flags(c);
    if (f & CICU_NFKC_BOUNDARY_BEFORE) seg_start = i;
    if (!(f & CICU_NFKC_SAFE)) {
      dirty = seg_start;
      break;
    }
    i += n;
  }
  if (dirty < 0) return -1;

  scratch s;
  s.in = s.in_stack;
  s.in_cap = STACK_UNITS;
  s.out = s.out_stack;
  s.out_cap = STACK_UNITS * 2;
  if (dirty <= dst_capacity) memcpy(dst, src, (size_t)dirty);
  int64_t out_len = dirty;
  int r = normalize_piece(&s, src + dirty, src_length - dirty, dst, dst_capacity, &out_len);
  if (s.in != s.in_stack) free(s.in);
  if (s.out != s.out_stack) free(s.out);
  if (r < 0) return -2;
  return r ? out_len : -1;
}

int64_t cicu_nfkc_utf8(const uint8_t *src, int64_t src_length, uint8_t *dst,
                       int64_t dst_capacity, cicu_nfkc_edit *edits, int64_t edit_capacity,
                       int64_t *edit_count) {
  return cicu_nfkc_utf8_skipping(src, src_length, dst, dst_capacity, edits, edit_capacity, edit_count, NULL);
}

int64_t cicu_nfkc_utf8_skipping(const uint8_t *src, int64_t src_length, uint8_t *dst,
                                int64_t dst_capacity, cicu_nfkc_edit *edits, int64_t edit_capacity,
                                int64_t *edit_count, const uint64_t *quiet) {
  ensure_init();
  if (nfkc_instance == NULL) return -2;
  if (safe_without_boundary) quiet = NULL;
  if (edits == NULL) return nfkc_utf8_fast(src, src_length, dst, dst_capacity, quiet);

  scratch s;
  s.in = s.in_stack;
  s.in_cap = STACK_UNITS;
  s.out = s.out_stack;
  s.out_cap = STACK_UNITS * 2;

  // Clean pieces are not copied one by one: [copy_from, seg_start) is copied in one go when a
  // dirty piece (or the end) comes.
  int64_t out_len = 0, nedits = 0, seg_start = 0, copy_from = 0, i = 0;
  int seg_dirty = 0, any_change = 0, failed = 0;

  // Copies the pending clean bytes, then normalizes the dirty piece [seg_start, end).
#define FLUSH_DIRTY(end)                                                                 \
  do {                                                                                   \
    int64_t clean = seg_start - copy_from;                                               \
    if (clean > 0 && out_len + clean <= dst_capacity) {                                  \
      memcpy(dst + out_len, src + copy_from, (size_t)clean);                             \
    }                                                                                    \
    out_len += clean;                                                                    \
    int64_t dst_start = out_len;                                                         \
    int r = normalize_piece(&s, src + seg_start, (end) - seg_start, dst, dst_capacity,   \
                            &out_len);                                                   \
    copy_from = (end);                                                                   \
    if (r < 0) {                                                                         \
      failed = 1;                                                                        \
    } else if (r > 0) {                                                                  \
      any_change = 1;                                                                    \
      if (nedits > 0 && nedits <= edit_capacity && edits[nedits - 1].src_end == seg_start) { \
        edits[nedits - 1].src_end = (end);                                               \
        edits[nedits - 1].dst_end = out_len;                                             \
      } else {                                                                           \
        if (nedits < edit_capacity) {                                                    \
          edits[nedits].src_start = seg_start;                                           \
          edits[nedits].src_end = (end);                                                 \
          edits[nedits].dst_start = dst_start;                                           \
          edits[nedits].dst_end = out_len;                                               \
        }                                                                                \
        nedits++;                                                                        \
      }                                                                                  \
    }                                                                                    \
  } while (0)

  while (i < src_length && !failed) {
    // Between pieces, a run of quiet characters is passed 32 bytes at a time.
    if (quiet != NULL && !seg_dirty && !skip_safe_run(src, &i, src_length, quiet, &seg_start)) break;
    uint8_t b = src[i];
    if (b < 0x80) {
      // ASCII: always a boundary and always safe.
      if (seg_dirty) {
        FLUSH_DIRTY(i);
        seg_dirty = 0;
      }
      seg_start = i++;
      continue;
    }
    int n;
    uint32_t c = decode(src + i, src_length - i, &n);
    uint8_t f = c < 0x10000 ? bmp_flags[c] : cicu_nfkc_flags(c);
    if (f & CICU_NFKC_BOUNDARY_BEFORE) {
      if (seg_dirty) {
        FLUSH_DIRTY(i);
        seg_dirty = 0;
      }
      seg_start = i;
    }
    if (!(f & CICU_NFKC_SAFE)) seg_dirty = 1;
    i += n;
  }
  if (!failed && seg_dirty) FLUSH_DIRTY(src_length);
#undef FLUSH_DIRTY
  if (!failed && any_change && src_length > copy_from) {
    int64_t clean = src_length - copy_from;
    if (out_len + clean <= dst_capacity) {
      memcpy(dst + out_len, src + copy_from, (size_t)clean);
    }
    out_len += clean;
  }

  if (s.in != s.in_stack) free(s.in);
  if (s.out != s.out_stack) free(s.out);
  if (failed) return -2;
  if (edit_count != NULL) *edit_count = nedits;
  return any_change ? out_len : -1;
}

int32_t cicu_nfkc_code_point(uint32_t code_point, uint32_t *out, int32_t capacity) {
  ensure_init();
  if (nfkc_instance == NULL || code_point > 0x10FFFF) return -1;
  UChar src[2];
  int32_t src_length = 0;
  if (code_point < 0x10000) {
    src[src_length++] = (UChar)code_point;
  } else {
    src[src_length++] = (UChar)(0xD7C0 + (code_point >> 10));
    src[src_length++] = (UChar)(0xDC00 | (code_point & 0x3FF));
  }
  // The longest NFKC form of one code point (U+FDFA) is 18 units.
  UChar dst[64];
  UErrorCode err = U_ZERO_ERROR;
  int32_t length = unorm2_normalize(nfkc_instance, src, src_length, dst, 64, &err);
  if (U_FAILURE(err) || length > 64) return -1;
  int32_t count = 0;
  for (int32_t i = 0; i < length; count++) {
    uint32_t u = dst[i++];
    if (u >= 0xD800 && u <= 0xDBFF && i < length && dst[i] >= 0xDC00 && dst[i] <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (dst[i++] - 0xDC00);
    }
    if (count < capacity) out[count] = u;
  }
  return count;
}

int32_t cicu_nfkc_code_points(const uint32_t *code_points, int32_t count, uint32_t *out,
                              int32_t capacity, int32_t *ends) {
  ensure_init();
  if (nfkc_instance == NULL || count < 0) return -1;
  // Each code point (at most two units) and a `\n` after it.
  int32_t src_cap = count * 3;
  UChar *src = (UChar *)malloc(sizeof(UChar) * (size_t)(src_cap > 0 ? src_cap : 1));
  if (src == NULL) return -1;
  int32_t n = 0;
  for (int32_t k = 0; k < count; k++) {
    uint32_t c = code_points[k];
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0x0A) {
      free(src);
      return -1;
    }
    if (c < 0x10000) {
      src[n++] = (UChar)c;
    } else {
      src[n++] = (UChar)(0xD7C0 + (c >> 10));
      src[n++] = (UChar)(0xDC00 | (c & 0x3FF));
    }
    src[n++] = 0x0A;
  }
  // The longest NFKC form of one code point is 18 units.
  int32_t dst_cap = count * 19 + 1;
  UChar *dst = (UChar *)malloc(sizeof(UChar) * (size_t)dst_cap);
  if (dst == NULL) {
    free(src);
    return -1;
  }
  UErrorCode err = U_ZERO_ERROR;
  int32_t length = unorm2_normalize(nfkc_instance, src, n, dst, dst_cap, &err);
  free(src);
  if (U_FAILURE(err) || length > dst_cap) {
    free(dst);
    return -1;
  }
  int32_t total = 0, segment = 0;
  for (int32_t i = 0; i < length;) {
    uint32_t u = dst[i++];
    if (u == 0x0A) {
      // One code point's form ends (none holds a `\n`).
      if (segment >= count) break;
      ends[segment++] = total;
      continue;
    }
    if (u >= 0xD800 && u <= 0xDBFF && i < length && dst[i] >= 0xDC00 && dst[i] <= 0xDFFF) {
      u = 0x10000 + ((u - 0xD800) << 10) + (dst[i++] - 0xDC00);
    }
    if (total < capacity) out[total] = u;
    total++;
  }
  free(dst);
  return segment == count ? total : -1;
}

// MARK: - Byte scans, 16 or 32 bytes at a time

#if defined(__x86_64__)
#include <immintrin.h>
#define CICU_X86 1
#endif

/// 2 when the processor has AVX2 (32 bytes at a time), 1 otherwise (SSE2, part of x86-64;
/// other architectures take the byte loops); -1 until asked.
static int simd_level = -1;

static inline int current_simd_level(void) {
  int level = __atomic_load_n(&simd_level, __ATOMIC_RELAXED);
  if (level < 0) {
#if defined(CICU_X86)
    __builtin_cpu_init();
    level = __builtin_cpu_supports("avx2") ? 2 : 1;
#else
    level = 0;
#endif
    __atomic_store_n(&simd_level, level, __ATOMIC_RELAXED);
  }
  return level;
}

int32_t cicu_simd_level(void) { return current_simd_level(); }

/// Whether the character whose lead byte is at `p + at` (of `n`) stops ``cicu_skip_quiet``: any
/// but a three-byte one whose bit in `quads` is clear, or `ー` (whose bit is set: its runs
/// trigger) not followed by another `ー`.
static inline int is_loud(const uint8_t *p, int64_t at, int64_t n, const uint64_t *quads) {
  const uint8_t *c = p + at;
  if ((c[0] & 0xF0) != 0xE0) return 1;
  uint32_t index = (uint32_t)(c[1] & 0x3F) << 8 | c[0];
  if (((quads[index] >> (c[2] & 63)) & 1) == 0) return 0;
  // A lone ー (E3 83 BC) never changes: only the first ー of ーー stops.
  if (c[0] == 0xE3 && c[1] == 0x83 && c[2] == 0xBC) {
    return at + 3 < n && c[3] == 0xE3 && c[4] == 0x83 && c[5] == 0xBC;
  }
  return 1;
}

/// The first of the bytes in `candidates` (bit `k` for `p[i + k]`) that starts a character
/// ``is_loud``, or -1.
static inline int64_t first_loud(const uint8_t *p, int64_t i, uint32_t candidates, int64_t n,
                                 const uint64_t *quads) {
  for (; candidates != 0; candidates &= candidates - 1) {
    int64_t at = i + __builtin_ctz(candidates);
    if (is_loud(p, at, n, quads)) return at;
  }
  return -1;
}

/// ``cicu_skip_quiet`` one byte at a time from `i` (which may be a continuation byte of a
/// character found quiet).
static inline int64_t skip_quiet_bytes(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads) {
  while (i < n) {
    uint8_t b = p[i];
    if ((b & 0xC0) == 0x80 || (b > 0x20 && b < 0x7E)) {
      i += 1;
    } else if (!is_loud(p, i, n, quads)) {
      i += 3;
    } else {
      return i;
    }
  }
  return n;
}

#if defined(CICU_X86)
// The quiet bytes of ``cicu_skip_quiet`` (all bits set), for vectors of 16 bytes (`P` = `_mm_`,
// `SI` = `si128`) or 32 (`_mm256_`, `si256`); `v`, `v1`, `v2`: the bytes from `i`, `i + 1`,
// `i + 2`. SSE2's test: AVX2's (``quiet_bytes_avx2``) finds more lanes quiet, a superset of
// these; a lane found loud is looked up (``is_loud``, ``scan_char``), so either gives the same
// answers.
#define QUIET_BYTES(P, SI, T, v, v1, v2, quiet)                                                   \
  do {                                                                                           \
    /* 80–BF (continuation bytes) are -128…-65 as signed bytes. */                               \
    quiet = P##cmpgt_epi8(P##set1_epi8((char)0xC0), v);                                          \
    /* E4–E9 (U+4000–9FFF): v - E4 is at most 5, unsigned. */                                    \
    T k = P##sub_epi8(v, P##set1_epi8((char)0xE4));                                              \
    quiet = P##or_##SI(quiet, P##cmpeq_epi8(P##min_epu8(k, P##set1_epi8(5)), k));               \
    /* 21–7D (bytes from 80 are negative as signed). */                                          \
    quiet = P##or_##SI(quiet, P##and_##SI(P##cmpgt_epi8(v, P##set1_epi8(0x20)),                  \
                                          P##cmpgt_epi8(P##set1_epi8(0x7E), v)));                \
    /* E3 81, and E3 82 / E3 83 but before 99–9F (゙゚゛゜ゟ and ベペホボポマミ) and BC–BF  */      \
    /* (ーヽヾヿ and ゼソゾタ). */                                                                  \
    T kana = P##cmpeq_epi8(v1, P##set1_epi8((char)0x81));                                        \
    T k2 = P##sub_epi8(v2, P##set1_epi8((char)0x99));                                            \
    T loud = P##or_##SI(P##cmpeq_epi8(P##min_epu8(k2, P##set1_epi8(6)), k2),                     \
                        P##cmpeq_epi8(P##or_##SI(v2, P##set1_epi8(3)), P##set1_epi8((char)0xBF))); \
    T row = P##cmpeq_epi8(P##or_##SI(v1, P##set1_epi8(1)), P##set1_epi8((char)0x83));           \
    kana = P##or_##SI(kana, P##andnot_##SI(loud, row));                                          \
    quiet = P##or_##SI(quiet, P##and_##SI(P##cmpeq_epi8(v, P##set1_epi8((char)0xE3)), kana));    \
  } while (0)

#define U8X32(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

/// ``QUIET_BYTES`` for 32 bytes, with the rows `E3 80`–`E3 83` told apart (AVX2 has the
/// byte shuffle that SSE2 lacks): quiet are `E3 80 81`–`E3 80 9B` (`、。〃〄々〆〇〈〉《》「」『』
/// 【】〒〓〔〕〖〗〘〙〚〛`, a fifth of the lanes the row-blind test stopped at on the benchmark
/// slice), all of `E3 81`, `E3 82` but `99`–`9F` (゙゚゛゜ゝゞゟ) and `E3 83` but `BC`–`BF`
/// (ーヽヾヿ): the katakana `ゼソゾタ` and `ベペホボポマミ`, which the row-blind test stopped at
/// for sharing a last byte with those, are quiet too. A lane `E3 r b` is loud when the three
/// look-ups on `r` and `b`'s two nibbles share a bit; bit 0: `E3 80 80`; 1: `E3 80 9C`–`9F`;
/// 2: `E3 80 A0`–`BF`; 3: `E3 82 99`–`9F`; 4: `E3 83 BC`–`BF`; 5, set for every `b`: a row
/// past `E3 83`. The sets are the ones ``TriggerTables/agreesWithTheSkipInC`` checks against
/// the trigger table.
///
/// 20 operations (25 before): each byte range of the lead byte is one add and one signed
/// compare (an add that moves the range's first byte to -128; the min-and-compare of
/// `E4`–`E9` and the two compares of `21`–`7D` took three); the row `r` is looked up with
/// `r - 4` as the index, which is `7C`–`7F` (the table's last four) for `80`–`83` and has its
/// top bit set, so looks up 0, for the rows after: the table holds the bits a row does NOT
/// allow (0 for every bit allowed, so bit 5 for the rows past `83`), taken out with one
/// and-not, where the test of the row (`r & FC == 80`) took two operations and the row's
/// nibble one. Assumes valid UTF-8 after an `E3` (a second byte `80`–`BF`), as the
/// look-ups of `b` already did.
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) __m256i quiet_bytes_avx2(
    __m256i v, __m256i v1, __m256i v2) {
  /* 80–BF (continuation bytes) are -128…-65 as signed bytes. */
  __m256i quiet = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xC0), v);
  /* 21–7D: v + 5F is -128…-36. */
  quiet = _mm256_or_si256(quiet, _mm256_cmpgt_epi8(_mm256_set1_epi8(-35),
                                                   _mm256_add_epi8(v, _mm256_set1_epi8(0x5F))));
  /* E4–E9 (U+4000–9FFF): v + 9C is -128…-123. */
  quiet = _mm256_or_si256(quiet, _mm256_cmpgt_epi8(_mm256_set1_epi8(-122),
                                                   _mm256_add_epi8(v, _mm256_set1_epi8((char)0x9C))));
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  /* Indices 0C–0F: rows 80–83 (the bits each does not allow). */
  const __m256i row_refused = U8X32(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (char)0xF8, (char)0xFF, (char)0xF7,
                                    (char)0xEF);
  const __m256i high_bits = U8X32(0, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x2A, 0x24, 0x34, 0, 0, 0, 0);
  const __m256i low_bits =
      U8X32(0x25, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x24, 0x2C, 0x2C, 0x2C, 0x3E, 0x3E, 0x3E, 0x3E);
  __m256i loud = _mm256_andnot_si256(
      _mm256_shuffle_epi8(row_refused, _mm256_sub_epi8(v1, _mm256_set1_epi8(4))),
      _mm256_and_si256(_mm256_shuffle_epi8(high_bits, _mm256_and_si256(_mm256_srli_epi16(v2, 4), nibble)),
                       _mm256_shuffle_epi8(low_bits, _mm256_and_si256(v2, nibble))));
  __m256i kana = _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE3)),
                                  _mm256_cmpeq_epi8(loud, _mm256_setzero_si256()));
  return _mm256_or_si256(quiet, kana);
}

/// The quiet lanes of the 32 bytes from `i`, for the AVX2 loops of ``cicu_skip_quiet`` and
/// ``cicu_scan_line`` while 34 bytes remain (the vectors from `i + 1` and `i + 2` read 2 bytes
/// past the 32).
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) __m256i quiet_at_avx2(
    const uint8_t *p, int64_t i) {
  return quiet_bytes_avx2(_mm256_loadu_si256((const __m256i *)(p + i)),
                          _mm256_loadu_si256((const __m256i *)(p + i + 1)),
                          _mm256_loadu_si256((const __m256i *)(p + i + 2)));
}

/// The quiet lanes of the last 32 bytes of a text of `n` >= 32 bytes, which end those loops:
/// the bytes after them (of the vectors from `+ 1` and `+ 2`) are shifted in from the vector
/// itself, with zeros past the end, which only a lead byte in the last two lanes would read:
/// none in valid UTF-8 (a three-byte character there would be cut). An overlapping vector
/// ending two bytes before `n` and then those two bytes apart took ~110 instructions a line
/// in ``cicu_scan_line`` (through its buffer; four fifths of the lines end so).
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) __m256i quiet_last_avx2(
    const uint8_t *p, int64_t n) {
  __m256i v = _mm256_loadu_si256((const __m256i *)(p + n - 32));
  __m256i high = _mm256_permute2x128_si256(v, v, 0x81);
  return quiet_bytes_avx2(v, _mm256_alignr_epi8(high, v, 1), _mm256_alignr_epi8(high, v, 2));
}

/// ``quiet_at_avx2`` while 34 bytes remain, then (for a text of 32 bytes or more) the byte
/// before the last 32 when 33 remain and ``quiet_last_avx2``; a shorter text one byte at a
/// time.
__attribute__((target("avx2"))) static int64_t skip_quiet_avx2(const uint8_t *p, int64_t i, int64_t n,
                                                                const uint64_t *quads) {
  const int64_t last = n - 34;
  for (; i <= last; i += 32) {
    uint32_t candidates = ~(uint32_t)_mm256_movemask_epi8(quiet_at_avx2(p, i));
    if (candidates != 0) {
      int64_t loud = first_loud(p, i, candidates, n, quads);
      if (loud >= 0) return loud;
    }
  }
  if (n < 32 || i >= n) return skip_quiet_bytes(p, i, n, quads);
  if (n - i == 33) {
    uint8_t b = p[i];
    if (!((b & 0xC0) == 0x80 || (b > 0x20 && b < 0x7E)) && is_loud(p, i, n, quads)) return i;
    i += 1;
  }
  int64_t from = n - 32;
  uint32_t candidates = ~(uint32_t)_mm256_movemask_epi8(quiet_last_avx2(p, n)) & (0xFFFFFFFFu << (i - from));
  if (candidates != 0) {
    int64_t loud = first_loud(p, from, candidates, n, quads);
    if (loud >= 0) return loud;
  }
  return n;
}

static int64_t skip_quiet_sse2(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads) {
  for (; i + 18 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i v1 = _mm_loadu_si128((const __m128i *)(p + i + 1));
    __m128i v2 = _mm_loadu_si128((const __m128i *)(p + i + 2));
    __m128i quiet;
    QUIET_BYTES(_mm_, si128, __m128i, v, v1, v2, quiet);
    uint32_t candidates = ~(uint32_t)_mm_movemask_epi8(quiet) & 0xFFFF;
    if (candidates != 0) {
      int64_t loud = first_loud(p, i, candidates, n, quads);
      if (loud >= 0) return loud;
    }
  }
  return skip_quiet_bytes(p, i, n, quads);
}
#endif

int64_t cicu_skip_quiet(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return skip_quiet_avx2(p, i, n, quads);
#endif
  return cicu_skip_quiet_at_level(p, i, n, quads, current_simd_level());
}

int64_t cicu_skip_quiet_at_level(const uint8_t *p, int64_t i, int64_t n, const uint64_t *quads, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return skip_quiet_avx2(p, i, n, quads);
  if (level >= 1) return skip_quiet_sse2(p, i, n, quads);
#endif
  return skip_quiet_bytes(p, i, n, quads);
}

// MARK: - The quick check of a line, in one pass

/// Handles the character at `p + at` for ``cicu_scan_line``: a byte the vector test did not
/// find quiet, so ASCII or a lead byte (never a continuation byte). Adds its triggers to
/// `s` and returns 0, or returns 1 when the scan must stop there: at `\n` or a four-byte
/// character (its triggers come from ICU, which the caller asks). What it does is
/// `Triggers.scanLine`'s per-character path in Swift, step for step.
///
/// Inlined into the loops (a call per character, with its `vzeroupper`, cost more than the
/// character), and the three-byte characters first: many of those the vectors stop at (a
/// lone `ー`, `※`, `★`, `■`) are found quiet there (a look-up, for `ー` the next character).
static inline __attribute__((always_inline)) int scan_char(const uint8_t *p, int64_t at, int64_t start,
                                                            int64_t n, const uint64_t *quads, const uint8_t *t,
                                                            cicu_line_scan *s) {
  uint8_t b = p[at];
  uint32_t tc;
  if ((b & 0xF0) == 0xE0) {
    uint8_t b1 = p[at + 1], b2 = p[at + 2];
    // ー never changes alone; a run ーー triggers long-vowel at its first ー. It has no triggers
    // of its own (`t[ー]` is 0: the caller's start-up check, ``agreesWithTheSkipInC``), so
    // nothing else is noted for it (a third of the three-byte characters found here on cc4).
    // Tested on its bytes first: after the look-up in `quads` and the code point, as it was,
    // it took ~9 instructions more, where the test costs the others 2 or 3.
    if (b == 0xE3 && b1 == 0x83 && b2 == 0xBC) {
      if (at + 3 < n && p[at + 3] == 0xE3 && p[at + 4] == 0x83 && p[at + 5] == 0xBC) {
        cicu_line_scan_note(s, CICU_TRIGGER_LONG_VOWEL, at - start);
      }
      return 0;
    }
    if (__builtin_expect(((quads[(uint32_t)(b1 & 0x3F) << 8 | b] >> (b2 & 63)) & 1) == 0, 1)) return 0;
    uint32_t c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(b1 & 0x3F) << 6) | (b2 & 0x3F);
    tc = t[c];
  } else if (b < 0x80) {
    if (b == 0x0A) return 1;
    if (b == 0x20 && at > start && at + 1 < n) {
      // A single space between two printable ASCII characters (other than `*`, which neologdn
      // treats specially) is never changed by any space rule.
      uint8_t before = p[at - 1], after = p[at + 1];
      if (before > 0x20 && before < 0x7F && before != 0x2A && after > 0x20 && after < 0x7F) return 0;
    }
    tc = t[b];
  } else if (b < 0xE0) {
    tc = t[((uint32_t)(b & 0x1F) << 6) | (p[at + 1] & 0x3F)];
  } else {
    return 1;
  }
  cicu_line_scan_note(s, tc, at - start);
  return 0;
}

/// ``cicu_scan_line`` one byte at a time from `i` (which may be a continuation byte).
static int64_t scan_line_bytes(const uint8_t *p, int64_t start, int64_t i, int64_t n, const uint64_t *quads,
                               const uint8_t *t, cicu_line_scan *s) {
  for (; i < n; i++) {
    uint8_t b = p[i];
    if ((b & 0xC0) == 0x80 || (b > 0x20 && b < 0x7E)) continue;
    if (scan_char(p, i, start, n, quads, t, s)) return i;
  }
  return n;
}

#if defined(CICU_X86)
/// The vectors of ``skip_quiet_avx2``; every lane that is not quiet goes
/// to ``scan_char`` there and then, in order, instead of ending the skip. The last bytes of a
/// text of 32 or more are the last 32 bytes' vector; a shorter text is copied into a zeroed
/// buffer on the stack for one more vector, whose lanes past the end are masked off: the byte
/// loop (``scan_line_bytes``) took ~90 instructions a line there, for a tenth of the scan's
/// cost (callgrind, 4 MB corpus: 0.96 M of 8.85 M).
__attribute__((target("avx2"))) static int64_t scan_line_avx2(const uint8_t *p, int64_t start, int64_t i,
                                                               int64_t n, const uint64_t *quads,
                                                               const uint8_t *t, cicu_line_scan *s) {
  // The whole vectors first, in a loop of their own (a head shared with the last vector tested
  // for the last vector and masked its lanes every round: 5 instructions of ~35), against a
  // last start computed once (`i + 34 <= n` took two more a round).
  const int64_t last = n - 34;
  for (; i <= last; i += 32) {
    for (uint32_t m = ~(uint32_t)_mm256_movemask_epi8(quiet_at_avx2(p, i)); m != 0; m &= m - 1) {
      int64_t k = i + __builtin_ctz(m);
      if (scan_char(p, k, start, n, quads, t, s)) return k;
    }
  }
  int64_t rest = n - i;
  if (rest <= 0) return n;
  if (rest == 33) {
    // One byte before the last 32 (the loop above needs 34).
    uint8_t b = p[i];
    if (!((b & 0xC0) == 0x80 || (b > 0x20 && b < 0x7E)) && scan_char(p, i, start, n, quads, t, s)) return i;
    i += 1;
  }
  if (n >= 32) {
    // ``quiet_last_avx2``, with its lanes before `i` masked off.
    int64_t from = n - 32;
    __m256i quiet = quiet_last_avx2(p, n);
    for (uint32_t m = ~(uint32_t)_mm256_movemask_epi8(quiet) & (0xFFFFFFFFu << (i - from)); m != 0;
         m &= m - 1) {
      int64_t k = from + __builtin_ctz(m);
      if (scan_char(p, k, start, n, quads, t, s)) return k;
    }
    return n;
  }
  uint8_t buf[64] __attribute__((aligned(32)));
  _mm256_store_si256((__m256i *)buf, _mm256_setzero_si256());
  _mm256_store_si256((__m256i *)(buf + 32), _mm256_setzero_si256());
  // `rest` bytes (1 to 31) in two overlapping copies of a fixed size.
  const uint8_t *src = p + i;
  if (rest >= 16) {
    memcpy(buf, src, 16);
    memcpy(buf + rest - 16, src + rest - 16, 16);
  } else if (rest >= 8) {
    memcpy(buf, src, 8);
    memcpy(buf + rest - 8, src + rest - 8, 8);
  } else if (rest >= 4) {
    memcpy(buf, src, 4);
    memcpy(buf + rest - 4, src + rest - 4, 4);
  } else {
    buf[0] = src[0];
    buf[rest / 2] = src[rest / 2];
    buf[rest - 1] = src[rest - 1];
  }
  __m256i quiet = quiet_bytes_avx2(_mm256_load_si256((const __m256i *)buf),
                                   _mm256_loadu_si256((const __m256i *)(buf + 1)),
                                   _mm256_loadu_si256((const __m256i *)(buf + 2)));
  uint32_t keep = ((uint32_t)1 << rest) - 1;
  for (uint32_t m = ~(uint32_t)_mm256_movemask_epi8(quiet) & keep; m != 0; m &= m - 1) {
    int64_t k = i + __builtin_ctz(m);
    if (scan_char(p, k, start, n, quads, t, s)) return k;
  }
  return n;
}
#endif

/// ``cicu_scan_line`` before the vector level is known or without AVX2: a call of its own, so
/// that the entry point saves no registers on its way to ``scan_line_avx2`` (with this path
/// inlined it pushed and popped six: 20 instructions a line).
static __attribute__((noinline)) int64_t scan_line_at_current_level(const uint8_t *p, int64_t start, int64_t i,
                                                                    int64_t n, const uint64_t *quads,
                                                                    const uint8_t *triggers, cicu_line_scan *scan) {
  return cicu_scan_line_at_level(p, start, i, n, quads, triggers, scan, current_simd_level());
}

int64_t cicu_scan_line(const uint8_t *p, int64_t start, int64_t i, int64_t n, const uint64_t *quads,
                       const uint8_t *triggers, cicu_line_scan *scan) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) {
    return scan_line_avx2(p, start, i, n, quads, triggers, scan);
  }
#endif
  return scan_line_at_current_level(p, start, i, n, quads, triggers, scan);
}

int64_t cicu_scan_line_at_level(const uint8_t *p, int64_t start, int64_t i, int64_t n, const uint64_t *quads,
                                const uint8_t *triggers, cicu_line_scan *scan, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return scan_line_avx2(p, start, i, n, quads, triggers, scan);
#endif
  return scan_line_bytes(p, start, i, n, quads, triggers, scan);
}

// MARK: - Brackets

/// Whether the byte `p[k]` that ``cicu_find_bracket``'s vector loops matched (`[`, or `BB`,
/// `90` as the last byte of `［`, `【`) ends a bracket; returns its start or -1.
static inline int64_t bracket_at(const uint8_t *p, int64_t from, int64_t k) {
  uint8_t b = p[k];
  if (b == 0x5B) return k;
  if (k - 2 < from) return -1;
  if (b == 0xBB && p[k - 1] == 0xBC && p[k - 2] == 0xEF) return k - 2;
  if (b == 0x90 && p[k - 1] == 0x80 && p[k - 2] == 0xE3) return k - 2;
  return -1;
}

/// ``cicu_find_bracket`` one byte at a time from `i`.
static inline int64_t find_bracket_bytes(const uint8_t *p, int64_t from, int64_t i, int64_t n) {
  for (; i < n; i++) {
    uint8_t b = p[i];
    if (b == 0x5B || b == 0xBB || b == 0x90) {
      int64_t at = bracket_at(p, from, i);
      if (at >= 0) return at;
    }
  }
  return -1;
}

#if defined(CICU_X86)
/// The lanes of the 32 bytes at `p` that hold `[`, `BB` or `90`.
__attribute__((target("avx2"))) static inline __m256i bracket_hits_avx2(const uint8_t *p) {
  __m256i v = _mm256_loadu_si256((const __m256i *)p);
  return _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x5B)),
                         _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xBB)),
                                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0x90))));
}

/// 64 bytes a turn, the two vectors' hits or-ed into one test (a turn with none, most of a
/// line, costs one branch where each vector took its own mask, test and end check: 2.58 M ->
/// 2.08 M instructions over cc4's lines; four vectors a turn, 2.24 M, met a `BB` or `90`
/// continuation byte in most turns); then 32 bytes at a time, and, when the text has 32
/// bytes, one more vector ending at `n` with its lanes before `i` masked off.
__attribute__((target("avx2"))) static int64_t find_bracket_avx2(const uint8_t *p, int64_t from, int64_t i,
                                                                   int64_t n) {
  for (; i + 64 <= n; i += 64) {
    __m256i ha = bracket_hits_avx2(p + i);
    __m256i hb = bracket_hits_avx2(p + i + 32);
    __m256i any = _mm256_or_si256(ha, hb);
    if (_mm256_testz_si256(any, any)) continue;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(ha) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hb) << 32);
    for (; m != 0; m &= m - 1) {
      int64_t found = bracket_at(p, from, i + __builtin_ctzll(m));
      if (found >= 0) return found;
    }
  }
  while (i < n) {
    int64_t at = i;
    uint32_t keep = 0xFFFFFFFFu;
    if (i + 32 > n) {
      if (n < 32) return find_bracket_bytes(p, from, i, n);
      // 1 to 31 lanes of the last vector were done already.
      at = n - 32;
      keep <<= (i - at);
    }
    __m256i hit = bracket_hits_avx2(p + at);
    for (uint32_t m = (uint32_t)_mm256_movemask_epi8(hit) & keep; m != 0; m &= m - 1) {
      int64_t found = bracket_at(p, from, at + __builtin_ctz(m));
      if (found >= 0) return found;
    }
    i = at + 32;
  }
  return -1;
}

static int64_t find_bracket_sse2(const uint8_t *p, int64_t from, int64_t i, int64_t n) {
  const __m128i open = _mm_set1_epi8(0x5B), bb = _mm_set1_epi8((char)0xBB), x90 = _mm_set1_epi8((char)0x90);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, open), _mm_or_si128(_mm_cmpeq_epi8(v, bb), _mm_cmpeq_epi8(v, x90)));
    for (uint32_t m = (uint32_t)_mm_movemask_epi8(hit); m != 0; m &= m - 1) {
      int64_t found = bracket_at(p, from, i + __builtin_ctz(m));
      if (found >= 0) return found;
    }
  }
  return find_bracket_bytes(p, from, i, n);
}
#endif

int64_t cicu_find_bracket(const uint8_t *p, int64_t from, int64_t n) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return find_bracket_avx2(p, from, from, n);
#endif
  return cicu_find_bracket_at_level(p, from, n, current_simd_level());
}

int64_t cicu_find_bracket_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return find_bracket_avx2(p, from, from, n);
  if (level >= 1) return find_bracket_sse2(p, from, from, n);
#endif
  return find_bracket_bytes(p, from, from, n);
}

// MARK: - UTF-8 validation

/// ``cicu_utf8_valid`` one character at a time, eight ASCII bytes at once where they are.
static int32_t utf8_valid_bytes(const uint8_t *p, int64_t n) {
  int64_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    uint8_t b0 = p[i];
    if (b0 < 0x80) {
      i += 1;
    } else if (b0 >= 0xE0 && b0 < 0xF0) {
      if (i + 2 >= n) return 0;
      uint8_t b1 = p[i + 1];
      // E0 needs A0–BF (no overlong form), ED needs 80–9F (no surrogate).
      uint8_t low = b0 == 0xE0 ? 0xA0 : 0x80, high = b0 == 0xED ? 0x9F : 0xBF;
      if (b1 < low || b1 > high || (p[i + 2] & 0xC0) != 0x80) return 0;
      i += 3;
    } else if (b0 >= 0xC2 && b0 < 0xE0) {
      if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return 0;
      i += 2;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (i + 3 >= n) return 0;
      uint8_t b1 = p[i + 1];
      // F0 needs 90–BF (no overlong form), F4 needs 80–8F (at most U+10FFFF).
      uint8_t low = b0 == 0xF0 ? 0x90 : 0x80, high = b0 == 0xF4 ? 0x8F : 0xBF;
      if (b1 < low || b1 > high || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return 0;
      i += 4;
    } else {
      return 0;  // a continuation byte, C0/C1 or F5–FF as a lead
    }
  }
  return 1;
}

#if defined(CICU_X86)
// Keiser and Lemire's check ("Validating UTF-8 in less than one instruction per byte", 2021,
// as simdjson and simdutf do it): every flaw of UTF-8 shows in a pair of consecutive bytes
// (with the two bytes before them for a missing or extra third or fourth byte), so three
// look-ups of 16 entries, on the high and low nibbles of the byte before and the high nibble
// of the byte itself, find each pair's flaws 32 bytes at a time, with no branch per character.
// Each bit is one kind of flaw, set in all three tables exactly for the pairs that have it.
#define U8_TOO_SHORT (1 << 0)   // a lead, then no continuation byte (11______ 0_______ / 11______)
#define U8_TOO_LONG (1 << 1)    // ASCII, then a continuation byte (0_______ 10______)
#define U8_OVERLONG_3 (1 << 2)  // 11100000 100_____
#define U8_TOO_LARGE (1 << 3)   // 11110100 1001____ and above (beyond U+10FFFF)
#define U8_SURROGATE (1 << 4)   // 11101101 101_____
#define U8_OVERLONG_2 (1 << 5)  // 1100000_ 10______
#define U8_TOO_LARGE_1000 (1 << 6)  // 11110101 1000____ and above
#define U8_OVERLONG_4 (1 << 6)  // 11110000 1000____
// Two continuation bytes (10______ 10______): right only as a third or fourth byte. Bit 7,
// written as the signed char it is in the tables (0x80 would not fit one).
#define U8_TWO_CONTS (-0x80)
#define U8_CARRY (U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS)
#define U8_TABLE(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

/// The flaws of the 32 bytes `in`, given the 32 before them (`before`); a lane with bit 7 set
/// and nothing else is a continuation byte a lead two or three bytes before calls for, as it must.
__attribute__((target("avx2"))) static inline __m256i utf8_block_flaws(__m256i in, __m256i before) {
  const __m256i byte1_high = U8_TABLE(
      // 0_______: ASCII before
      U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
      // 10______: a continuation byte before
      U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS,
      // 1100____, 1101____: a two-byte lead; 1110____: three-byte; 1111____: four-byte (or none)
      U8_TOO_SHORT | U8_OVERLONG_2, U8_TOO_SHORT, U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE,
      U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4);
  const __m256i byte1_low = U8_TABLE(
      U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4,  // ____0000
      U8_CARRY | U8_OVERLONG_2,                                  // ____0001
      U8_CARRY, U8_CARRY,                                        // ____001_
      U8_CARRY | U8_TOO_LARGE,                                   // ____0100
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,               // ____0101
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,  // ____011_
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,  // ____1___
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,  // ____1101
      U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000);
  const __m256i byte2_high = U8_TABLE(
      // ________ 0_______: ASCII
      U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
      // ________ 1000____
      U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
      // ________ 1001____
      U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
      // ________ 101_____
      U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
      U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
      // ________ 11______: a lead
      U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  // The bytes 1, 2 and 3 places before each lane (across the two halves of the vector).
  __m256i straddle = _mm256_permute2x128_si256(before, in, 0x21);
  __m256i prev1 = _mm256_alignr_epi8(in, straddle, 15);
  __m256i prev2 = _mm256_alignr_epi8(in, straddle, 14);
  __m256i prev3 = _mm256_alignr_epi8(in, straddle, 13);
  __m256i pair = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
                       _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nibble))),
      _mm256_shuffle_epi8(byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble)));
  // Bit 7 where a three-byte lead stands two bytes before, or a four-byte lead three before:
  // there a continuation byte after a continuation byte (TWO_CONTS alone) is right, and
  // anything else is wrong.
  __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
  __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
  __m256i called = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
  return _mm256_xor_si256(called, pair);
}

/// Nonzero lanes where a character starts in the last three bytes of `in` and needs more than
/// are left (a four-byte lead in the third-last, a three- or four-byte lead in the second-last,
/// any lead in the last): at the end of the text, a truncated character.
__attribute__((target("avx2"))) static inline __m256i utf8_unfinished(__m256i in) {
  const __m256i most = _mm256_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
  return _mm256_subs_epu8(in, most);
}

/// Whole blocks of 32 bytes; the last bytes as a block that ends at `n` (over bytes checked
/// already, with the 32 before it as its context: the flaws it finds are the text's) when the
/// text has 64 bytes, else copied into a block filled out with spaces (ASCII: a character cut
/// by the end shows as one cut by an ASCII byte; and no NUL). No shortcut for blocks of
/// ASCII: in Japanese text hardly one block in a thousand is (145 of 121,228 on the benchmark
/// slice), and the test cost more than it saved. NUL bytes are looked for in the same blocks:
/// the least byte of each lane is kept (one `min` a block, where a compare and an `or` took
/// two), and a NUL is there when a lane's least is 0. Two blocks a turn while 64 bytes are
/// left (one test and one add for both).
__attribute__((target("avx2"))) static int32_t utf8_check_avx2(const uint8_t *p, int64_t n) {
  __m256i flaws = _mm256_setzero_si256();
  __m256i least = _mm256_set1_epi8((char)0xFF);
  __m256i before = _mm256_setzero_si256();
  const __m256i zero = _mm256_setzero_si256();
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    __m256i a = _mm256_loadu_si256((const __m256i *)(p + i));
    __m256i b = _mm256_loadu_si256((const __m256i *)(p + i + 32));
    flaws = _mm256_or_si256(flaws, _mm256_or_si256(utf8_block_flaws(a, before), utf8_block_flaws(b, a)));
    least = _mm256_min_epu8(least, _mm256_min_epu8(a, b));
    before = b;
  }
  if (i + 32 <= n) {
    __m256i in = _mm256_loadu_si256((const __m256i *)(p + i));
    flaws = _mm256_or_si256(flaws, utf8_block_flaws(in, before));
    least = _mm256_min_epu8(least, in);
    before = in;
    i += 32;
  }
  // `before` is now the last block checked (zero for an empty text).
  if (i < n) {
    __m256i in;
    if (n >= 64) {
      in = _mm256_loadu_si256((const __m256i *)(p + n - 32));
      before = _mm256_loadu_si256((const __m256i *)(p + n - 64));
    } else {
      uint8_t tail[32];
      memset(tail, ' ', sizeof tail);
      memcpy(tail, p + i, (size_t)(n - i));
      in = _mm256_loadu_si256((const __m256i *)tail);
    }
    flaws = _mm256_or_si256(flaws, utf8_block_flaws(in, before));
    least = _mm256_min_epu8(least, in);
    before = in;
  }
  flaws = _mm256_or_si256(flaws, utf8_unfinished(before));
  __m256i nul = _mm256_cmpeq_epi8(least, zero);
  return (_mm256_testz_si256(flaws, flaws) ? 0 : CICU_UTF8_INVALID) | (_mm256_testz_si256(nul, nul) ? 0 : CICU_UTF8_NUL);
}
#endif

int32_t cicu_utf8_check(const uint8_t *p, int64_t n) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return utf8_check_avx2(p, n);
#endif
  return cicu_utf8_check_at_level(p, n, current_simd_level());
}

int32_t cicu_utf8_check_at_level(const uint8_t *p, int64_t n, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return utf8_check_avx2(p, n);
#endif
  return (utf8_valid_bytes(p, n) ? 0 : CICU_UTF8_INVALID) | (n > 0 && memchr(p, 0, (size_t)n) ? CICU_UTF8_NUL : 0);
}

int32_t cicu_utf8_valid(const uint8_t *p, int64_t n) { return (cicu_utf8_check(p, n) & CICU_UTF8_INVALID) == 0; }

int32_t cicu_utf8_valid_at_level(const uint8_t *p, int64_t n, int32_t level) {
  return (cicu_utf8_check_at_level(p, n, level) & CICU_UTF8_INVALID) == 0;
}

// MARK: - Caption probe stops

/// Whether ``cicu_caption_stop`` stops at `p[i]` (see the header): one byte at a time, the
/// definition the vector loops follow.
static inline int caption_stop_at(const uint8_t *p, int64_t i, int64_t n, int32_t closes_only) {
  uint8_t b = p[i];
  if (closes_only) {
    if (b == 0x29) return 1;
    if (i + 2 >= n) return 0;
    return (b == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x82) || (b == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x89);
  }
  if (b == 0x09 || b == 0x20 || (b >= 0x28 && b <= 0x39) || b == 0xC2) return 1;
  if (i + 2 >= n) return 0;
  uint8_t c = p[i + 1], d = p[i + 2];
  switch (b) {
  case 0xE2: return c == 0x80 && ((d >= 0x80 && d <= 0x8A) || d == 0xAF);
  case 0xE3: return (c == 0x80 && d >= 0x80 && d <= 0x82) || (c == 0x81 && (d == 0x93 || d == 0x97 || d == 0xBE));
  case 0xE4: return c == 0xB8 && d == 0x80;
  case 0xE5: return c == 0x90 && d == 0x8C;
  case 0xE7: return c == 0xBF && d == 0x8C;
  case 0xEF: return c == 0xBC && d >= 0x88 && d <= 0x99;
  default: return 0;
  }
}

/// ``cicu_caption_stop`` one byte at a time from `i`; adds the scalars it passes to `*scalars`.
static inline int64_t caption_stop_bytes(const uint8_t *p, int64_t i, int64_t n, int32_t closes_only, int64_t *scalars) {
  int64_t count = 0;
  for (; i < n; i++) {
    if (caption_stop_at(p, i, n, closes_only)) break;
    count += (p[i] & 0xC0) != 0x80;
  }
  *scalars += count;
  return i < n ? i : -1;
}

#if defined(CICU_X86)
/// The lanes of `v0` (with `v1`, `v2` the bytes one and two further on) where
/// ``caption_stop_at`` holds, as a mask (lane k: bit k), for a position with two bytes after it.
__attribute__((target("avx2"))) static inline uint32_t caption_stop_mask(__m256i v0, __m256i v1, __m256i v2,
                                                                          int32_t closes_only) {
#define EQ(v, x) _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)(x)))
#define OR(a, b) _mm256_or_si256(a, b)
#define AND(a, b) _mm256_and_si256(a, b)
  // `lo <= v <= hi` on unsigned bytes: the offset from `lo`, at most `hi - lo`.
#define IN(v, lo, hi) \
  _mm256_cmpeq_epi8(_mm256_min_epu8(_mm256_sub_epi8(v, _mm256_set1_epi8((char)(lo))), _mm256_set1_epi8((char)((hi) - (lo)))), \
                    _mm256_sub_epi8(v, _mm256_set1_epi8((char)(lo))))
  __m256i hit;
  if (closes_only) {
    hit = OR(EQ(v0, 0x29), OR(AND(AND(EQ(v0, 0xE3), EQ(v1, 0x80)), EQ(v2, 0x82)), AND(AND(EQ(v0, 0xEF), EQ(v1, 0xBC)), EQ(v2, 0x89))));
  } else {
    __m256i ascii = OR(OR(EQ(v0, 0x09), EQ(v0, 0x20)), OR(IN(v0, 0x28, 0x39), EQ(v0, 0xC2)));
    __m256i e3 = EQ(v0, 0xE3), x80 = EQ(v1, 0x80);
    __m256i e2 = AND(AND(EQ(v0, 0xE2), x80), OR(IN(v2, 0x80, 0x8A), EQ(v2, 0xAF)));
    __m256i e380 = AND(AND(e3, x80), IN(v2, 0x80, 0x82));
    __m256i e381 = AND(AND(e3, EQ(v1, 0x81)), OR(OR(EQ(v2, 0x93), EQ(v2, 0x97)), EQ(v2, 0xBE)));
    __m256i kanji = OR(OR(AND(AND(EQ(v0, 0xE4), EQ(v1, 0xB8)), EQ(v2, 0x80)), AND(AND(EQ(v0, 0xE5), EQ(v1, 0x90)), EQ(v2, 0x8C))),
                       AND(AND(EQ(v0, 0xE7), EQ(v1, 0xBF)), EQ(v2, 0x8C)));
    __m256i ef = AND(AND(EQ(v0, 0xEF), EQ(v1, 0xBC)), IN(v2, 0x88, 0x99));
    hit = OR(OR(ascii, e2), OR(OR(e380, e381), OR(kanji, ef)));
  }
#undef EQ
#undef OR
#undef AND
#undef IN
  return (uint32_t)_mm256_movemask_epi8(hit);
}

/// 32 positions at a time while three vectors fit (a position's two bytes after it are read);
/// then one last vector ending two bytes before `n`, its lanes already done masked off; the
/// last two positions by bytes. Scalars are counted by their first bytes (no continuation byte).
__attribute__((target("avx2"))) static int64_t caption_stop_avx2(const uint8_t *p, int64_t i, int64_t n,
                                                                  int32_t closes_only, int64_t *scalars) {
  if (n < 34) return caption_stop_bytes(p, i, n, closes_only, scalars);
  const __m256i cont = _mm256_set1_epi8((char)0xC0);  // a continuation byte (80-BF) is below it, signed
  int64_t count = 0;
  int64_t last = n - 34;  // the last vector's start
  while (i < n - 2) {
    int64_t at = i <= last ? i : last;
    uint32_t keep = 0xFFFFFFFFu << (i - at);  // lanes before `i` were done (i - at < 32)
    __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + at));
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + at + 1));
    __m256i v2 = _mm256_loadu_si256((const __m256i *)(p + at + 2));
    uint32_t m = caption_stop_mask(v0, v1, v2, closes_only) & keep;
    uint32_t starts = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(cont, v0)) & keep;
    if (m != 0) {
      uint32_t k = (uint32_t)__builtin_ctz(m);
      count += __builtin_popcount(starts & ((1u << k) - 1u));
      *scalars += count;
      return at + k;
    }
    count += __builtin_popcount(starts);
    i = at + 32;
  }
  *scalars += count;
  return caption_stop_bytes(p, i, n, closes_only, scalars);
}
#endif

int64_t cicu_caption_stop(const uint8_t *p, int64_t from, int64_t n, int32_t closes_only, int64_t *scalars) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1))
    return caption_stop_avx2(p, from, n, closes_only, scalars);
#endif
  return cicu_caption_stop_at_level(p, from, n, closes_only, scalars, current_simd_level());
}

int64_t cicu_caption_stop_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t closes_only, int64_t *scalars,
                                   int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return caption_stop_avx2(p, from, n, closes_only, scalars);
#endif
  return caption_stop_bytes(p, from, n, closes_only, scalars);
}

// MARK: - Caption probe

// ``SplitCaptions.ScanFlags``' bits, as the table passed in holds them.
#define CAP_OPEN 1
#define CAP_CLOSE 2
#define CAP_COMMA 4
#define CAP_SPACE 8
#define CAP_MAY_OPEN 16
#define CAP_NOUN_END 32
#define CAP_KUTEN 64
#define CAP_DATE_END 128
#define CAP_ATTENTION (CAP_OPEN | CAP_CLOSE | CAP_COMMA | CAP_SPACE | CAP_MAY_OPEN | CAP_KUTEN)

/// `UTF8Scan.isDigit(UTF8Scan.fold(v))`: an ASCII or full-width digit.
static inline int cap_is_digit(uint32_t v) { return (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19); }

/// The scalar at `p[i]` (well-formed UTF-8) and its length.
static inline uint32_t cap_decode(const uint8_t *p, int64_t i, int *len) {
  uint8_t b0 = p[i];
  if (b0 < 0x80) { *len = 1; return b0; }
  if (b0 < 0xE0) { *len = 2; return (uint32_t)(b0 & 0x1F) << 6 | (uint32_t)(p[i + 1] & 0x3F); }
  if (b0 < 0xF0) {
    *len = 3;
    return (uint32_t)(b0 & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (uint32_t)(p[i + 2] & 0x3F);
  }
  *len = 4;
  return (uint32_t)(b0 & 0x07) << 18 | (uint32_t)(p[i + 1] & 0x3F) << 12 | (uint32_t)(p[i + 2] & 0x3F) << 6 |
         (uint32_t)(p[i + 3] & 0x3F);
}

/// The scalar that ends at `end` (`UTF8Scan.decodeBefore`).
static inline uint32_t cap_decode_before(const uint8_t *p, int64_t end) {
  uint8_t last = p[end - 1];
  if (last < 0x80) return last;
  // Most of a Japanese line: a three-byte character.
  if (end >= 3 && (p[end - 3] & 0xF0) == 0xE0)
    return (uint32_t)(p[end - 3] & 0x0F) << 12 | (uint32_t)(p[end - 2] & 0x3F) << 6 | (uint32_t)(last & 0x3F);
  int64_t s = end - 1;
  while (s > 0 && (p[s] & 0xC0) == 0x80) s--;
  int len;
  return cap_decode(p, s, &len);
}

/// Whether `b` is `*` `+` `-` `.` or `/` (2A 2B 2D 2E 2F): in ``caption_stop_at``'s range 28-39,
/// but with flags that need no attention (the probe's step at one is a step over): no stop of
/// the probe's blocks (``caption_stop_classes``). Mostly `.`: 1,400 stops on the 4 MB corpus.
static inline int caption_punct_byte(uint8_t b) { return b >= 0x2A && b <= 0x2F && b != 0x2C; }

/// The stops (``caption_stop_at``, not closes only, but ``caption_punct_byte``) and the scalar
/// starts among the positions `from..<min(base + 32, n)`, as bits at `position - base`, or-ed
/// into `*stops` and `*starts`.
static inline void caption_block_bytes(const uint8_t *p, int64_t base, int64_t from, int64_t n, uint32_t *stops,
                                       uint32_t *starts) {
  int64_t end = base + 32 < n ? base + 32 : n;
  for (int64_t i = from; i < end; i++) {
    if (caption_stop_at(p, i, n, 0) && !caption_punct_byte(p[i])) *stops |= 1u << (i - base);
    if ((p[i] & 0xC0) != 0x80) *starts |= 1u << (i - base);
  }
}

#if defined(CICU_X86)
/// The lanes of `v0` (`v1`, `v2` as in ``caption_stop_mask``) that stop the scan but that the
/// probe only steps over, known from the bytes before them in the vector: `こ` `し` `ま` `一`
/// `同` `翌` or an ASCII digit right after a hiragana (E3 81 xx, E3 82 80-9F: no noun ends
/// there, so no sentence opens after it), and an ASCII digit right after another (a number
/// goes on: no cut inside it). Their flags are `mayOpen` (and `nounEnd`) only, and the probe's
/// step at them changes nothing that a step over would not (``caption_probe``; the person-lead
/// pre-check only reads them past its bytes, where the probe asks for no quiet lanes). On the
/// 4 MB corpus 7,500 of the 32,000 stops are such: the probe went from 7.66 M instructions to
/// 7.24 M (callgrind). The same test made at each stop instead, on its bytes, with the stop's
/// bit cleared and the block read on, saved less (7.41 M): it is paid at every stop.
__attribute__((target("avx2"))) static inline uint32_t caption_quiet_mask(__m256i v0, __m256i v1, __m256i v2) {
#define EQ(v, x) _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)(x)))
#define OR(a, b) _mm256_or_si256(a, b)
#define AND(a, b) _mm256_and_si256(a, b)
  __m256i e3 = EQ(v0, 0xE3);
  // A hiragana's lead: E3 81, or E3 82 with a last byte below A0 (signed: below -96).
  __m256i hira = AND(e3, OR(EQ(v1, 0x81), AND(EQ(v1, 0x82), _mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xA0), v2))));
  __m256i opener = OR(AND(AND(e3, EQ(v1, 0x81)), OR(OR(EQ(v2, 0x93), EQ(v2, 0x97)), EQ(v2, 0xBE))),
                      OR(OR(AND(AND(EQ(v0, 0xE4), EQ(v1, 0xB8)), EQ(v2, 0x80)), AND(AND(EQ(v0, 0xE5), EQ(v1, 0x90)), EQ(v2, 0x8C))),
                         AND(AND(EQ(v0, 0xE7), EQ(v1, 0xBF)), EQ(v2, 0x8C))));
  // ASCII digits: `v0 - '0'` at most 9.
  __m256i off = _mm256_sub_epi8(v0, _mm256_set1_epi8(0x30));
  __m256i digit = _mm256_cmpeq_epi8(_mm256_min_epu8(off, _mm256_set1_epi8(9)), off);
#undef EQ
#undef OR
#undef AND
  uint32_t h = (uint32_t)_mm256_movemask_epi8(hira), o = (uint32_t)_mm256_movemask_epi8(opener),
           d = (uint32_t)_mm256_movemask_epi8(digit);
  return ((o | d) & (h << 3)) | (d & (d << 1));
}

/// The lanes of `v0` that hold a ``caption_punct_byte``, left out of ``caption_stop_classes``
/// (the reference of its check).
__attribute__((target("avx2"))) static inline uint32_t caption_punct_mask(__m256i v0) {
  __m256i off = _mm256_sub_epi8(v0, _mm256_set1_epi8(0x2A));
  __m256i in = _mm256_cmpeq_epi8(_mm256_min_epu8(off, _mm256_set1_epi8(5)), off);  // 2A-2F
  return (uint32_t)_mm256_movemask_epi8(in) & ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8(0x2C)));
}

/// The lanes of `v5` (the bytes five positions on from those of `v0`) whose byte may end the
/// second scalar of an opener (``SplitCaptions/openerPairs``): `の` AE, `う` 86, `れ` 8C, `こ` 93,
/// `か` 8B, `た` 9F, `方` B9, `年` B4, `月` 88, `日` A5, by nibble look-ups (four rectangles:
/// 8 x {6 8 B C}, 9 x {3 F}, A x {5 E}, B x {4 9}, the set exactly). An opener's first scalar
/// (three bytes) whose next scalar's third byte is none of these opens no sentence
/// (``cap_may_open_sentence`` compares that scalar with the pairs' seconds, all three-byte
/// ones): the probe's step at it is a step over, as at a ``caption_quiet_mask`` stop.
__attribute__((target("avx2"))) static inline uint32_t caption_pair_second_mask(__m256i v5) {
  static const uint8_t hi[16] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 0, 0, 0, 0};
  static const uint8_t lo[16] = {0, 0, 0, 2, 8, 4, 1, 0, 1, 8, 0, 1, 1, 0, 4, 2};
  const __m256i nib = _mm256_set1_epi8(0x0F);
  __m256i th = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hi));
  __m256i tl = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo));
  __m256i c = _mm256_and_si256(_mm256_shuffle_epi8(th, _mm256_and_si256(_mm256_srli_epi16(v5, 4), nib)),
                               _mm256_shuffle_epi8(tl, _mm256_and_si256(v5, nib)));
  return ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, _mm256_setzero_si256()));
}

/// A byte's classes by its two nibbles: `hi[v >> 4] & lo[v & 15]` (each table 16 bytes, twice
/// for the two 128-bit lanes of `_mm256_shuffle_epi8`).
__attribute__((target("avx2"))) static inline __m256i caption_nibble_classes(__m256i hi4, __m256i lo4, const uint8_t *hi,
                                                                            const uint8_t *lo) {
  __m256i th = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hi));
  __m256i tl = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)lo));
  return _mm256_and_si256(_mm256_shuffle_epi8(th, hi4), _mm256_shuffle_epi8(tl, lo4));
}

/// The class tables of ``caption_stop_classes``: for the first, second and third byte of a
/// position, the high-nibble and the low-nibble table of the `x` classes, then those of `y`.
/// Each class is one product `leads x seconds x thirds` of nibble rectangles:
/// x0 `E2 80 80-8A`, x1 `E2 80 AF`, x2 `E3 80 80-82` (`、` `。`), x3 `E3 81 93|97` (`こ` `し`),
/// x4 `E3 81 BE` (`ま`), x5 `E4 B8 80` (`一`), x6 `E5 90 8C` (`同`), x7 `E7 BF 8C` (`翌`);
/// y0 `EF BC 88-8F`, y1 `EF BC 90-99` (the full-width stops), y2 `E3 81 xx`, y3 `E3 82 80-9F`
/// (a hiragana), y4 `C2`, y5 `09`, y6 `20 28 29 2C`, y7 `30-39` (one byte: any byte after it).
/// ``caption_punct_byte`` is left out of y6 (``caption_punct_mask`` for the check).
static const uint8_t caption_class_tables[3][4][16] = {
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0},
     {0, 0, 0x03, 0x1C, 0x20, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0},
     {0x20, 0, 0x40, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0x0F, 0},
     {0xC0, 0x80, 0x90, 0x8C, 0x80, 0x80, 0x80, 0x80, 0xC0, 0xE0, 0, 0, 0x40, 0, 0, 0x03}},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0x1F, 0x40, 0, 0xA0, 0, 0, 0, 0},
     {0x47, 0x18, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0x80},
     {0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xFC, 0xF0, 0xF0, 0xF3, 0xF0, 0xF0, 0xF0, 0xF0},
     {0xF0, 0xF4, 0xF8, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF3, 0xF0, 0xF0, 0xF0}},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0xE5, 0x08, 0x02, 0x10, 0, 0, 0, 0},
     {0x25, 0x05, 0x05, 0x09, 0x01, 0x01, 0x01, 0x09, 0x01, 0x01, 0x01, 0, 0xC0, 0, 0x10, 0x02},
     {0xF4, 0xF4, 0xF4, 0xF4, 0xF4, 0xF4, 0xF4, 0xF4, 0xFD, 0xFE, 0xF4, 0xF4, 0xF4, 0xF4, 0xF4, 0xF4},
     {0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFE, 0xFF, 0xFF, 0xFD, 0xFD, 0xFD, 0xFD, 0xFD, 0xFD}},
};

/// ``caption_stop_mask`` (not closes only) and, with `quiet`, less ``caption_quiet_mask``, by
/// nibble look-ups (`vpshufb`): each position gets two bytes of class bits (the tables above),
/// the and of its three bytes' classes; a stop is a class of `x` or one of `y` but y2 y3, an
/// opener x3-x7, a hiragana y2 y3, a digit y7. The compares took some 100 instructions a block
/// (an equality per byte value, ranges by a subtraction and a minimum).
__attribute__((target("avx2"))) static inline uint32_t caption_stop_classes(__m256i v0, __m256i v1, __m256i v2, int quiet,
                                                                            uint32_t *openers) {
  const __m256i nib = _mm256_set1_epi8(0x0F);
  __m256i x = _mm256_set1_epi8((char)0xFF), y = x;
  __m256i v[3] = {v0, v1, v2};
  for (int j = 0; j < 3; j++) {
    __m256i hi4 = _mm256_and_si256(_mm256_srli_epi16(v[j], 4), nib), lo4 = _mm256_and_si256(v[j], nib);
    x = _mm256_and_si256(x, caption_nibble_classes(hi4, lo4, caption_class_tables[j][0], caption_class_tables[j][1]));
    y = _mm256_and_si256(y, caption_nibble_classes(hi4, lo4, caption_class_tables[j][2], caption_class_tables[j][3]));
  }
  const __m256i zero = _mm256_setzero_si256();
  __m256i stop = _mm256_or_si256(x, _mm256_and_si256(y, _mm256_set1_epi8((char)0xF3)));
  uint32_t m = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(stop, zero));
  *openers = 0;
  if (!quiet) return m;
  uint32_t o = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x, _mm256_set1_epi8((char)0xF8)), zero));
  uint32_t h = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(y, _mm256_set1_epi8(0x0C)), zero));
  uint32_t d = (uint32_t)_mm256_movemask_epi8(y);  // y7
  m &= ~(((o | d) & (h << 3)) | (d & (d << 1)));
  *openers = m & o;
  return m;
}

/// ``caption_block_bytes`` for the 32 positions from `base` with one vector (`n >= 34`): at
/// `base` while its three loads fit, else the last one that fits, shifted, and the line's last
/// two positions by bytes. With `quiet`, the stops of ``caption_quiet_mask`` are left out, and
/// so are openers whose next scalar opens no pair (``caption_pair_second_mask``) where the
/// block's bytes five on are in the line. Inline: called out of line it cost more than it saved.
__attribute__((target("avx2"))) static inline void caption_block_avx2(const uint8_t *p, int64_t base, int64_t n, int quiet,
                                                                uint32_t *stops, uint32_t *starts) {
  int64_t at = base + 34 <= n ? base : n - 34;
  __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + at));
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + at + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(p + at + 2));
  uint32_t openers;
  uint64_t m = caption_stop_classes(v0, v1, v2, quiet, &openers);
  // Openers still stops (a block in six, on the 4 MB corpus) whose next scalar is no pair's
  // second: 1,900 stops of 24,600, at some 130 instructions each.
  if (openers != 0 && at + 37 <= n)
    m &= ~(uint64_t)(openers & ~caption_pair_second_mask(_mm256_loadu_si256((const __m256i *)(p + at + 5))));
  uint64_t s = (uint32_t)~_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xC0), v0));
  int64_t shift = base - at;  // 0 to 33
  uint32_t ms = (uint32_t)(m >> shift), ss = (uint32_t)(s >> shift);
  if (at != base) caption_block_bytes(p, base, n - 2 > base ? n - 2 : base, n, &ms, &ss);
  *stops = ms;
  *starts = ss;
}
#endif

#if defined(CICU_X86)
/// ``caption_stop_avx2`` for closes only (`)`, `。`, `）`), with nothing counted: the probe's
/// search after the comma.
/// The lanes of the 32 positions at `q` (two bytes after them readable) where `)`, `。` or `）` starts.
__attribute__((target("avx2"))) static inline __m256i caption_close_hits(const uint8_t *q) {
  __m256i v0 = _mm256_loadu_si256((const __m256i *)q);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  __m256i kuten = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xE3)), _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x80))),
                                   _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x82)));
  __m256i wide = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xEF)), _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0xBC))),
                                  _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x89)));
  return _mm256_or_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8(0x29)), _mm256_or_si256(kuten, wide));
}

/// 64 positions a turn while their loads fit (one test for the two vectors: the search runs
/// from the comma to the first `。`, some 170 bytes on the 4 MB corpus, where 32 a turn took
/// 28,000 turns at 31 instructions each), then 32 at a time as before.
__attribute__((target("avx2,bmi"))) static inline int64_t caption_close_avx2(const uint8_t *p, int64_t i, int64_t n) {
  for (; i + 66 <= n; i += 64) {
    __m256i ha = caption_close_hits(p + i), hb = caption_close_hits(p + i + 32);
    __m256i any = _mm256_or_si256(ha, hb);
    if (_mm256_testz_si256(any, any)) continue;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(ha) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hb) << 32);
    return i + (int64_t)__builtin_ctzll(m);
  }
  if (n >= 34) {
    const __m256i close = _mm256_set1_epi8(0x29), e3 = _mm256_set1_epi8((char)0xE3), x80 = _mm256_set1_epi8((char)0x80),
                  x82 = _mm256_set1_epi8((char)0x82), ef = _mm256_set1_epi8((char)0xEF), bc = _mm256_set1_epi8((char)0xBC),
                  x89 = _mm256_set1_epi8((char)0x89);
    int64_t last = n - 34;
    while (i < n - 2) {
      int64_t at = i <= last ? i : last;
      __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + at));
      __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + at + 1));
      __m256i v2 = _mm256_loadu_si256((const __m256i *)(p + at + 2));
      __m256i hit = _mm256_or_si256(
          _mm256_cmpeq_epi8(v0, close),
          _mm256_or_si256(_mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, e3), _mm256_cmpeq_epi8(v1, x80)), _mm256_cmpeq_epi8(v2, x82)),
                          _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, ef), _mm256_cmpeq_epi8(v1, bc)), _mm256_cmpeq_epi8(v2, x89))));
      uint32_t m = (uint32_t)_mm256_movemask_epi8(hit) & (0xFFFFFFFFu << (i - at));
      if (m != 0) return at + __builtin_ctz(m);
      i = at + 32;
    }
  }
  int64_t unused = 0;
  return caption_stop_bytes(p, i, n, 1, &unused);
}
#endif

static inline void caption_block(const uint8_t *p, int64_t base, int64_t n, int avx2, int quiet, uint32_t *stops,
                                 uint32_t *starts) {
#if defined(CICU_X86)
  if (avx2 && n >= 34) {
    caption_block_avx2(p, base, n, quiet, stops, starts);
    return;
  }
#endif
  (void)avx2;
  (void)quiet;
  *stops = 0;
  *starts = 0;
  caption_block_bytes(p, base, base, n, stops, starts);
}

/// ``SplitCaptions.mayOpenSentence(_:at:first:length:)``: an opener's first two scalars
/// (`pairs`, 0 for a one-scalar word, sorted by their first: the walk stops past `first`, at
/// once for an ASCII digit, the most frequent call), or digits and then `年`, `月` or `日`.
static int cap_may_open_sentence(const uint8_t *p, int64_t n, int64_t at, uint32_t first, int len, const uint32_t *pairs,
                                 int64_t npairs) {
  int64_t j = at + len;
  int l;
  for (int64_t k = 0; k < npairs && pairs[2 * k] <= first; k++) {
    if (pairs[2 * k] != first) continue;
    if (pairs[2 * k + 1] == 0 || (j < n && pairs[2 * k + 1] == cap_decode(p, j, &l))) return 1;
  }
  if (!cap_is_digit(first)) return 0;
  while (j < n) {
    uint32_t d = cap_decode(p, j, &l);
    if (cap_is_digit(d)) {
      j += l;
      continue;
    }
    return d == 0x5E74 || d == 0x6708 || d == 0x65E5;  // 年 月 日
  }
  return 0;
}

static inline __attribute__((always_inline)) int32_t caption_probe(const uint8_t *p, int64_t n, int64_t max_len,
                                                                    const uint8_t *flags, const uint32_t *pairs,
                                                                    int64_t npairs, int avx2) {
  int spaced = -1;  // not known yet
#define CAP_DONE(glue) return (int32_t)(((glue) ? CICU_PROBE_GLUE : 0) | (spaced < 0 ? 0 : spaced ? CICU_PROBE_SPACED_KNOWN | CICU_PROBE_SPACED : CICU_PROBE_SPACED_KNOWN))
  if (n <= 0) {
    spaced = 0;
    CAP_DONE(0);
  }
  int64_t space_end = 4 * (max_len + 12) < n ? 4 * (max_len + 12) : n;
  int64_t after_space = -1, i = 0, k = 0, depth = 0, last_non_space = -1;
  int last_is_noun = 0, comma = 0;
  uint32_t prev = 0;
  uint8_t prev_flags = 0;
  // The block of 32 positions whose masks are in hand (none yet).
  int64_t bbase = -64;
  uint32_t bstops = 0, bstarts = 0;
  while (i < n) {
    // The scalar at `i` is the `k`th: none at or after the limit.
    if (k >= max_len) CAP_DONE(0);
    // The next stop, the scalars before it counted.
    int64_t passed = 0, stop = -1;
    while (i < n) {
      if (i - bbase >= 32) {
        bbase = i;
        // Quiet stops are left out of a block wholly before `space_end` (past it, the first
        // stop tells the person-lead pre-check that it found nothing).
        caption_block(p, bbase, n, avx2, bbase + 32 <= space_end, &bstops, &bstarts);
      }
      int off = (int)(i - bbase);
      uint32_t st = bstops >> off, sa = bstarts >> off;
      if (st != 0) {
        int z = __builtin_ctz(st);
        passed += __builtin_popcount(sa & ((1u << z) - 1u));
        stop = i + z;
        break;
      }
      passed += __builtin_popcount(sa);
      i = bbase + 32;
      if (k + passed > max_len) CAP_DONE(0);  // the limit's scalar was passed
    }
    k += passed;
    if (stop < 0) {
      if (k > max_len) CAP_DONE(0);
      break;  // the line ended
    }
    if (k >= max_len) CAP_DONE(0);
    if (passed > 0) {
      // Stepped over: none is a space, the last is the last non-space scalar.
      uint32_t last = cap_decode_before(p, stop);
      if (last >= 0x10000) return CICU_PROBE_UNDECIDED;  // its flags are worked out in Swift
      uint8_t lf = flags[last];
      last_non_space = k - 1;
      last_is_noun = (lf & CAP_NOUN_END) != 0;
      prev = last;
      prev_flags = lf;
    }
    i = stop;
    int len;
    uint32_t v = cap_decode(p, i, &len);  // one to three bytes: no stop is a four-byte scalar
    uint8_t f = flags[v];
    if ((f & CAP_ATTENTION) == 0) {  // a stop that needs no attention
      i += len;
      k++;
      last_non_space = k - 1;
      last_is_noun = (f & CAP_NOUN_END) != 0;
      prev = v;
      prev_flags = f;
      continue;
    }
    if (spaced < 0) {
      if (i >= space_end) {
        spaced = 0;
      } else if (v == 0x20 || v == 0x3000) {
        after_space = i + len;
      } else if (v == 0x28 || v == 0xFF08) {
        spaced = after_space >= 0 && i - after_space <= 15;
      } else if (v == 0x3001 || v == 0x3002) {
        spaced = 0;
      }
    }
    if (f & CAP_KUTEN) CAP_DONE(0);
    if ((f & CAP_MAY_OPEN) && k >= 4 && depth == 0 && last_non_space >= 3 && last_is_noun) {
      int inside = last_non_space == k - 1 && cap_is_digit(v) &&
                   (cap_is_digit(prev) || prev == 0x5E74 || prev == 0x6708 || prev == 0x65E5 || prev == 0x7B2C);
      if (!inside && cap_may_open_sentence(p, n, i, v, len, pairs, npairs)) CAP_DONE(1);
    }
    if (f & (CAP_OPEN | CAP_CLOSE | CAP_COMMA)) {
      if (f & CAP_OPEN) depth++;
      if (f & CAP_CLOSE) {
        depth = depth > 0 ? depth - 1 : 0;
        if (k > 0 && (prev_flags & CAP_DATE_END)) CAP_DONE(1);
      }
      if ((f & CAP_COMMA) && depth == 0) {
        // `は、` `が、`: the glued-caption scan stops there, with no caption found before it
        // (no place where one could end came first), and no caption before a lead holds it:
        // no search after it (``SplitCaptions.probeInSwift`` says why).
        if (v == 0x3001 && (prev == 0x306F || prev == 0x304C)) CAP_DONE(0);
        i += len;
        comma = 1;
        break;
      }
    }
    if ((f & CAP_SPACE) == 0) {
      last_non_space = k;
      last_is_noun = (f & CAP_NOUN_END) != 0;
    }
    prev = v;
    prev_flags = f;
    i += len;
    k++;
  }
  if (!comma) {
    if (spaced < 0) spaced = 0;
    CAP_DONE(0);
  }
  // After the comma: a `)` or `）` after a date or position word before the first `。`,
  // within the limit's bytes.
  int64_t bound = 4 * max_len + 2 < n ? 4 * max_len + 2 : n;
  while (i < bound) {
    int64_t unused = 0;
#if defined(CICU_X86)
    int64_t s = avx2 ? caption_close_avx2(p, i, bound) : caption_stop_bytes(p, i, bound, 1, &unused);
#else
    int64_t s = caption_stop_bytes(p, i, bound, 1, &unused);
#endif
    if (s < 0 || p[s] == 0xE3) CAP_DONE(0);  // none, or `。`
    uint32_t before = cap_decode_before(p, s);
    if (before >= 0x10000) return CICU_PROBE_UNDECIDED;
    if (flags[before] & CAP_DATE_END) CAP_DONE(1);
    i = s + 1;
  }
  CAP_DONE(0);
#undef CAP_DONE
}

#if defined(CICU_X86)
/// The probe with AVX2, compiled for it (and for `popcnt`, which every AVX2 processor has: the
/// scalar counts are one instruction, not a dozen).
__attribute__((target("avx2,popcnt,bmi"))) static int32_t caption_probe_avx2(const uint8_t *p, int64_t n, int64_t max_len,
                                                                             const uint8_t *flags, const uint32_t *pairs,
                                                                             int64_t npairs) {
  return caption_probe(p, n, max_len, flags, pairs, npairs, 1);
}
#endif

static int32_t caption_probe_bytes(const uint8_t *p, int64_t n, int64_t max_len, const uint8_t *flags,
                                   const uint32_t *pairs, int64_t npairs) {
  return caption_probe(p, n, max_len, flags, pairs, npairs, 0);
}

int32_t cicu_caption_probe(const uint8_t *p, int64_t n, int64_t max_len, const uint8_t *flags, const uint32_t *pairs,
                           int64_t npairs) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1))
    return caption_probe_avx2(p, n, max_len, flags, pairs, npairs);
#endif
  return cicu_caption_probe_at_level(p, n, max_len, flags, pairs, npairs, current_simd_level());
}

int32_t cicu_caption_probe_at_level(const uint8_t *p, int64_t n, int64_t max_len, const uint8_t *flags,
                                    const uint32_t *pairs, int64_t npairs, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return caption_probe_avx2(p, n, max_len, flags, pairs, npairs);
#endif
  return caption_probe_bytes(p, n, max_len, flags, pairs, npairs);
}


// MARK: - JSON escapes (speed-norm8)

/// Whether a JSON string literal must escape the byte `b`: a control character (below 0x20),
/// `"` or `\`.
static inline int json_needs_escape(uint8_t b) { return b < 0x20 || b == 0x22 || b == 0x5C; }

/// ``cicu_json_escape_find`` one byte at a time from `i`.
static int64_t json_escape_find_bytes(const uint8_t *p, int64_t i, int64_t n) {
  for (; i < n; i++)
    if (json_needs_escape(p[i])) return i;
  return n;
}

#if defined(CICU_X86)
/// The lanes of `v` (16 bytes) that a JSON string must escape, as a movemask.
static inline uint32_t json_escape_lanes_sse2(__m128i v) {
  const __m128i c1f = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8(0x22), backslash = _mm_set1_epi8(0x5C);
  __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v),
                             _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return (uint32_t)_mm_movemask_epi8(hit);
}

/// ``cicu_json_escape_find`` from `i` in a text of fewer than 32 bytes: 16 bytes from `i`, then
/// the last 16 (lanes before `i` masked off) when the text has 16; else bytes.
static inline int64_t json_escape_find_short(const uint8_t *p, int64_t i, int64_t n) {
  if (n < 16) return json_escape_find_bytes(p, i, n);
  if (i + 16 <= n) {
    uint32_t m = json_escape_lanes_sse2(_mm_loadu_si128((const __m128i *)(p + i)));
    if (m != 0) return i + __builtin_ctz(m);
    i += 16;
    if (i >= n) return n;
  }
  int64_t at = n - 16;
  uint32_t m = json_escape_lanes_sse2(_mm_loadu_si128((const __m128i *)(p + at))) & (0xFFFFu << (i - at));
  return m != 0 ? at + __builtin_ctz(m) : n;
}

/// The lanes of `v` that a JSON string must escape (`v <= 0x1F` as the unsigned minimum with
/// 0x1F equal to `v`, or `"`, or `\`), all ones.
__attribute__((target("avx2"))) static inline __m256i json_escape_hits_avx2(__m256i v) {
  const __m256i c1f = _mm256_set1_epi8(0x1F), quote = _mm256_set1_epi8(0x22), backslash = _mm256_set1_epi8(0x5C);
  return _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(v, c1f), v),
                         _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)));
}

/// ``json_escape_hits_avx2`` as a movemask.
__attribute__((target("avx2"))) static inline uint32_t json_escape_lanes_avx2(__m256i v) {
  return (uint32_t)_mm256_movemask_epi8(json_escape_hits_avx2(v));
}

/// The lanes of the 64 bytes `v`, `w` that a JSON string must escape, as one mask (`v`'s in
/// the low half): one test of both vectors, the movemasks only when a lane is set.
__attribute__((target("avx2"))) static inline uint64_t json_escape_lanes64_avx2(__m256i v, __m256i w) {
  __m256i hv = json_escape_hits_avx2(v), hw = json_escape_hits_avx2(w);
  __m256i hit = _mm256_or_si256(hv, hw);
  if (_mm256_testz_si256(hit, hit)) return 0;
  return (uint64_t)(uint32_t)_mm256_movemask_epi8(hv) | (uint64_t)(uint32_t)_mm256_movemask_epi8(hw) << 32;
}

/// 64 bytes at a time (two vectors, one test), then 32; then one more vector ending at `n`
/// with its lanes before `i` masked off, when the text has 32 bytes (else bytes).
__attribute__((target("avx2"))) static int64_t json_escape_find_avx2(const uint8_t *p, int64_t i, int64_t n) {
  for (; i + 64 <= n; i += 64) {
    uint64_t m = json_escape_lanes64_avx2(_mm256_loadu_si256((const __m256i *)(p + i)), _mm256_loadu_si256((const __m256i *)(p + i + 32)));
    if (m != 0) return i + __builtin_ctzll(m);
  }
  for (; i + 32 <= n; i += 32) {
    uint32_t m = json_escape_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + i)));
    if (m != 0) return i + __builtin_ctz(m);
  }
  if (i >= n) return n;
  if (n < 32) return json_escape_find_short(p, i, n);
  // 1 to 31 lanes of the last vector were done already.
  int64_t at = n - 32;
  uint32_t m = json_escape_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + at))) & (0xFFFFFFFFu << (i - at));
  return m != 0 ? at + __builtin_ctz(m) : n;
}

static int64_t json_escape_find_sse2(const uint8_t *p, int64_t i, int64_t n) {
  for (; i + 16 <= n; i += 16) {
    uint32_t m = json_escape_lanes_sse2(_mm_loadu_si128((const __m128i *)(p + i)));
    if (m != 0) return i + __builtin_ctz(m);
  }
  return json_escape_find_bytes(p, i, n);
}
#endif

int64_t cicu_json_escape_find(const uint8_t *p, int64_t from, int64_t n) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return json_escape_find_avx2(p, from, n);
#endif
  return cicu_json_escape_find_at_level(p, from, n, current_simd_level());
}

int64_t cicu_json_escape_find_at_level(const uint8_t *p, int64_t from, int64_t n, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return json_escape_find_avx2(p, from, n);
  if (level >= 1) return json_escape_find_sse2(p, from, n);
#endif
  return json_escape_find_bytes(p, from, n);
}

// MARK: - strip-chrome: the phrase automaton's step loop

/// The packed buffer's layout (``PhraseAutomaton.packed``): ASCII class entries at this entry.
#define PHRASE_ASCII_BASE 0x10000
/// A class entry with this bit is rare: a skipped scalar, or two classes (first in the low 16
/// bits, second in bits 16-30); all ones: the two bytes start no three-byte character.
#define PHRASE_RARE 0x80000000u
#define PHRASE_NO_CHARACTER 0xFFFFFFFFu
#define PHRASE_SKIP 0xFFFFu
#define PHRASE_NONE 0x7FFFu
/// Where the buffer holds the distance from a loop class entry to the class entry (the loop's
/// entries, read by the first two bytes, give the rare class for a rare entry): after the ASCII
/// entries and the blocks' offsets.
#define PHRASE_FULL_DELTA_AT (PHRASE_ASCII_BASE + 128 + 1024)
/// The start state's row (one entry a class), after it.
#define PHRASE_START_BASE (PHRASE_FULL_DELTA_AT + 1)
/// The start row's entry for the rare class (which no row's slot holds): no row's offset,
/// ending a phrase, so that the step's test for a phrase's end tells a rare character too.
#define PHRASE_RARE_STEP 1u

/// The loop class entry of the character at `p + i` read as a three-byte one (its class, or
/// the rare class for a rare entry and for two bytes that start no three-byte character), and
/// in `*at` where it is: the class entry is `delta` entries further on.
static inline __attribute__((always_inline)) uint32_t phrase_entry(const uint8_t *p, int64_t i, const uint32_t *m, uint64_t *at) {
    uint16_t word;
    memcpy(&word, p + i, 2);
    // The first two bytes, big-endian: the entries of a lead byte lie together. On x86 a
    // rotate of the 16-bit register, whose upper bits stay clear: clang cleared them again
    // after its own (one instruction a character).
    uint64_t lead = word;
#if defined(CICU_X86)
    __asm__("rolw $8, %w0" : "+r"(lead));
#else
    lead = __builtin_bswap16(word);
#endif
    *at = (uint64_t)(m[lead] + p[i + 2]);
    return m[*at];
}

/// A step of `cicu_phrase_step` on class `cls` from the row `from` to `to`: the entry in the
/// row's slot for the class when the slot holds that class (its second word), else the start
/// state's entry for it (the table is a comb of each state's entries that differ from the start
/// state's: ``PhraseAutomaton.packed``), and the state entered recorded (with `code`: the
/// character's offset times 2, + 1 for a second class) when it ends a phrase, `on_limit` done
/// when the events are then past the limit. The rare class's entry (`PHRASE_RARE_STEP`) does
/// `on_rare` instead, with `from` the row still. A macro, not a function: an inlined function
/// with the row and count behind pointers changed how clang kept the loop's values (the loop
/// 23.5 M -> 29.5 M).
#define PHRASE_STEP_FROM(from, to, cls, code, on_rare, on_limit)                         \
    do {                                                                                 \
        uint64_t slot_at = (uint64_t)(cls) << 3;                                         \
        uint32_t entry;                                                                  \
        memcpy(&entry, from + slot_at, 4);                                               \
        uint64_t step = entry;                                                           \
        PHRASE_OR_START(step, from + slot_at + 4, cls);                                  \
        to = base + step;                                                                \
        if (step & 1) {                                                                  \
            if (step == PHRASE_RARE_STEP) on_rare;                                       \
            to -= 1;                                                                     \
            events[count] = (to - base) >> 2;                                            \
            events[count + 1] = (code);                                                  \
            count += 2;                                                                  \
            if (count > event_limit) on_limit;                                           \
        }                                                                                \
    } while (0)

/// A step of a class that is not the rare class, the row changed in place.
#define PHRASE_STEP(cls, code, on_limit) PHRASE_STEP_FROM(row, row, cls, code, (void)0, on_limit)

/// `step` (a slot's entry, 64 bits) becomes the start state's entry for class `cls` unless the
/// slot's class word (at `check_at`) is `cls`. On x86 a compare with the class word in memory
/// and a conditional move of the start row's entry, both loaded (a 32-bit move, which clears
/// the upper half whether it moves or not): clang selected between the two addresses instead,
/// and widened the entry after (the loop 31.5 M instructions against 25.8 M).
#if defined(CICU_X86)
#define PHRASE_OR_START(step, check_at, cls)                                                          \
    __asm__("cmpl %k[c], %[check]\n\tcmovnel %[start], %k[s]"                                       \
            : [s] "+r"(step)                                                                          \
            : [check] "m"(*(const uint32_t *)(check_at)), [c] "r"((uint64_t)(cls)),                   \
              [start] "m"(*(const uint32_t *)(base + ((uint64_t)PHRASE_START_BASE << 2) + ((uint64_t)(cls) << 2))) \
            : "cc")
#else
#define PHRASE_OR_START(step, check_at, cls)                                                          \
    do {                                                                                              \
        uint32_t check, start_step;                                                                   \
        memcpy(&check, (check_at), 4);                                                                \
        memcpy(&start_step, base + ((uint64_t)PHRASE_START_BASE << 2) + ((uint64_t)(cls) << 2), 4);    \
        if (check != (uint32_t)(cls)) step = start_step;                                              \
    } while (0)
#endif

/// Feeds any class entry (one class, or a rare one: a skipped scalar, or two classes) of the
/// character at `at`, on the row's pointer as the common step (an entry index, converted to
/// and from, cost 6 instructions a rare character more).
#define PHRASE_FEED(entry, at)                                                          \
    do {                                                                                \
        uint32_t fed = (entry);                                                         \
        if (fed < PHRASE_RARE) {                                                        \
            PHRASE_STEP(fed, (at) << 1, (void)0);                                       \
        } else {                                                                        \
            PHRASE_FEED_RARE(fed, at);                                                  \
        }                                                                               \
    } while (0)

/// ``PHRASE_FEED`` of a rare entry (a skipped scalar, or two classes): the loop's rare
/// three-byte characters, whose class entry is rare, need no test of the common case.
#define PHRASE_FEED_RARE(fed, at)                                                       \
    do {                                                                                \
        if (((fed) & 0xFFFF) != PHRASE_SKIP) {                                          \
            PHRASE_STEP((fed) & 0xFFFF, (at) << 1, (void)0);                            \
            if ((((fed) >> 16) & PHRASE_NONE) != PHRASE_NONE)                           \
                PHRASE_STEP(((fed) >> 16) & PHRASE_NONE, (at) << 1 | 1, (void)0);       \
        }                                                                               \
    } while (0)

/// The loop's step of the character at `i + k` from the row `from` to `to` (`row` and `next`,
/// either way): a rare character goes to its feed, with `row` its row, and at the events'
/// limit the loop stops after it.
#define PHRASE_STEP_AT(k, from, to)                                                     \
    do {                                                                                \
        e = phrase_entry(p, i + (k), m, &at);                                           \
        PHRASE_STEP_FROM(from, to, e, (i + (k)) << 1, {                                 \
            i += (k);                                                                   \
            row = from;                                                                 \
            goto rare;                                                                  \
        }, {                                                                            \
            i += (k) + 3;                                                               \
            row = to;                                                                   \
            goto done;                                                                  \
        });                                                                             \
    } while (0)

/// The loop's last step of a turn, of the character at `i + k` from `next` to `row`, with
/// `i` advanced past it first and opaque from there: the character's offset is read back
/// from it (i - 3), so the old index is dead and the add is made in place.
#define PHRASE_STEP_LAST(k)                                                             \
    do {                                                                                \
        e = phrase_entry(p, i + (k), m, &at);                                           \
        i += (k) + 3;                                                                   \
        __asm__("" : "+r"(i));                                                          \
        PHRASE_STEP_FROM(next, row, e, (i - 3) << 1, {                                  \
            i -= 3;                                                                     \
            row = next;                                                                 \
            goto rare;                                                                  \
        }, goto done);                                                                  \
    } while (0)

int64_t cicu_phrase_step(const uint8_t *p, int64_t n, const uint32_t *m, int64_t start, int64_t *row_io, int64_t *events,
                         int64_t *count_io, int64_t event_limit) {
    const char *base = (const char *)m;
    // The state's row as a pointer: a table entry is the next row's byte offset (+1 when the
    // state it leads to ends a phrase), added with no shift. A step goes from one of the two
    // to the other, so that a rare character (told after its step) is fed from the row before.
    const char *row = base + (*row_io << 2), *next;
    const uint64_t delta = m[PHRASE_FULL_DELTA_AT];
    int64_t i = start;
    int64_t count = *count_io;
    int64_t n3 = n - 2;
    // Four characters a turn while four three-byte ones fit before the last two bytes, then
    // two: one test of the end and one add for them all (four a turn rather than two: the
    // loop 23.67 M -> 23.01 M on the 4 MB slice). A rare character goes to its feed below,
    // with where its entry is.
    int64_t n6 = n - 5;
    int64_t n12 = n - 11;
    uint64_t at;
    uint32_t e;
    for (;;) {
        while (i < n12) {
            PHRASE_STEP_AT(0, row, next);
            PHRASE_STEP_AT(3, next, row);
            PHRASE_STEP_AT(6, row, next);
            PHRASE_STEP_LAST(9);
        }
        while (i < n6) {
            PHRASE_STEP_AT(0, row, next);
            PHRASE_STEP_LAST(3);
        }
        // One character, one of the last before the line's last two bytes.
        if (i >= n3) break;
        PHRASE_STEP_AT(0, row, next);
        row = next;
        i += 3;
        continue;
    rare:
        {
            // A rare character at `i`, its class entry `delta` after its loop entry.
            e = m[at + delta];
            if (e != PHRASE_NO_CHARACTER) {
                // A rare three-byte character (its class entry is rare).
                PHRASE_FEED_RARE(e, i);
                i += 3;
                if (count > event_limit) break;
                continue;
            }
            uint64_t byte = p[i];
            // Two or four bytes: fed by the caller.
            if (byte >= 0x80) break;
            // ASCII, and the ASCII bytes after it, a byte a step (on the 4 MB slice, 81 K
            // ASCII characters each went through the pair loop's entry and this branch). A
            // common entry's step stops at the limit as the loop's does, not tested at each
            // byte, and a rare three-byte character goes back to the loop with no join of the
            // two (the loop 23.01 M -> 22.21 M).
            for (;;) {
                // `i` opaque: clang kept i + 1 and i * 2 (for the events) in registers of
                // their own, advanced at every byte.
                __asm__("" : "+r"(i));
                e = m[PHRASE_ASCII_BASE + byte];
                if (e < PHRASE_RARE) {
                    PHRASE_STEP(e, i << 1, {
                        i += 1;
                        goto done;
                    });
                } else {
                    PHRASE_FEED(e, i);
                    if (count > event_limit) {
                        i += 1;
                        goto done;
                    }
                }
                i += 1;
                if (i >= n) break;
                byte = p[i];
                if (byte >= 0x80) break;
            }
        }
    }
done:
    *row_io = (row - base) >> 2;
    *count_io = count;
    return i;
}

// MARK: - split-captions' scalars (normcap9)

#if defined(CICU_X86)
/// Three-byte characters (kana, kanji: most of a Japanese line) decoded eight at a time from
/// `*i`, up to one that is `。` or `）` (the two ``load_scalars`` marks) or of another length,
/// while `limit` leaves room: eight in a row have their lead bytes at 0, 3, 6, 9, 12, 15, 18
/// and 21 (valid UTF-8 from a character boundary: the bytes between are then continuation
/// bytes). The four from `i` go into the vector's low half, the four from `i + 12` into its
/// high half (zero when the line ends before its 16 bytes: none taken there), each
/// character's bytes into a 32-bit lane, last byte lowest. (``load_scalars_avx2`` inlines it.)
__attribute__((target("avx2"))) static inline void load_three_byte_runs(const uint8_t *p, int64_t *i_io, int64_t n,
                                                                        uint32_t *out, int64_t *k_io, int64_t limit) {
  int64_t i = *i_io, k = *k_io;
  const __m256i order = _mm256_broadcastsi128_si256(_mm_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1));
  while (i + 16 <= n && k + 8 <= limit) {
    __m128i high_half = i + 28 <= n ? _mm_loadu_si128((const __m128i *)(p + i + 12)) : _mm_setzero_si128();
    __m256i b = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(p + i))), high_half, 1);
    uint32_t leads = (uint32_t)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_and_si256(b, _mm256_set1_epi8((char)0xF0)), _mm256_set1_epi8((char)0xE0)));
    if ((leads & 1) == 0) break;
    __m256i x = _mm256_shuffle_epi8(b, order);
    __m256i v = _mm256_or_si256(_mm256_and_si256(x, _mm256_set1_epi32(0x3F)),
                                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(x, 2), _mm256_set1_epi32(0x3F << 6)),
                                                _mm256_and_si256(_mm256_srli_epi32(x, 4), _mm256_set1_epi32(0x0F << 12))));
    __m256i marked = _mm256_or_si256(_mm256_cmpeq_epi32(v, _mm256_set1_epi32(0x3002)), _mm256_cmpeq_epi32(v, _mm256_set1_epi32(0xFF09)));
    // The lanes that hold a three-byte character and are no mark (lead bits 0, 3, 6, 9 of the
    // low half and 16, 19, 22, 25 of the high one, to bits 0-7); the first ones in a row are
    // taken (all eight, most often). The lanes after are stored too, and written over later:
    // `out` has room for one scalar per byte, and `k + 8 <= i + 8 < n`.
    unsigned ok = (leads & 1) | (leads >> 2 & 2) | (leads >> 4 & 4) | (leads >> 6 & 8) | (leads >> 12 & 16) |
                  (leads >> 14 & 32) | (leads >> 16 & 64) | (leads >> 18 & 128);
    ok &= ~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(marked));
    int taken = __builtin_ctz(~ok);
    _mm256_storeu_si256((__m256i *)(out + k), v);
    i += 3 * taken;
    k += taken;
    if (taken < 8) break;
  }
  *i_io = i;
  *k_io = k;
}
#endif

/// ``cicu_load_scalars``; with `simd`, eight three-byte characters at a time where the line
/// holds them (``load_three_byte_runs``), then one character of any kind.
static inline __attribute__((always_inline)) int64_t load_scalars(const uint8_t *p, int64_t n, uint32_t *out,
                                                                  int64_t limit, int32_t whole, int64_t max_len,
                                                                  int64_t *kuten_out, int64_t *last_close_out,
                                                                  int simd) {
  int64_t i = 0, k = 0, kuten = -1, last_close = -1;
  (void)simd;
  while (i < n) {
#if defined(CICU_X86)
    if (simd) {
      load_three_byte_runs(p, &i, n, out, &k, limit);
      if (k >= limit || i >= n) break;
    }
#endif
    uint8_t b0 = p[i];
    uint32_t v;
    if (b0 < 0x80) {
      v = b0;
      i += 1;
    } else if (b0 < 0xE0) {
      v = (uint32_t)(b0 & 0x1F) << 6 | (uint32_t)(p[i + 1] & 0x3F);
      i += 2;
    } else if (b0 < 0xF0) {
      v = (uint32_t)(b0 & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (uint32_t)(p[i + 2] & 0x3F);
      i += 3;
    } else {
      v = (uint32_t)(b0 & 0x07) << 18 | (uint32_t)(p[i + 1] & 0x3F) << 12 | (uint32_t)(p[i + 2] & 0x3F) << 6 |
          (uint32_t)(p[i + 3] & 0x3F);
      i += 4;
    }
    out[k] = v;
    if (v == 0x3002) {
      if (kuten < 0) kuten = k;
      if (!whole) {
        k++;
        break;
      }
    } else if ((v == 0x29 || v == 0xFF09) && kuten < 0 && k < max_len) {
      last_close = k;
    }
    k++;
    if (k >= limit) break;
  }
  *kuten_out = kuten;
  *last_close_out = last_close;
  return k;
}

static int64_t load_scalars_bytes(const uint8_t *p, int64_t n, uint32_t *out, int64_t limit, int32_t whole,
                                  int64_t max_len, int64_t *kuten, int64_t *last_close) {
  return load_scalars(p, n, out, limit, whole, max_len, kuten, last_close, 0);
}

#if defined(CICU_X86)
__attribute__((target("avx2"))) static int64_t load_scalars_avx2(const uint8_t *p, int64_t n, uint32_t *out,
                                                                 int64_t limit, int32_t whole, int64_t max_len,
                                                                 int64_t *kuten, int64_t *last_close) {
  return load_scalars(p, n, out, limit, whole, max_len, kuten, last_close, 1);
}
#endif

int64_t cicu_load_scalars(const uint8_t *p, int64_t n, uint32_t *out, int64_t limit, int32_t whole, int64_t max_len,
                          int64_t *kuten, int64_t *last_close) {
  return cicu_load_scalars_at_level(p, n, out, limit, whole, max_len, kuten, last_close, current_simd_level());
}

int64_t cicu_load_scalars_at_level(const uint8_t *p, int64_t n, uint32_t *out, int64_t limit, int32_t whole,
                                   int64_t max_len, int64_t *kuten, int64_t *last_close, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return load_scalars_avx2(p, n, out, limit, whole, max_len, kuten, last_close);
#endif
  return load_scalars_bytes(p, n, out, limit, whole, max_len, kuten, last_close);
}

// MARK: - normalize's width rule (norm10)

/// ``CharacterClasses.voiced``: the composition of a kana with U+3099, or 0.
static inline uint32_t width_voiced(uint32_t c) {
  switch (c) {
    case 0x3046: return 0x3094;
    case 0x304B: case 0x304D: case 0x304F: case 0x3051: case 0x3053: case 0x3055: case 0x3057: case 0x3059:
    case 0x305B: case 0x305D: case 0x305F: case 0x3061: case 0x3064: case 0x3066: case 0x3068: case 0x306F:
    case 0x3072: case 0x3075: case 0x3078: case 0x307B: case 0x309D: case 0x30AB: case 0x30AD: case 0x30AF:
    case 0x30B1: case 0x30B3: case 0x30B5: case 0x30B7: case 0x30B9: case 0x30BB: case 0x30BD: case 0x30BF:
    case 0x30C1: case 0x30C4: case 0x30C6: case 0x30C8: case 0x30CF: case 0x30D2: case 0x30D5: case 0x30D8:
    case 0x30DB: case 0x30FD:
      return c + 1;
    case 0x30A6: return 0x30F4;
    case 0x30EF: case 0x30F0: case 0x30F1: case 0x30F2: return c + 8;
    default: return 0;
  }
}

/// ``CharacterClasses.semiVoiced``: the composition of a kana with U+309A, or 0.
static inline uint32_t width_semi_voiced(uint32_t c) {
  switch (c) {
    case 0x306F: case 0x3072: case 0x3075: case 0x3078: case 0x307B: case 0x30CF: case 0x30D2: case 0x30D5:
    case 0x30D8: case 0x30DB:
      return c + 2;
    default: return 0;
  }
}

/// ``CharacterClasses.halfwidthToFullwidth``: U+FF61–FF9F as NFKC maps them.
static const uint16_t width_half_to_full[63] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5,
    0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
    0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC,
    0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4,
    0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A,
};

/// The first `k` in `[i, limit)` that `candidate` accepts (a rule's look-out for the bytes its
/// characters may begin with), or `limit`.
static inline __attribute__((always_inline)) int64_t rule_next_bytes(const uint8_t *p, int64_t i, int64_t limit,
                                                                     int64_t n,
                                                                     int (*candidate)(const uint8_t *, int64_t,
                                                                                      int64_t)) {
  for (; i < limit; i++) {
    if (candidate(p, i, n)) return i;
  }
  return limit;
}

#if defined(CICU_X86)
/// ``rule_next_bytes`` 32 bytes at a time while `reach` bytes remain before `n`: `lanes` marks
/// the candidates among the 32 bytes from where it is given (reading at most `reach` bytes);
/// then `bytes`, one at a time.
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) int64_t rule_next_avx2(
    const uint8_t *p, int64_t i, int64_t limit, int64_t n, int64_t reach, uint32_t (*lanes)(const uint8_t *),
    int64_t (*bytes)(const uint8_t *, int64_t, int64_t, int64_t)) {
  while (i < limit && i + reach <= n) {
    uint32_t m = lanes(p + i);
    if (m != 0) {
      int64_t k = i + __builtin_ctz(m);
      return k < limit ? k : limit;
    }
    i += 32;
  }
  return bytes(p, i, limit, n);
}
#endif

/// Whether the lead byte at `k` (two bytes after it before `n`) is one the width rule looks
/// at: `EF` (U+F000–FFFF, among them the full- and half-width forms) or `E3 82 9B`/`9C` (゛゜).
static inline int width_candidate(const uint8_t *p, int64_t k, int64_t n) {
  if (p[k] == 0xEF) return 1;
  return p[k] == 0xE3 && k + 2 < n && p[k + 1] == 0x82 && (p[k + 2] == 0x9B || p[k + 2] == 0x9C);
}

/// The first `k` in `[i, limit)` that ``width_candidate`` accepts, or `limit`. `EF` and `E3` are
/// never continuation bytes, so a byte search finds lead bytes only.
static int64_t width_next_bytes(const uint8_t *p, int64_t i, int64_t limit, int64_t n) {
  return rule_next_bytes(p, i, limit, n, width_candidate);
}

#if defined(CICU_X86)
/// The lanes of the 32 bytes from `q` (34 readable) that ``width_candidate`` accepts.
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) uint32_t width_lanes_avx2(
    const uint8_t *q) {
  __m256i v = _mm256_loadu_si256((const __m256i *)q);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  __m256i marks = _mm256_and_si256(
      _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE3)), _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x82))),
      _mm256_or_si256(_mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x9B)), _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x9C))));
  return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xEF)), marks));
}

__attribute__((target("avx2"))) static int64_t width_next_avx2(const uint8_t *p, int64_t i, int64_t limit,
                                                                int64_t n) {
  return rule_next_avx2(p, i, limit, n, 34, width_lanes_avx2, width_next_bytes);
}
#endif

/// The output and edits of ``cicu_unify_width`` and ``cicu_unify_long_vowels``, written as
/// ``Rewriter`` writes them.
typedef struct {
  const uint8_t *p;
  uint8_t *out;
  int64_t o;      // bytes written
  int64_t flush;  // input copied up to here
  cicu_nfkc_edit *edits;
  int64_t edit_capacity;
  int64_t edit_count;  // may exceed the capacity
  // The last edit, for the merge when it was not written.
  int64_t last_src_end;
  int64_t last_dst_end;
} rule_writer;

static inline void rule_copy(uint8_t *dst, const uint8_t *src, int64_t len);

static inline int64_t rule_begin(rule_writer *w, int64_t start) {
  if (start > w->flush) {
    rule_copy(w->out + w->o, w->p + w->flush, start - w->flush);
    w->o += start - w->flush;
  }
  return w->o;
}

static inline void rule_end(rule_writer *w, int64_t start, int64_t end, int64_t out_start) {
  w->flush = end;
  if (w->edits == NULL) return;
  if (w->edit_count > 0 && w->last_src_end == start && w->last_dst_end == out_start) {
    // Adjacent to the last edit: merged into it.
    if (w->edit_count <= w->edit_capacity) {
      w->edits[w->edit_count - 1].src_end = end;
      w->edits[w->edit_count - 1].dst_end = w->o;
    }
  } else {
    // Past the capacity the edits are counted, not written (the caller asks again with room).
    if (w->edit_count < w->edit_capacity) w->edits[w->edit_count] = (cicu_nfkc_edit){start, end, out_start, w->o};
    w->edit_count += 1;
  }
  w->last_src_end = end;
  w->last_dst_end = w->o;
}

static inline void rule_put3(rule_writer *w, uint32_t c) {
  w->out[w->o] = (uint8_t)(0xE0 | c >> 12);
  w->out[w->o + 1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
  w->out[w->o + 2] = (uint8_t)(0x80 | (c & 0x3F));
  w->o += 3;
}

static inline void rule_replace(rule_writer *w, int64_t start, int64_t end, uint32_t c) {
  int64_t out_start = rule_begin(w, start);
  rule_put3(w, c);
  rule_end(w, start, end, out_start);
}

/// The end of a rule's loop: -1 when nothing `changed`; -2 when more edits were found than
/// fit (their number in `*edit_count`); otherwise the rest of the line is copied and the
/// output's length returned, the number of edits in `*edit_count`.
static inline int64_t rule_finish(rule_writer *w, int changed, int64_t n, int64_t *edit_count) {
  if (!changed) return -1;
  if (edit_count != NULL) *edit_count = w->edit_count;
  if (w->edit_count > w->edit_capacity) return -2;
  if (w->flush < n) {
    rule_copy(w->out + w->o, w->p + w->flush, n - w->flush);
    w->o += n - w->flush;
  }
  return w->o;
}

/// The scalar that ends right before `i` (> 0) and where it starts (``scalarBefore``).
static inline uint32_t rule_scalar_before(const uint8_t *p, int64_t i, int64_t *start) {
  int64_t s = i - 1;
  while (s > 0 && (p[s] & 0xC0) == 0x80) s--;
  *start = s;
  uint32_t b0 = p[s];
  if (b0 < 0x80) return b0;
  if (b0 < 0xE0) return (b0 & 0x1F) << 6 | (p[s + 1] & 0x3F);
  if (b0 < 0xF0) return (b0 & 0x0F) << 12 | (uint32_t)(p[s + 1] & 0x3F) << 6 | (p[s + 2] & 0x3F);
  return (b0 & 0x07) << 18 | (uint32_t)(p[s + 1] & 0x3F) << 12 | (uint32_t)(p[s + 2] & 0x3F) << 6 | (p[s + 3] & 0x3F);
}

static inline int width_is_full_width_ascii(const uint8_t *p, int64_t i) {
  return p[i] == 0xEF && (p[i + 1] == 0xBC ? p[i + 2] >= 0x81 : (p[i + 1] == 0xBD && p[i + 2] <= 0x9E));
}

static inline int width_is_half_width_kana(const uint8_t *p, int64_t i) {
  return p[i] == 0xEF && (p[i + 1] == 0xBD ? p[i + 2] >= 0xA1 : (p[i + 1] == 0xBE && p[i + 2] <= 0x9D));
}

/// The rules of this block, for ``rule_next`` and ``run_rule``.
enum { RULE_WIDTH, RULE_LONG_VOWEL };

static int64_t long_vowel_next_bytes(const uint8_t *p, int64_t i, int64_t limit, int64_t n);
#if defined(CICU_X86)
static int64_t long_vowel_next_avx2(const uint8_t *p, int64_t i, int64_t limit, int64_t n);
#endif

/// Where `rule`'s loop goes next from `i`: the first candidate before `limit`, or `limit`.
static inline __attribute__((always_inline)) int64_t rule_next(int rule, const uint8_t *p, int64_t i, int64_t limit,
                                                               int64_t n, int avx2) {
#if defined(CICU_X86)
  if (avx2) return rule == RULE_WIDTH ? width_next_avx2(p, i, limit, n) : long_vowel_next_avx2(p, i, limit, n);
#else
  (void)avx2;
#endif
  return rule == RULE_WIDTH ? width_next_bytes(p, i, limit, n) : long_vowel_next_bytes(p, i, limit, n);
}

static inline __attribute__((always_inline)) int64_t unify_width(const uint8_t *p, int64_t n, int64_t start,
                                                                 int64_t end, uint8_t *out, cicu_nfkc_edit *edits,
                                                                 int64_t edit_capacity, int64_t *edit_count,
                                                                 int avx2) {
  rule_writer w = {p, out, 0, 0, edits, edit_capacity, 0, 0, 0};
  int changed = 0;
  int64_t limit = end < n ? end : n;
  int64_t i = start;
  while (i < limit) {
    int64_t k = rule_next(RULE_WIDTH, p, i, limit, n, avx2);
    if (k >= limit) break;
    if (p[k] == 0xE3) {
      // A spacing voiced mark after a kana that has a voiced form: か゛ → が.
      if (k > 0) {
        int64_t s;
        uint32_t prev = rule_scalar_before(p, k, &s);
        uint32_t joined = p[k + 2] == 0x9B ? width_voiced(prev) : width_semi_voiced(prev);
        if (s >= w.flush && joined != 0) {
          rule_replace(&w, s, k + 3, joined);
          changed = 1;
        }
      }
      i = k + 3;
      continue;
    }
    if (k + 2 >= n) {
      i = k + 1;
      continue;
    }
    uint32_t c = 0xF000 | (uint32_t)(p[k + 1] & 0x3F) << 6 | (p[k + 2] & 0x3F);
    int64_t next = k + 3;
    if (c >= 0xFF01 && c <= 0xFF5E) {
      // A run of full-width ASCII.
      int64_t out_start = rule_begin(&w, k);
      int64_t j = k;
      do {
        out[w.o++] = p[j + 1] == 0xBC ? (uint8_t)(p[j + 2] - 0x60) : (uint8_t)(p[j + 2] - 0x20);
        j += 3;
      } while (j < limit && j + 2 < n && width_is_full_width_ascii(p, j));
      rule_end(&w, k, j, out_start);
      changed = 1;
      i = j;
    } else if (c >= 0xFF61 && c <= 0xFF9D) {
      // A run of half-width katakana, each joined with the mark after it.
      int64_t out_start = rule_begin(&w, k);
      int64_t j = k;
      do {
        int idx = p[j + 1] == 0xBD ? (int)p[j + 2] - 0xA1 : (int)p[j + 2] - 0x80 + 0x1F;
        uint32_t scalar = width_half_to_full[idx];
        int64_t e = j + 3;
        // A mark that may join: EF BE 9E/9F (ﾞﾟ) or E3 82 99–9C; the next half-width kana
        // (EF BE 80–9D, a second byte shared with the marks) is told apart by its last byte
        // alone, with no code point made of it.
        if (e + 2 < n && (p[e + 1] == 0xBE ? p[e] == 0xEF && (p[e + 2] & 0xFE) == 0x9E
                                           : p[e + 1] == 0x82 && p[e] == 0xE3 && (uint8_t)(p[e + 2] - 0x99) < 4)) {
          uint8_t last = p[e + 2];
          uint32_t joined = last == 0x9E || last == 0x99 || last == 0x9B ? width_voiced(scalar) : width_semi_voiced(scalar);
          if (joined != 0) {
            scalar = joined;
            e += 3;
          }
        }
        rule_put3(&w, scalar);
        j = e;
      } while (j < limit && j + 2 < n && width_is_half_width_kana(p, j));
      rule_end(&w, k, j, out_start);
      changed = 1;
      i = j;
    } else if (c == 0xFF9E || c == 0xFF9F) {
      // A mark no half-width kana consumed: it may follow a full-width kana (カﾞ → ガ).
      uint32_t joined = 0;
      int64_t s = 0;
      if (k > 0) {
        uint32_t prev = rule_scalar_before(p, k, &s);
        if (s >= w.flush) joined = c == 0xFF9E ? width_voiced(prev) : width_semi_voiced(prev);
      }
      if (joined != 0) {
        rule_replace(&w, s, next, joined);
      } else {
        rule_replace(&w, k, next, c == 0xFF9E ? 0x3099 : 0x309A);
      }
      changed = 1;
      i = next;
    } else {
      i = next;
    }
  }
  return rule_finish(&w, changed, n, edit_count);
}

// MARK: - normalize's long-vowel rule (norm10)

/// ``decodeScalar``: the scalar at `i` (valid UTF-8) and its length.
static inline uint32_t rule_decode(const uint8_t *p, int64_t i, int *length) {
  uint32_t b0 = p[i];
  if (b0 < 0x80) { *length = 1; return b0; }
  if (b0 < 0xE0) { *length = 2; return (b0 & 0x1F) << 6 | (p[i + 1] & 0x3F); }
  if (b0 < 0xF0) {
    *length = 3;
    return (b0 & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
  }
  *length = 4;
  return (b0 & 0x07) << 18 | (uint32_t)(p[i + 1] & 0x3F) << 12 | (uint32_t)(p[i + 2] & 0x3F) << 6 | (p[i + 3] & 0x3F);
}

/// ``CharacterClasses.isLongVowelMark``: `﹣ － ｰ — ― ─ ━ ー`.
static inline int long_vowel_is_mark(uint32_t c) {
  switch (c) {
    case 0xFE63: case 0xFF0D: case 0xFF70: case 0x2014: case 0x2015: case 0x2500: case 0x2501: case 0x30FC: return 1;
    default: return 0;
  }
}

/// ``CharacterClasses.isHyphen``.
static inline int long_vowel_is_hyphen(uint32_t c) {
  switch (c) {
    case 0x02D7: case 0x058A: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2043: case 0x207B:
    case 0x208B: case 0x2212:
      return 1;
    default: return 0;
  }
}

/// ``CharacterClasses.isKatakana``.
static inline int long_vowel_is_katakana(uint32_t c) {
  return (c >= 0x3099 && c <= 0x309C) || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FD && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF6F) || (c >= 0xFF71 && c <= 0xFF9F);
}

/// ``CharacterClasses.isKana``.
static inline int long_vowel_is_kana(uint32_t c) {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x3099 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FA) ||
         (c >= 0x30FD && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF6F) ||
         (c >= 0xFF71 && c <= 0xFF9F);
}

/// ``UnifyLongVowels.mark``: the length of the mark at `i` (0 if none); `*is_explicit` when it
/// is `ー` or `ｰ`.
static inline int long_vowel_mark(const uint8_t *p, int64_t i, int64_t n, int *is_explicit) {
  uint8_t b = p[i];
  *is_explicit = 0;
  if (!(b == 0xE2 || b == 0xE3 || b == 0xEF) || i + 2 >= n) return 0;
  uint32_t c = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
  if (!long_vowel_is_mark(c)) return 0;
  *is_explicit = c == 0x30FC || c == 0xFF70;
  return 3;
}

/// Whether a run of marks may begin at `k` (two bytes after it before `n`): a lead byte `E2` or
/// `EF` (the marks other than `ー`), or a `ー` followed by a lead byte `E2`, `E3` or `EF` (a `ー`
/// followed by anything else is a run of one `ー`, which the rule never changes).
static inline int long_vowel_candidate(const uint8_t *p, int64_t k, int64_t n) {
  uint8_t b = p[k];
  if (b == 0xE2 || b == 0xEF) return 1;
  if (b != 0xE3 || k + 3 >= n || p[k + 1] != 0x83 || p[k + 2] != 0xBC) return 0;
  uint8_t after = p[k + 3];
  return after == 0xE2 || after == 0xE3 || after == 0xEF;
}

static int64_t long_vowel_next_bytes(const uint8_t *p, int64_t i, int64_t limit, int64_t n) {
  return rule_next_bytes(p, i, limit, n, long_vowel_candidate);
}

#if defined(CICU_X86)
/// The lanes of the 32 bytes from `q` (35 readable) that ``long_vowel_candidate`` accepts.
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) uint32_t long_vowel_lanes_avx2(
    const uint8_t *q) {
  const __m256i e2 = _mm256_set1_epi8((char)0xE2), e3 = _mm256_set1_epi8((char)0xE3);
  const __m256i ef = _mm256_set1_epi8((char)0xEF);
  __m256i v = _mm256_loadu_si256((const __m256i *)q);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  __m256i v3 = _mm256_loadu_si256((const __m256i *)(q + 3));
  // A lead byte E2 or EF whose third byte is one of the marks' (80 81 94 95 of `─━—―`, 8D A3 B0
  // of `－﹣ｰ`): bit k of the look-up on its high nibble (8, 9, A, B) meets the low nibbles that
  // row allows. The lead byte alone stopped at every full-width form and `…※“”` (callgrind, 4 MB
  // corpus: 7,848 of the 9,989 candidates were no mark, ~45 instructions each).
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i high_bits = U8X32(0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 0, 0, 0, 0);
  const __m256i low_bits = U8X32(9, 1, 0, 4, 2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
  __m256i third = _mm256_and_si256(_mm256_shuffle_epi8(high_bits, _mm256_and_si256(_mm256_srli_epi16(v2, 4), nibble)),
                                   _mm256_shuffle_epi8(low_bits, _mm256_and_si256(v2, nibble)));
  __m256i lead = _mm256_andnot_si256(_mm256_cmpeq_epi8(third, _mm256_setzero_si256()),
                                     _mm256_or_si256(_mm256_cmpeq_epi8(v, e2), _mm256_cmpeq_epi8(v, ef)));
  __m256i after = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v3, e2), _mm256_cmpeq_epi8(v3, e3)),
                                  _mm256_cmpeq_epi8(v3, ef));
  __m256i bar = _mm256_and_si256(
      _mm256_and_si256(_mm256_cmpeq_epi8(v, e3), _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x83))),
      _mm256_and_si256(_mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0xBC)), after));
  return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(lead, bar));
}

__attribute__((target("avx2"))) static int64_t long_vowel_next_avx2(const uint8_t *p, int64_t i, int64_t limit,
                                                                     int64_t n) {
  return rule_next_avx2(p, i, limit, n, 35, long_vowel_lanes_avx2, long_vowel_next_bytes);
}
#endif

static inline __attribute__((always_inline)) int64_t unify_long_vowels(const uint8_t *p, int64_t n, int64_t start,
                                                                       int64_t end, int32_t all, uint8_t *out,
                                                                       cicu_nfkc_edit *edits, int64_t edit_capacity,
                                                                       int64_t *edit_count, int avx2) {
  rule_writer w = {p, out, 0, 0, edits, edit_capacity, 0, 0, 0};
  int changed = 0;
  // Start at the beginning of the run that holds the first trigger.
  int64_t i = start;
  while (i > 0) {
    int64_t s;
    uint32_t c = rule_scalar_before(p, i, &s);
    if (!long_vowel_is_mark(c)) break;
    i = s;
  }
  int64_t limit = end < n ? end : n;
  while (i < limit) {
    int64_t k = rule_next(RULE_LONG_VOWEL, p, i, limit, n, avx2);
    if (k >= limit) break;
    int is_explicit;
    int length = long_vowel_mark(p, k, n, &is_explicit);
    if (length == 0) {
      i = k + 1;
      continue;
    }
    // A maximal run of marks.
    int64_t j = k + length;
    int64_t run_length = 1;
    int has_explicit = is_explicit;
    while (j < n) {
      int e;
      int l = long_vowel_mark(p, j, n, &e);
      if (l == 0) break;
      has_explicit = has_explicit || e;
      run_length += 1;
      j += l;
    }
    int unify;
    if (all) {
      unify = 1;
    } else {
      int64_t s;
      uint32_t prev = k > 0 ? rule_scalar_before(p, k, &s) : 0;
      int length_after;
      uint32_t next = j < n ? rule_decode(p, j, &length_after) : 0;
      int isolated = run_length == 1 && next != 0x2D && !long_vowel_is_hyphen(next);
      unify = (has_explicit && long_vowel_is_kana(prev)) || (isolated && long_vowel_is_katakana(prev));
    }
    if (unify && !(run_length == 1 && p[k] == 0xE3)) {
      rule_replace(&w, k, j, 0x30FC);
      changed = 1;
    }
    i = j;
  }
  return rule_finish(&w, changed, n, edit_count);
}

/// Runs `rule`'s loop (`mode`: the long-vowel rule's `all`), with the AVX2 search or the bytes.
static inline __attribute__((always_inline)) int64_t run_rule(int rule, const uint8_t *p, int64_t n, int64_t start,
                                                              int64_t end, int32_t mode, uint8_t *out,
                                                              cicu_nfkc_edit *edits, int64_t edit_capacity,
                                                              int64_t *edit_count, int avx2) {
  if (rule == RULE_WIDTH) return unify_width(p, n, start, end, out, edits, edit_capacity, edit_count, avx2);
  return unify_long_vowels(p, n, start, end, mode, out, edits, edit_capacity, edit_count, avx2);
}

#if defined(CICU_X86)
__attribute__((target("avx2"))) static int64_t run_rule_avx2(int rule, const uint8_t *p, int64_t n, int64_t start,
                                                              int64_t end, int32_t mode, uint8_t *out,
                                                              cicu_nfkc_edit *edits, int64_t edit_capacity,
                                                              int64_t *edit_count) {
  return run_rule(rule, p, n, start, end, mode, out, edits, edit_capacity, edit_count, 1);
}
#endif

static int64_t run_rule_bytes(int rule, const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t mode,
                              uint8_t *out, cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count) {
  return run_rule(rule, p, n, start, end, mode, out, edits, edit_capacity, edit_count, 0);
}

/// `rule`'s loop with the search of `level` at most (2: AVX2; below: bytes); -1 for the
/// processor's own (the AVX2 test first, as elsewhere here). Inlined into the entry points: a
/// call of its own, with its ten arguments, cost 34 instructions a line (callgrind).
static inline __attribute__((always_inline)) int64_t run_rule_at_level(int rule, const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t mode,
                                 uint8_t *out, cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count,
                                 int32_t level) {
#if defined(CICU_X86)
  if (level < 0 && __builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) {
    return run_rule_avx2(rule, p, n, start, end, mode, out, edits, edit_capacity, edit_count);
  }
#endif
  if (level < 0 || level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return run_rule_avx2(rule, p, n, start, end, mode, out, edits, edit_capacity, edit_count);
#endif
  return run_rule_bytes(rule, p, n, start, end, mode, out, edits, edit_capacity, edit_count);
}

int64_t cicu_unify_width(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                         cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count) {
  return run_rule_at_level(RULE_WIDTH, p, n, start, end, 0, out, edits, edit_capacity, edit_count, -1);
}

int64_t cicu_unify_width_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                  cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count, int32_t level) {
  return run_rule_at_level(RULE_WIDTH, p, n, start, end, 0, out, edits, edit_capacity, edit_count,
                           level < 0 ? 0 : level);
}

int64_t cicu_unify_long_vowels(const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t all, uint8_t *out,
                               cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count) {
  return run_rule_at_level(RULE_LONG_VOWEL, p, n, start, end, all, out, edits, edit_capacity, edit_count, -1);
}

int64_t cicu_unify_long_vowels_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, int32_t all,
                                        uint8_t *out, cicu_nfkc_edit *edits, int64_t edit_capacity,
                                        int64_t *edit_count, int32_t level) {
  return run_rule_at_level(RULE_LONG_VOWEL, p, n, start, end, all, out, edits, edit_capacity, edit_count,
                           level < 0 ? 0 : level);
}

// MARK: - Heading line marks (capt12)

/// A hit of ``cicu_line_marks`` at the byte `p[k]`: `[` starts there, or `p[k]` ends `［` (EF BC BB),
/// `【` (E3 80 90) or `†` (E2 80 A0); the first of each kind is kept in `*bracket`, `*dagger`.
static inline void line_mark_at(const uint8_t *p, int64_t k, int64_t *bracket, int64_t *dagger) {
  uint8_t b = p[k];
  if (b == 0x5B) {
    if (*bracket < 0) *bracket = k;
    return;
  }
  if (k < 2) return;
  if (b == 0xBB) {
    if (*bracket < 0 && p[k - 1] == 0xBC && p[k - 2] == 0xEF) *bracket = k - 2;
  } else if (b == 0x90) {
    if (*bracket < 0 && p[k - 1] == 0x80 && p[k - 2] == 0xE3) *bracket = k - 2;
  } else if (b == 0xA0) {
    if (*dagger < 0 && p[k - 1] == 0x80 && p[k - 2] == 0xE2) *dagger = k - 2;
  }
}

/// ``cicu_line_marks`` one byte at a time over the positions `i..<n`.
static inline void line_marks_bytes(const uint8_t *p, int64_t i, int64_t n, int64_t *bracket, int64_t *dagger) {
  for (; i < n && (*bracket < 0 || *dagger < 0); i++) {
    uint8_t b = p[i];
    if (b == 0x5B || b == 0xBB || b == 0x90 || b == 0xA0) line_mark_at(p, i, bracket, dagger);
  }
}

#if defined(CICU_X86)
/// The lanes of the 32 positions at `q` (its byte before readable) where a mark may end: `[`,
/// or `BB` after `BC`, or `90` or `A0` after `80` (the lead byte is checked at the hit).
__attribute__((target("avx2"))) static inline __m256i line_mark_hits(const uint8_t *q) {
  __m256i a = _mm256_loadu_si256((const __m256i *)q);
  __m256i b = _mm256_loadu_si256((const __m256i *)(q - 1));
  __m256i open = _mm256_cmpeq_epi8(a, _mm256_set1_epi8(0x5B));
  __m256i wide = _mm256_and_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)0xBB)), _mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0xBC)));
  __m256i e380 = _mm256_and_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)0x90)), _mm256_cmpeq_epi8(a, _mm256_set1_epi8((char)0xA0))),
      _mm256_cmpeq_epi8(b, _mm256_set1_epi8((char)0x80)));
  return _mm256_or_si256(open, _mm256_or_si256(wide, e380));
}

/// 64 positions a turn (one test for the two vectors), then 32, then one vector ending at `n`
/// with the lanes already done masked off; position 0 (no byte before it to load) alone first.
__attribute__((target("avx2,bmi"))) static void line_marks_avx2(const uint8_t *p, int64_t n, int64_t *bracket,
                                                                 int64_t *dagger) {
  if (n < 33) {
    line_marks_bytes(p, 0, n, bracket, dagger);
    return;
  }
  if (p[0] == 0x5B) *bracket = 0;
  int64_t i = 1;
  for (; i + 64 <= n; i += 64) {
    __m256i ha = line_mark_hits(p + i), hb = line_mark_hits(p + i + 32);
    __m256i any = _mm256_or_si256(ha, hb);
    if (_mm256_testz_si256(any, any)) continue;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(ha) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hb) << 32);
    for (; m != 0; m &= m - 1) {
      line_mark_at(p, i + __builtin_ctzll(m), bracket, dagger);
      if (*bracket >= 0 && *dagger >= 0) return;
    }
  }
  while (i < n) {
    int64_t at = i;
    uint32_t keep = 0xFFFFFFFFu;
    if (i + 32 > n) {
      at = n - 32;  // at least 1: n >= 33
      keep <<= (i - at);
    }
    for (uint32_t m = (uint32_t)_mm256_movemask_epi8(line_mark_hits(p + at)) & keep; m != 0; m &= m - 1) {
      line_mark_at(p, at + __builtin_ctz(m), bracket, dagger);
      if (*bracket >= 0 && *dagger >= 0) return;
    }
    i = at + 32;
  }
}
#endif

void cicu_line_marks(const uint8_t *p, int64_t n, int64_t *bracket, int64_t *dagger) {
  cicu_line_marks_at_level(p, n, bracket, dagger, -1);
}

void cicu_line_marks_at_level(const uint8_t *p, int64_t n, int64_t *bracket, int64_t *dagger, int32_t level) {
  *bracket = -1;
  *dagger = -1;
#if defined(CICU_X86)
  if (level < 0 && __builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) {
    line_marks_avx2(p, n, bracket, dagger);
    return;
  }
#endif
  if (level < 0 || level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) {
    line_marks_avx2(p, n, bracket, dagger);
    return;
  }
#endif
  line_marks_bytes(p, 0, n, bracket, dagger);
}

// MARK: - The lead parser's marks (detect-boundaries)

/// Whether a lead mark starts at `p + i` (of `n`): `(` (28), `（` (EF BC 88), `、` (E3 80 81) or
/// `。` (E3 80 82), and with `quotes` also `「` (E3 80 8C) or `『` (E3 80 8E). A three-byte mark
/// must end before `n`.
static inline int lead_mark_at(const uint8_t *p, int64_t i, int64_t n, int32_t quotes) {
  uint8_t b = p[i];
  if (b == 0x28) return 1;
  if (i + 2 >= n) return 0;
  if (b == 0xE3 && p[i + 1] == 0x80) {
    uint8_t c = p[i + 2];
    return c == 0x81 || c == 0x82 || (quotes && (c == 0x8C || c == 0x8E));
  }
  return b == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x88;
}

/// ``cicu_first_lead_mark`` one byte at a time from `i`.
static int64_t first_lead_mark_bytes(const uint8_t *p, int64_t n, int64_t i, int64_t end, int32_t quotes) {
  for (; i < end; i++) {
    if (lead_mark_at(p, i, n, quotes)) return i;
  }
  return -1;
}

#if defined(CICU_X86)
/// The lanes of the 32 positions at `q` where a lead mark starts (the bytes at them and the two
/// after them, three loads: `q[0..<34]` must be readable).
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) uint32_t lead_marks_avx2(const uint8_t *q, int32_t quotes) {
  __m256i v0 = _mm256_loadu_si256((const __m256i *)q);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  __m256i third = _mm256_or_si256(_mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x81)),
                                  _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x82)));
  if (quotes) {
    third = _mm256_or_si256(third, _mm256_or_si256(_mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x8C)),
                                                   _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x8E))));
  }
  __m256i punctuation = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xE3)),
                                                          _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x80))),
                                         third);
  __m256i fullWidth = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xEF)),
                                                        _mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0xBC))),
                                       _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x88)));
  __m256i marks = _mm256_or_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8(0x28)), _mm256_or_si256(punctuation, fullWidth));
  return (uint32_t)_mm256_movemask_epi8(marks);
}

/// The positions from `i` (before `end`) of a text with fewer than 34 bytes from `i`, for
/// ``first_lead_mark_avx2``: for a text of 34 bytes or more, the last 34 bytes' vector with the
/// lanes before `i` masked off (its lanes reach the third byte from the end), for a shorter one
/// the bytes copied into a buffer padded with zeros (no mark's byte: a mark that would run past
/// `n` is none there, as in the byte test); and the last two positions, where only `(` fits,
/// when no lane had one. Out of line: the loop's function saves no register for it.
__attribute__((target("avx2"), noinline)) static int64_t first_lead_mark_rest_avx2(const uint8_t *p, int64_t n, int64_t i,
                                                                                     int64_t end, int32_t quotes) {
  int64_t k = -1;
  if (n >= 34) {
    int64_t at = n - 34, skip = i - at;
    uint32_t m = skip < 32 ? lead_marks_avx2(p + at, quotes) & (0xFFFFFFFFu << skip) : 0;
    if (m != 0) k = at + __builtin_ctz(m);
  } else {
    uint8_t buf[64] = {0};
    __builtin_memcpy(buf, p + i, (size_t)(n - i));
    uint32_t m = lead_marks_avx2(buf, quotes);
    if (m != 0) k = i + __builtin_ctz(m);
  }
  if (k < 0) {
    for (int64_t j = n - 2 > i ? n - 2 : i; j < n; j++) {
      if (p[j] == 0x28) {
        k = j;
        break;
      }
    }
  }
  return k >= 0 && k < end ? k : -1;
}

/// 32 positions at a time while 34 bytes remain, then ``first_lead_mark_rest_avx2``. Inlined
/// into one function for each `quotes` (a constant there: no test of it in the loop).
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) int64_t first_lead_mark_loop_avx2(
    const uint8_t *p, int64_t n, int64_t i, int64_t end, int32_t quotes) {
  for (; i < end && i + 34 <= n; i += 32) {
    uint32_t m = lead_marks_avx2(p + i, quotes);
    if (m != 0) {
      int64_t k = i + __builtin_ctz(m);
      return k < end ? k : -1;
    }
  }
  if (i >= end) return -1;
  return first_lead_mark_rest_avx2(p, n, i, end, quotes);
}

__attribute__((target("avx2"))) static int64_t first_lead_mark_avx2(const uint8_t *p, int64_t n, int64_t i, int64_t end) {
  return first_lead_mark_loop_avx2(p, n, i, end, 0);
}

__attribute__((target("avx2"))) static int64_t first_lead_mark_quotes_avx2(const uint8_t *p, int64_t n, int64_t i, int64_t end) {
  return first_lead_mark_loop_avx2(p, n, i, end, 1);
}

/// 16 positions at a time while 18 bytes remain, then the bytes.
static int64_t first_lead_mark_sse2(const uint8_t *p, int64_t n, int64_t i, int64_t end, int32_t quotes) {
  for (; i < end && i + 18 <= n; i += 16) {
    __m128i v0 = _mm_loadu_si128((const __m128i *)(p + i));
    __m128i v1 = _mm_loadu_si128((const __m128i *)(p + i + 1));
    __m128i v2 = _mm_loadu_si128((const __m128i *)(p + i + 2));
    __m128i third = _mm_or_si128(_mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x81)), _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x82)));
    if (quotes) {
      third = _mm_or_si128(third, _mm_or_si128(_mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x8C)),
                                               _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x8E))));
    }
    __m128i punctuation = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xE3)),
                                                      _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0x80))),
                                        third);
    __m128i fullWidth = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xEF)),
                                                    _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)0xBC))),
                                      _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0x88)));
    __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8(0x28)), _mm_or_si128(punctuation, fullWidth));
    uint32_t m = (uint32_t)_mm_movemask_epi8(marks);
    if (m != 0) {
      int64_t k = i + __builtin_ctz(m);
      return k < end ? k : -1;
    }
  }
  return first_lead_mark_bytes(p, n, i, end, quotes);
}
#endif

int64_t cicu_first_lead_mark(const uint8_t *p, int64_t n, int64_t from, int64_t end, int32_t quotes) {
  if (end > n) end = n;
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) {
    return quotes ? first_lead_mark_quotes_avx2(p, n, from, end) : first_lead_mark_avx2(p, n, from, end);
  }
#endif
  return cicu_first_lead_mark_at_level(p, n, from, end, quotes, current_simd_level());
}

int64_t cicu_first_lead_mark_at_level(const uint8_t *p, int64_t n, int64_t from, int64_t end, int32_t quotes,
                                      int32_t level) {
  if (end > n) end = n;
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return quotes ? first_lead_mark_quotes_avx2(p, n, from, end) : first_lead_mark_avx2(p, n, from, end);
  if (level >= 1) return first_lead_mark_sse2(p, n, from, end, quotes);
#endif
  return first_lead_mark_bytes(p, n, from, end, quotes);
}

/// ``cicu_scalar_count`` a word of eight bytes at a time (the last word overlapping the one
/// before, its lanes counted already masked off), the bytes of a text shorter than eight one
/// by one; the lanes summed with a multiply (no `popcnt` here).
static int64_t scalar_count_words(const uint8_t *p, int64_t n) {
  int64_t continuations = 0, i = 0;
  if (n < 8) {
    for (; i < n; i++) continuations += (p[i] & 0xC0) == 0x80;
    return n - continuations;
  }
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, p + i, 8);
    continuations += (int64_t)((((w & ~(w << 1) & 0x8080808080808080ull) >> 7) * 0x0101010101010101ull) >> 56);
  }
  if (i < n) {
    uint64_t w;
    __builtin_memcpy(&w, p + n - 8, 8);
    uint64_t lanes = ((w & ~(w << 1) & 0x8080808080808080ull) >> 7) & (~0ull << (8 * (i - (n - 8))));
    continuations += (int64_t)((lanes * 0x0101010101010101ull) >> 56);
  }
  return n - continuations;
}

#if defined(CICU_X86)
/// 32 bytes at a time: a continuation byte (80–BF) is below C0 read as a signed byte; the
/// lanes counted with `popcnt` (every AVX2 processor has it). The last 1 to 31 bytes in the
/// vector of the last 32, the lanes counted already masked off; a text shorter than 32 in words.
__attribute__((target("avx2,popcnt"))) static int64_t scalar_count_avx2(const uint8_t *p, int64_t n) {
  if (n < 32) return scalar_count_words(p, n);
  const __m256i c0 = _mm256_set1_epi8((char)0xC0);
  int64_t continuations = 0, i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
    continuations += __builtin_popcount((uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, v)));
  }
  if (i < n) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + n - 32));
    uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, v)) & (0xFFFFFFFFu << (i - (n - 32)));
    continuations += __builtin_popcount(m);
  }
  return n - continuations;
}
#endif

int64_t cicu_scalar_count(const uint8_t *p, int64_t n) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return scalar_count_avx2(p, n);
#endif
  return cicu_scalar_count_at_level(p, n, current_simd_level());
}

int64_t cicu_scalar_count_at_level(const uint8_t *p, int64_t n, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return scalar_count_avx2(p, n);
#endif
  if (level >= 1) return scalar_count_words(p, n);
  int64_t continuations = 0;
  for (int64_t i = 0; i < n; i++) continuations += (p[i] & 0xC0) == 0x80;
  return n - continuations;
}

// MARK: - flow12: the JSON writer's search for the next byte to escape, copying as it goes; unwrap-wiki-source's
// scan for the marks that open inline markup

/// Copies `len` bytes (fewer than 32) from `p` to `out` with loads and stores that stay inside
/// both: two overlapping words of the largest size that fits (16, 8 or 4 bytes), or bytes.
typedef struct { uint8_t b[16]; } json_word16;
#define JSON_COPY_TWO(T)                      \
  do {                                        \
    T a, z;                                   \
    memcpy(&a, p, sizeof a);                  \
    memcpy(&z, p + len - sizeof z, sizeof z); \
    memcpy(out, &a, sizeof a);                \
    memcpy(out + len - sizeof z, &z, sizeof z); \
  } while (0)
static inline void json_copy_short(uint8_t *out, const uint8_t *p, int64_t len) {
  if (len >= 16) {
    JSON_COPY_TWO(json_word16);
  } else if (len >= 8) {
    JSON_COPY_TWO(uint64_t);
  } else if (len >= 4) {
    JSON_COPY_TWO(uint32_t);
  } else {
    for (int64_t k = 0; k < len; k++) out[k] = p[k];
  }
}
#undef JSON_COPY_TWO

/// ``cicu_json_escape_copy`` one byte at a time.
static int64_t json_escape_copy_bytes(const uint8_t *p, int64_t i, int64_t n, uint8_t *out) {
  int64_t k = json_escape_find_bytes(p, i, n);
  memcpy(out, p + i, (size_t)(k - i));
  return k;
}

#if defined(CICU_X86)
/// The AVX2 search (64 bytes a step, then 32), each vector stored to `out` as it is tested: a
/// vector that holds the byte to escape is stored whole, and the bytes after that byte are
/// written over later (they stay inside `out + (n - from)`: a step reads only below `n`). The
/// last bytes: the vector that ends at `n`, stored over bytes this call copied already (the
/// same bytes), when the call was given 32 bytes or more; else the search and a short copy.
__attribute__((target("avx2"))) static int64_t json_escape_copy_avx2(const uint8_t *p, int64_t i, int64_t n, uint8_t *out) {
  const int64_t from = i;
  for (; i + 64 <= n; i += 64) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
    __m256i w = _mm256_loadu_si256((const __m256i *)(p + i + 32));
    _mm256_storeu_si256((__m256i *)(out + (i - from)), v);
    _mm256_storeu_si256((__m256i *)(out + (i - from) + 32), w);
    uint64_t m = json_escape_lanes64_avx2(v, w);
    if (m != 0) return i + __builtin_ctzll(m);
  }
  if (i + 32 <= n) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
    _mm256_storeu_si256((__m256i *)(out + (i - from)), v);
    uint32_t m = json_escape_lanes_avx2(v);
    if (m != 0) return i + __builtin_ctz(m);
    i += 32;
  }
  if (i >= n) return n;
  if (n - 32 >= from) {
    // 1 to 31 lanes of the last vector were copied and tested already.
    int64_t at = n - 32;
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + at));
    _mm256_storeu_si256((__m256i *)(out + (at - from)), v);
    uint32_t m = json_escape_lanes_avx2(v) & (0xFFFFFFFFu << (i - at));
    return m != 0 ? at + __builtin_ctz(m) : n;
  }
  int64_t k = json_escape_find_avx2(p, i, n);
  json_copy_short(out + (i - from), p + i, k - i);
  return k;
}
#endif

int64_t cicu_json_escape_copy(const uint8_t *p, int64_t from, int64_t n, uint8_t *out) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return json_escape_copy_avx2(p, from, n, out);
#endif
  return cicu_json_escape_copy_at_level(p, from, n, out, current_simd_level());
}

int64_t cicu_json_escape_copy_at_level(const uint8_t *p, int64_t from, int64_t n, uint8_t *out, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return json_escape_copy_avx2(p, from, n, out);
#endif
  if (level >= 1) {
    int64_t k = cicu_json_escape_find_at_level(p, from, n, level);
    memcpy(out, p + from, (size_t)(k - from));
    return k;
  }
  return json_escape_copy_bytes(p, from, n, out);
}

/// Whether `p[k]` opens a mark ``cicu_wiki_source_mark`` looks for: `&` and an ASCII letter, or `[[`.
static inline int wiki_source_mark_at(const uint8_t *p, int64_t k, int64_t n) {
  if (k + 1 >= n) return 0;
  uint8_t next = p[k + 1];
  if (p[k] == '&') return (uint8_t)((next | 0x20) - 'a') < 26;
  return p[k] == '[' && next == '[';
}

static int32_t wiki_source_mark_bytes(const uint8_t *p, int64_t i, int64_t n) {
  for (; i + 1 < n; i++)
    if ((p[i] == '&' || p[i] == '[') && wiki_source_mark_at(p, i, n)) return 1;
  return 0;
}

#if defined(CICU_X86)
/// The lanes of `v` that hold `&` or `[`.
__attribute__((target("avx2"))) static inline __m256i wiki_source_lanes_avx2(__m256i v) {
  return _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('[')));
}

/// Whether a set bit of `m` (a lane of `p + at`) opens a mark.
static inline int32_t wiki_source_mark_in(const uint8_t *p, int64_t at, uint64_t m, int64_t n) {
  while (m) {
    if (wiki_source_mark_at(p, at + __builtin_ctzll(m), n)) return 1;
    m &= m - 1;
  }
  return 0;
}

/// 64 bytes a step: the lanes that hold `&` or `[` (two compares a vector, one test for both),
/// each then read with the byte after it. The last bytes: the 64 that end at `n` with the
/// lanes done already masked off; a text under 64 bytes, its first and last 32 (or 16) bytes,
/// overlapping; under 16, bytes.
__attribute__((target("avx2"))) static int32_t wiki_source_mark_avx2(const uint8_t *p, int64_t n) {
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    __m256i hv = wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + i)));
    __m256i hw = wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + i + 32)));
    __m256i hit = _mm256_or_si256(hv, hw);
    if (_mm256_testz_si256(hit, hit)) continue;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(hv) | (uint64_t)(uint32_t)_mm256_movemask_epi8(hw) << 32;
    if (wiki_source_mark_in(p, i, m, n)) return 1;
  }
  if (i >= n) return 0;
  if (n >= 64) {
    int64_t at = n - 64;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + at)))) |
                 (uint64_t)(uint32_t)_mm256_movemask_epi8(wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + at + 32)))) << 32;
    return wiki_source_mark_in(p, at, m & (~0ULL << (i - at)), n);
  }
  uint64_t m;
  if (n >= 32) {
    m = (uint64_t)(uint32_t)_mm256_movemask_epi8(wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)p))) |
        (uint64_t)(uint32_t)_mm256_movemask_epi8(wiki_source_lanes_avx2(_mm256_loadu_si256((const __m256i *)(p + n - 32)))) << (n - 32);
  } else if (n >= 16) {
    const __m128i amp = _mm_set1_epi8('&'), bracket = _mm_set1_epi8('[');
    __m128i a = _mm_loadu_si128((const __m128i *)p), b = _mm_loadu_si128((const __m128i *)(p + n - 16));
    m = (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(a, amp), _mm_cmpeq_epi8(a, bracket))) |
        (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, amp), _mm_cmpeq_epi8(b, bracket))) << (n - 16);
  } else {
    return wiki_source_mark_bytes(p, 0, n);
  }
  return wiki_source_mark_in(p, 0, m, n);
}
#endif

int32_t cicu_wiki_source_mark_at_level(const uint8_t *p, int64_t n, int32_t level) {
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return wiki_source_mark_avx2(p, n);
#endif
  return wiki_source_mark_bytes(p, 0, n);
}

int32_t cicu_wiki_source_mark(const uint8_t *p, int64_t n) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return wiki_source_mark_avx2(p, n);
#endif
  return cicu_wiki_source_mark_at_level(p, n, current_simd_level());
}

// MARK: - Caption probe class look-ups: check (capt13)

#if defined(CICU_X86)
/// The mismatches of one vector position set between ``caption_stop_classes`` and the compares
/// it replaced (``caption_stop_mask`` less ``caption_quiet_mask``), with and without `quiet`.
__attribute__((target("avx2"))) static int64_t caption_classes_mismatches(const uint8_t *p) {
  __m256i v0 = _mm256_loadu_si256((const __m256i *)p);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(p + 2));
  uint32_t all = caption_stop_mask(v0, v1, v2, 0) & ~caption_punct_mask(v0);
  uint32_t loud = all & ~caption_quiet_mask(v0, v1, v2);
  uint32_t openers;
  return (caption_stop_classes(v0, v1, v2, 0, &openers) != all) + (caption_stop_classes(v0, v1, v2, 1, &openers) != loud);
}
#endif

int64_t cicu_caption_classes_check(uint64_t seed, int64_t rounds) {
  int64_t bad = 0;
#if defined(CICU_X86)
  if (current_simd_level() < 2) return 0;
  uint8_t buf[64];
  // Every three bytes, repeated (each lane sees a rotation of them, after the same three).
  for (int a = 0; a < 256; a++) {
    for (int b = 0; b < 256; b++) {
      for (int c = 0; c < 256; c++) {
        for (int i = 0; i < 36; i += 3) {
          buf[i] = (uint8_t)a;
          buf[i + 1] = (uint8_t)b;
          buf[i + 2] = (uint8_t)c;
        }
        bad += caption_classes_mismatches(buf);
      }
    }
  }
  // Random runs of the bytes that matter (and of a few that do not), for the quiet stops'
  // neighbours: hiragana, openers, digits side by side.
  static const uint8_t pool[] = {0xE3, 0x81, 0x82, 0x80, 0x93, 0x97, 0xBE, 0x9F, 0xA0, 0xE4, 0xB8, 0xE5, 0x90, 0x8C,
                                 0xE7, 0xBF, 0xE2, 0xAF, 0x8A, 0xEF, 0xBC, 0x88, 0x99, 0xC2, 0x09, 0x20, 0x28, 0x2F,
                                 0x30, 0x35, 0x39, 0x3A, 0x41, 0xE6, 0x83, 0x89};
  uint64_t x = seed | 1;
  for (int64_t r = 0; r < rounds; r++) {
    for (int i = 0; i < 34; i++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      buf[i] = pool[(x >> 11) % sizeof pool];
    }
    bad += caption_classes_mismatches(buf);
  }
#else
  (void)seed;
  (void)rounds;
#endif
  return bad;
}

// MARK: - split15: a list section's word glued after a preview's `。`

/// Whether the `。` whose middle byte is at `k` has an ASCII digit `L` bytes after it for a
/// length `L` of `lengths` (ascending: the first that runs past `n` ends the look, as the
/// Swift loop's `break` does).
static inline int kuten_digit_after(const uint8_t *p, int64_t n, int64_t k, uint64_t lengths) {
  int64_t at = k + 2;
  for (uint64_t m = lengths; m != 0; m &= m - 1) {
    int64_t j = at + __builtin_ctzll(m);
    if (j >= n) return 0;
    if (p[j] >= 0x30 && p[j] <= 0x39) return 1;
  }
  return 0;
}

/// ``cicu_kuten_before_digit`` one position at a time from the `。` lead at `j`.
static int64_t kuten_before_digit_bytes(const uint8_t *p, int64_t n, int64_t j, uint64_t lengths) {
  for (; j + 3 < n; j++) {
    if (p[j] == 0xE3 && p[j + 1] == 0x80 && p[j + 2] == 0x82 && kuten_digit_after(p, n, j + 1, lengths)) return j + 1;
  }
  return -1;
}

#if defined(CICU_X86)
/// The lanes of the 32 positions at `q` (two bytes after them readable) whose next two bytes are
/// 80 82, the last two of `。` (E3 80 82; the lead is checked at each hit: 80 82 ends few other
/// characters, `老` among them).
__attribute__((target("avx2"))) static inline __m256i kuten_tail_hits(const uint8_t *q) {
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  return _mm256_and_si256(_mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x80)), _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x82)));
}

/// `。` leads 64 positions a turn (one test for the two vectors) while the loads fit, then 32,
/// each one found checked for a digit after it. A `memchr` for the middle
/// byte 80 stopped at every `、`, `「` and `」` too (some 290 instructions a preview line on
/// the 4 MB slice, with the checks at each stop).
__attribute__((target("avx2,bmi"))) static int64_t kuten_before_digit_avx2(const uint8_t *p, int64_t n, int64_t j,
                                                                           uint64_t lengths) {
  for (; j + 66 <= n; j += 64) {
    __m256i ha = kuten_tail_hits(p + j), hb = kuten_tail_hits(p + j + 32);
    __m256i any = _mm256_or_si256(ha, hb);
    if (_mm256_testz_si256(any, any)) continue;
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(ha) | ((uint64_t)(uint32_t)_mm256_movemask_epi8(hb) << 32);
    for (; m != 0; m &= m - 1) {
      int64_t e = j + __builtin_ctzll(m);
      if (p[e] == 0xE3 && kuten_digit_after(p, n, e + 1, lengths)) return e + 1;
    }
  }
  if (n < 34) return kuten_before_digit_bytes(p, n, j, lengths);
  // Then 32 at a time, the last vector ending two bytes before `n`, its lanes already done
  // masked off (a byte loop over the last 33 bytes cost more than the vectors before it).
  while (j + 3 < n) {
    int64_t at = j + 34 <= n ? j : n - 34;
    uint32_t m = (uint32_t)_mm256_movemask_epi8(kuten_tail_hits(p + at)) & (0xFFFFFFFFu << (j - at));
    for (; m != 0; m &= m - 1) {
      int64_t e = at + __builtin_ctz(m);
      if (p[e] == 0xE3 && kuten_digit_after(p, n, e + 1, lengths)) return e + 1;
    }
    j = at + 32;
  }
  return -1;
}
#endif

int64_t cicu_kuten_before_digit(const uint8_t *p, int64_t n, int64_t from, uint64_t lengths) {
  int64_t j = from > 1 ? from - 1 : 0;
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) return kuten_before_digit_avx2(p, n, j, lengths);
#endif
  return cicu_kuten_before_digit_at_level(p, n, from, lengths, current_simd_level());
}

int64_t cicu_kuten_before_digit_at_level(const uint8_t *p, int64_t n, int64_t from, uint64_t lengths, int32_t level) {
  int64_t j = from > 1 ? from - 1 : 0;
  if (level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return kuten_before_digit_avx2(p, n, j, lengths);
#endif
  return kuten_before_digit_bytes(p, n, j, lengths);
}

// chrome15: strip-chrome's walk over a breadcrumb's crumb.

int64_t cicu_crumb_walk(const uint8_t *p, int64_t start, int64_t i, int64_t end, int64_t limit) {
  int64_t count = 0;
  while (i < end) {
    uint8_t b = p[i];
    int64_t len;
    if (b < 0x80) {
      if (b == 0x0A) return i;
      if (b == 0x3E && i > start && p[i - 1] == 0x20 && i + 1 < end && p[i + 1] == 0x20) return i;
      len = 1;
    } else if (b < 0xE0) {
      len = 2;
    } else if (b < 0xF0) {
      // (A three-byte character that starts before `end` ends there at the latest.) The second
      // byte first: kana and ideographs have neither 80 nor BC there.
      uint8_t b1 = p[i + 1];
      if (b1 == 0x80 || b1 == 0xBC) {
        uint8_t b2 = p[i + 2];
        if ((b == 0xE3 && b1 == 0x80 && (b2 == 0x81 || b2 == 0x82)) || (b == 0xEF && b1 == 0xBC && b2 == 0x9E) ||
            (b == 0xE2 && b1 == 0x80 && b2 == 0xBA))
          return i;
      }
      len = 3;
    } else {
      len = 4;
    }
    if (++count > limit) return -1;
    i += len;
  }
  return end;
}

// MARK: - normalize's rule loops: short copies (norm15)

/// `memcpy(dst, src, len)` for the gaps a rule copies between its edits (``rule_begin``,
/// ``rule_finish``): up to 64 bytes in two overlapping moves of a fixed size, which write exactly
/// `[0, len)`; longer ones through `memcpy`. A call per gap (its `vzeroupper` and the vector
/// constants loaded again after it) cost ~40 instructions, for gaps of a few characters between
/// full-width forms (callgrind, 4 MB corpus: 12,918 calls).
static inline void rule_copy(uint8_t *dst, const uint8_t *src, int64_t len) {
  if (len > 64) {
    memcpy(dst, src, (size_t)len);
  } else if (len >= 32) {
    uint8_t a[32], b[32];
    memcpy(a, src, 32);
    memcpy(b, src + len - 32, 32);
    memcpy(dst, a, 32);
    memcpy(dst + len - 32, b, 32);
  } else if (len >= 16) {
    uint8_t a[16], b[16];
    memcpy(a, src, 16);
    memcpy(b, src + len - 16, 16);
    memcpy(dst, a, 16);
    memcpy(dst + len - 16, b, 16);
  } else if (len >= 8) {
    uint64_t a, b;
    memcpy(&a, src, 8);
    memcpy(&b, src + len - 8, 8);
    memcpy(dst, &a, 8);
    memcpy(dst + len - 8, &b, 8);
  } else if (len >= 4) {
    uint32_t a, b;
    memcpy(&a, src, 4);
    memcpy(&b, src + len - 4, 4);
    memcpy(dst, &a, 4);
    memcpy(dst + len - 4, &b, 4);
  } else if (len > 0) {
    uint8_t a = src[0], b = src[len / 2], c = src[len - 1];
    dst[0] = a;
    dst[len / 2] = b;
    dst[len - 1] = c;
  }
}

// MARK: - normalize's spaces=japanese rule (norm15)

/// ``RemoveJapaneseSpaces.space``: the length of the space separator (Unicode Zs) at `i`, or 0.
static inline int spaces_at(const uint8_t *p, int64_t i, int64_t n) {
  uint8_t b = p[i];
  if (b == 0x20) return 1;
  if (b == 0xC2) return i + 1 < n && p[i + 1] == 0xA0 ? 2 : 0;
  if (b < 0xE1 || b > 0xE3 || i + 2 >= n) return 0;
  uint32_t c = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000 ? 3 : 0;
}

/// ``CharacterClasses.isSpace``.
static inline int spaces_is_space(uint32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/// ``CharacterClasses.isJapanese``.
static inline int spaces_is_japanese(uint32_t c) {
  return (c >= 0x3001 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

static inline int spaces_candidate(const uint8_t *p, int64_t k, int64_t n) { return spaces_at(p, k, n) != 0; }

static int64_t spaces_next_bytes(const uint8_t *p, int64_t i, int64_t limit, int64_t n) {
  return rule_next_bytes(p, i, limit, n, spaces_candidate);
}

#if defined(CICU_X86)
/// The lanes of the 32 bytes from `q` (34 readable) where a space may begin: `20`, `C2`, `E1`,
/// `E2 80`/`E2 81` and `E3 80 80` (``spaces_at`` decides).
__attribute__((target("avx2"))) static inline __attribute__((always_inline)) uint32_t spaces_lanes_avx2(
    const uint8_t *q) {
  __m256i v = _mm256_loadu_si256((const __m256i *)q);
  __m256i v1 = _mm256_loadu_si256((const __m256i *)(q + 1));
  __m256i v2 = _mm256_loadu_si256((const __m256i *)(q + 2));
  __m256i one = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x20)),
                                _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC2)));
  one = _mm256_or_si256(one, _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE1)));
  __m256i e2 = _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE2)),
                                _mm256_cmpeq_epi8(_mm256_or_si256(v1, _mm256_set1_epi8(1)), _mm256_set1_epi8((char)0x81)));
  __m256i e3 = _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE3)),
                                _mm256_and_si256(_mm256_cmpeq_epi8(v1, _mm256_set1_epi8((char)0x80)),
                                                 _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0x80))));
  return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(one, e2), e3));
}

__attribute__((target("avx2"))) static int64_t spaces_next_avx2(const uint8_t *p, int64_t i, int64_t limit,
                                                                 int64_t n) {
  return rule_next_avx2(p, i, limit, n, 34, spaces_lanes_avx2, spaces_next_bytes);
}
#endif

/// ``RemoveJapaneseSpaces.applyInSwift``, character for character: runs of spaces that begin
/// in `[start, end)` (from the start of the run that holds `start`) become one space, or none at
/// either end of the line or between two Japanese characters (the second one starting a
/// cluster). Written as ``cicu_unify_width`` writes its output and edits.
static inline __attribute__((always_inline)) int64_t remove_japanese_spaces(const uint8_t *p, int64_t n,
                                                                            int64_t start, int64_t end, uint8_t *out,
                                                                            cicu_nfkc_edit *edits,
                                                                            int64_t edit_capacity,
                                                                            int64_t *edit_count, int avx2) {
  rule_writer w = {p, out, 0, 0, edits, edit_capacity, 0, 0, 0};
  int changed = 0;
  int64_t i = start;
  while (i > 0) {
    int64_t s;
    if (!spaces_is_space(rule_scalar_before(p, i, &s))) break;
    i = s;
  }
  int64_t limit = end < n ? end : n;
  while (i < limit) {
#if defined(CICU_X86)
    int64_t k = avx2 ? spaces_next_avx2(p, i, limit, n) : spaces_next_bytes(p, i, limit, n);
#else
    (void)avx2;
    int64_t k = spaces_next_bytes(p, i, limit, n);
#endif
    if (k >= limit) break;
    int length = spaces_at(p, k, n);
    if (length == 0) {
      i = k + 1;
      continue;
    }
    int64_t j = k + length;
    while (j < n) {
      int l = spaces_at(p, j, n);
      if (l == 0) break;
      j += l;
    }
    int keep = 0;
    if (k > 0 && j < n) {
      int64_t s;
      int next_length;
      uint32_t prev = rule_scalar_before(p, k, &s);
      uint32_t next = rule_decode(p, j, &next_length);
      keep = !(spaces_is_japanese(prev) && spaces_is_japanese(next) &&
               (cicu_nfkc_flags(next) & CICU_NFKC_BOUNDARY_BEFORE) != 0);
    }
    if (keep) {
      if (!(j - k == 1 && length == 1)) {
        int64_t out_start = rule_begin(&w, k);
        w.out[w.o++] = 0x20;
        rule_end(&w, k, j, out_start);
        changed = 1;
      }
    } else {
      int64_t out_start = rule_begin(&w, k);
      rule_end(&w, k, j, out_start);
      changed = 1;
    }
    i = j;
  }
  return rule_finish(&w, changed, n, edit_count);
}

#if defined(CICU_X86)
__attribute__((target("avx2"))) static int64_t remove_japanese_spaces_avx2(const uint8_t *p, int64_t n, int64_t start,
                                                                            int64_t end, uint8_t *out,
                                                                            cicu_nfkc_edit *edits,
                                                                            int64_t edit_capacity,
                                                                            int64_t *edit_count) {
  return remove_japanese_spaces(p, n, start, end, out, edits, edit_capacity, edit_count, 1);
}
#endif

static int64_t remove_japanese_spaces_bytes(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                            cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count) {
  return remove_japanese_spaces(p, n, start, end, out, edits, edit_capacity, edit_count, 0);
}

int64_t cicu_remove_japanese_spaces_at_level(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                             cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count,
                                             int32_t level) {
  if (level < 0 || level > current_simd_level()) level = current_simd_level();
#if defined(CICU_X86)
  if (level >= 2) return remove_japanese_spaces_avx2(p, n, start, end, out, edits, edit_capacity, edit_count);
#endif
  return remove_japanese_spaces_bytes(p, n, start, end, out, edits, edit_capacity, edit_count);
}

int64_t cicu_remove_japanese_spaces(const uint8_t *p, int64_t n, int64_t start, int64_t end, uint8_t *out,
                                    cicu_nfkc_edit *edits, int64_t edit_capacity, int64_t *edit_count) {
#if defined(CICU_X86)
  if (__builtin_expect(__atomic_load_n(&simd_level, __ATOMIC_RELAXED) == 2, 1)) {
    return remove_japanese_spaces_avx2(p, n, start, end, out, edits, edit_capacity, edit_count);
  }
#endif
  return cicu_remove_japanese_spaces_at_level(p, n, start, end, out, edits, edit_capacity, edit_count, -1);
}
