/*
 * The progress display of campaign runs.
 */
#include <math.h>
#include <string.h>

#include "progress.h"

/* The window of the current rate. */
#define RATE_WINDOW_MS 10000
#define BAR_WIDTH      24

void cli_progress_init(cli_progress *p, FILE *f, const char *prog,
                       const char *label, int bar, long interval_ms)
{
	memset(p, 0, sizeof(*p));
	p->f = f;
	p->prog = prog;
	p->label = label;
	p->bar = bar;
	p->interval_ms = interval_ms;
	p->last_ms = -1;
}

static void add_sample(cli_progress *p, long long t, size_t done)
{
	p->t[p->next] = t;
	p->d[p->next] = done;
	p->next = (p->next + 1) % CLI_PROGRESS_SAMPLES;
	if (p->ns < CLI_PROGRESS_SAMPLES)
		p->ns++;
}

double cli_progress_rate(const cli_progress *p)
{
	size_t last, i, k, oldest;

	if (p->ns == 0)
		return -1;
	last = (p->next + CLI_PROGRESS_SAMPLES - 1) % CLI_PROGRESS_SAMPLES;
	oldest = last;
	for (k = 1; k < p->ns; k++) {
		i = (last + CLI_PROGRESS_SAMPLES - k) % CLI_PROGRESS_SAMPLES;
		if (p->t[last] - p->t[i] > RATE_WINDOW_MS)
			break;
		oldest = i;
	}
	if (p->t[last] - p->t[oldest] < 500 || p->d[last] < p->d[oldest]) {
		/* too short a window: the run's average, once it has one */
		if (p->t[last] < 500)
			return -1;
		return (double)p->d[last] * 1000.0 / (double)p->t[last];
	}
	return (double)(p->d[last] - p->d[oldest]) * 1000.0 /
	       (double)(p->t[last] - p->t[oldest]);
}

void cli_format_eta(char *buf, size_t n, double seconds)
{
	long long s;

	if (seconds < 0 || !isfinite(seconds) || seconds > 1e9) {
		snprintf(buf, n, "?");
		return;
	}
	s = (long long)(seconds + 0.5);
	if (s < 60)
		snprintf(buf, n, "%llds", s);
	else if (s < 3600)
		snprintf(buf, n, "%lldm%02llds", s / 60, s % 60);
	else
		snprintf(buf, n, "%lldh%02lldm", s / 3600, (s / 60) % 60);
}

/* What a line shows. */
typedef struct figures {
	size_t total, done, sent, failed, review;
	double rate;
	char eta[32];
} figures;

static void compute(const cli_progress *p, const gosend_outbox_progress *pr,
                    figures *f)
{
	const size_t *c = pr->counts.by_state;
	size_t left = c[GOSEND_OUTBOX_PENDING] + c[GOSEND_OUTBOX_IN_FLIGHT];

	f->total = pr->counts.total;
	f->done = f->total >= left ? f->total - left : 0;
	f->sent = c[GOSEND_OUTBOX_SENT] + c[GOSEND_OUTBOX_ACCEPTED];
	f->failed = c[GOSEND_OUTBOX_FAILED];
	f->review = c[GOSEND_OUTBOX_REVIEW];
	f->rate = cli_progress_rate(p);
	if (left == 0)
		cli_format_eta(f->eta, sizeof f->eta, 0);
	else
		cli_format_eta(f->eta, sizeof f->eta,
		               f->rate > 0 ? (double)left / f->rate : -1);
}

static void draw_bar(cli_progress *p, const figures *f)
{
	char bar[BAR_WIDTH + 1];
	size_t fill = f->total ? f->done * BAR_WIDTH / f->total : BAR_WIDTH;

	memset(bar, '#', fill);
	memset(bar + fill, '.', BAR_WIDTH - fill);
	bar[BAR_WIDTH] = '\0';
	fprintf(p->f, "\r[%s] %zu/%zu  sent %zu  failed %zu", bar, f->done,
	        f->total, f->sent, f->failed);
	if (f->review)
		fprintf(p->f, "  review %zu", f->review);
	if (f->rate >= 0)
		fprintf(p->f, "  %.1f/s", f->rate);
	fprintf(p->f, "  ETA %s\033[K", f->eta);
	fflush(p->f);
	p->drawn = 1;
}

static void plain_line(cli_progress *p, const figures *f)
{
	fprintf(p->f, "%s: ", p->prog);
	if (p->label)
		fprintf(p->f, "campaign %s: ", p->label);
	fprintf(p->f, "%zu/%zu done, %zu sent, %zu failed", f->done, f->total,
	        f->sent, f->failed);
	if (f->review)
		fprintf(p->f, ", %zu to review", f->review);
	if (f->rate >= 0)
		fprintf(p->f, ", %.1f/s", f->rate);
	fprintf(p->f, ", ETA %s\n", f->eta);
	fflush(p->f);
}

void cli_progress_update(cli_progress *p, const gosend_outbox_progress *pr,
                         int final)
{
	figures f;

	add_sample(p, pr->elapsed_ms, pr->done_this_run);
	compute(p, pr, &f);
	if (p->bar) {
		draw_bar(p, &f);
		if (final) {
			fputc('\n', p->f);
			p->drawn = 0;
		}
		return;
	}
	if (!final) {
		long long since = p->last_ms < 0 ? 0 : p->last_ms;

		if (p->interval_ms <= 0 ||
		    pr->elapsed_ms - since < p->interval_ms)
			return;
	}
	p->last_ms = pr->elapsed_ms;
	plain_line(p, &f);
}

void cli_progress_clear(cli_progress *p)
{
	if (p->bar && p->drawn) {
		fputs("\r\033[K", p->f);
		fflush(p->f);
		p->drawn = 0;
	}
}
