#ifndef HA_CNCURSESW_SHIM_H
#define HA_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <ncursesw/curses.h>

// C globals and macros wrapped as functions so Swift 6 strict concurrency accepts them.
static inline WINDOW *ha_stdscr(void) { return stdscr; }
static inline int ha_lines(void) { return LINES; }
static inline int ha_cols(void) { return COLS; }
static inline int ha_color_pair(int n) { return COLOR_PAIR(n); }
static inline int ha_colors(void) { return COLORS; }
static inline int ha_attr_bold(void) { return A_BOLD; }
static inline int ha_attr_reverse(void) { return A_REVERSE; }
static inline int ha_attr_dim(void) { return A_DIM; }
static inline int ha_attr_underline(void) { return A_UNDERLINE; }
static inline int ha_attr_normal(void) { return A_NORMAL; }
static inline int ha_key_resize(void) { return KEY_RESIZE; }
static inline int ha_key_up(void) { return KEY_UP; }
static inline int ha_key_down(void) { return KEY_DOWN; }
static inline int ha_key_left(void) { return KEY_LEFT; }
static inline int ha_key_right(void) { return KEY_RIGHT; }
static inline int ha_key_ppage(void) { return KEY_PPAGE; }
static inline int ha_key_npage(void) { return KEY_NPAGE; }
static inline int ha_key_home(void) { return KEY_HOME; }
static inline int ha_key_end(void) { return KEY_END; }
static inline int ha_key_backspace(void) { return KEY_BACKSPACE; }
static inline int ha_key_enter(void) { return KEY_ENTER; }
static inline int ha_key_code_yes(void) { return KEY_CODE_YES; }
static inline int ha_err(void) { return ERR; }
// newterm (unlike initscr) returns NULL for an unknown TERM instead of exiting the process.
static inline SCREEN *ha_newterm(void) { return newterm(NULL, stdout, stdin); }

// Restores the terminal from a signal handler, then lets the signal take its default course.
static void ha_restore_and_reraise(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static volatile sig_atomic_t ha_quit_signal = 0;

// SIGINT, SIGTERM and SIGHUP (a hung-up terminal) ask the main loop to end, so it can restore
// the terminal and clean up what it started; a second one while ending is fatal at once.
static void ha_note_quit(int sig) {
    if (ha_quit_signal != 0) ha_restore_and_reraise(sig);
    ha_quit_signal = sig;
}

static inline int ha_quit_requested(void) { return ha_quit_signal; }

static inline void ha_install_restore_handlers(void) {
    int quits[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof(quits) / sizeof(quits[0]); i++) signal(quits[i], ha_note_quit);
    int crashes[] = {SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (unsigned i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++) signal(crashes[i], ha_restore_and_reraise);
}
#endif
