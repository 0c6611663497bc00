#include "CMallocSettings.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int registro_malloc_share_one_arena(void) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, 1);
#else
    return 0;
#endif
}
