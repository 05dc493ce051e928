/**
 * @file cpp/resources.hpp
 * @brief Part of gosendapi.hpp: what the API's resources read back (WABAs,
 *        phone numbers, conversations, templates, webhooks and their
 *        deliveries, media uploads, customers, setup links, bulk sends),
 *        pages of them, and the argument types of the client's calls on
 *        them. Include <gosendapi/gosendapi.hpp>, not this file.
 *
 * Views (`*_view`) point into a C object owned by something else: a page,
 * a range (until it moves on) or the owning type of the same name. The
 * accessors return copies. Every type here is new in 0.1.0.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CPP_RESOURCES_HPP
#define GOSENDAPI_CPP_RESOURCES_HPP

#ifndef GOSENDAPI_HPP
#error "include <gosendapi/gosendapi.hpp>, not this part of it"
#endif

namespace gosend
{

namespace detail
{

/* The base of every view: the C object and its raw JSON. */
template <typename C> class view
{
      public:
	explicit view(const C *p) noexcept : p_(p)
	{
	}
	/** @return This object's JSON text as sent. */
	std::string raw_json() const
	{
		return str(p_->raw_json);
	}
	/** @return The C object (not owned). */
	const C *get() const noexcept
	{
		return p_;
	}

      protected:
	const C *p_;
};

/* A view that owns its C object, with the response metadata. */
template <typename View, typename C, void (*Free)(C *)>
class owned : public View
{
      public:
	explicit owned(C *p) noexcept : View(p), h_(p)
	{
	}
	/** @return The response metadata. */
	response_meta meta() const
	{
		return response_meta::from(h_->meta);
	}

      private:
	handle<C, Free> h_;
};

inline std::vector<std::string> strings(const char *const *v, std::size_t n)
{
	std::vector<std::string> out;
	out.reserve(v ? n : 0);
	for (std::size_t i = 0; v && i < n; i++)
		out.emplace_back(str(v[i]));
	return out;
}

inline std::optional<std::string_view>
ov(const std::optional<std::string> &s) noexcept
{
	if (!s)
		return std::nullopt;
	return std::string_view(*s);
}

inline const char *c_or_null(const std::optional<std::string> &s) noexcept
{
	return s ? s->c_str() : nullptr;
}

/* The C array of @p v (false when one holds a NUL character). */
inline bool c_strings(std::vector<const char *> &out,
                      const std::vector<std::string> &v)
{
	out.reserve(v.size());
	for (const std::string &x : v) {
		if (has_nul(std::string_view(x)))
			return false;
		out.push_back(x.c_str());
	}
	return true;
}

} // namespace detail

/**
 * A WhatsApp Business Account (::gosend_waba). Not owned: an item of a page or
 * range (valid while it lives, or until the range moves on), or the base of the
 * owning ::gosend::waba.
 * @since 0.1.0
 */
class waba_view : public detail::view<gosend_waba>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit waba_view(const gosend_waba *p) noexcept
	    : detail::view<gosend_waba>(p)
	{
	}
	/** @return The id in GoSendAPI, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The customer it belongs to, if any. */
	std::optional<std::string> customer_id() const
	{
		return detail::opt(this->p_->customer_id);
	}
	/** @return Meta's WABA id, if any. */
	std::optional<std::string> waba_id() const
	{
		return detail::opt(this->p_->waba_id);
	}
	/** @return Meta's business id, if any. */
	std::optional<std::string> business_id() const
	{
		return detail::opt(this->p_->business_id);
	}
	/** @return The display name, if any. */
	std::optional<std::string> display_name() const
	{
		return detail::opt(this->p_->display_name);
	}
	/** @return The status as an enum. */
	gosend_waba_status status() const noexcept
	{
		return this->p_->status;
	}
	/** @return The status text as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(this->p_->status_name);
	}
	/** @return The caller's own reference, if any. */
	std::optional<std::string> external_reference() const
	{
		return detail::opt(this->p_->external_reference);
	}
};

/** A WABA read with `GET /wabas/{id}`, owned (::gosend_waba): the accessors of
 *  ::gosend::waba_view and meta(). @since 0.1.0 */
using waba = detail::owned<waba_view, gosend_waba, gosend_waba_free>;

/** One page of WABAs (`GET /wabas`) (::gosend_waba_list); items are
 *  ::gosend::waba_view. @since 0.1.0 */
using waba_page =
        page<waba_view, gosend_waba, gosend_waba_list, gosend_waba_list_free>;

