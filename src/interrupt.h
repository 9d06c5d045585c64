/* interrupt.h — whether Ctrl-C (SIGINT) came, for C code that runs long
 * without returning to Lua.
 *
 * The host's SIGINT handler (host.c, on_sigint) sets a hook that raises
 * "interrupted" at the next Lua instruction; a C loop that runs for seconds
 * (text.near_duplicates) would only see it when it returns. So the handler
 * also counts the signal here, and such a loop takes interrupt_mark() before
 * it starts and asks interrupt_since(mark) now and then; when that answers
 * true it stops and raises "interrupted" itself. Header-only: a binding needs
 * no link to the host beyond this one counter.
 *
 * interrupt_signals is defined in host.c, next to its handler. It is, with
 * that handler's target state, the only C global with state in petlua: a
 * signal handler can reach nothing else (lua.c keeps its globalL for the
 * same reason). A counter rather than a flag, so that nobody has to reset
 * it: a mark is compared with the count, and a SIGINT handled before the
 * mark was taken does not count. */
#ifndef PETLUA_INTERRUPT_H
#define PETLUA_INTERRUPT_H

#include <signal.h>
#include <stdbool.h>

extern volatile sig_atomic_t interrupt_signals;

/* For the SIGINT handler: one more. Kept small, so it never overflows (a mark
 * would have to wait for 128 signals to be fooled; the second one ends petlua). */
static inline void interrupt_count(void)
{
    interrupt_signals = (interrupt_signals + 1) & 127;
}

/* The count now, for interrupt_since. */
static inline sig_atomic_t interrupt_mark(void)
{
    return interrupt_signals;
}

/* Has a SIGINT come since mark was taken? */
static inline bool interrupt_since(sig_atomic_t mark)
{
    return interrupt_signals != mark;
}

#endif
