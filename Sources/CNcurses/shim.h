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

#endif
