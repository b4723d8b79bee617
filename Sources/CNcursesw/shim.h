#ifndef HA_CNCURSESW_SHIM_H
#define HA_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// C globals and macros wrapped as functions so Swift 6 strict concurrency accepts them.
static inline WINDOW *ha_stdscr(void) { return stdscr; }
static inline int ha_lines(void) { return LINES; }
static inline int ha_cols(void) { return COLS; }
static inline int ha_color_pair(int n) { return COLOR_PAIR(n); }
static inline int ha_colors(void) { return COLORS; }
#endif
