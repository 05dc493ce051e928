/* Decoding the phone numbers of a WABA. */
#include "gosendapi/phone_numbers.h"

#include "json/types.h"

#include "json/decode.h"

static const char *const quality_ratings[] = {"", "green", "yellow", "red",
                                              NULL};
static const char *const connection_types[] = {"", "dedicated", "coexistence",
                                               NULL};
static const char *const phone_statuses[] = {"", "active", "disconnected",
                                             "pending", NULL};

static const gosend__field phone_fields[] = {
        /* only ever in lists, where nothing is required */
        GOSEND__FIELD(gosend_phone_number, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, waba_id, "waba_id", "wabaId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, phone_number_id, "phone_number_id",
                      "phoneNumberId", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_phone_number, display_phone_number,
                      "display_phone_number", "displayPhoneNumber",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, display_phone_number_normalized,
                      "display_phone_number_normalized",
                      "displayPhoneNumberNormalized", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, display_name, "display_name",
                      "displayName", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, verified_name, "verified_name",
                      "verifiedName", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, quality_rating_name,
                      "quality_rating", "qualityRating", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, throughput_tier, "throughput_tier",
                      "throughputTier", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, connection_type_name,
                      "connection_type", "connectionType", GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_phone_number, is_coexistence, "is_coexistence",
                      "isCoexistence", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, is_official_business_account,
                      "is_official_business_account",
                      "isOfficialBusinessAccount", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, inbound_processing_enabled,
                      "inbound_processing_enabled", "inboundProcessingEnabled",
                      GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, calls_enabled, "calls_enabled",
                      "callsEnabled", GOSEND__F_BOOL, 0),
        GOSEND__FIELD(gosend_phone_number, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
};

static int phone_post(void *item, const gosend__jn *json, gosend__holder *h,
                      const char **bad)
{
	gosend_phone_number *p = item;

	(void)json;
	(void)bad;
	p->quality_rating = (gosend_quality_rating)gosend__enum_ci(
	        p->quality_rating_name, quality_ratings + 1);
	p->connection_type = (gosend_connection_type)gosend__enum_ci(
	        p->connection_type_name, connection_types + 1);
	p->status = (gosend_phone_number_status)gosend__enum_ci(
	        p->status_name, phone_statuses + 1);
	p->meta = h->meta;
	return GOSEND__DECODE_OK;
}

const gosend__decoder gosend__type_phone_number =
        GOSEND__DECODER(gosend_phone_number, phone_fields, phone_post);
