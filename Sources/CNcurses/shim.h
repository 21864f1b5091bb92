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
#include <string.h>
#include <termios.h>

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

/* Crash signals (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE).
 *
 * The handler cannot call ncurses (not async-signal-safe), so everything it needs is prepared in
 * advance: the terminal's modes from before curses started (restored with tcsetattr, which is
 * async-signal-safe) and the bytes that leave curses' screen (rmcup, cnorm, sgr0, rmkx, mouse
 * off), composed from terminfo once the terminal is set up. The handler writes those bytes,
 * restores the modes, writes a short report to standard error, then puts the default action
 * back and raises the signal again, so the process ends with that signal's status.
 * These statics are, like the self-pipe's fd, reachable only because a handler can reach nothing else;
 * they are written before the handlers are installed and not after. */
static volatile sig_atomic_t knead_crash_reset_length = 0;
static volatile sig_atomic_t knead_crash_has_modes = 0;
static volatile sig_atomic_t knead_crash_fd = -1;
/* Storage Swift's importer emits only as function-local statics (it drops static arrays and structs).
 * All the crash functions are called from one Swift file (Terminal.swift), so there is one copy. */
static inline char *knead_crash_reset(void) { static char bytes[512]; return bytes; }
static inline struct termios *knead_crash_modes(void) { static struct termios modes; return &modes; }
static inline char *knead_crash_stack(void) { static char stack[65536]; return stack; }

static inline void knead_crash_write(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written <= 0) { if (written < 0 && errno == EINTR) continue; return; }
        text += written;
        length -= (size_t)written;
    }
}

static inline void knead_crash_handler(int signo) {
    int fd = knead_crash_fd;
    if (fd >= 0) {
        knead_crash_write(fd, knead_crash_reset(), (size_t)knead_crash_reset_length);
        if (knead_crash_has_modes) tcsetattr(fd, TCSANOW, knead_crash_modes());
    }
    const char *name = signo == SIGSEGV ? "SIGSEGV" : signo == SIGABRT ? "SIGABRT" : signo == SIGBUS ? "SIGBUS"
        : signo == SIGILL ? "SIGILL" : signo == SIGFPE ? "SIGFPE" : "a crash signal";
    const char *head = "\r\nknead stopped after an internal error (";
    const char *tail = "). The terminal has been restored. Everything shown as saved is in the database; "
                       "start knead again to resume. Please report this, with what you were doing.\r\n";
    knead_crash_write(2, head, strlen(head));
    knead_crash_write(2, name, strlen(name));
    knead_crash_write(2, tail, strlen(tail));
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signo, &fallback, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, signo);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(signo);
}

/* Keeps the terminal's current modes (call before newterm) for the crash handler. */
static inline void knead_crash_save_modes(int fd) {
    if (tcgetattr(fd, knead_crash_modes()) == 0) knead_crash_has_modes = 1;
    knead_crash_fd = fd;
}

/* Installs the crash handlers with the reset bytes to write; ignores SIGUSR1/SIGUSR2. 0 on success. */
static inline int knead_install_crash_handlers(const char *reset, int length) {
    if (length < 0) length = 0;
    if (length > 512) length = 512;
    memcpy(knead_crash_reset(), reset, (size_t)length);
    knead_crash_reset_length = length;
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = knead_crash_stack();
    stack.ss_size = 65536;
    sigaltstack(&stack, NULL);  /* a stack overflow still reaches the handler */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = knead_crash_handler;
    sigfillset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    int signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGUSR1, &ignore, NULL) != 0) return -1;
    if (sigaction(SIGUSR2, &ignore, NULL) != 0) return -1;
    return 0;
}

/* Puts the default crash actions back once the terminal is restored normally. */
static inline void knead_restore_crash_handlers(void) {
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    int signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &fallback, NULL);
    knead_crash_fd = -1;
}

/* A terminfo string capability as text, or NULL when the terminal has none. */
static inline const char *knead_string_capability(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

#endif
