/**
 * @file cpp/outgoing.hpp
 * @brief Part of gosendapi.hpp: the message builder (::gosend::outgoing), its
 * Flow parameters and template components. Include <gosendapi/gosendapi.hpp>,
 * not this file.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CPP_OUTGOING_HPP
#define GOSENDAPI_CPP_OUTGOING_HPP

#ifndef GOSENDAPI_HPP
#error "include <gosendapi/gosendapi.hpp>, not this part of it"
#endif

namespace gosend
{

namespace detail
{

/* A C builder and its first refusal: the state that the copies of a C++
 * builder (outgoing, template_builder) share. */
template <typename C, void (*Free)(C *)> struct kept {
	handle<C, Free> h;
	std::optional<gosend::error> err;

	/* f(h, a..., &e), unless a refusal is kept or an argument holds a
	 * NUL; the first refusal is kept. */
	template <typename F, typename... A> void apply(F f, const A &...a)
	{
		if (err)
			return;
		if (any_nul(a...)) {
			err = nul_error();
			return;
		}
		gosend_error *e = nullptr;
		int rc = f(h.get(), arg(a)..., &e);
		if (rc < 0)
			err.emplace(e, rc);
	}
	/* Success, or the kept refusal. */
	result<void> status() const
	{
		if (err)
			return *err;
		return result<void>();
	}
	/* The text to_json(&out, h, &e) gives, or the kept refusal. */
	template <typename F> result<std::string> text(F to_json) const
	{
		if (err)
			return *err;
		char *out = nullptr;
		gosend_error *e = nullptr;
		int rc = to_json(&out, h.get(), &e);
		if (rc < 0)
			return gosend::error(e, rc);
		std::unique_ptr<char, deleter<void, gosend_free>> own(out);
		return std::string(out);
	}
};

} // namespace detail

/**
 * Where a template parameter goes (the `component` argument of the
 * template setters of ::gosend::outgoing).
 * @since 0.1.0
 */
namespace component
{
/** The header (#GOSEND_TEMPLATE_HEADER). */
inline constexpr int header = GOSEND_TEMPLATE_HEADER;
/** The body (#GOSEND_TEMPLATE_BODY). */
inline constexpr int body = GOSEND_TEMPLATE_BODY;
/** @param index Button index, 0 to 9. @return The button's component,
 *  as GOSEND_TEMPLATE_BUTTON(index). */
constexpr int button(unsigned int index) noexcept
{
	return 16 + static_cast<int>(index);
}
} // namespace component

/**
 * The Flow a Flow message opens (::gosend_flow_params, see messages.h for
 * each member's rules): exactly one of flow_id and flow_name.
 * @since 0.1.0
 */
struct flow_params {
	/** The Flow's id, or std::nullopt. */
	std::optional<std::string> flow_id;
	/** The Flow's name as created, or std::nullopt. */
	std::optional<std::string> flow_name;
	/** Text of the button that opens the Flow. Required. */
	std::string flow_cta;
	/** A token that comes back with the Flow's answer, or std::nullopt. */
	std::optional<std::string> flow_token;
	/** "navigate" or "data_exchange", or std::nullopt. */
	std::optional<std::string> flow_action;
	/** The first screen's id (navigate only), or std::nullopt. */
	std::optional<std::string> screen;
	/** The first screen's input, a JSON object's text, or std::nullopt. */
	std::optional<std::string> data_json;
	/** "draft" or "published", or std::nullopt. */
	std::optional<std::string> mode;
};

/**
 * A message to send (::gosend_outgoing): made by one of the static
 * functions (one per kind), refined with chained setters, sent with
 * client::send().
 *
 * @code
 * auto m = gosend::outgoing::template_message(from, to, "order_update",
 *                                             "en_US")
 *                  .template_add_text(gosend::component::body, "Ana")
 *                  .template_add_text(gosend::component::body, "#1234");
 * @endcode
 *
 * Nothing here throws a ::gosend::error: the first refusal (by a maker or
 * a setter, #GOSEND_EINVAL with the field at fault) is kept in the
 * message, later setters do nothing, and error() and status() report it;
 * client::send() reports it too and sends nothing. Each setter is the C
 * function of the same name (without `gosend_outgoing_`); see messages.h
 * for the rules and limits.
 *
 * An outgoing is a handle, as `std::shared_ptr` is: copies (including the
 * one a chain ending in `auto m = ...` makes) share one message and its
 * kept refusal, so a setter called through any copy changes them all. One
 * thread at a time while it is built; once built, any number of threads
 * may send it.
 * @since 0.1.0
 */