/** Every WABA (`GET /wabas`), page after page, for a range-for loop.
 *  @since 0.1.0 */
using waba_range = range<waba_view, gosend_waba, gosend_wabas_iter_next>;

/**
 * A phone number of a WABA (::gosend_phone_number). Not owned: an item of a
 * page or range (valid while it lives, or until the range moves on).
 * @since 0.1.0
 */
class phone_number_view : public detail::view<gosend_phone_number>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit phone_number_view(const gosend_phone_number *p) noexcept
	    : detail::view<gosend_phone_number>(p)
	{
	}
	/** @return The id in GoSendAPI, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The WABA id, if any. */
	std::optional<std::string> waba_id() const
	{
		return detail::opt(this->p_->waba_id);
	}
	/** @return Meta's phone number id (the sender of messages), if any. */
	std::optional<std::string> phone_number_id() const
	{
		return detail::opt(this->p_->phone_number_id);
	}
	/** @return The number as displayed, if any. */
	std::optional<std::string> display_phone_number() const
	{
		return detail::opt(this->p_->display_phone_number);
	}
	/** @return The number as digits, if any. */
	std::optional<std::string> display_phone_number_normalized() const
	{
		return detail::opt(this->p_->display_phone_number_normalized);
	}
	/** @return The display name, if any. */
	std::optional<std::string> display_name() const
	{
		return detail::opt(this->p_->display_name);
	}
	/** @return The verified name, if any. */
	std::optional<std::string> verified_name() const
	{
		return detail::opt(this->p_->verified_name);
	}
	/** @return The quality rating as an enum. */
	gosend_quality_rating quality_rating() const noexcept
	{
		return this->p_->quality_rating;
	}
	/** @return The quality rating as sent, if any. */
	std::optional<std::string> quality_rating_name() const
	{
		return detail::opt(this->p_->quality_rating_name);
	}
	/** @return The throughput tier, if any. */
	std::optional<std::string> throughput_tier() const
	{
		return detail::opt(this->p_->throughput_tier);
	}
	/** @return The connection type as an enum. */
	gosend_connection_type connection_type() const noexcept
	{
		return this->p_->connection_type;
	}
	/** @return The connection type as sent, if any. */
	std::optional<std::string> connection_type_name() const
	{
		return detail::opt(this->p_->connection_type_name);
	}
	/** @return `is_coexistence`: 1, 0, or -1 when absent. */
	int is_coexistence() const noexcept
	{
		return this->p_->is_coexistence;
	}
	/** @return `is_official_business_account`: 1, 0, or -1 when absent. */
	int is_official_business_account() const noexcept
	{
		return this->p_->is_official_business_account;
	}
	/** @return `inbound_processing_enabled`: 1, 0, or -1 when absent. */
	int inbound_processing_enabled() const noexcept
	{
		return this->p_->inbound_processing_enabled;
	}
	/** @return `calls_enabled`: 1, 0, or -1 when absent. */
	int calls_enabled() const noexcept
	{
		return this->p_->calls_enabled;
	}
	/** @return The status as an enum. */
	gosend_phone_number_status status() const noexcept
	{
		return this->p_->status;
	}
	/** @return The status text as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(this->p_->status_name);
	}
};

/** One page of phone numbers (`GET /wabas/{id}/phone-numbers`)
 * (::gosend_phone_number_list); items are
 *  ::gosend::phone_number_view. @since 0.1.0 */
using phone_number_page =
        page<phone_number_view, gosend_phone_number, gosend_phone_number_list,
             gosend_phone_number_list_free>;

/** Every phone number of a WABA, page after page, for a range-for loop.
 *  @since 0.1.0 */
using phone_number_range = range<phone_number_view, gosend_phone_number,
                                 gosend_phone_numbers_iter_next>;

/**
 * A conversation (::gosend_conversation). Not owned: an item of a page or range
 * (valid while it lives, or until the range moves on), or the base of the
 * owning ::gosend::conversation.
 * @since 0.1.0
 */
