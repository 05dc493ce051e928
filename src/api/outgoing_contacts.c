/* Contacts messages: contact cards and what fills them. */
#include "api/outgoing.h"

#include <stdio.h>
#include <string.h>

#include "core/errors.h"

int gosend_outgoing_contacts_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc != 0)
		return rc;
	return gosend__outgoing_new(out, phone_number_id, to,
	                            GOSEND_MESSAGE_TYPE_CONTACTS, err);
}

/* The entry of the adders: a contacts message, with a card when need_card. */
static int need_contacts(gosend_outgoing *msg, int need_card,
                         gosend_error **err)
{
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_CONTACTS)
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "contact cards apply to contacts messages "
		                    "only");
	if (need_card && !gosend__jv_count(msg->payload))
		return gosend__fail(err, GOSEND_EINVAL, "contacts",
		                    "add a contact card first with "
		                    "gosend_outgoing_contact_add()");
	return GOSEND_OK;
}

/* The last contact card, its index in *index. */
static gosend__jv *last_card(const gosend_outgoing *msg, size_t *index)
{
	*index = gosend__jv_count(msg->payload) - 1;
	return gosend__jv_last(msg->payload);
}

/*
 * Check the texts contacts[ci].<part>.<keys[i]> = vals[i] with flags; the
 * first with `first` (part is "name", "org", or a list and its index:
 * "phones[0]").
 */
static int check_card_texts(gosend_error **err, size_t ci, const char *part,
                            const char *const *keys, const char *const *vals,
                            size_t n, unsigned int first, unsigned int flags)
{
	char field[96];
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		(void)snprintf(field, sizeof(field), "contacts[%zu].%s.%s", ci,
		               part, keys[i]);
		rc = gosend__check_text(err, field, vals[i],
		                        i == 0 ? first : flags, 0);
		if (rc == 0 && vals[i] && strcmp(keys[i], "wa_id") == 0)
			rc = gosend__check_to(err, field, vals[i]);
		if (rc != 0)
			return rc;
	}
	return GOSEND_OK;
}

/* {keys[i]: vals[i], ...} without the NULL values, or NULL. */
static gosend__jv *object_of(const char *const *keys, const char *const *vals,
                             size_t n)
{
	gosend__jv *obj = gosend__jv_object();
	size_t i;

	for (i = 0; obj && i < n; i++) {
		if (gosend__outgoing_put(obj, keys[i], vals[i]) < 0) {
			gosend__jv_free(obj);
			obj = NULL;
		}
	}
	return obj;
}

/* Append obj (taken; NULL: out of memory) to card[list]. */
static int card_push(gosend__jv *card, const char *list, gosend__jv *obj,
                     gosend_error **err)
{
	gosend__jv *arr = obj ? gosend__outgoing_array(card, list) : NULL;

	if (!arr) {
		gosend__jv_free(obj);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_push(arr, obj) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_contact_add(gosend_outgoing *msg,
                                const char *formatted_name,
                                const char *first_name, const char *last_name,
                                gosend_error **err)
{
	static const char *const keys[] = {"formatted_name", "first_name",
	                                   "last_name"};
	const char *vals[3];
	gosend__jv *card, *name;
	int rc = need_contacts(msg, 0, err);

	if (rc != 0)
		return rc;
	vals[0] = formatted_name;
	vals[1] = first_name;
	vals[2] = last_name;
	rc = check_card_texts(err, gosend__jv_count(msg->payload), "name", keys,
	                      vals, 3, GOSEND__TXT_REQUIRED, 0);
	if (rc != 0)
		return rc;
	card = gosend__jv_object();
	name = object_of(keys, vals, 3);
	if (!card || !name) {
		gosend__jv_free(card);
		gosend__jv_free(name);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_set(card, "name", name) < 0) {
		gosend__jv_free(card);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_push(msg->payload, card) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_contact_set_name_parts(gosend_outgoing *msg,
                                           const char *middle_name,
                                           const char *prefix,
                                           const char *suffix,
                                           gosend_error **err)
{
	static const char *const keys[] = {"middle_name", "prefix", "suffix"};
	const char *vals[3];
	gosend__jv *name;
	size_t ci, i;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	vals[0] = middle_name;
	vals[1] = prefix;
	vals[2] = suffix;
	name = gosend__jv_get(last_card(msg, &ci), "name");
	rc = check_card_texts(err, ci, "name", keys, vals, 3, 0, 0);
	if (rc != 0)
		return rc;
	for (i = 0; i < 3; i++) {
		if (gosend__outgoing_put(name, keys[i], vals[i]) < 0)
			return gosend__outgoing_oom(err);
	}
	return GOSEND_OK;
}

/*
 * Append {k0: v0, k1: v1, ...} (NULL values left out) to the card's array
 * `list`. vals[0] is required; field names are "contacts[i].list[j].key".
 */
static int card_append(gosend_outgoing *msg, const char *list,
                       const char *const *keys, const char *const *vals,
                       size_t n, gosend_error **err)
{
	char part[48];
	gosend__jv *card;
	size_t ci;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	card = last_card(msg, &ci);
	(void)snprintf(part, sizeof(part), "%s[%zu]", list,
	               gosend__jv_count(gosend__jv_get(card, list)));
	rc = check_card_texts(err, ci, part, keys, vals, n,
	                      GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL,
	                      GOSEND__TXT_NOCTRL);
	if (rc != 0)
		return rc;
	return card_push(card, list, object_of(keys, vals, n), err);
}

int gosend_outgoing_contact_add_phone(gosend_outgoing *msg, const char *phone,
                                      const char *type, const char *wa_id,
                                      gosend_error **err)
{
	static const char *const keys[] = {"phone", "type", "wa_id"};
	const char *vals[3];

	vals[0] = phone;
	vals[1] = type;
	vals[2] = wa_id;
	return card_append(msg, "phones", keys, vals, 3, err);
}

int gosend_outgoing_contact_add_email(gosend_outgoing *msg, const char *email,
                                      const char *type, gosend_error **err)
{
	static const char *const keys[] = {"email", "type"};
	const char *vals[2];

	vals[0] = email;
	vals[1] = type;
	return card_append(msg, "emails", keys, vals, 2, err);
}

int gosend_outgoing_contact_add_url(gosend_outgoing *msg, const char *url,
                                    const char *type, gosend_error **err)
{
	static const char *const keys[] = {"url", "type"};
	const char *vals[2];

	vals[0] = url;
	vals[1] = type;
	return card_append(msg, "urls", keys, vals, 2, err);
}

/* The order of an address's fields on the wire. */
static const char *const address_keys[] = {
        "street", "city", "state", "zip", "country", "country_code", "type"};

#define ADDRESS_FIELDS (sizeof(address_keys) / sizeof(address_keys[0]))

static int is_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* An address's fields (vals, in address_keys order): a two-letter
 * country_code, and some field besides the type. */
static int check_address(const char *const *vals, size_t ci, size_t ai,
                         gosend_error **err)
{
	char part[48], field[96];
	const char *cc = vals[5];
	size_t i, given = 0;
	int rc;

	(void)snprintf(part, sizeof(part), "addresses[%zu]", ai);
	rc = check_card_texts(err, ci, part, address_keys, vals, ADDRESS_FIELDS,
	                      GOSEND__TXT_NOCTRL, GOSEND__TXT_NOCTRL);
	if (rc != 0)
		return rc;
	for (i = 0; i + 1 < ADDRESS_FIELDS; i++)
		given += vals[i] != NULL;
	if (cc && (strlen(cc) != 2 || !is_letter(cc[0]) || !is_letter(cc[1]))) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].addresses[%zu].country_code", ci,
		               ai);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be a two-letter ISO 3166 code",
		                    field);
	}
	if (!given) {
		(void)snprintf(field, sizeof(field),
		               "contacts[%zu].addresses[%zu]", ci, ai);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s has no field set", field);
	}
	return GOSEND_OK;
}