class outgoing
{
      public:
	/** A copy shares the message. A move copies too (nothing else is
	 *  declared), so a moved-from outgoing stays the same usable
	 *  handle instead of an empty one. */
	outgoing(const outgoing &) = default;
	/** @copydoc outgoing(const outgoing &) @return *this. */
	outgoing &operator=(const outgoing &) = default;
	/** @name Makers, one per kind
	 * @{ */
	/** gosend_outgoing_text_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @param body Text. @return The message. */
	static outgoing text(std::string_view phone_number_id,
	                     std::string_view to, std::string_view body)
	{
		return make(gosend_outgoing_text_new, phone_number_id, to,
		            body);
	}
	/** gosend_outgoing_template_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @param name Template name.
	 *  @param language_code E.g. "es_AR". @return The message. */
	static outgoing template_message(std::string_view phone_number_id,
	                                 std::string_view to,
	                                 std::string_view name,
	                                 std::string_view language_code)
	{
		return make(gosend_outgoing_template_new, phone_number_id, to,
		            name, language_code);
	}
	/** gosend_outgoing_media_new(): exactly one of @p link and
	 *  @p media_id. @param phone_number_id Sender. @param to Recipient.
	 *  @param type #GOSEND_MESSAGE_TYPE_IMAGE, _VIDEO, _AUDIO, _DOCUMENT
	 *  or _STICKER. @param link URL, or std::nullopt.
	 *  @param media_id Media id, or std::nullopt. @return The message. */
	static outgoing media(std::string_view phone_number_id,
	                      std::string_view to, gosend_message_type type,
	                      std::optional<std::string_view> link,
	                      std::optional<std::string_view> media_id)
	{
		return make(gosend_outgoing_media_new, phone_number_id, to,
		            static_cast<int>(type), link, media_id);
	}
	/** gosend_outgoing_location_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @param latitude Degrees.
	 *  @param longitude Degrees. @param name Place name, or std::nullopt.
	 *  @param address Address, or std::nullopt. @return The message. */
	static outgoing
	location(std::string_view phone_number_id, std::string_view to,
	         double latitude, double longitude,
	         std::optional<std::string_view> name = std::nullopt,
	         std::optional<std::string_view> address = std::nullopt)
	{
		return make(gosend_outgoing_location_new, phone_number_id, to,
		            latitude, longitude, name, address);
	}
	/** gosend_outgoing_buttons_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @param body Body text. @return The message. */
	static outgoing buttons(std::string_view phone_number_id,
	                        std::string_view to, std::string_view body)
	{
		return make(gosend_outgoing_buttons_new, phone_number_id, to,
		            body);
	}
	/** gosend_outgoing_list_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @param body Body text. @param button Label
	 *  of the button that opens the list. @return The message. */
	static outgoing list(std::string_view phone_number_id,
	                     std::string_view to, std::string_view body,
	                     std::string_view button)
	{
		return make(gosend_outgoing_list_new, phone_number_id, to, body,
		            button);
	}
	/** gosend_outgoing_contacts_new(). @param phone_number_id Sender.
	 *  @param to Recipient. @return The message. */
	static outgoing contacts(std::string_view phone_number_id,
	                         std::string_view to)
	{
		return make(gosend_outgoing_contacts_new, phone_number_id, to);
	}
	/** gosend_outgoing_cta_url_new(): a call-to-action URL button.
	 *  @param phone_number_id Sender. @param to Recipient.
	 *  @param body Body text. @param display_text Button text.
	 *  @param url The URL the button opens. @return The message. */
	static outgoing cta_url(std::string_view phone_number_id,
	                        std::string_view to, std::string_view body,
	                        std::string_view display_text,
	                        std::string_view url)
	{
		return make(gosend_outgoing_cta_url_new, phone_number_id, to,
		            body, display_text, url);
	}
	/** gosend_outgoing_flow_new(): a message that opens a Flow.
	 *  @param phone_number_id Sender. @param to Recipient.
	 *  @param body Body text. @param flow The Flow (see
	 *  ::gosend::flow_params). @return The message. */
	static outgoing flow(std::string_view phone_number_id,
	                     std::string_view to, std::string_view body,
	                     const flow_params &flow)
	{
		auto v = [](const std::optional<std::string> &o) {
			return o ? std::optional<std::string_view>(*o)
			         : std::optional<std::string_view>();
		};
		if (detail::any_nul(v(flow.flow_id), v(flow.flow_name),
		                    std::string_view(flow.flow_cta),
		                    v(flow.flow_token), v(flow.flow_action),
		                    v(flow.screen), v(flow.data_json),
		                    v(flow.mode))) {
			outgoing m;
			m.s_->err = detail::nul_error();
			return m;
		}
		auto c = [](const std::optional<std::string> &o) {
			return o ? o->c_str() : nullptr;
		};
		gosend_flow_params f = GOSEND_FLOW_PARAMS_INIT;
		f.flow_id = c(flow.flow_id);
		f.flow_name = c(flow.flow_name);
		f.flow_cta = flow.flow_cta.c_str();
		f.flow_token = c(flow.flow_token);
		f.flow_action = c(flow.flow_action);
		f.screen = c(flow.screen);
		f.data_json = c(flow.data_json);
		f.mode = c(flow.mode);
		const gosend_flow_params *fp = &f;
		return make(gosend_outgoing_flow_new, phone_number_id, to, body,
		            fp);
	}
	/** gosend_outgoing_location_request_new(): asks the user to share a
	 *  location. @param phone_number_id Sender. @param to Recipient.
	 *  @param body Body text. @return The message. */
	static outgoing location_request(std::string_view phone_number_id,
	                                 std::string_view to,
	                                 std::string_view body)
	{
		return make(gosend_outgoing_location_request_new,
		            phone_number_id, to, body);
	}
	/** @} */

