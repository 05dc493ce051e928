/* Built-in seed data and loading of seed files. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock_int.h"

static const char builtin_json[] =
        "{"
        "\"wabas\":["
        "{\"id\":\"1\",\"customer_id\":\"1\",\"waba_id\":\"102290129340398\","
        "\"business_id\":\"104996122399160\",\"display_name\":\"Mock Clinic\","
        "\"status\":\"active\",\"external_reference\":\"clinic_001\"},"
        "{\"id\":\"2\",\"customer_id\":\"1\",\"waba_id\":\"109876543210987\","
        "\"business_id\":\"104996122399160\",\"display_name\":\"Mock Store\","
        "\"status\":\"pending\",\"external_reference\":null}"
        "],"
        "\"phone_numbers\":["
        "{\"id\":\"1\",\"waba_id\":\"1\",\"phone_number_id\":\"555123456789\","
        "\"display_phone_number\":\"+54 11 5555 1234\","
        "\"display_phone_number_normalized\":\"5491155551234\","
        "\"display_name\":\"Mock Clinic\","
        "\"verified_name\":\"Mock Clinic S.A.\",\"quality_rating\":\"green\","
        "\"throughput_tier\":\"Standard\",\"connection_type\":\"dedicated\","
        "\"is_coexistence\":false,\"is_official_business_account\":true,"
        "\"inbound_processing_enabled\":true,\"calls_enabled\":false,"
        "\"status\":\"active\"},"
        "{\"id\":\"2\",\"waba_id\":\"1\",\"phone_number_id\":\"555123456790\","
        "\"display_phone_number\":\"+54 11 5555 1235\","
        "\"display_phone_number_normalized\":\"5491155551235\","
        "\"display_name\":\"Mock Clinic Turnos\","
        "\"verified_name\":\"Mock Clinic S.A.\",\"quality_rating\":\"yellow\","
        "\"throughput_tier\":\"High\",\"connection_type\":\"coexistence\","
        "\"is_coexistence\":true,\"is_official_business_account\":false,"
        "\"inbound_processing_enabled\":true,\"calls_enabled\":true,"
        "\"status\":\"active\"},"
        "{\"id\":\"3\",\"waba_id\":\"2\",\"phone_number_id\":\"555987654321\","
        "\"display_phone_number\":\"+1 415 555 0100\","
        "\"display_phone_number_normalized\":\"14155550100\","
        "\"display_name\":\"Mock Store\",\"verified_name\":\"\","
        "\"quality_rating\":\"unknown\",\"throughput_tier\":\"Standard\","
        "\"connection_type\":\"dedicated\",\"is_coexistence\":false,"
        "\"is_official_business_account\":false,"
        "\"inbound_processing_enabled\":false,\"calls_enabled\":false,"
        "\"status\":\"pending\"}"
        "],"
        "\"templates\":["
        "{\"id\":\"1001\",\"waba_id\":\"1\",\"name\":\"appointment_reminder\","
        "\"language\":\"es_AR\",\"category\":\"UTILITY\","
        "\"status\":\"APPROVED\",\"created_at\":\"2026-01-15T10:00:00Z\","
        "\"components\":["
        "{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Recordatorio\"},"
        "{\"type\":\"BODY\",\"text\":\"Hola {{1}}, te recordamos tu turno "
        "del {{2}}.\",\"example\":{\"body_text\":[[\"Juan\",\"20/05\"]]}},"
        "{\"type\":\"FOOTER\",\"text\":\"Mock Clinic\"},"
        "{\"type\":\"BUTTONS\",\"buttons\":["
        "{\"type\":\"QUICK_REPLY\",\"text\":\"Confirmar\"},"
        "{\"type\":\"QUICK_REPLY\",\"text\":\"Cancelar\"}]}]},"
        "{\"id\":\"1002\",\"waba_id\":\"1\",\"name\":\"summer_promo\","
        "\"language\":\"en_US\",\"category\":\"MARKETING\","
        "\"status\":\"REJECTED\",\"rejected_reason\":\"PROMOTIONAL\","
        "\"created_at\":\"2026-01-16T09:30:00Z\","
        "\"components\":["
        "{\"type\":\"HEADER\",\"format\":\"IMAGE\",\"example\":"
        "{\"header_handle\":[\"https://example.test/banner.jpg\"]}},"
        "{\"type\":\"BODY\",\"text\":\"Get {{1}} off until {{2}}!\","
        "\"example\":{\"body_text\":[[\"20%\",\"March 1\"]]}},"
        "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"URL\",\"text\":"
        "\"Shop now\",\"url\":\"https://example.test/shop/{{1}}\","
        "\"example\":[\"summer\"]}]}]},"
        "{\"id\":\"1003\",\"waba_id\":\"1\",\"name\":\"verification_code\","
        "\"language\":\"en_US\",\"category\":\"AUTHENTICATION\","
        "\"status\":\"PAUSED\",\"created_at\":\"2026-01-17T08:00:00Z\","
        "\"components\":["
        "{\"type\":\"BODY\",\"add_security_recommendation\":true},"
        "{\"type\":\"FOOTER\",\"code_expiration_minutes\":10},"
        "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\","
        "\"otp_type\":\"COPY_CODE\",\"text\":\"Copy code\"}]}]}"
        "],"
        "\"customers\":["
        "{\"id\":\"1\",\"tenant_id\":\"42\",\"name\":\"Default customer\","
        "\"external_id\":null,\"email\":null,\"phone\":null,"
        "\"metadata\":{},\"status\":\"active\","
        "\"created_at\":\"2026-01-15T10:00:00Z\"}"
        "]"
        "}";

static cJSON *build_conversations(void)
{
	static const char *statuses[] = {"active", "inactive", "ended"};
	static const char *categories[] = {"service", "utility", "marketing",
	                                   "authentication"};
	static const char *phones[] = {"555123456789", "555123456790",
	                               "555987654321"};
	/* 2026-01-15T10:00:00Z */
	const time_t base = (time_t)1768471200;
	cJSON *arr = cJSON_CreateArray();
	if (!arr)
		return NULL;
	for (int i = 1; i <= 25; i++) {
		char buf[64], opened[32], expires[32];
		cJSON *c = cJSON_CreateObject();
		cJSON *contact = cJSON_CreateObject();
		if (!c || !contact) {
			cJSON_Delete(c);
			cJSON_Delete(contact);
			cJSON_Delete(arr);
			return NULL;
		}
		const char *status = statuses[(i - 1) % 3];
		time_t t = base + (time_t)(i - 1) * 3600;
		gs_iso_time(t, opened);
		gs_iso_time(t + 24 * 3600, expires);
		snprintf(buf, sizeof buf, "%d", i);
		cJSON_AddStringToObject(c, "id", buf);
		cJSON_AddStringToObject(c, "status", status);
		cJSON_AddStringToObject(c, "phone_number_id",
		                        phones[(i - 1) % 3]);
		snprintf(buf, sizeof buf, "54911401234%02d", i);
		cJSON_AddStringToObject(contact, "wa_id", buf);
		snprintf(buf, sizeof buf, "Contact %d", i);
		cJSON_AddStringToObject(contact, "name", buf);
		cJSON_AddItemToObject(c, "contact", contact);
		cJSON_AddStringToObject(c, "category", categories[(i - 1) % 4]);
		cJSON_AddStringToObject(c, "opened_at", opened);
		cJSON_AddStringToObject(c, "expires_at", expires);
		if (strcmp(status, "ended") == 0)
			cJSON_AddStringToObject(c, "closed_at", expires);
		else
			cJSON_AddNullToObject(c, "closed_at");
		cJSON_AddStringToObject(c, "customer_id", "1");
		cJSON_AddStringToObject(c, "tenant_id", GS_PROJECT_ID);
		cJSON_AddItemToArray(arr, c);
	}
	return arr;
}