class conversation_view : public detail::view<gosend_conversation>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit conversation_view(const gosend_conversation *p) noexcept
	    : detail::view<gosend_conversation>(p)
	{
	}
	/** @return The conversation id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The status as an enum. */
	gosend_conversation_status status() const noexcept
	{
		return this->p_->status;
	}
	/** @return The status text as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(this->p_->status_name);
	}
	/** @return The tenant id, if any. */
	std::optional<std::string> tenant_id() const
	{
		return detail::opt(this->p_->tenant_id);
	}
	/** @return The customer id, if any. */
	std::optional<std::string> customer_id() const
	{
		return detail::opt(this->p_->customer_id);
	}
	/** @return The business phone number id, if any. */
	std::optional<std::string> phone_number_id() const
	{
		return detail::opt(this->p_->phone_number_id);
	}
	/** @return The contact's WhatsApp id, if any. */
	std::optional<std::string> contact_wa_id() const
	{
		return detail::opt(this->p_->contact_wa_id);
	}
	/** @return The contact's name, if any. */
	std::optional<std::string> contact_name() const
	{
		return detail::opt(this->p_->contact_name);
	}
	/** @return The category, if any. */
	std::optional<std::string> category() const
	{
		return detail::opt(this->p_->category);
	}
	/** @return When it opened, as sent, if any. */
	std::optional<std::string> opened_at() const
	{
		return detail::opt(this->p_->opened_at);
	}
	/** @return When it expires, as sent, if any. */
	std::optional<std::string> expires_at() const
	{
		return detail::opt(this->p_->expires_at);
	}
	/** @return When it closed, as sent, if any. */
	std::optional<std::string> closed_at() const
	{
		return detail::opt(this->p_->closed_at);
	}
	/** @return When the last message went, as sent, if any. */
	std::optional<std::string> last_message_at() const
	{
		return detail::opt(this->p_->last_message_at);
	}
};

/** A conversation read or closed, owned (::gosend_conversation): the accessors
 * of
 *  ::gosend::conversation_view and meta(). @since 0.1.0 */
using conversation = detail::owned<conversation_view, gosend_conversation,
                                   gosend_conversation_free>;

/** One page of conversations (`GET /conversations`)
 * (::gosend_conversation_list); items are
 *  ::gosend::conversation_view. @since 0.1.0 */
using conversation_page =
        page<conversation_view, gosend_conversation, gosend_conversation_list,
             gosend_conversation_list_free>;

/** Every conversation, page after page, for a range-for loop.
 *  @since 0.1.0 */
using conversation_range = range<conversation_view, gosend_conversation,
                                 gosend_conversations_iter_next>;

/**
 * A message template (::gosend_template). Not owned: an item of a page or range
 * (valid while it lives, or until the range moves on), or the base of the
 * owning ::gosend::message_template.
 * @since 0.1.0
 */
class message_template_view : public detail::view<gosend_template>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit message_template_view(const gosend_template *p) noexcept
	    : detail::view<gosend_template>(p)
	{
	}
	/** @return The template id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The name, if any. */
	std::optional<std::string> name() const
	{
		return detail::opt(this->p_->name);
	}
	/** @return The language code, if any. */
	std::optional<std::string> language() const
	{
		return detail::opt(this->p_->language);
	}
	/** @return The category as an enum. */
	gosend_template_category category() const noexcept
	{
		return this->p_->category;
	}
	/** @return The category as sent, if any. */
	std::optional<std::string> category_name() const
	{
		return detail::opt(this->p_->category_name);
	}
	/** @return The status as an enum. */
	gosend_template_status status() const noexcept
	{
		return this->p_->status;
	}
	/** @return The status as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(this->p_->status_name);
	}
	/** @return Why Meta rejected it, if it did. */
	std::optional<std::string> rejection_reason() const
	{
		return detail::opt(this->p_->rejection_reason);
	}
	/** @return The `components` array as JSON text, if any. */
	std::optional<std::string> components_json() const
	{
		return detail::opt(this->p_->components_json);
	}
	/** @return The WABA id, if any. */
	std::optional<std::string> waba_id() const
	{
		return detail::opt(this->p_->waba_id);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(this->p_->created_at);
	}
	/** @return The last change as sent, if any. */
	std::optional<std::string> updated_at() const
	{
		return detail::opt(this->p_->updated_at);
	}
};

/** A template as created, owned (::gosend_template): the accessors of
 *  ::gosend::message_template_view and meta(). @since 0.1.0 */
using message_template = detail::owned<message_template_view, gosend_template,
                                       gosend_template_free>;

/** One page of templates (`GET /wabas/{id}/templates`)
 * (::gosend_template_list); items are
 *  ::gosend::message_template_view. @since 0.1.0 */
using message_template_page =
        page<message_template_view, gosend_template, gosend_template_list,
             gosend_template_list_free>;