	/** @name Setters (chained; see the C function of the same name)
	 * @{ */
	/** @param to Recipient. @return This message. */
	outgoing &set_to(std::string_view to)
	{
		return apply(gosend_outgoing_set_to, to);
	}
	/** @param enable Whether to preview the URL. @return This message. */
	outgoing &set_preview_url(bool enable)
	{
		return apply(gosend_outgoing_set_preview_url, enable ? 1 : 0);
	}
	/** @param caption Caption. @return This message. */
	outgoing &set_caption(std::string_view caption)
	{
		return apply(gosend_outgoing_set_caption, caption);
	}
	/** @param filename Document name. @return This message. */
	outgoing &set_filename(std::string_view filename)
	{
		return apply(gosend_outgoing_set_filename, filename);
	}
	/** @param text Header text. @return This message. */
	outgoing &set_header_text(std::string_view text)
	{
		return apply(gosend_outgoing_set_header_text, text);
	}
	/** @param text Footer text. @return This message. */
	outgoing &set_footer(std::string_view text)
	{
		return apply(gosend_outgoing_set_footer, text);
	}
	/** A media header on a reply-button, call-to-action URL or Flow
	 *  message: exactly one of @p link and @p media_id.
	 *  @param type #GOSEND_MESSAGE_TYPE_IMAGE, _VIDEO or _DOCUMENT.
	 *  @param link URL, or std::nullopt. @param media_id Or std::nullopt.
	 *  @param filename Document name, or std::nullopt.
	 *  @return This message. */
	outgoing &set_header_media(
	        gosend_message_type type, std::optional<std::string_view> link,
	        std::optional<std::string_view> media_id = std::nullopt,
	        std::optional<std::string_view> filename = std::nullopt)
	{
		return apply(gosend_outgoing_set_header_media,
		             static_cast<int>(type), link, media_id, filename);
	}
	/** Make the message a reply (`context.message_id`).
	 *  @param message_id The id replied to (`wamid....`), or
	 *  std::nullopt to remove the context. @return This message. */
	outgoing &set_reply_to(std::optional<std::string_view> message_id)
	{
		return apply(gosend_outgoing_set_reply_to, message_id);
	}
	/** @param id Reply id. @param title Button text.
	 *  @return This message. */
	outgoing &add_reply_button(std::string_view id, std::string_view title)
	{
		return apply(gosend_outgoing_add_reply_button, id, title);
	}
	/** @param title Section title, or std::nullopt (single section).
	 *  @return This message. */
	outgoing &add_section(std::optional<std::string_view> title)
	{
		return apply(gosend_outgoing_add_section, title);
	}
	/** @param id Row id. @param title Row title.
	 *  @param description Or std::nullopt. @return This message. */
	outgoing &
	add_row(std::string_view id, std::string_view title,
	        std::optional<std::string_view> description = std::nullopt)
	{
		return apply(gosend_outgoing_add_row, id, title, description);
	}
	/** @param sub_type E.g. "quick_reply", "url". @param index 0 to 9.
	 *  @return This message. */
	outgoing &template_button(std::string_view sub_type, unsigned int index)
	{
		return apply(gosend_outgoing_template_button, sub_type, index);
	}
	/** @param comp A ::gosend::component. @param text Parameter.
	 *  @return This message. */
	outgoing &template_add_text(int comp, std::string_view text)
	{
		return apply(gosend_outgoing_template_add_text, comp, text);
	}
	/** @param comp A ::gosend::component.
	 *  @param fallback_value Text shown where currency is not supported.
	 *  @param code ISO 4217 code. @param amount_1000 Amount times 1000.
	 *  @return This message. */
	outgoing &template_add_currency(int comp,
	                                std::string_view fallback_value,
	                                std::string_view code,
	                                long long amount_1000)
	{
		return apply(gosend_outgoing_template_add_currency, comp,
		             fallback_value, code, amount_1000);
	}
	/** @param comp A ::gosend::component.
	 *  @param fallback_value The date and time as text.
	 *  @return This message. */
	outgoing &template_add_date_time(int comp,
	                                 std::string_view fallback_value)
	{
		return apply(gosend_outgoing_template_add_date_time, comp,
		             fallback_value);
	}
	/** @param comp gosend::component::header.
	 *  @param type #GOSEND_MESSAGE_TYPE_IMAGE, _VIDEO or _DOCUMENT.
	 *  @param link URL, or std::nullopt. @param media_id Or std::nullopt.
	 *  @param filename Document name, or std::nullopt.
	 *  @return This message. */
	outgoing &template_add_media(
	        int comp, gosend_message_type type,
	        std::optional<std::string_view> link,
	        std::optional<std::string_view> media_id,
	        std::optional<std::string_view> filename = std::nullopt)
	{
		return apply(gosend_outgoing_template_add_media, comp,
		             static_cast<int>(type), link, media_id, filename);
	}
	/** @param comp A button's ::gosend::component.
	 *  @param payload Payload. @return This message. */
	outgoing &template_add_payload(int comp, std::string_view payload)
	{
		return apply(gosend_outgoing_template_add_payload, comp,
		             payload);
	}
	/** @param comp The ::gosend::component of a "copy_code" button.
	 *  @param coupon_code The code copied. @return This message. */
	outgoing &template_add_coupon_code(int comp,
	                                   std::string_view coupon_code)
	{
		return apply(gosend_outgoing_template_add_coupon_code, comp,
		             coupon_code);
	}
	/** @param comp The ::gosend::component of a "flow" button.
	 *  @param flow_token Token, or std::nullopt.
	 *  @param flow_action_data_json A JSON object's text, or
	 *  std::nullopt. @return This message. */
	outgoing &template_add_flow_action(
	        int comp, std::optional<std::string_view> flow_token,
	        std::optional<std::string_view> flow_action_data_json =
	                std::nullopt)
	{
		return apply(gosend_outgoing_template_add_flow_action, comp,
		             flow_token, flow_action_data_json);
	}
	/** @param formatted_name Name as shown. @param first_name Or
	 *  std::nullopt. @param last_name Or std::nullopt.
	 *  @return This message. */
	outgoing &
	contact_add(std::string_view formatted_name,
	            std::optional<std::string_view> first_name = std::nullopt,
	            std::optional<std::string_view> last_name = std::nullopt)
	{
		return apply(gosend_outgoing_contact_add, formatted_name,
		             first_name, last_name);
	}
	/** @param middle_name Or std::nullopt. @param prefix Or std::nullopt.
	 *  @param suffix Or std::nullopt. @return This message. */
	outgoing &
	contact_set_name_parts(std::optional<std::string_view> middle_name,
	                       std::optional<std::string_view> prefix,
	                       std::optional<std::string_view> suffix)
	{
		return apply(gosend_outgoing_contact_set_name_parts,
		             middle_name, prefix, suffix);
	}
	/** @param phone Number. @param type E.g. "CELL", or std::nullopt.
	 *  @param wa_id WhatsApp id, or std::nullopt. @return This message. */
	outgoing &
	contact_add_phone(std::string_view phone,
	                  std::optional<std::string_view> type = std::nullopt,
	                  std::optional<std::string_view> wa_id = std::nullopt)
	{
		return apply(gosend_outgoing_contact_add_phone, phone, type,
		             wa_id);
	}
	/** @param email Address. @param type E.g. "WORK", or std::nullopt.
	 *  @return This message. */
	outgoing &
	contact_add_email(std::string_view email,
	                  std::optional<std::string_view> type = std::nullopt)
	{
		return apply(gosend_outgoing_contact_add_email, email, type);
	}
	/** @param url URL. @param type E.g. "WORK", or std::nullopt.
	 *  @return This message. */
	outgoing &
	contact_add_url(std::string_view url,
	                std::optional<std::string_view> type = std::nullopt)
	{
		return apply(gosend_outgoing_contact_add_url, url, type);
	}
	/** @param address The address (its strings are copied by the call).
	 *  @return This message. */
	outgoing &contact_add_address(const gosend_contact_address &address)
	{
		return apply(gosend_outgoing_contact_add_address, &address);
	}
	/** @param company Or std::nullopt. @param department Or
	 *  std::nullopt. @param title Job title, or std::nullopt.
	 *  @return This message. */
	outgoing &contact_set_org(std::optional<std::string_view> company,
	                          std::optional<std::string_view> department,
	                          std::optional<std::string_view> title)
	{
		return apply(gosend_outgoing_contact_set_org, company,
		             department, title);
	}
	/** @param birthday "YYYY-MM-DD". @return This message. */
	outgoing &contact_set_birthday(std::string_view birthday)
	{
		return apply(gosend_outgoing_contact_set_birthday, birthday);
	}
	/** @} */

