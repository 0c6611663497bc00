#ifndef REGISTRO_CMALLOCSETTINGS_H
#define REGISTRO_CMALLOCSETTINGS_H

/// Makes every thread of the process allocate from one `malloc` arena (glibc's `M_ARENA_MAX`,
/// which `malloc.h` defines and Swift's Glibc module does not import). Effective for the threads
/// that allocate for the first time after the call. Returns 1 when set, 0 where the C library
/// has no such setting (it then changes nothing).
int registro_malloc_share_one_arena(void);

#endif
