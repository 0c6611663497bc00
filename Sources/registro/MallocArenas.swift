import CMallocSettings

/// The C library's memory arenas for the process.
enum MallocArenas {
    /// Makes every thread allocate from one `malloc` arena, the main one, as a command that runs
    /// two busy threads for a while (an import: its reading thread and the transaction's) had
    /// better: glibc gives a thread that allocates while another does an arena of its own, which
    /// keeps the memory its thread freed for that thread alone (7 MB more at the peak of an
    /// import of a million rows, measured), room the import's page cache can use instead. Call it
    /// before the second thread starts; it holds for the rest of the process.
    static func shareOne() {
        _ = registro_malloc_share_one_arena()
    }
}
