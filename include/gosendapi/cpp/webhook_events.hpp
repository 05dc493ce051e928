/**
 * @file cpp/webhook_events.hpp
 * @brief Part of gosendapi.hpp: receiving webhooks in C++ (webhook_events.h):
 *        the signature check, signing, and the parsed event with its typed
 *        parts. Include <gosendapi/gosendapi.hpp>, not this file.
 *
 * @code
 * // body: the raw request body; sig: the X-GoSendAPI-Signature header
 * if (auto ok = gosend::try_verify_webhook(secret, sig, body); !ok)
 *         return ok.error().code() == GOSEND_ESIGNATURE ? 401 : 400;
 * gosend::webhook_event ev = gosend::webhook_event::parse(body);
 * if (auto m = ev.message(); m && m->reply())
 *         handle_choice(m->reply()->id().value_or(""));
 * @endcode
 *
 * Everything here is thread-safe and keeps no state. Every type and
 * function here is new in 0.1.0.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CPP_WEBHOOK_EVENTS_HPP
#define GOSENDAPI_CPP_WEBHOOK_EVENTS_HPP

#ifndef GOSENDAPI_HPP
#error "include <gosendapi/gosendapi.hpp>, not this part of it"
#endif

namespace gosend
{

/**
 * Check a webhook request's signature against several secrets
 * (gosend_webhook_verify()), e.g. the current one and, while it is
 * rotated, the previous one.
 * @param secrets           The secrets (`whsec_...`), at least one.
 * @param signature_header  The header's value, or std::nullopt when the
 *                          request had none.
 * @param body              The raw body as received (any bytes).
 * @return Success when one entry matches; else the error: #GOSEND_ESIGNATURE
 *         (answer 401), #GOSEND_EPROTOCOL (missing or malformed header),
 *         #GOSEND_EINVAL (no secret, an empty one), #GOSEND_ERROR.
 * @since 0.1.0
 */
inline result<void>
try_verify_webhook(const std::vector<std::string> &secrets,
                   std::optional<std::string_view> signature_header,
                   std::string_view body)
{
	std::vector<const char *> s;
	if (!detail::c_strings(s, secrets) || detail::has_nul(signature_header))
		return detail::nul_error();
	gosend_error *e = nullptr;
	int rc = gosend_webhook_verify(s.data(), s.size(),
	                               detail::cstr(signature_header),
	                               body.data(), body.size(), &e);
	if (rc < 0)
		return gosend::error(e, rc);
	return result<void>();
}

/**
 * Check a webhook request's signature against one secret
 * (gosend_webhook_verify_secret()).
 * @param secret            The secret (`whsec_...`).
 * @param signature_header  The header's value, or std::nullopt.
 * @param body              The raw body as received.
 * @return Success, or the error (as try_verify_webhook() above).
 * @since 0.1.0
 */
inline result<void>
try_verify_webhook(std::string_view secret,
                   std::optional<std::string_view> signature_header,
                   std::string_view body)
{
	if (detail::any_nul(secret, signature_header))
		return detail::nul_error();
	gosend_error *e = nullptr;
	int rc = gosend_webhook_verify_secret(detail::cstr(secret),
	                                      detail::cstr(signature_header),
	                                      body.data(), body.size(), &e);
	if (rc < 0)
		return gosend::error(e, rc);
	return result<void>();
}

/**
 * The signature header value for @p body (gosend_webhook_sign()), as the
 * service makes it: for tests of a receiver.
 * @param secret  The secret.
 * @param body    The body.
 * @return The header's value, or the error.
 * @since 0.1.0
 */
inline result<std::string> try_sign_webhook(std::string_view secret,
                                            std::string_view body)
{
	if (detail::has_nul(secret))
		return detail::nul_error();
	char *out = nullptr;
	gosend_error *e = nullptr;
	int rc = gosend_webhook_sign(&out, detail::cstr(secret), body.data(),
	                             body.size(), &e);
	if (rc < 0)
		return gosend::error(e, rc);
	std::unique_ptr<char, detail::deleter<void, gosend_free>> own(out);
	return std::string(out);
}

#if GOSEND_CPP_EXCEPTIONS
/** As try_verify_webhook(). @param secrets The secrets.
 *  @param signature_header The header's value, or std::nullopt.
 *  @param body The raw body. @throws gosend::error when it does not
 *  match. @since 0.1.0 */