int gosend_outgoing_contact_add_address(gosend_outgoing *msg,
                                        const gosend_contact_address *address,
                                        gosend_error **err)
{
	const char *vals[ADDRESS_FIELDS];
	gosend__jv *card;
	size_t ci;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	if (!address)
		return gosend__fail(err, GOSEND_EINVAL, "address",
		                    "address is NULL");
	if (address->version == 0 ||
	    address->version > GOSEND_CONTACT_ADDRESS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "address.version",
		                    "unknown gosend_contact_address version %u",
		                    address->version);
	vals[0] = address->street;
	vals[1] = address->city;
	vals[2] = address->state;
	vals[3] = address->zip;
	vals[4] = address->country;
	vals[5] = address->country_code;
	vals[6] = address->type;
	card = last_card(msg, &ci);
	rc = check_address(vals, ci,
	                   gosend__jv_count(gosend__jv_get(card, "addresses")),
	                   err);
	if (rc != 0)
		return rc;
	return card_push(card, "addresses",
	                 object_of(address_keys, vals, ADDRESS_FIELDS), err);
}

int gosend_outgoing_contact_set_org(gosend_outgoing *msg, const char *company,
                                    const char *department, const char *title,
                                    gosend_error **err)
{
	static const char *const keys[] = {"company", "department", "title"};
	const char *vals[3];
	char field[64];
	gosend__jv *card;
	size_t ci;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	vals[0] = company;
	vals[1] = department;
	vals[2] = title;
	card = last_card(msg, &ci);
	rc = check_card_texts(err, ci, "org", keys, vals, 3, 0, 0);
	if (rc != 0)
		return rc;
	if (!company && !department && !title) {
		(void)snprintf(field, sizeof(field), "contacts[%zu].org", ci);
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s needs a company, department or title",
		                    field);
	}
	if (gosend__jv_set(card, "org", object_of(keys, vals, 3)) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* "YYYY-MM-DD", a real calendar date. */
static int valid_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

int gosend_outgoing_contact_set_birthday(gosend_outgoing *msg,
                                         const char *birthday,
                                         gosend_error **err)
{
	char field[48];
	gosend__jv *card;
	size_t ci;
	int rc = need_contacts(msg, 1, err);

	if (rc != 0)
		return rc;
	card = last_card(msg, &ci);
	(void)snprintf(field, sizeof(field), "contacts[%zu].birthday", ci);
	if (!birthday || !valid_date(birthday))
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s must be a date written YYYY-MM-DD",
		                    field);
	if (gosend__jv_set_str(card, "birthday", birthday) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}
