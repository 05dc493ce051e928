/*
 * Webhook events (webhook_events.h): parsing a delivery (its JSON is
 * decoded by json/webhook_event.c), its time, and matching its name.
 */
#include "gosendapi/webhook_events.h"

#include <string.h>

#include "core/errors.h"
#include "core/holder.h"
#include "json/webhook_event.h"

const char *gosend_webhook_event_type_name(gosend_webhook_event_type type)
{
	int i;

	for (i = 1; gosend__webhook_event_names[i - 1]; i++) {
		if (i == (int)type)
			return gosend__webhook_event_names[i - 1];
	}
	return NULL;
}

/* ---- time ----------------------------------------------------------- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* n decimal digits at s; -1 when one is not a digit. */
static int num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30,
	                          31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

/* The zone after a time of day: "", Z, or +hh[:]mm / -hh[:]mm. Seconds
 * east of UTC in *off; 0, or -1 when it is none of those. */
static int parse_zone(const char *p, int *off)
{
	int sign, oh, om;

	*off = 0;
	if (*p == 'Z' || *p == 'z')
		return p[1] ? -1 : 0;
	if (*p != '+' && *p != '-')
		return *p ? -1 : 0;
	sign = *p == '-' ? -1 : 1;
	oh = num(p + 1, 2);
	if (oh < 0 || oh > 23)
		return -1;
	p += 3;
	if (*p == ':')
		p++;
	om = num(p, 2);
	if (om < 0 || om > 59 || p[2])
		return -1;
	*off = sign * (oh * 3600 + om * 60);
	return 0;
}

/* "Thh:mm[:ss[.fraction]]" and a zone at p: seconds since midnight UTC
 * (may be negative or beyond a day) in *secs; 0, or -1 when malformed. */
static int parse_clock(const char *p, long long *secs)
{
	int hh, mi, ss = 0, off;

	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	hh = num(p, 2);
	if (hh < 0 || hh > 23 || p[2] != ':')
		return -1;
	mi = num(p + 3, 2);
	if (mi < 0 || mi > 59)
		return -1;
	p += 5;
	if (*p == ':') {
		ss = num(p + 1, 2);
		if (ss < 0 || ss > 60)
			return -1;
		p += 3;
		if (*p == '.' || *p == ',') {
			if (!is_digit(*++p))
				return -1;
			while (is_digit(*p))
				p++;
		}
	}
	if (parse_zone(p, &off) < 0)
		return -1;
	*secs = (long long)hh * 3600 + (long long)mi * 60 + ss - off;
	return 0;
}

/* Seconds since the epoch, or -1. See gosend_webhook_event. */
static long long parse_time(const char *s)
{
	size_t len = strlen(s), i;
	long long clock = 0;
	int y, mo, d;

	if (len >= 1 && len <= 18) {
		long long v = 0;
		for (i = 0; i < len && is_digit(s[i]); i++)
			v = v * 10 + (s[i] - '0');
		if (i == len)
			return v > 100000000000LL ? v / 1000 : v;
	}
	if (len < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = num(s, 4);
	mo = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return -1;
	if (s[10] && parse_clock(s + 10, &clock) < 0)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + clock;
}

/* ---- public --------------------------------------------------------- */

int gosend_webhook_event_parse(gosend_webhook_event **out, const void *body,
                               size_t len, gosend_error **err)
{
	gosend_webhook_event *ev = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	if (!body && len)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "body is NULL but len is %lu",
		                    (unsigned long)len);
	/*
	 * JSON never contains a raw NUL (control characters in strings must
	 * be escaped), and one would cut raw_json and string values short.
	 */
	if (len && memchr(body, '\0', len))
		return gosend__fail(err, GOSEND_EPROTOCOL, NULL,
		                    "webhook body contains a NUL byte");
	rc = gosend__webhook_event_decode(&ev, body ? (const char *)body : "",
	                                  len, err);
	if (rc < 0)
		return rc;
	if (ev->timestamp)
		ev->timestamp_unix = parse_time(ev->timestamp);
	*out = ev;
	return GOSEND_OK;
}

int gosend_webhook_event_is(const gosend_webhook_event *ev, const char *name)
{
	return ev && name && ev->name && strcmp(ev->name, name) == 0;
}

/* `*` matches any run of characters; everything else matches itself. */
static int glob_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

int gosend_webhook_event_matches(const gosend_webhook_event *ev,
                                 const char *pattern)
{
	return ev && pattern && ev->name && glob_match(pattern, ev->name);
}

void gosend_webhook_event_free(gosend_webhook_event *ev)
{
	gosend__obj_free(ev);
}