inline void verify_webhook(const std::vector<std::string> &secrets,
                           std::optional<std::string_view> signature_header,
                           std::string_view body)
{
	try_verify_webhook(secrets, signature_header, body).value();
}
/** As try_verify_webhook(). @param secret The secret.
 *  @param signature_header The header's value, or std::nullopt.
 *  @param body The raw body. @throws gosend::error when it does not
 *  match. @since 0.1.0 */
inline void verify_webhook(std::string_view secret,
                           std::optional<std::string_view> signature_header,
                           std::string_view body)
{
	try_verify_webhook(secret, signature_header, body).value();
}
/** As try_sign_webhook(). @param secret The secret.
 *  @param body The body. @return The header's value.
 *  @throws gosend::error @since 0.1.0 */
inline std::string sign_webhook(std::string_view secret, std::string_view body)
{
	return try_sign_webhook(secret, body).value();
}
#endif

/**
 * The button or list row a user chose (::gosend_webhook_reply).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_reply_view : public detail::view<gosend_webhook_reply>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_reply_view(const gosend_webhook_reply *p) noexcept
	    : detail::view<gosend_webhook_reply>(p)
	{
	}
	/** @return Which kind of answer. */
	gosend_webhook_reply_kind kind() const noexcept
	{
		return this->p_->kind;
	}
	/** @return The id given when the message was sent, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The text the user saw, if any. */
	std::optional<std::string> title() const
	{
		return detail::opt(this->p_->title);
	}
	/** @return A list row's description, if any. */
	std::optional<std::string> description() const
	{
		return detail::opt(this->p_->description);
	}
};

/**
 * A completed Flow (::gosend_webhook_flow_reply).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_flow_reply_view : public detail::view<gosend_webhook_flow_reply>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_flow_reply_view(
	        const gosend_webhook_flow_reply *p) noexcept
	    : detail::view<gosend_webhook_flow_reply>(p)
	{
	}
	/** @return `nfm_reply.name`, if any. */
	std::optional<std::string> name() const
	{
		return detail::opt(this->p_->name);
	}
	/** @return `nfm_reply.body`, if any. */
	std::optional<std::string> body() const
	{
		return detail::opt(this->p_->body);
	}
	/** @return `nfm_reply.response_json` as sent (JSON text, not parsed),
	 * if any. */
	std::optional<std::string> response_json() const
	{
		return detail::opt(this->p_->response_json);
	}
};

/**
 * A location a user sent (::gosend_webhook_location).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_location_view : public detail::view<gosend_webhook_location>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_location_view(
	        const gosend_webhook_location *p) noexcept
	    : detail::view<gosend_webhook_location>(p)
	{
	}
	/** @return Whether latitude and longitude were both numbers. */
	bool has_coordinates() const noexcept
	{
		return this->p_->has_coordinates != 0;
	}
	/** @return Degrees (0 without coordinates). */
	double latitude() const noexcept
	{
		return this->p_->latitude;
	}
	/** @return Degrees (0 without coordinates). */
	double longitude() const noexcept
	{
		return this->p_->longitude;
	}
	/** @return The place name, if any. */
	std::optional<std::string> name() const
	{
		return detail::opt(this->p_->name);
	}
	/** @return The address, if any. */
	std::optional<std::string> address() const
	{
		return detail::opt(this->p_->address);
	}
	/** @return A URL of the place, if any. */
	std::optional<std::string> url() const
	{
		return detail::opt(this->p_->url);
	}
};

