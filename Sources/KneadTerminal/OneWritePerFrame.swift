import CNcurses

/// Makes ncurses send each frame in one `write`.
///
/// Until a screen has been suspended and resumed once, ncurses 6.4 flushes its output after
/// every cursor movement (`_nc_mvcur` in lib_mvcur.c flushes while the screen's `_endwin` is
/// still `ewInitial`, which is what newterm leaves), so a frame left in a write per changed
/// line, each a system call and a chance for the terminal to show half a frame. Suspended
/// (`endwin`) and resumed (`doupdate`) once, the screen is `ewRunning` and doupdate flushes
/// once, at its end.
enum OneWritePerFrame {
    /// Call on a new screen before colours are started: a resume with colours on sends the
    /// terminal's "reset the palette" sequence, which would undo a user's own palette.
    static func prepare() {
        endwin()
        doupdate()
    }
}