/** Every template of a WABA, page after page, for a range-for loop.
 *  @since 0.1.0 */
using message_template_range = range<message_template_view, gosend_template,
                                     gosend_templates_iter_next>;

/**
 * A webhook subscription (::gosend_webhook). Not owned: an item of a page or
 * range (valid while it lives, or until the range moves on), or the base of the
 * owning ::gosend::webhook.
 * @since 0.1.0
 */
class webhook_view : public detail::view<gosend_webhook>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_view(const gosend_webhook *p) noexcept
	    : detail::view<gosend_webhook>(p)
	{
	}
	/** @return The webhook id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The URL events go to, if any. */
	std::optional<std::string> url() const
	{
		return detail::opt(this->p_->url);
	}
	/** @return The subscribed event names (empty when none were sent). */
	std::vector<std::string> events() const
	{
		return detail::strings(p_->events, p_->events_count);
	}
	/** @return The signing secret (sent when the webhook is made), if any.
	 */
	std::optional<std::string> secret() const
	{
		return detail::opt(this->p_->secret);
	}
	/** @return `enabled`: 1, 0, or -1 when absent. */
	int enabled() const noexcept
	{
		return this->p_->enabled;
	}
	/** @return The phone scope, if any (none: the whole project). */
	std::optional<std::string> phone_number_id() const
	{
		return detail::opt(this->p_->phone_number_id);
	}
	/** @return The webhook type, if any. */
	std::optional<std::string> type() const
	{
		return detail::opt(this->p_->type);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(this->p_->created_at);
	}
	/** @return The last change as sent, if any. */
	std::optional<std::string> updated_at() const
	{
		return detail::opt(this->p_->updated_at);
	}
};

/** A webhook as made or changed, owned (::gosend_webhook): the accessors of
 *  ::gosend::webhook_view and meta(). @since 0.1.0 */
using webhook =
        detail::owned<webhook_view, gosend_webhook, gosend_webhook_free>;

/** One page of webhooks (`GET /webhooks`) (::gosend_webhook_list); items are
 *  ::gosend::webhook_view. @since 0.1.0 */
using webhook_page = page<webhook_view, gosend_webhook, gosend_webhook_list,
                          gosend_webhook_list_free>;

/** Every webhook, page after page, for a range-for loop.
 *  @since 0.1.0 */
using webhook_range =
        range<webhook_view, gosend_webhook, gosend_webhooks_iter_next>;

/**
 * A delivery attempt of an event to a webhook (::gosend_webhook_delivery). Not
 * owned: an item of a page or range (valid while it lives, or until the range
 * moves on).
 * @since 0.1.0
 */
class webhook_delivery_view : public detail::view<gosend_webhook_delivery>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_delivery_view(
	        const gosend_webhook_delivery *p) noexcept
	    : detail::view<gosend_webhook_delivery>(p)
	{
	}
	/** @return The delivery id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The webhook id, if any. */
	std::optional<std::string> webhook_id() const
	{
		return detail::opt(this->p_->webhook_id);
	}
	/** @return The event name, if any. */
	std::optional<std::string> event() const
	{
		return detail::opt(this->p_->event);
	}
	/** @return The delivery status as sent, if any. */
	std::optional<std::string> status() const
	{
		return detail::opt(this->p_->status);
	}
	/** @return The number of attempts, -1 when absent. */
	long long attempts() const noexcept
	{
		return this->p_->attempts;
	}
	/** @return The last HTTP status the endpoint answered, -1 when absent.
	 */
	long long response_status() const noexcept
	{
		return this->p_->response_status;
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(this->p_->created_at);
	}
	/** @return The last attempt's time, if any. */
	std::optional<std::string> last_attempt_at() const
	{
		return detail::opt(this->p_->last_attempt_at);
	}
	/** @return The next attempt's time, if any. */
	std::optional<std::string> next_attempt_at() const
	{
		return detail::opt(this->p_->next_attempt_at);
	}
};

/** One page of deliveries of a webhook (::gosend_webhook_delivery_list); items
 * are
 *  ::gosend::webhook_delivery_view. @since 0.1.0 */
using webhook_delivery_page =
        page<webhook_delivery_view, gosend_webhook_delivery,
             gosend_webhook_delivery_list, gosend_webhook_delivery_list_free>;

/** Every delivery of a webhook, page after page, for a range-for loop.
 *  @since 0.1.0 */