/**
 * A message a user sent (::gosend_webhook_inbound_message).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_inbound_message_view
    : public detail::view<gosend_webhook_inbound_message>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_inbound_message_view(
	        const gosend_webhook_inbound_message *p) noexcept
	    : detail::view<gosend_webhook_inbound_message>(p)
	{
	}
	/** @return The message id, if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(this->p_->id);
	}
	/** @return The sender's WhatsApp id, if any. */
	std::optional<std::string> from() const
	{
		return detail::opt(this->p_->from);
	}
	/** @return The message type as sent, if any. */
	std::optional<std::string> type() const
	{
		return detail::opt(this->p_->type);
	}
	/** @return The time as sent, if any. */
	std::optional<std::string> timestamp() const
	{
		return detail::opt(this->p_->timestamp);
	}
	/** @return `text.body` of a text message, if any. */
	std::optional<std::string> text() const
	{
		return detail::opt(this->p_->text);
	}
	/** @return The media id of a media message, if any. */
	std::optional<std::string> media_id() const
	{
		return detail::opt(this->p_->media_id);
	}
	/** @return The media's MIME type, if any. */
	std::optional<std::string> media_mime_type() const
	{
		return detail::opt(this->p_->media_mime_type);
	}
	/** @return The media's URL, if any. */
	std::optional<std::string> media_url() const
	{
		return detail::opt(this->p_->media_url);
	}
	/** @return The media's caption, if any. */
	std::optional<std::string> caption() const
	{
		return detail::opt(this->p_->caption);
	}
	/** @return A document's file name, if any. */
	std::optional<std::string> filename() const
	{
		return detail::opt(this->p_->filename);
	}
	/** @return The id of the message this one replies to, if any. */
	std::optional<std::string> context_message_id() const
	{
		return detail::opt(this->p_->context_message_id);
	}
	/** @return The sender of the message replied to, if any. */
	std::optional<std::string> context_from() const
	{
		return detail::opt(this->p_->context_from);
	}
	/** @return The sender's profile name, if any. */
	std::optional<std::string> profile_name() const
	{
		return detail::opt(this->p_->profile_name);
	}
	/** @return `interactive.type` as sent, if any. */
	std::optional<std::string> interactive_type() const
	{
		if (p_->struct_version < 2)
			return std::nullopt;
		return detail::opt(p_->interactive_type);
	}
	/** @return The button or list row chosen, if the message answers one.
	 */
	std::optional<webhook_reply_view> reply() const noexcept
	{
		if (p_->struct_version < 2 || !p_->reply)
			return std::nullopt;
		return webhook_reply_view(p_->reply);
	}
	/** @return The completed Flow, if any. */
	std::optional<webhook_flow_reply_view> flow_reply() const noexcept
	{
		if (p_->struct_version < 2 || !p_->flow_reply)
			return std::nullopt;
		return webhook_flow_reply_view(p_->flow_reply);
	}
	/** @return The location sent, if any. */
	std::optional<webhook_location_view> location() const noexcept
	{
		if (p_->struct_version < 2 || !p_->location)
			return std::nullopt;
		return webhook_location_view(p_->location);
	}
};

/**
 * A change of a sent message's status (::gosend_webhook_message_status).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_message_status_view
    : public detail::view<gosend_webhook_message_status>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_message_status_view(
	        const gosend_webhook_message_status *p) noexcept
	    : detail::view<gosend_webhook_message_status>(p)
	{
	}
	/** @return The message id, if any. */
	std::optional<std::string> message_id() const
	{
		return detail::opt(this->p_->message_id);
	}
	/** @return The status as sent ("delivered", "read", "failed", ...), if
	 * any. */
	std::optional<std::string> status() const
	{
		return detail::opt(this->p_->status);
	}
	/** @return The recipient, if any. */
	std::optional<std::string> recipient() const
	{
		return detail::opt(this->p_->recipient);
	}
	/** @return The time as sent, if any. */
	std::optional<std::string> timestamp() const
	{
		return detail::opt(this->p_->timestamp);
	}
	/** @return The conversation id, if any. */
	std::optional<std::string> conversation_id() const
	{
		return detail::opt(this->p_->conversation_id);
	}
	/** @return The first error's code, -1 when none. */
	long long error_code() const noexcept
	{
		return this->p_->error_code;
	}
	/** @return The error title, if any. */
	std::optional<std::string> error_title() const
	{
		return detail::opt(this->p_->error_title);
	}
	/** @return The error message, if any. */
	std::optional<std::string> error_message() const
	{
		return detail::opt(this->p_->error_message);
	}
	/** @return The error details, if any. */
	std::optional<std::string> error_details() const
	{
		return detail::opt(this->p_->error_details);
	}
};

/**
 * A change of a template's status (::gosend_webhook_template_status).
 * Not owned: valid while its ::gosend::webhook_event lives.
 * @since 0.1.0
 */
class webhook_template_status_view
    : public detail::view<gosend_webhook_template_status>
{
      public:
	/** View @p p. @param p The C object; not NULL. */
	explicit webhook_template_status_view(
	        const gosend_webhook_template_status *p) noexcept
	    : detail::view<gosend_webhook_template_status>(p)
	{
	}
	/** @return The template id, if any. */
	std::optional<std::string> template_id() const
	{
		return detail::opt(this->p_->template_id);
	}
	/** @return The template name, if any. */
	std::optional<std::string> template_name() const
	{
		return detail::opt(this->p_->template_name);
	}
	/** @return The language code, if any. */
	std::optional<std::string> language() const
	{
		return detail::opt(this->p_->language);
	}
	/** @return The new status as sent, if any. */
	std::optional<std::string> status() const
	{
		return detail::opt(this->p_->status);
	}
	/** @return The reason, if any. */
	std::optional<std::string> reason() const
	{
		return detail::opt(this->p_->reason);
	}
};

