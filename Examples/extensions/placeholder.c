/* placeholder.c: keeps the MiniExtensions target non-empty until the sample extensions land. */
#include "miniext.h"