using webhook_delivery_range =
        range<webhook_delivery_view, gosend_webhook_delivery,
              gosend_webhook_deliveries_iter_next>;

/**
 * An uploaded media file (::gosend_media_result). Not owned: an item of a page
 * or range (valid while it lives, or until the range moves on), or the base of
 * the owning ::gosend::media_upload.
 * @since 0.1.0
 */
class media_upload_view : public detail::view<gosend_media_result>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit media_upload_view(const gosend_media_result *p) noexcept
	    : detail::view<gosend_media_result>(p)
	{
	}
	/** @return The media id to send (`media_id` of a media message), if
	 * any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
};

/** The answer to a media upload, owned (::gosend_media_result): the accessors
 * of
 *  ::gosend::media_upload_view and meta(). @since 0.1.0 */
using media_upload = detail::owned<media_upload_view, gosend_media_result,
                                   gosend_media_result_free>;

/**
 * A customer of a tenant (::gosend_customer). Not owned: an item of a page or
 * range (valid while it lives, or until the range moves on), or the base of the
 * owning ::gosend::customer.
 * @since 0.1.0
 */
class customer_view : public detail::view<gosend_customer>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit customer_view(const gosend_customer *p) noexcept
	    : detail::view<gosend_customer>(p)
	{
	}
	/** @return The customer id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The tenant id, if any. */
	std::optional<std::string> tenant_id() const
	{
		return detail::opt(this->p_->tenant_id);
	}
	/** @return The name, if any. */
	std::optional<std::string> name() const
	{
		return detail::opt(this->p_->name);
	}
	/** @return The caller's own id, if any. */
	std::optional<std::string> external_id() const
	{
		return detail::opt(this->p_->external_id);
	}
	/** @return The e-mail address, if any. */
	std::optional<std::string> email() const
	{
		return detail::opt(this->p_->email);
	}
	/** @return The phone, if any. */
	std::optional<std::string> phone() const
	{
		return detail::opt(this->p_->phone);
	}
	/** @return The `metadata` object as JSON text, if any. */
	std::optional<std::string> metadata_json() const
	{
		return detail::opt(this->p_->metadata_json);
	}
	/** @return The status as an enum. */
	gosend_customer_status status() const noexcept
	{
		return this->p_->status;
	}
	/** @return The status as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(this->p_->status_name);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(this->p_->created_at);
	}
};

/** A customer as created, owned (::gosend_customer): the accessors of
 *  ::gosend::customer_view and meta(). @since 0.1.0 */
using customer =
        detail::owned<customer_view, gosend_customer, gosend_customer_free>;

/**
 * A setup link for a customer (::gosend_setup_link). Not owned: an item of a
 * page or range (valid while it lives, or until the range moves on), or the
 * base of the owning ::gosend::setup_link.
 * @since 0.1.0
 */
class setup_link_view : public detail::view<gosend_setup_link>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit setup_link_view(const gosend_setup_link *p) noexcept
	    : detail::view<gosend_setup_link>(p)
	{
	}
	/** @return The link id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The URL the customer opens, if any. */
	std::optional<std::string> url() const
	{
		return detail::opt(this->p_->url);
	}
	/** @return The status as sent, if any. */
	std::optional<std::string> status() const
	{
		return detail::opt(this->p_->status);
	}
	/** @return When it expires, as sent, if any. */
	std::optional<std::string> expires_at() const
	{
		return detail::opt(this->p_->expires_at);
	}
	/** @return Where success leads, if any. */
	std::optional<std::string> success_redirect_url() const
	{
		return detail::opt(this->p_->success_redirect_url);
	}
	/** @return Where failure leads, if any. */
	std::optional<std::string> failure_redirect_url() const
	{
		return detail::opt(this->p_->failure_redirect_url);
	}
	/** @return The customer id, if any. */
	std::optional<std::string> customer_id() const
	{
		return detail::opt(this->p_->customer_id);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(this->p_->created_at);
	}
};

/** A setup link as created, owned (::gosend_setup_link): the accessors of
 *  ::gosend::setup_link_view and meta(). @since 0.1.0 */
using setup_link = detail::owned<setup_link_view, gosend_setup_link,
                                 gosend_setup_link_free>;

/**
 * What `POST /wabas/{id}/templates/sync` answered
 * (::gosend_template_sync_result): the count and the templates, which are
 * ::gosend::message_template_view valid while this object lives.
 * @since 0.1.0
 */
