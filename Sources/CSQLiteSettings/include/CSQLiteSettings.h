#ifndef REGISTRO_CSQLITESETTINGS_H
#define REGISTRO_CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`), which take a global mutex
/// around every allocation. Effective only before SQLite's first use in the process; returns
/// SQLite's result code (`SQLITE_MISUSE` once SQLite is initialised, which changes nothing).
/// `sqlite3_config` is variadic, so Swift cannot call it directly.
int registro_sqlite_disable_memory_statistics(void);

#endif
