#ifndef KNEAD_CNCURSES_SHIM_H
#define KNEAD_CNCURSES_SHIM_H

/* Swift sees the wide-character API only with NCURSES_WIDECHAR set. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>

/* wcwidth is missing from Swift's Glibc module. */
extern int wcwidth(wchar_t c);

/* Macros and globals Swift cannot import directly. */
static inline attr_t knead_a_bold(void) { return A_BOLD; }
static inline attr_t knead_a_reverse(void) { return A_REVERSE; }
static inline attr_t knead_a_underline(void) { return A_UNDERLINE; }
static inline attr_t knead_a_dim(void) { return A_DIM; }
static inline attr_t knead_a_italic(void) { return A_ITALIC; }
static inline attr_t knead_a_standout(void) { return A_STANDOUT; }
static inline int knead_key_f(int n) { return KEY_F(n); }
static inline WINDOW *knead_stdscr(void) { return stdscr; }
static inline int knead_lines(void) { return LINES; }
static inline int knead_cols(void) { return COLS; }
static inline int knead_colors(void) { return COLORS; }
static inline int knead_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *knead_stdin(void) { return stdin; }
static inline FILE *knead_stdout(void) { return stdout; }

/* Mouse: the button masks (macros Swift cannot import), switching reports on, reading one event.
 * Only presses are asked for, with no click detection, so a press arrives at once; the wheel is
 * buttons 4 and 5. Shift with a drag stays with the terminal (xterm and tmux select text). */
static inline unsigned long knead_button1_pressed(void) { return (unsigned long)BUTTON1_PRESSED; }
static inline unsigned long knead_button2_pressed(void) { return (unsigned long)BUTTON2_PRESSED; }
static inline unsigned long knead_button3_pressed(void) { return (unsigned long)BUTTON3_PRESSED; }
static inline unsigned long knead_button4_pressed(void) { return (unsigned long)BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline unsigned long knead_button5_pressed(void) { return (unsigned long)BUTTON5_PRESSED; }
#else
static inline unsigned long knead_button5_pressed(void) { return 0; }
#endif
static inline int knead_key_mouse(void) { return KEY_MOUSE; }

/* Turns mouse reports on; 1 when the terminal can report presses. */
static inline int knead_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0;
}

/* Reads the pending mouse event after KEY_MOUSE; 1 when there was one. */
static inline int knead_read_mouse(int *x, int *y, unsigned long *button_state) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    *button_state = (unsigned long)event.bstate;
    return 1;
}

/* 1 when `name` is a string capability the current terminal has (not absent, not cancelled). */
static inline int knead_has_string_capability(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1;
}

/* Frees the TERMINAL a checking setupterm() left behind, so newterm starts clean. */
static inline void knead_release_setupterm(void) {
    TERMINAL *old = set_curterm(NULL);
    if (old != NULL) del_curterm(old);
}

/* Signal self-pipe.
 *
 * The write end of the pipe through which the signal handler wakes the input loop.
 * This is Knead's only global mutable state, and it is unavoidable: a signal handler
 * can reach nothing but globals. It is written only by knead_install_signal_handlers
 * and knead_restore_signal_handlers, before and after the handler can run. */
static volatile sig_atomic_t knead_signal_write_fd = -1;

/* Async-signal-safe: writes the signal number as one byte and keeps errno. */
static inline void knead_signal_handler(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    int fd = knead_signal_write_fd;
    if (fd >= 0) {
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/* Routes SIGTERM, SIGHUP and SIGINT to the self-pipe and ignores SIGPIPE. 0 on success. */
static inline int knead_install_signal_handlers(int write_fd) {
    knead_signal_write_fd = write_fd;
    struct sigaction action = {0};
    action.sa_handler = knead_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &action, NULL) != 0) return -1;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    struct sigaction ignore = {0};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGPIPE, &ignore, NULL) != 0) return -1;
    return 0;
}

/* Puts the default SIGTERM, SIGHUP and SIGINT actions back and forgets the pipe. */
static inline void knead_restore_signal_handlers(void) {
    struct sigaction fallback = {0};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGTERM, &fallback, NULL);
    sigaction(SIGHUP, &fallback, NULL);
    sigaction(SIGINT, &fallback, NULL);
    knead_signal_write_fd = -1;
}

#endif
