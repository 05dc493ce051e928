/*
 * Progress of a campaign run on stderr: on a terminal one line redrawn in
 * place (a bar, done/total, sent, failed, current rate, ETA); elsewhere a
 * plain line every few seconds, for logs.
 */
#ifndef GOSENDAPI_CLI_PROGRESS_H
#define GOSENDAPI_CLI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include <gosendapi/outbox.h>

/* Samples kept for the current rate. */
#define CLI_PROGRESS_SAMPLES 32

typedef struct cli_progress {
	FILE *f;
	const char *prog;
	const char *label; /* the campaign's name, or NULL */
	int bar;           /* 1: redraw one line (a terminal) */
	long interval_ms;  /* plain lines: time between two; 0: none */
	long long last_ms; /* when the last plain line was printed; -1 */
	int drawn;         /* the bar is on screen */
	long long t[CLI_PROGRESS_SAMPLES]; /* elapsed ms of each sample */
	size_t d[CLI_PROGRESS_SAMPLES];    /* items done then */
	size_t ns, next;
} cli_progress;

void cli_progress_init(cli_progress *p, FILE *f, const char *prog,
                       const char *label, int bar, long interval_ms);
/* Take one report of the run; `final`: the run ended (always printed). */
void cli_progress_update(cli_progress *p, const gosend_outbox_progress *pr,
                         int final);
/* Erase the bar, so that other text can be printed. */
void cli_progress_clear(cli_progress *p);

/* Items per second over the last few seconds (or the whole run when it is
 * shorter); negative when not known yet. */
double cli_progress_rate(const cli_progress *p);
/* Write a duration in seconds as "42s", "3m05s" or "1h02m" ("?" when
 * negative). */
void cli_format_eta(char *buf, size_t n, double seconds);

#endif