/* Largest numeric value of the "id" fields in arr (0 when none). */
static unsigned long long max_numeric_id(const cJSON *arr)
{
	unsigned long long max = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		char buf[64];
		const char *id = gs_json_id(it, "id", buf, sizeof buf);
		if (!id || !*id || strspn(id, "0123456789") != strlen(id) ||
		    strlen(id) > 18)
			continue;
		unsigned long long v = strtoull(id, NULL, 10);
		if (v > max)
			max = v;
	}
	return max;
}

static void update_sequences(gsmock *m)
{
	unsigned long long t = max_numeric_id(m->templates);
	m->seq_template = t > 1003 ? t : 1003;
	m->seq_customer = max_numeric_id(m->customers);
}

static cJSON *take(cJSON *root, const char *key)
{
	return cJSON_DetachItemFromObjectCaseSensitive(root, key);
}

int gs_seed_builtin(gsmock *m)
{
	cJSON *root = cJSON_Parse(builtin_json);
	if (!root)
		return -1;
	m->wabas = take(root, "wabas");
	m->phones = take(root, "phone_numbers");
	m->templates = take(root, "templates");
	m->customers = take(root, "customers");
	cJSON_Delete(root);
	m->conversations = build_conversations();
	m->messages = cJSON_CreateArray();
	m->media = cJSON_CreateArray();
	m->webhooks = cJSON_CreateArray();
	m->setup_links = cJSON_CreateArray();
	if (!m->wabas || !m->phones || !m->templates || !m->customers ||
	    !m->conversations || !m->messages || !m->media || !m->webhooks ||
	    !m->setup_links)
		return -1;
	update_sequences(m);
	return 0;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 8192, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (len + 1 >= cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0) {
			if (ferror(f)) {
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

/* Each collection must be an array of objects that carry an "id". */
static int valid_collection(const cJSON *arr, const char *name,
                            const char *path)
{
	if (!cJSON_IsArray(arr)) {
		fprintf(stderr, "gsmock: %s: \"%s\" must be an array\n", path,
		        name);
		return 0;
	}
	const cJSON *it;
	int i = 0;
	cJSON_ArrayForEach(it, arr)
	{
		char buf[64];
		if (!cJSON_IsObject(it) ||
		    !gs_json_id(it, "id", buf, sizeof buf)) {
			fprintf(stderr,
			        "gsmock: %s: %s[%d] must be an object with a "
			        "string or number \"id\"\n",
			        path, name, i);
			return 0;
		}
		i++;
	}
	return 1;
}

int gs_seed_file(gsmock *m, const char *path)
{
	static const char *keys[] = {"wabas", "phone_numbers", "templates",
	                             "conversations", "customers"};
	cJSON **slots[] = {&m->wabas, &m->phones, &m->templates,
	                   &m->conversations, &m->customers};
	char *text = read_file(path);
	if (!text) {
		fprintf(stderr, "gsmock: cannot read seed file %s: %s\n", path,
		        strerror(errno));
		return -1;
	}
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root)) {
		fprintf(stderr, "gsmock: %s: not a JSON object\n", path);
		cJSON_Delete(root);
		return -1;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(root, keys[i]);
		if (v && !valid_collection(v, keys[i], path)) {
			cJSON_Delete(root);
			return -1;
		}
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		cJSON *v = take(root, keys[i]);
		if (v) {
			cJSON_Delete(*slots[i]);
			*slots[i] = v;
		}
	}
	cJSON_Delete(root);
	update_sequences(m);
	return 0;
}