	/**
	 * Call a C setter `f(msg, args..., &err)` of ::gosend_outgoing the
	 * way every setter above does: nothing when the message already
	 * failed, else the refusal is kept. For setters this header does
	 * not name yet.
	 * @param f  The C function.
	 * @param a  Its arguments between the message and the error
	 *           (`std::string_view` and `std::optional<std::string_view>`
	 *           are passed as NUL-terminated copies or NULL).
	 * @return This message.
	 */
	template <typename F, typename... A> outgoing &apply(F f, const A &...a)
	{
		s_->apply(f, a...);
		return *this;
	}

	/** @return Whether no maker or setter has failed. */
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
	/** @return The message type (#GOSEND_MESSAGE_TYPE_UNKNOWN after a
	 *          failed maker). */
	gosend_message_type type() const noexcept
	{
		return static_cast<gosend_message_type>(
		        gosend_outgoing_type(s_->h.get()));
	}
	/** The JSON body a send would send (gosend_outgoing_to_json()),
	 *  after the same checks. @return The JSON text or the error. */
	result<std::string> try_to_json() const
	{
		return s_->text(gosend_outgoing_to_json);
	}
#if GOSEND_CPP_EXCEPTIONS
	/** As try_to_json(). @return The JSON text.
	 *  @throws gosend::error on a refusal. */
	std::string to_json() const
	{
		return try_to_json().value();
	}
#endif
	/** @return The C message (NULL after a failed maker), owned by this
	 *          one. */
	const gosend_outgoing *get() const noexcept
	{
		return s_->h.get();
	}

      private:
	using state = detail::kept<gosend_outgoing, gosend_outgoing_free>;

	outgoing() : s_(std::make_shared<state>())
	{
	}

	template <typename F, typename... A>
	static outgoing make(F f, const A &...a)
	{
		outgoing m;
		if (detail::any_nul(a...)) {
			m.s_->err = detail::nul_error();
			return m;
		}
		gosend_outgoing *out = nullptr;
		gosend_error *e = nullptr;
		int rc = f(&out, detail::arg(a)..., &e);
		m.s_->h.reset(out);
		if (rc < 0)
			m.s_->err.emplace(e, rc);
		return m;
	}

	std::shared_ptr<state> s_;
};

} // namespace gosend

#endif /* GOSENDAPI_CPP_OUTGOING_HPP */
