// System ICU (libicu-dev, pkg-config icu-uc). Only CICUShims includes these headers:
// a Swift module that sees them next to Foundation fails to build ("'UErrorCode' has
// different definitions in different modules").
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