class template_sync_result
{
      public:
	/** Take ownership. @param p A result from gosend_templates_sync(). */
	explicit template_sync_result(gosend_template_sync_result *p) noexcept
	    : p_(p)
	{
	}
	/** @return `synced`, -1 when absent. */
	long long synced() const noexcept
	{
		return p_->synced;
	}
	/** @return The number of templates listed in the answer. */
	std::size_t size() const noexcept
	{
		return p_->count;
	}
	/** @param i An index below size(). @return Template @p i. */
	message_template_view operator[](std::size_t i) const noexcept
	{
		return message_template_view(p_->templates[i]);
	}
	/** @return The templates, copied into a vector of views. */
	std::vector<message_template_view> templates() const
	{
		std::vector<message_template_view> v;
		v.reserve(p_->count);
		for (std::size_t i = 0; i < p_->count; i++)
			v.emplace_back(p_->templates[i]);
		return v;
	}
	/** @return The whole response body. */
	std::string raw_json() const
	{
		return detail::str(p_->raw_json);
	}
	/** @return The response metadata. */
	response_meta meta() const
	{
		return response_meta::from(p_->meta);
	}
	/** @return The C object, owned by this one. */
	const gosend_template_sync_result *get() const noexcept
	{
		return p_.get();
	}

      private:
	handle<gosend_template_sync_result, gosend_template_sync_result_free>
	        p_;
};

/**
 * A template to create (::gosend_template_builder), sent with
 * client::create_template(). Like ::gosend::outgoing, it never throws: the
 * first refusal is kept (later setters do nothing), reported by ok(),
 * error() and status(), and by the create, which then sends nothing. Each
 * setter is the C function of the same name (without
 * `gosend_template_builder_`); see templates.h for the rules. Copies share
 * one builder. One thread at a time.
 * @since 0.1.0
 */
class template_builder
{
      public:
	/** A copy shares the builder. A move copies too (nothing else is
	 *  declared), so a moved-from builder stays the same usable handle
	 *  instead of an empty one. */
	template_builder(const template_builder &) = default;
	/** @copydoc template_builder(const template_builder &) @return
	 *  *this. */
	template_builder &operator=(const template_builder &) = default;
	/**
	 * Start a template (gosend_template_builder_new()).
	 * @param name      The template name.
	 * @param category  "UTILITY", "MARKETING" or "AUTHENTICATION".
	 * @param language  The language code, e.g. "en_US".
	 */
	template_builder(std::string_view name, std::string_view category,
	                 std::string_view language)
	    : s_(std::make_shared<state>())
	{
		if (detail::any_nul(name, category, language)) {
			s_->err = detail::nul_error();
			return;
		}
		gosend_template_builder *b = nullptr;
		gosend_error *e = nullptr;
		int rc = gosend_template_builder_new(
		        &b, detail::cstr(name), detail::cstr(category),
		        detail::cstr(language), &e);
		s_->h.reset(b);
		if (rc < 0)
			s_->err.emplace(e, rc);
	}
	/** @param text Header text. @param example Example of its variable,
	 *  or std::nullopt. @return This builder. */
	template_builder &
	header_text(std::string_view text,
	            std::optional<std::string_view> example = std::nullopt)
	{
		return apply(gosend_template_builder_header_text, text,
		             example);
	}
	/** @param format The media kind. @param example_handle An uploaded
	 *  example's handle. @return This builder. */
	template_builder &header_media(gosend_template_header_format format,
	                               std::string_view example_handle)
	{
		return apply(gosend_template_builder_header_media, format,
		             example_handle);
	}
	/** @return This builder, with a location header. */
	template_builder &header_location()
	{
		return apply(gosend_template_builder_header_location);
	}
	/** @param text Body text with {{1}}... variables.
	 *  @param examples One example per variable. @return This builder. */
	template_builder &body(std::string_view text,
	                       const std::vector<std::string> &examples = {})
	{
		if (s_->err)
			return *this;
		std::vector<const char *> ex;
		for (const std::string &x : examples) {
			if (detail::has_nul(std::string_view(x))) {
				s_->err = detail::nul_error();
				return *this;
			}
			ex.push_back(x.c_str());
		}
		const char *const *exp = ex.empty() ? nullptr : ex.data();
		return apply(gosend_template_builder_body, text, exp,
		             ex.size());
	}
	/** @param text Footer text. @return This builder. */
	template_builder &footer(std::string_view text)
	{
		return apply(gosend_template_builder_footer, text);
	}
	/** @param text Button text. @return This builder. */
	template_builder &button_quick_reply(std::string_view text)
	{
		return apply(gosend_template_builder_button_quick_reply, text);
	}
	/** @param text Button text. @param url The URL (may end in {{1}}).
	 *  @param example Example URL, or std::nullopt.
	 *  @return This builder. */
	template_builder &
	button_url(std::string_view text, std::string_view url,
	           std::optional<std::string_view> example = std::nullopt)
	{
		return apply(gosend_template_builder_button_url, text, url,
		             example);
	}
	/** @param text Button text. @param phone_number The number called.
	 *  @return This builder. */
	template_builder &button_phone_number(std::string_view text,
	                                      std::string_view phone_number)
	{
		return apply(gosend_template_builder_button_phone_number, text,
		             phone_number);
	}
	/** @param example Example code. @return This builder. */
	template_builder &button_copy_code(std::string_view example)
	{
		return apply(gosend_template_builder_button_copy_code, example);
	}
	/** @param json The whole `components` array as JSON text, replacing
	 *  the parts above. @return This builder. */
	template_builder &components_json(std::string_view json)
	{
		return apply(gosend_template_builder_components_json, json);
	}