/**
 * A webhook event, parsed (::gosend_webhook_event): its name and type, and
 * the typed part its type has (message(), status(), template_status()).
 * The views it gives are valid while it lives. Move-only; immutable.
 * @since 0.1.0
 */
class webhook_event
{
      public:
	/**
	 * Parse a request body (gosend_webhook_event_parse()); check the
	 * signature first.
	 * @param body  The raw body.
	 * @return The event, or the error (#GOSEND_EPROTOCOL for a body that
	 *         is not an event).
	 */
	static result<webhook_event> try_parse(std::string_view body)
	{
		gosend_webhook_event *ev = nullptr;
		gosend_error *e = nullptr;
		int rc = gosend_webhook_event_parse(&ev, body.data(),
		                                    body.size(), &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return webhook_event(ev);
	}
#if GOSEND_CPP_EXCEPTIONS
	/** As try_parse(). @param body The raw body. @return The event.
	 *  @throws gosend::error */
	static webhook_event parse(std::string_view body)
	{
		return try_parse(body).value();
	}
#endif
	/** Take ownership. @param ev An event from the C library. */
	explicit webhook_event(gosend_webhook_event *ev) noexcept : p_(ev)
	{
	}
	/** @return The full event name (e.g. "whatsapp.message.received"). */
	std::string name() const
	{
		return detail::str(p_->name);
	}
	/** @return The name as an enum (#GOSEND_WEBHOOK_EVENT_OTHER when not
	 *          listed). */
	gosend_webhook_event_type type() const noexcept
	{
		return p_->type;
	}
	/** @return The enum's name (gosend_webhook_event_type_name()). */
	std::string type_name() const
	{
		return detail::str(gosend_webhook_event_type_name(p_->type));
	}
	/** @return The event id (to skip repeats), if any. */
	std::optional<std::string> id() const
	{
		return detail::opt(p_->id);
	}
	/** @return The event time as sent, if any. */
	std::optional<std::string> timestamp() const
	{
		return detail::opt(p_->timestamp);
	}
	/** @return The event time in Unix seconds, if understood. */
	std::optional<long long> timestamp_unix() const noexcept
	{
		if (p_->timestamp_unix < 0)
			return std::nullopt;
		return p_->timestamp_unix;
	}
	/** @return The phone number id it concerns, if any. */
	std::optional<std::string> phone_number_id() const
	{
		return detail::opt(p_->phone_number_id);
	}
	/** @return The event's payload object as JSON text, if any. */
	std::optional<std::string> payload_json() const
	{
		return detail::opt(p_->payload_json);
	}
	/** @return The inbound message, for a message received. */
	std::optional<webhook_inbound_message_view> message() const noexcept
	{
		if (!p_->message)
			return std::nullopt;
		return webhook_inbound_message_view(p_->message);
	}
	/** @return The status change, for a status event. */
	std::optional<webhook_message_status_view> status() const noexcept
	{
		if (!p_->status)
			return std::nullopt;
		return webhook_message_status_view(p_->status);
	}
	/** @return The template status change, for a template event. */
	std::optional<webhook_template_status_view>
	template_status() const noexcept
	{
		if (!p_->template_status)
			return std::nullopt;
		return webhook_template_status_view(p_->template_status);
	}
	/** @param event_name A full event name. @return Whether this event
	 *  has that name (gosend_webhook_event_is()). */
	bool is(std::string_view event_name) const
	{
		if (detail::has_nul(event_name))
			return false;
		return gosend_webhook_event_is(p_.get(),
		                               detail::cstr(event_name)) != 0;
	}
	/** @param pattern A pattern such as "whatsapp.message.*".
	 *  @return Whether the name matches (gosend_webhook_event_matches()).
	 */
	bool matches(std::string_view pattern) const
	{
		if (detail::has_nul(pattern))
			return false;
		return gosend_webhook_event_matches(p_.get(),
		                                    detail::cstr(pattern)) != 0;
	}
	/** @return The whole body as parsed. */
	std::string raw_json() const
	{
		return detail::str(p_->raw_json);
	}
	/** @return The C event, owned by this one. */
	const gosend_webhook_event *get() const noexcept
	{
		return p_.get();
	}

      private:
	handle<gosend_webhook_event, gosend_webhook_event_free> p_;
};

} // namespace gosend

#endif /* GOSENDAPI_CPP_WEBHOOK_EVENTS_HPP */
