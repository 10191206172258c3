/* mini/config.h: build-time switches and the ABI version, one documented macro each
 * (in the style of MicroPython's mpconfig.h). Every switch has an #ifndef default so an
 * embedder can override it with -D. */
#ifndef MINI_CONFIG_H
#define MINI_CONFIG_H
#ifndef MINI_H_INSIDE
#error "include <mini.h>, not the mini/ headers directly"
#endif

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The ABI version stamped into every MiniModuleDef. A module built against another version is
 * refused at import with ImportError. Bump it whenever a public struct layout changes. */
#define MINI_ABI_VERSION 2

/* Signed size type, as Py_ssize_t. */
typedef ssize_t Mini_ssize_t;
#define MINI_SSIZE_T_MAX ((Mini_ssize_t)(((size_t)-1) >> 1))
#define MINI_SSIZE_T_MIN (-MINI_SSIZE_T_MAX - 1)

/* Hash values, as Py_hash_t. -1 is reserved for "error". */
typedef Mini_ssize_t Mini_hash_t;

/* Default GIL switch interval in microseconds (CPython: 5 ms). */
#ifndef MINI_DEFAULT_SWITCH_INTERVAL_US
#define MINI_DEFAULT_SWITCH_INTERVAL_US 5000
#endif

/* Number of freed blocks kept poisoned (and not returned to malloc) in checked mode, so a later
 * use of a freed object is detected instead of silently reading reused memory. */
#ifndef MINI_CHECKED_QUARANTINE
#define MINI_CHECKED_QUARANTINE 4096
#endif

#if defined(__GNUC__) || defined(__clang__)
/* Forced inline in optimised builds only: at -O0 a forced inline puts every inlined body's locals
 * in the caller's frame, and the eval loop's frame grew by kilobytes (capping how deep Python code
 * can recurse through C in debug and sanitizer builds). */
#ifdef __OPTIMIZE__
#define MINI_INLINE static inline __attribute__((always_inline))
#else
#define MINI_INLINE static inline
#endif
#define MINI_NORETURN __attribute__((noreturn))
#define MINI_LIKELY(x) __builtin_expect(!!(x), 1)
#define MINI_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define MINI_FORMAT(a, b) __attribute__((format(printf, a, b)))
#else
#define MINI_INLINE static inline
#define MINI_NORETURN
#define MINI_LIKELY(x) (x)
#define MINI_UNLIKELY(x) (x)
#define MINI_FORMAT(a, b)
#endif

#ifdef __cplusplus
#define MINI_BEGIN_DECLS extern "C" {
#define MINI_END_DECLS }
#else
#define MINI_BEGIN_DECLS
#define MINI_END_DECLS
#endif

#endif /* MINI_CONFIG_H */
