/* Reading an answer's header lines into its gosend_meta. */
#include "core/headers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

static void trim_copy(char *dst, size_t dstsz, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' ||
	             v[n - 1] == '\n'))
		n--;
	if (n >= dstsz)
		n = dstsz - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static long long parse_ll(const char *v, size_t n, long long max)
{
	char tmp[32];
	char *end;
	long long x;

	trim_copy(tmp, sizeof(tmp), v, n);
	if (!tmp[0] || !isdigit((unsigned char)tmp[0]))
		return -1;
	x = strtoll(tmp, &end, 10);
	if (*end || x < 0 || x > max)
		return -1;
	return x;
}

/* Decimal digits of any length, saturated at max; -1 when not a number. */
static long long parse_sat(const char *v, size_t n, long long max)
{
	long long x = 0;
	size_t i = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	while (n > i && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
	                 v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	if (i >= n)
		return -1;
	for (; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return -1;
		if (x < max)
			x = x * 10 + (v[i] - '0');
		if (x > max)
			x = max;
	}
	return x;
}

/* Two decimal digits at s, or -1. */
static int two_digits(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The usual form of an HTTP date, IMF-fixdate ("Sun, 06 Nov 1994 08:49:37
 * GMT", what servers send), as Unix seconds; -1 when s is not exactly that
 * with a real calendar date from 1970 on. curl_getdate reads it too, but at
 * about 11,000 instructions a header; every answer carries a Date.
 */
static long long parse_fixdate(const char *s, size_t n)
{
	static const char days[] = "Mon,Tue,Wed,Thu,Fri,Sat,Sun,";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	static const int before[] = {0,   31,  59,  90,  120, 151,
	                             181, 212, 243, 273, 304, 334};
	int mday, mon, year, hh, mm, ss, i, leap;
	long long y, dn;

	if (n != 29 || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
	    s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
	    memcmp(s + 25, " GMT", 4) != 0)
		return -1;
	for (i = 0; i < 7 && memcmp(days + 4 * (size_t)i, s, 4) != 0; i++)
		;
	if (i == 7)
		return -1;
	for (mon = 0;
	     mon < 12 && memcmp(months + 3 * (size_t)mon, s + 8, 3) != 0; mon++)
		;
	mday = two_digits(s + 5);
	year = two_digits(s + 12) * 100;
	i = two_digits(s + 14);
	hh = two_digits(s + 17);
	mm = two_digits(s + 20);
	ss = two_digits(s + 23);
	if (mon == 12 || mday < 1 || year < 0 || i < 0 || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59 || ss < 0 || ss > 59)
		return -1;
	year += i;
	if (year < 1970)
		return -1;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (mday > mdays[mon] + (mon == 1 && leap))
		return -1;
	/* days since 1970-01-01: whole years, their leap days, this year */
	y = year - 1;
	dn = (long long)(year - 1970) * 365 + (y / 4 - y / 100 + y / 400) -
	     (1969 / 4 - 1969 / 100 + 1969 / 400) + before[mon] +
	     (mon > 1 && leap) + mday - 1;
	return ((dn * 24 + hh) * 60 + mm) * 60 + ss;
}

/* An HTTP date as Unix seconds, or -1. */
static long long parse_date(const char *v, size_t n)
{
	char tmp[64];
	long long fast;
	time_t t;

	trim_copy(tmp, sizeof(tmp), v, n);
	fast = parse_fixdate(tmp, strlen(tmp));
	if (fast >= 0)
		return fast;
	/* the obsolete forms (RFC 850, asctime) and anything odd */
	t = curl_getdate(tmp, NULL);
	return t == (time_t)-1 ? -1 : (long long)t;
}

#define HDR(name) (nlen == sizeof(name) - 1 && !strncasecmp(line, name, nlen))

size_t gosend__header_line(const char *line, size_t len, gosend__response *res)
{
	size_t nlen;
	const char *colon, *v;
	size_t vlen;

	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		const char *sp = memchr(line, ' ', len);
		size_t left = sp ? (size_t)(line + len - sp - 1) : 0;
		gosend__response_reset_meta(res);
		/* "HTTP/1.1 201 Created": the three digits after the space */
		res->seen_status = left >= 3 ? parse_sat(sp + 1, 3, 999) : -1;
		return len;
	}
	colon = memchr(line, ':', len);
	if (!colon)
		return len;
	nlen = (size_t)(colon - line);
	v = colon + 1;
	vlen = len - nlen - 1;
	if (HDR("X-Total-Count")) {
		res->meta.total_count = parse_ll(v, vlen, 9007199254740992LL);
	} else if (HDR("X-Page")) {
		res->meta.page = (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-Per-Page")) {
		res->meta.per_page = (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Limit")) {
		res->meta.ratelimit_limit =
		        (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Remaining")) {
		res->meta.ratelimit_remaining =
		        (long)parse_ll(v, vlen, 2147483647LL);
	} else if (HDR("X-RateLimit-Reset")) {
		res->meta.ratelimit_reset =
		        parse_ll(v, vlen, 9007199254740992LL);
	} else if (HDR("Retry-After")) {
		/* any number of seconds, saturated: a huge wait must still
		 * be seen as one (and refused), never as none */
		long long s = parse_sat(v, vlen, GOSEND__WAIT_MAX_S);
		if (s < 0)
			res->retry_after_date = parse_date(v, vlen);
		res->meta.retry_after_s = (long)s;
	} else if (HDR("Date")) {
		res->meta.server_date = parse_date(v, vlen);
	} else if (HDR("X-Request-Id") || HDR("Request-Id")) {
		trim_copy(res->request_id, sizeof(res->request_id), v, vlen);
	} else if (HDR("Content-Type")) {
		trim_copy(res->content_type, sizeof(res->content_type), v,
		          vlen);
	}
	return len;
}

/* An HTTP-date Retry-After as seconds from the server's own Date (the
 * local clock only when it sent none). */
void gosend__settle_retry_after(gosend__response *res)
{
	long long base, d;

	if (res->meta.retry_after_s >= 0 || res->retry_after_date < 0)
		return;
	base = res->meta.server_date >= 0 ? res->meta.server_date
	                                  : (long long)time(NULL);
	d = res->retry_after_date - base;
	if (d < 0)
		d = 0;
	if (d > GOSEND__WAIT_MAX_S)
		d = GOSEND__WAIT_MAX_S;
	res->meta.retry_after_s = (long)d;
}

int gosend__meta_from_headers(gosend_meta *meta, const char *headers,
                              size_t len)
{
	gosend__response res;
	size_t start = 0, i;

	memset(&res, 0, sizeof(res));
	gosend__response_reset_meta(&res);
	for (i = 0; i < len; i++) {
		if (headers[i] == '\n') {
			(void)gosend__header_line(headers + start,
			                          i + 1 - start, &res);
			start = i + 1;
		}
	}
	if (start < len)
		(void)gosend__header_line(headers + start, len - start, &res);
	*meta = res.meta;
	meta->request_id = NULL;
	meta->content_type = NULL;
	return GOSEND_OK;
}