	/** @return Whether nothing has failed. */
	bool ok() const noexcept
	{
		return !s_->err;
	}
	/** @return The first refusal, if there was one. */
	const std::optional<gosend::error> &error() const noexcept
	{
		return s_->err;
	}
	/** @return Success, or the first refusal. */
	result<void> status() const
	{
		return s_->status();
	}
	/** The JSON body a create would send
	 *  (gosend_template_builder_to_json()). @return The text or the
	 *  error. */
	result<std::string> try_to_json() const
	{
		return s_->text(gosend_template_builder_to_json);
	}
#if GOSEND_CPP_EXCEPTIONS
	/** As try_to_json(). @return The JSON text.
	 *  @throws gosend::error on a refusal. */
	std::string to_json() const
	{
		return try_to_json().value();
	}
#endif
	/** @return The C builder (NULL after a failed start), owned by this
	 *          one. */
	const gosend_template_builder *get() const noexcept
	{
		return s_->h.get();
	}

      private:
	using state = detail::kept<gosend_template_builder,
	                           gosend_template_builder_free>;

	template <typename F, typename... A>
	template_builder &apply(F f, const A &...a)
	{
		s_->apply(f, a...);
		return *this;
	}

	std::shared_ptr<state> s_;
};

/**
 * A new webhook (::gosend_webhook_params; rules in webhooks.h).
 * @since 0.1.0
 */
struct webhook_params {
	/** The https URL events go to. Required. */
	std::string url;
	/** The event names (e.g. "message.received"), at least one. */
	std::vector<std::string> events;
	/** Scope to one phone number, or std::nullopt for the project. */
	std::optional<std::string> phone_number_id;
	/** The webhook type, or std::nullopt. */
	std::optional<std::string> type;
};

/**
 * A change to a webhook (::gosend_webhook_update_params): what is
 * std::nullopt is left as it is.
 * @since 0.1.0
 */
struct webhook_update {
	/** A new URL, or std::nullopt. */
	std::optional<std::string> url;
	/** A new complete list of events, or std::nullopt. */
	std::optional<std::vector<std::string>> events;
	/** Enable or disable it, or std::nullopt. */
	std::optional<bool> enabled;
};

/**
 * A new customer (::gosend_customer_params; rules in admin.h).
 * @since 0.1.0
 */
struct customer_params {
	/** The name. Required. */
	std::string name;
	/** The caller's own id, or std::nullopt. */
	std::optional<std::string> external_id;
	/** An e-mail address, or std::nullopt. */
	std::optional<std::string> email;
	/** A phone, or std::nullopt. */
	std::optional<std::string> phone;
	/** A JSON object's text, or std::nullopt. */
	std::optional<std::string> metadata_json;
};

/**
 * A new setup link (::gosend_setup_link_params; rules in admin.h).
 * @since 0.1.0
 */
struct setup_link_params {
	/** Where success leads, or std::nullopt. */
	std::optional<std::string> success_redirect_url;
	/** Where failure leads, or std::nullopt. */
	std::optional<std::string> failure_redirect_url;
	/** When it expires (RFC 3339), or std::nullopt. */
	std::optional<std::string> expires_at;
};

/**
 * One message of a bulk send (::gosend_bulk_item), valid while its
 * ::gosend::bulk_result lives.
 * @since 0.1.0
 */
