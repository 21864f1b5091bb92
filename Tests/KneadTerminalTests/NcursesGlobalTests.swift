import Testing

/// ncurses has one current screen and one current terminal, global to the process: the suites
/// that start a screen (an off-screen painter) or load a terminal type (`setupterm`) are nested
/// here and run one at a time. Run side by side, one's `del_curterm` freed what the other's
/// screen was drawing with.
@Suite("ncurses' current screen and terminal, one suite at a time", .serialized)
struct NcursesGlobalTests {}