class bulk_item_view
{
      public:
	/** @cond */
	bulk_item_view(const std::shared_ptr<const gosend_bulk_result> &owner,
	               const gosend_bulk_item *p) noexcept
	    : owner_(owner), p_(p)
	{
	}
	/** @endcond */
	/** @return 0 when the message went, else its negative
	 *          ::gosend_error_code. */
	int code() const noexcept
	{
		return p_->code;
	}
	/** @return Whether the message went (sent or accepted). */
	bool ok() const noexcept
	{
		return p_->code == 0;
	}
	/** @return What happened to it (#GOSEND_BULK_ACCEPTED, ...). */
	gosend_bulk_state state() const noexcept
	{
		return p_->state;
	}
	/** @return The new message's id, if it was accepted and the answer
	 *          named one. */
	std::optional<std::string> id() const
	{
		return p_->result ? detail::opt(p_->result->id) : std::nullopt;
	}
	/** @return The send's answer (NULL when it failed or results were
	 *          discarded), owned by the bulk result. */
	const gosend_message_result *message_result() const noexcept
	{
		return p_->result;
	}
	/** @return The failure, if it failed; it keeps the bulk result
	 *          alive. */
	std::optional<gosend::error> error() const
	{
		if (p_->code == 0)
			return std::nullopt;
		return gosend::error(owner_, p_->error, p_->code);
	}
	/** @return The Idempotency-Key it was sent with, if any: send it
	 *          again with this key only when error()->retryable(). */
	std::optional<std::string> idempotency_key() const
	{
		return detail::opt(p_->idempotency_key);
	}
	/** @return The number of HTTP attempts. */
	unsigned int attempts() const noexcept
	{
		return p_->attempts;
	}
	/** @return The C item (not owned). */
	const gosend_bulk_item *get() const noexcept
	{
		return p_;
	}

      private:
	std::shared_ptr<const gosend_bulk_result> owner_;
	const gosend_bulk_item *p_;
};

/**
 * What a bulk send did (::gosend_bulk_result): the counts and one
 * ::gosend::bulk_item_view per message, in the order given. Copies share
 * the result; it is immutable.
 * @since 0.1.0
 */
class bulk_result
{
      public:
	/** Take ownership. @param p A result from gosend_messages_send_bulk().
	 */
	explicit bulk_result(gosend_bulk_result *p)
	    : p_(p, [](gosend_bulk_result *r) { gosend_bulk_result_free(r); })
	{
	}
	/** @return The number of messages (and items). */
	std::size_t size() const noexcept
	{
		return p_->count;
	}
	/** @param i An index below size(). @return Item @p i. */
	bulk_item_view operator[](std::size_t i) const noexcept
	{
		return bulk_item_view(p_, p_->items[i]);
	}
	/** @return The items, in the order of the messages. */
	std::vector<bulk_item_view> items() const
	{
		std::vector<bulk_item_view> v;
		v.reserve(p_->count);
		for (std::size_t i = 0; i < p_->count; i++)
			v.emplace_back(p_, p_->items[i]);
		return v;
	}
	/** @return How many succeeded (sent or accepted). */
	std::size_t succeeded() const noexcept
	{
		return p_->succeeded;
	}
	/** @return How many failed. */
	std::size_t failed() const noexcept
	{
		return p_->failed;
	}
	/** @return How many answers were 429. */
	std::size_t rate_limited() const noexcept
	{
		return p_->rate_limited;
	}
	/** @return How many were sent with a known id (#GOSEND_BULK_SENT). */
	std::size_t sent() const noexcept
	{
		return p_->sent;
	}
	/** @return How many the server took without a known id
	 *          (#GOSEND_BULK_ACCEPTED): sent, never send them again. */
	std::size_t accepted() const noexcept
	{
		return p_->accepted;
	}
	/** @return How many were never attempted. */
	std::size_t not_attempted() const noexcept
	{
		return p_->not_attempted;
	}
	/** @return The time the batch took. */
	std::chrono::milliseconds elapsed() const noexcept
	{
		return std::chrono::milliseconds(p_->elapsed_ms);
	}
	/** @return The C result, owned by this one. */
	const gosend_bulk_result *get() const noexcept
	{
		return p_.get();
	}

      private:
	std::shared_ptr<const gosend_bulk_result> p_;
};

} // namespace gosend

#endif /* GOSENDAPI_CPP_RESOURCES_HPP */
