/**
 * @file gosendapi.hpp
 * @brief The C++17 face of gosendapi-c: owning handles, `std::string_view`
 *        in, `std::string` and `std::optional` out, errors as exceptions or
 *        as values.
 *
 * Header-only: it calls the C library (link `gosendapi` as for C) and adds
 * nothing to its ABI. Everything is in namespace `gosend`; every type and
 * function here, members included, is new in 0.1.0. This file reads four
 * parts of itself: cpp/outgoing.hpp (the message builder),
 * cpp/resources.hpp (what the resource calls of ::gosend::client return
 * and take, bulk results), cpp/async.hpp (calls on an event loop) and
 * cpp/webhook_events.hpp (receiving webhooks).
 *
 * @code
 * #include <gosendapi/gosendapi.hpp>
 *
 * gosend::client c = gosend::client::from_env();
 * auto m = gosend::outgoing::buttons("555123456789", "5491140123456",
 *                                    "Confirm the appointment?")
 *                  .add_reply_button("yes", "Yes")
 *                  .add_reply_button("no", "No");
 * gosend::message_result r = c.send(m);      // throws gosend::error
 * for (gosend::message_view msg : c.messages())
 *         std::cout << msg.id().value_or("-") << '\n';
 * @endcode
 *
 * @section cpp_errors Two ways to see errors
 *
 * Every call that can fail comes twice:
 * - `name(...)` returns the value and throws ::gosend::error on failure;
 * - `try_name(...)` returns a ::gosend::result, which holds the value or the
 *   ::gosend::error, and throws nothing of its own (copying a string
 *   argument may still throw `std::bad_alloc`).
 *
 * Both carry the same detail: the library's ::gosend_error, whole. A code
 * base that bans exceptions uses the `try_` forms only; compiled without
 * exceptions (`-fno-exceptions`), or with `GOSEND_CPP_EXCEPTIONS` defined
 * to 0 before the include, the throwing forms are not declared at all and
 * ::gosend::result::value() on an error calls `std::abort()`.
 *
 * The message builder (::gosend::outgoing) throws in neither form: its
 * setters chain, and the first refusal is kept in the message (later
 * setters do nothing) and reported by the send, which then sends nothing.
 *
 * @section cpp_strings Strings
 *
 * String arguments are `std::string_view`, copied before the C call (the C
 * library wants NUL-terminated text), so any string, literal or view
 * works. Optional ones are `std::optional<std::string_view>`: `std::nullopt`
 * leaves the field out. A view that holds a NUL character is refused with
 * #GOSEND_EINVAL before anything is sent. Text read back is returned as
 * `std::string` (never absent) or `std::optional<std::string>` (absent, or
 * of an unexpected JSON type: see the C structs), copied out of the C
 * object.
 *
 * @section cpp_threads Threads
 *
 * As in C: a ::gosend::client may be shared by any number of threads; a
 * message being built, a range being walked, belong to one thread; results
 * and errors are immutable; a ::gosend::async and its completions belong to
 * the thread of its event loop.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_HPP
#define GOSENDAPI_HPP

#if !defined(__cplusplus) || (__cplusplus < 201703L && !defined(_MSVC_LANG))
#error "gosendapi.hpp needs C++17 or later"
#endif

#include "gosendapi.h"

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

/**
 * 1 when the throwing forms are declared: by default when the compiler has
 * exceptions enabled. Define it to 0 before the include to keep them out of
 * a code base that bans exceptions.
 * @since 0.1.0
 */
#ifndef GOSEND_CPP_EXCEPTIONS
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define GOSEND_CPP_EXCEPTIONS 1
#else
#define GOSEND_CPP_EXCEPTIONS 0
#endif
#endif

/** The C++ face of gosendapi-c. @since 0.1.0 */
namespace gosend
{

namespace detail
{

template <typename T, void (*Free)(T *)> struct deleter {
	void operator()(T *p) const noexcept
	{
		Free(p);
	}
};

inline std::optional<std::string> opt(const char *s)
{
	if (!s)
		return std::nullopt;
	return std::string(s);
}

inline std::string str(const char *s)
{
	return s ? std::string(s) : std::string();
}

/* A NUL-terminated copy of a string argument (NULL for std::nullopt). */
class cstr
{
      public:
	explicit cstr(std::string_view v) : s_(v), null_(false)
	{
	}
	explicit cstr(const std::optional<std::string_view> &v)
	    : s_(v ? *v : std::string_view()), null_(!v)
	{
	}
	operator const char *() const noexcept
	{
		return null_ ? nullptr : s_.c_str();
	}

      private:
	std::string s_;
	bool null_;
};

template <typename T>
using is_text = std::disjunction<
        std::is_same<std::decay_t<T>, std::string_view>,
        std::is_same<std::decay_t<T>, std::optional<std::string_view>>>;

/* Arguments on their way to a C function: text becomes a cstr, anything
 * else passes as it is. */
template <typename T, std::enable_if_t<is_text<T>::value, int> = 0>
cstr arg(const T &v)
{
	return cstr(v);
}
template <typename T, std::enable_if_t<!is_text<T>::value, int> = 0>
T &&arg(T &&v) noexcept
{
	return std::forward<T>(v);
}

inline bool has_nul(std::string_view v) noexcept
{
	return v.find('\0') != std::string_view::npos;
}
inline bool has_nul(const std::optional<std::string_view> &v) noexcept
{
	return v && has_nul(*v);
}
template <typename T, std::enable_if_t<!is_text<T>::value, int> = 0>
bool has_nul(const T &) noexcept
{
	return false;
}

} // namespace detail

/**
 * Owning pointer to a C object freed with @p Free: a `std::unique_ptr`
 * whose deleter calls the library's `_free` function, for C objects this
 * header does not wrap, e.g.
 * `gosend::handle<gosend_raw_response, gosend_raw_response_free>`.
 * @since 0.1.0
 */
template <typename T, void (*Free)(T *)>
using handle = std::unique_ptr<T, detail::deleter<T, Free>>;

/**
 * The failure of a call: the library's whole ::gosend_error (code, HTTP
 * status, message, details, request id, retry-after, idempotency key and
 * the re-send verdict). Thrown by the throwing forms, held by
 * ::gosend::result in the others. Copies share the detail (copying never
 * throws); it is immutable, so any thread may read it.
 *
 * An error made by this header itself (a string argument with a NUL
 * character) has a code and a message and no C detail (c_error() is NULL,
 * the other fields empty).
 * @since 0.1.0
 */
class error : public std::exception
{
      public:
	/**
	 * Take ownership of a detail from a C call.
	 * @param e     The detail the call stored, or NULL (then only
	 *              @p code is known, e.g. when memory ran out).
	 * @param code  The negative ::gosend_error_code the call returned.
	 */
	error(gosend_error *e, int code)
	    : c_(e, [](gosend_error *p) { gosend_error_free(p); }), code_(code)
	{
	}

	/**
	 * Share a detail that belongs to another object (e.g. an item of a
	 * ::gosend::bulk_result): the error keeps @p owner alive.
	 * @param owner  What owns @p e.
	 * @param e      The detail, or NULL.
	 * @param code   The negative ::gosend_error_code.
	 */
	error(const std::shared_ptr<const void> &owner, const gosend_error *e,
	      int code)
	    : c_(e ? std::shared_ptr<const gosend_error>(owner, e) : nullptr),
	      code_(code)
	{
	}

	/**
	 * An error made on this side, without a C detail.
	 * @param code     A negative ::gosend_error_code.
	 * @param message  Its message, returned by what() and message().
	 */
	error(int code, std::string message)
	    : local_(std::make_shared<const std::string>(std::move(message))),
	      code_(code)
	{
	}

	/** @return The ::gosend_error_code (negative). */
	int code() const noexcept
	{
		return c_ ? c_->code : code_;
	}
	/** @return The code's static English name (gosend_strerror()). */
	const char *name() const noexcept
	{
		return gosend_strerror(code());
	}
	/** @return The message, never NULL; lives as long as the error. */
	const char *what() const noexcept override
	{
		if (c_ && c_->message)
			return c_->message;
		if (local_)
			return local_->c_str();
		return gosend_strerror(code_);
	}
	/** @return The message (::gosend_error::message) as a string. */
	std::string message() const
	{
		return what();
	}
	/** @return The HTTP status of the last response, 0 when none. */
	long http_status() const noexcept
	{
		return c_ ? c_->http_status : 0;
	}
	/** @return The server's messages one by one (may be empty). */
	std::vector<std::string> messages() const
	{
		std::vector<std::string> v;
		for (std::size_t i = 0; c_ && i < c_->messages_count; i++)
			v.push_back(detail::str(c_->messages[i]));
		return v;
	}
	/** @return The body's `error` (the HTTP reason phrase), if any. */
	std::optional<std::string> reason() const
	{
		return detail::opt(c_ ? c_->error : nullptr);
	}
	/** @return The body's `statusCode`, 0 when absent. */
	long status_code() const noexcept
	{
		return c_ ? c_->status_code : 0;
	}
	/** @return The body's `details` as JSON text, if any. */
	std::optional<std::string> details_json() const
	{
		return detail::opt(c_ ? c_->details_json : nullptr);
	}
	/**
	 * @return The offending field: for #GOSEND_EINVAL the argument or
	 *         JSON path refused (e.g. "interactive.action.buttons[3]"),
	 *         for a server error its `details.field`; if any.
	 */
	std::optional<std::string> field() const
	{
		return detail::opt(c_ ? c_->field : nullptr);
	}
	/** @return How long to wait before trying again (`Retry-After` or
	 *          the body's `retry_after_seconds`), if the server said. */
	std::optional<std::chrono::seconds> retry_after() const noexcept
	{
		if (!c_ || c_->retry_after_s < 0)
			return std::nullopt;
		return std::chrono::seconds(c_->retry_after_s);
	}
	/** @return libcurl's text when no HTTP response arrived, if any. */
	std::optional<std::string> transport_message() const
	{
		return detail::opt(c_ ? c_->transport_message : nullptr);
	}
	/** @return The raw response body, if any. */
	std::optional<std::string> body() const
	{
		return detail::opt(c_ ? c_->body : nullptr);
	}
	/** @return The response's request id (X-Request-Id), if any. */
	std::optional<std::string> request_id() const
	{
		return detail::opt(c_ ? c_->request_id : nullptr);
	}
	/** @return The Idempotency-Key the call sent, if it sent one: re-send
	 *          with this key when retryable() says so. */
	std::optional<std::string> idempotency_key() const
	{
		return detail::opt(c_ ? c_->idempotency_key : nullptr);
	}
	/** @return The number of HTTP attempts made (0: nothing sent). */
	unsigned int attempts() const noexcept
	{
		return c_ ? c_->attempts : 0U;
	}
	/**
	 * Whether sending the same request again, with the same idempotency
	 * key, is safe and may succeed (gosend_error_is_retryable()).
	 * @return true or false.
	 */
	bool retryable() const noexcept
	{
		return gosend_error_is_retryable(c_.get()) != 0;
	}
	/** @return The last response's metadata, or NULL without a C
	 *          detail. Lives as long as the error (and its copies). */
	const gosend_meta *meta() const noexcept
	{
		return c_ ? c_->meta : nullptr;
	}
	/** @return The C detail, or NULL; lives as long as the error (and
	 *          its copies). Read newer fields here. */
	const gosend_error *c_error() const noexcept
	{
		return c_.get();
	}

      private:
	std::shared_ptr<const gosend_error> c_;
	std::shared_ptr<const std::string> local_;
	int code_;
};

namespace detail
{

[[noreturn]] inline void raise(const gosend::error &e)
{
#if GOSEND_CPP_EXCEPTIONS
	throw e;
#else
	(void)e;
	std::abort();
#endif
}

inline gosend::error nul_error()
{
	return gosend::error(GOSEND_EINVAL,
	                     "a string argument contains a NUL character");
}

template <typename... A> bool any_nul(const A &...a) noexcept
{
	return (false || ... || detail::has_nul(a));
}

} // namespace detail

/**
 * The outcome of a `try_` call: a value of type @p T or a ::gosend::error,
 * like C++23's `std::expected<T, gosend::error>`.
 *
 * @code
 * gosend::result<gosend::message_result> r = c.try_send(m);
 * if (!r)
 *         log(r.error().message(), r.error().retryable());
 * else
 *         log(r->id().value_or("(id unknown)"));
 * @endcode
 * @since 0.1.0
 */
template <typename T> class [[nodiscard]] result
{
      public:
	/** A success. @param v The value. */
	result(T v) : v_(std::in_place_index<0>, std::move(v))
	{
	}
	/** A failure. @param e The error. */
	result(gosend::error e) : v_(std::in_place_index<1>, std::move(e))
	{
	}
	/** @return true on success. */
	bool ok() const noexcept
	{
		return v_.index() == 0;
	}
	/** @return ok(). */
	explicit operator bool() const noexcept
	{
		return ok();
	}
	/** The value; on a failure it throws the error (without exceptions:
	 *  `std::abort()`). @return The value. */
	T &value() &
	{
		if (!ok())
			detail::raise(std::get<1>(v_));
		return *std::get_if<0>(&v_);
	}
	/** @copydoc value() */
	const T &value() const &
	{
		if (!ok())
			detail::raise(std::get<1>(v_));
		return *std::get_if<0>(&v_);
	}
	/** @copydoc value() */
	T value() &&
	{
		if (!ok())
			detail::raise(std::get<1>(v_));
		return std::move(*std::get_if<0>(&v_));
	}
	/** The value of a success; as value(). @return The value. */
	T &operator*() &
	{
		return value();
	}
	/** @copydoc operator*() */
	const T &operator*() const &
	{
		return value();
	}
	/** The value of a temporary result, moved out (so that
	 *  `for (auto w : *c.try_list_wabas())` iterates a page that lives
	 *  for the loop, not one freed with the result); as value().
	 *  @return The value. */
	T operator*() &&
	{
		return std::move(*this).value();
	}
	/** Members of the value of a success; as value().
	 *  @return Its address. */
	T *operator->()
	{
		return &value();
	}
	/** @copydoc operator->() */
	const T *operator->() const
	{
		return &value();
	}
	/**
	 * The error of a failure. Called on a success it calls
	 * `std::abort()`.
	 * @return The error.
	 */
	const gosend::error &error() const noexcept
	{
		const gosend::error *e = std::get_if<1>(&v_);
		if (!e)
			std::abort();
		return *e;
	}

      private:
	std::variant<T, gosend::error> v_;
};

/**
 * The outcome of a `try_` call that has no value: success or a
 * ::gosend::error.
 * @since 0.1.0
 */
template <> class [[nodiscard]] result<void>
{
      public:
	/** A success. */
	result() noexcept = default;
	/** A failure. @param e The error. */
	result(gosend::error e) : e_(std::move(e))
	{
	}
	/** @return true on success. */
	bool ok() const noexcept
	{
		return !e_;
	}
	/** @return ok(). */
	explicit operator bool() const noexcept
	{
		return ok();
	}
	/** On a failure throw the error (without exceptions:
	 *  `std::abort()`). */
	void value() const
	{
		if (e_)
			detail::raise(*e_);
	}
	/** The error of a failure; on a success `std::abort()`.
	 *  @return The error. */
	const gosend::error &error() const noexcept
	{
		if (!e_)
			std::abort();
		return *e_;
	}

      private:
	std::optional<gosend::error> e_;
};

/**
 * Per-call options (::gosend_request_options); the default is the
 * client's settings.
 * @since 0.1.0
 */
struct request_options {
	/** Timeout of one attempt; 0: the client's. */
	std::chrono::milliseconds timeout{0};
	/** Idempotency-Key to send; empty: none given (a send makes a
	 *  UUIDv4). At most 255 printable ASCII characters. */
	std::string idempotency_key;
	/** Extra headers, "Name: value" each; CR, LF and NUL are refused. */
	std::vector<std::string> headers;
	/** Retries for this call; 0: the client's; #GOSEND_NO_RETRIES:
	 *  none. */
	int max_retries = 0;
};

/**
 * Page selection of a one-page list call (::gosend_list_params); 0 in a
 * field leaves it to the server (page 1, 20 per page).
 * @since 0.1.0
 */
struct page_params {
	/** Page number, >= 1; 0: not sent. */
	long page = 0;
	/** Items per page, 1 to #GOSEND_PER_PAGE_MAX; 0: not sent. */
	long per_page = 0;
};

namespace detail
{

/* request_options as the C struct, valid while this object lives. */
class c_request
{
      public:
	explicit c_request(const request_options &o)
	    : o_(GOSEND_REQUEST_OPTIONS_INIT)
	{
		bad_ = has_nul(std::string_view(o.idempotency_key));
		o_.timeout_ms = static_cast<long>(o.timeout.count());
		if (!o.idempotency_key.empty())
			o_.idempotency_key = o.idempotency_key.c_str();
		for (const std::string &h : o.headers) {
			bad_ = bad_ || has_nul(std::string_view(h));
			h_.push_back(h.c_str());
		}
		o_.headers = h_.empty() ? nullptr : h_.data();
		o_.headers_count = h_.size();
		o_.max_retries = o.max_retries;
	}
	c_request(const c_request &) = delete;
	c_request &operator=(const c_request &) = delete;
	const gosend_request_options *get() const noexcept
	{
		return &o_;
	}
	bool bad() const noexcept
	{
		return bad_;
	}

      private:
	gosend_request_options o_;
	std::vector<const char *> h_;
	bool bad_ = false;
};

/* Call a C function f(&out, args..., &err) and wrap its out in W. */
template <typename W, typename C, typename F, typename... A>
result<W> make(F f, const A &...a)
{
	if (any_nul(a...))
		return nul_error();
	C *out = nullptr;
	gosend_error *e = nullptr;
	int rc = f(&out, arg(a)..., &e);
	if (rc < 0)
		return gosend::error(e, rc);
	return W(out);
}

} // namespace detail

/**
 * The response metadata of a result (::gosend_meta), copied out.
 * @since 0.1.0
 */
struct response_meta {
	/** HTTP status. */
	long http_status = 0;
	/** `X-Request-Id`, if sent. */
	std::optional<std::string> request_id;
	/** The Idempotency-Key the call sent, if any. */
	std::optional<std::string> idempotency_key;
	/** `X-Total-Count`, -1 when absent. */
	long long total_count = -1;
	/** Number of HTTP attempts. */
	unsigned int attempts = 0;

	/** Copy @p m. @param m The C metadata, or NULL.
	 *  @return The copy (the defaults for NULL). */
	static response_meta from(const gosend_meta *m)
	{
		response_meta r;
		if (!m)
			return r;
		r.http_status = m->http_status;
		r.request_id = detail::opt(m->request_id);
		r.idempotency_key = detail::opt(m->idempotency_key);
		r.total_count = m->total_count;
		r.attempts = m->attempts;
		return r;
	}
};

/**
 * What the API answered to a send (::gosend_message_result). A send
 * answered 2xx always succeeds: when the answer named no id, id() is empty
 * and id_known() false; never send it again.
 * @since 0.1.0
 */
class message_result
{
      public:
	/** Take ownership. @param p A result from the C library. */
	explicit message_result(gosend_message_result *p) noexcept : p_(p)
	{
	}
	/** @return The new message's id, if the answer named it. */
	std::optional<std::string> id() const
	{
		return detail::opt(p_->id);
	}
	/** @return Whether the answer named the id. */
	bool id_known() const noexcept
	{
		return p_->id_known != 0;
	}
	/** @return The status as an enum. */
	gosend_message_status status() const noexcept
	{
		return p_->status;
	}
	/** @return The status text as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(p_->status_name);
	}
	/** @return The recipient's WhatsApp id, if any. */
	std::optional<std::string> wa_id() const
	{
		return detail::opt(p_->wa_id);
	}
	/** @return The whole response body. */
	std::string raw_json() const
	{
		return detail::str(p_->raw_json);
	}
	/** @return The response metadata; `idempotency_key` is the key the
	 *          send used. */
	response_meta meta() const
	{
		return response_meta::from(p_->meta);
	}
	/** @return The C object, owned by this one. */
	const gosend_message_result *get() const noexcept
	{
		return p_.get();
	}

      private:
	handle<gosend_message_result, gosend_message_result_free> p_;
};

/**
 * The project the API key belongs to (`GET /me`, ::gosend_me).
 * @since 0.1.0
 */
class project
{
      public:
	/** Take ownership. @param p A project from the C library. */
	explicit project(gosend_me *p) noexcept : p_(p)
	{
	}
	/** @return The project id. */
	std::string id() const
	{
		return detail::str(p_->id);
	}
	/** @return The project name, if any. */
	std::optional<std::string> name() const
	{
		return detail::opt(p_->name);
	}
	/** @return The project-level webhook URL, if any. */
	std::optional<std::string> webhook_url() const
	{
		return detail::opt(p_->webhook_url);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(p_->created_at);
	}
	/** @return The caller's own id for the project, if any. */
	std::optional<std::string> external_id() const
	{
		return detail::opt(p_->external_id);
	}
	/** @return The first characters of the active key, if any. */
	std::optional<std::string> api_key_prefix() const
	{
		return detail::opt(p_->api_key_prefix);
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
	const gosend_me *get() const noexcept
	{
		return p_.get();
	}

      private:
	handle<gosend_me, gosend_me_free> p_;
};

/**
 * A message read back (::gosend_message), not owned: an item of a
 * ::gosend::message_page (valid while the page lives) or of a
 * ::gosend::range (valid until the range moves on). Copy what you keep;
 * the accessors return copies.
 * @since 0.1.0
 */
class message_view
{
      public:
	/** View @p p. @param p A message; not NULL. */
	explicit message_view(const gosend_message *p) noexcept : p_(p)
	{
	}
	/** @return The message id, if the element had one. */
	std::optional<std::string> id() const
	{
		return detail::opt(p_->id);
	}
	/** @return The sender phone number id, if any. */
	std::optional<std::string> phone_number_id() const
	{
		return detail::opt(p_->phone_number_id);
	}
	/** @return The recipient, if any. */
	std::optional<std::string> to() const
	{
		return detail::opt(p_->to);
	}
	/** @return The sender, if any. */
	std::optional<std::string> from() const
	{
		return detail::opt(p_->from);
	}
	/** @return The type as an enum. */
	gosend_message_type type() const noexcept
	{
		return p_->type;
	}
	/** @return The type text as sent, if any. */
	std::optional<std::string> type_name() const
	{
		return detail::opt(p_->type_name);
	}
	/** @return The status as an enum. */
	gosend_message_status status() const noexcept
	{
		return p_->status;
	}
	/** @return The status text as sent, if any. */
	std::optional<std::string> status_name() const
	{
		return detail::opt(p_->status_name);
	}
	/** @return The creation time as sent, if any. */
	std::optional<std::string> created_at() const
	{
		return detail::opt(p_->created_at);
	}
	/** @return The member named by the type, as JSON text, if any. */
	std::optional<std::string> content_json() const
	{
		return detail::opt(p_->content_json);
	}
	/** @return `text.body` of a text message, if any. */
	std::optional<std::string> text_body() const
	{
		return detail::opt(p_->text_body);
	}
	/** @return This message's JSON text. */
	std::string raw_json() const
	{
		return detail::str(p_->raw_json);
	}
	/** @return The C object (not owned). */
	const gosend_message *get() const noexcept
	{
		return p_;
	}

      private:
	const gosend_message *p_;
};

/**
 * One message read with `GET /messages/{id}`, owned: the accessors of
 * ::gosend::message_view, valid while this object lives. A moved-from
 * message may only be destroyed or assigned to.
 * @since 0.1.0
 */
class message : public message_view
{
      public:
	/** Take ownership. @param p A message from gosend_messages_get(). */
	explicit message(gosend_message *p) noexcept : message_view(p), p_(p)
	{
	}
	/** @return The response metadata. */
	response_meta meta() const
	{
		return response_meta::from(p_->meta);
	}

      private:
	handle<gosend_message, gosend_message_free> p_;
};

/**
 * One page of a list call (a C `..._list` with `count` and `items`):
 * indexable and range-for-able; its items, @p View, are valid while the
 * page lives. Move-only.
 * @tparam View  The item's view, constructible from `const Item *`.
 * @tparam Item  The C item type.
 * @tparam List  The C list type.
 * @tparam Free  The C list's free function.
 * @since 0.1.0
 */
template <typename View, typename Item, typename List, void (*Free)(List *)>
class page
{
      public:
	/** Take ownership. @param p A page from the C library. */
	explicit page(List *p) noexcept : p_(p)
	{
	}
	/** @return The number of items. */
	std::size_t size() const noexcept
	{
		return p_->count;
	}
	/** @return Whether the page has no items. */
	bool empty() const noexcept
	{
		return p_->count == 0;
	}
	/** @param i An index below size(). @return Item @p i. */
	View operator[](std::size_t i) const noexcept
	{
		return View(p_->items[i]);
	}
	/** Input iterator over the items. */
	class iterator
	{
	      public:
		/** @cond */
		using iterator_category = std::input_iterator_tag;
		using value_type = View;
		using difference_type = std::ptrdiff_t;
		using pointer = void;
		using reference = View;
		explicit iterator(const Item *const *p) noexcept : p_(p)
		{
		}
		View operator*() const noexcept
		{
			return View(*p_);
		}
		iterator &operator++() noexcept
		{
			++p_;
			return *this;
		}
		const iterator operator++(int) noexcept
		{
			iterator t = *this;
			++p_;
			return t;
		}
		bool operator==(const iterator &o) const noexcept
		{
			return p_ == o.p_;
		}
		bool operator!=(const iterator &o) const noexcept
		{
			return p_ != o.p_;
		}
		/** @endcond */

	      private:
		const Item *const *p_;
	};
	/** @return An iterator at the first item. */
	iterator begin() const noexcept
	{
		return iterator(p_->items);
	}
	/** @return An iterator past the last item. */
	iterator end() const noexcept
	{
		return iterator(p_->items + p_->count);
	}
	/** @return The whole response body. */
	std::string raw_json() const
	{
		return detail::str(p_->raw_json);
	}
	/** @return The response metadata (`total_count`). */
	response_meta meta() const
	{
		return response_meta::from(p_->meta);
	}
	/** @return The C object, owned by this one. */
	const List *get() const noexcept
	{
		return p_.get();
	}

      private:
	handle<List, Free> p_;
};

/**
 * One page of messages (`GET /messages`, ::gosend_message_list); its items
 * are ::gosend::message_view, valid while the page lives.
 * @since 0.1.0
 */
using message_page = page<message_view, gosend_message, gosend_message_list,
                          gosend_message_list_free>;

/**
 * Every item of a list, page after page (a ::gosend_iter), for a range-for
 * loop:
 *
 * @code
 * for (gosend::message_view m : client.messages())
 *         std::cout << m.id().value_or("-") << '\n';
 * @endcode
 *
 * An item is valid until the loop moves on (copy what you keep). A failed
 * page ends the walk: a range made by a throwing call (e.g.
 * client::messages()) throws the ::gosend::error from the increment; one
 * made by a `try_` call ends the loop and keeps the error in error() and
 * status(). Either way the range is finished (see pagination.h). A range
 * is walked once, and not moved while it is walked (its iterators point to
 * it). Move-only; one thread at a time.
 *
 * @tparam View  The item's C++ view, constructible from `const Item *`.
 * @tparam Item  The C item type.
 * @tparam Next  The C iterator's `_next` function.
 * @since 0.1.0
 */
template <typename View, typename Item,
          int (*Next)(const Item **, gosend_iter *, gosend_error **)>
class range
{
      public:
	/**
	 * Take ownership of @p it.
	 * @param it      An iterator of the kind @p Next walks.
	 * @param throws  Whether a failure throws (else it ends the loop).
	 */
	range(gosend_iter *it, bool throws) noexcept
	    : it_(it), throws_(throws && GOSEND_CPP_EXCEPTIONS)
	{
	}
	/** The end of a range. */
	struct sentinel {
	};
	/** Input iterator over the items. */
	class iterator
	{
	      public:
		/** @cond */
		using iterator_category = std::input_iterator_tag;
		using value_type = View;
		using difference_type = std::ptrdiff_t;
		using pointer = void;
		using reference = View;
		explicit iterator(range *r) noexcept : r_(r)
		{
		}
		View operator*() const
		{
			return View(r_->cur_);
		}
		iterator &operator++()
		{
			r_->advance();
			return *this;
		}
		void operator++(int)
		{
			r_->advance();
		}
		friend bool operator==(const iterator &i, sentinel) noexcept
		{
			return i.at_end();
		}
		friend bool operator!=(const iterator &i, sentinel) noexcept
		{
			return !i.at_end();
		}
		friend bool operator==(sentinel, const iterator &i) noexcept
		{
			return i.at_end();
		}
		friend bool operator!=(sentinel, const iterator &i) noexcept
		{
			return !i.at_end();
		}
		/** @endcond */

	      private:
		bool at_end() const noexcept
		{
			return r_->done_;
		}
		range *r_;
	};
	/** Fetch the first item (once). @return An iterator at it. */
	iterator begin()
	{
		if (!started_) {
			started_ = true;
			advance();
		}
		return iterator(this);
	}
	/** @return The end. */
	sentinel end() const noexcept
	{
		return sentinel();
	}
	/** @return The error that ended the walk, if one did. */
	const std::optional<gosend::error> &error() const noexcept
	{
		return err_;
	}
	/** @return Success, or the error that ended the walk. */
	result<void> status() const
	{
		if (err_)
			return *err_;
		return result<void>();
	}
	/** @return The items returned so far (gosend_iter_count()). */
	std::size_t count() const noexcept
	{
		return gosend_iter_count(it_.get());
	}
	/** @return `X-Total-Count` as last sent, -1 when not sent. */
	long long total_count() const noexcept
	{
		return gosend_iter_total_count(it_.get());
	}
	/**
	 * Cap the pages fetched (gosend_iter_set_max_pages()).
	 * @param max_pages  The cap, >= 1.
	 * @return Success, or #GOSEND_EINVAL for 0.
	 */
	result<void> set_max_pages(std::size_t max_pages)
	{
		gosend_error *e = nullptr;
		int rc = gosend_iter_set_max_pages(it_.get(), max_pages, &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return result<void>();
	}
	/** @return The C iterator, owned by this range. */
	gosend_iter *get() const noexcept
	{
		return it_.get();
	}

      private:
	void advance()
	{
		if (done_)
			return;
		gosend_error *e = nullptr;
		int rc = Next(&cur_, it_.get(), &e);
		if (rc == 1)
			return;
		cur_ = nullptr;
		done_ = true;
		if (rc < 0) {
			err_.emplace(e, rc);
			if (throws_)
				detail::raise(*err_);
		}
	}

	handle<gosend_iter, gosend_iter_free> it_;
	const Item *cur_ = nullptr;
	std::optional<gosend::error> err_;
	bool throws_;
	bool started_ = false;
	bool done_ = false;
};

/** Every message (`GET /messages`, page after page). @since 0.1.0 */
using message_range =
        range<message_view, gosend_message, gosend_messages_iter_next>;

} // namespace gosend

#include "cpp/outgoing.hpp"
#include "cpp/resources.hpp"

namespace gosend
{

/**
 * A client (::gosend_client): the API key, the connection pool, retries.
 * Share one among all threads. Move-only.
 *
 * Options are the C struct (::gosend_client_options, made with
 * #GOSEND_CLIENT_OPTIONS_INIT), so every option of the C library is there;
 * it is copied by the constructor.
 * @since 0.1.0
 */
class client
{
      public:
	/**
	 * Make a client (gosend_client_new()).
	 * @param api_key  The API key (`gsk_test_...` or `gsk_live_...`).
	 * @param opts     Options, or NULL for the defaults.
	 * @return The client or the error.
	 */
	static result<client>
	try_create(std::string_view api_key,
	           const gosend_client_options *opts = nullptr)
	{
		return detail::make<client, gosend_client>(gosend_client_new,
		                                           api_key, opts);
	}
	/**
	 * Make a client from `GOSENDAPI_KEY` and `GOSENDAPI_BASE_URL`
	 * (gosend_client_new_from_env()).
	 * @param opts  Options, or NULL for the defaults.
	 * @return The client or the error.
	 */
	static result<client>
	try_from_env(const gosend_client_options *opts = nullptr)
	{
		return detail::make<client, gosend_client>(
		        gosend_client_new_from_env, opts);
	}
#if GOSEND_CPP_EXCEPTIONS
	/** As try_create(). @param api_key The API key.
	 *  @param opts Options, or NULL. @throws gosend::error */
	explicit client(std::string_view api_key,
	                const gosend_client_options *opts = nullptr)
	    : client(try_create(api_key, opts).value())
	{
	}
	/** As try_from_env(). @param opts Options, or NULL.
	 *  @return The client. @throws gosend::error */
	static client from_env(const gosend_client_options *opts = nullptr)
	{
		return try_from_env(opts).value();
	}
#endif
	/** Take ownership. @param c A client from the C library. */
	explicit client(gosend_client *c) noexcept : h_(c)
	{
	}

	/** @return Whether the key is a sandbox key (`gsk_test_`). */
	bool is_test() const noexcept
	{
		return gosend_client_is_test(h_.get()) != 0;
	}
	/** @return The base URL requests go to. */
	std::string base_url() const
	{
		return detail::str(gosend_client_base_url(h_.get()));
	}
	/** @return The C client, owned by this one: pass it to any C call. */
	gosend_client *get() const noexcept
	{
		return h_.get();
	}

	/** `GET /me` (gosend_me_get()). @param o Per-call options.
	 *  @return The project or the error. */
	result<project> try_me(const request_options &o = {}) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<project, gosend_me>(gosend_me_get, h_.get(),
		                                        r.get());
	}

	/**
	 * `POST /messages` with a built message (gosend_messages_send()).
	 * When the message kept a refusal, that is the error and nothing is
	 * sent. On a failure, send again only when error::retryable() says
	 * so, with the same key (error::idempotency_key() as
	 * request_options::idempotency_key).
	 * @param m  The message.
	 * @param o  Per-call options (the idempotency key).
	 * @return The result or the error.
	 */
	result<message_result> try_send(const outgoing &m,
	                                const request_options &o = {}) const
	{
		if (m.error())
			return *m.error();
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<message_result, gosend_message_result>(
		        gosend_messages_send, h_.get(), m.get(), r.get());
	}
	/**
	 * `POST /messages` with a text (gosend_messages_send_text()).
	 * @param phone_number_id  Sender phone number id.
	 * @param to               Recipient, E.164 digits.
	 * @param body             Text.
	 * @param o                Per-call options.
	 * @return The result or the error.
	 */
	result<message_result>
	try_send_text(std::string_view phone_number_id, std::string_view to,
	              std::string_view body,
	              const request_options &o = {}) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<message_result, gosend_message_result>(
		        gosend_messages_send_text, h_.get(), phone_number_id,
		        to, body, r.get());
	}
	/**
	 * `POST /messages` with a JSON body of your own
	 * (gosend_messages_send_json()).
	 * @param json  The JSON object.
	 * @param o     Per-call options.
	 * @return The result or the error.
	 */
	result<message_result>
	try_send_json(std::string_view json,
	              const request_options &o = {}) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<message_result, gosend_message_result>(
		        gosend_messages_send_json, h_.get(), json, r.get());
	}
	/** `GET /messages/{id}` (gosend_messages_get()).
	 *  @param id The message id. @param o Per-call options.
	 *  @return The message or the error. */
	result<message> try_get_message(std::string_view id,
	                                const request_options &o = {}) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<message, gosend_message>(
		        gosend_messages_get, h_.get(), id, r.get());
	}
	/** One page of `GET /messages` (gosend_messages_list()).
	 *  @param p Page and page size. @param o Per-call options.
	 *  @return The page or the error. */
	result<message_page>
	try_list_messages(const page_params &p = {},
	                  const request_options &o = {}) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		gosend_list_params lp = GOSEND_LIST_PARAMS_INIT;
		lp.page = p.page;
		lp.per_page = p.per_page;
		return detail::make<message_page, gosend_message_list>(
		        gosend_messages_list, h_.get(), &lp, r.get());
	}
	/**
	 * Every message, for a range-for loop (gosend_messages_iter_new()).
	 * A failed page ends the loop; the range's error() has it.
	 * @param max_items  Stop after this many; 0 for no cap.
	 * @param o          Per-call options for every page.
	 * @return The range or the error.
	 */
	result<message_range> try_messages(std::size_t max_items = 0,
	                                   const request_options &o = {}) const
	{
		return iter<message_range>(gosend_messages_iter_new, false,
		                           max_items, o);
	}
	/**
	 * Send many messages at once (gosend_messages_send_bulk()): every
	 * message is tried, with the options' concurrency and rate; the
	 * result has one item per message, in order. When a message kept a
	 * refusal, that refusal is the error and nothing is sent.
	 * @param messages  The messages.
	 * @param opts      The C options (#GOSEND_BULK_OPTIONS_INIT), or NULL
	 *                  for the defaults.
	 * @return The result or the error (of the whole call, not of an
	 *         item).
	 */
	result<bulk_result>
	try_send_bulk(const std::vector<outgoing> &messages,
	              const gosend_bulk_options *opts = nullptr) const
	{
		std::vector<const gosend_outgoing *> v;
		v.reserve(messages.size());
		for (const outgoing &m : messages) {
			if (m.error())
				return *m.error();
			v.push_back(m.get());
		}
		gosend_bulk_result *out = nullptr;
		gosend_error *e = nullptr;
		int rc = gosend_messages_send_bulk(&out, h_.get(), v.data(),
		                                   v.size(), opts, &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return bulk_result(out);
	}

	/** @name Resources
	 * @{ */
	/** One page of `GET /wabas` (gosend_wabas_list()).
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The page of WABAs or the error. */
	result<waba_page> try_list_wabas(const page_params &p = {},
	                                 const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<waba_page, gosend_waba_list>(gosend_wabas_list, o,
		                                         &lp);
	}
	/** Every WABA, for a range-for loop (gosend_wabas_iter_new()). A failed
	 * page ends the loop; the range's error() has it.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The range or the error. */
	result<waba_range> try_wabas(std::size_t max_items = 0,
	                             const request_options &o = {}) const
	{
		return iter_of<waba_range>(gosend_wabas_iter_new, false, o,
		                           max_items);
	}
	/** `GET /wabas/{id}` (gosend_wabas_get()).
	 *  @param waba_id The WABA id.
	 *  @param o Per-call options.
	 *  @return The WABA or the error. */
	result<waba> try_get_waba(std::string_view waba_id,
	                          const request_options &o = {}) const
	{
		return call<waba, gosend_waba>(gosend_wabas_get, o, waba_id);
	}
	/** One page of `GET /wabas/{id}/phone-numbers`
	 * (gosend_phone_numbers_list()).
	 *  @param waba_id The WABA id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The phone number page or the error. */
	result<phone_number_page>
	try_list_phone_numbers(std::string_view waba_id,
	                       const page_params &p = {},
	                       const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<phone_number_page, gosend_phone_number_list>(
		        gosend_phone_numbers_list, o, waba_id, &lp);
	}
	/** Every phone number of a WABA, for a range-for loop
	 * (gosend_phone_numbers_iter_new()). A failed page ends the loop; the
	 * range's error() has it.
	 *  @param waba_id The WABA id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The phone number range or the error. */
	result<phone_number_range>
	try_phone_numbers(std::string_view waba_id, std::size_t max_items = 0,
	                  const request_options &o = {}) const
	{
		return iter_of<phone_number_range>(
		        gosend_phone_numbers_iter_new, false, o, waba_id,
		        max_items);
	}
	/** One page of `GET /conversations` (gosend_conversations_list()).
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The conversation page or the error. */
	result<conversation_page>
	try_list_conversations(const page_params &p = {},
	                       const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<conversation_page, gosend_conversation_list>(
		        gosend_conversations_list, o, &lp);
	}
	/** Every conversation, for a range-for loop
	 * (gosend_conversations_iter_new()). A failed page ends the loop; the
	 * range's error() has it.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The conversation range or the error. */
	result<conversation_range>
	try_conversations(std::size_t max_items = 0,
	                  const request_options &o = {}) const
	{
		return iter_of<conversation_range>(
		        gosend_conversations_iter_new, false, o, max_items);
	}
	/** `GET /conversations/{id}` (gosend_conversations_get()).
	 *  @param conversation_id The conversation id.
	 *  @param o Per-call options.
	 *  @return The conversation or the error. */
	result<conversation>
	try_get_conversation(std::string_view conversation_id,
	                     const request_options &o = {}) const
	{
		return call<conversation, gosend_conversation>(
		        gosend_conversations_get, o, conversation_id);
	}
	/** Close a conversation (gosend_conversations_close()).
	 *  @param conversation_id The conversation id.
	 *  @param o Per-call options.
	 *  @return The conversation or the error. */
	result<conversation>
	try_close_conversation(std::string_view conversation_id,
	                       const request_options &o = {}) const
	{
		return call<conversation, gosend_conversation>(
		        gosend_conversations_close, o, conversation_id);
	}
	/** One page of `GET /wabas/{id}/templates` (gosend_templates_list()).
	 *  @param waba_id The WABA id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The message template page or the error. */
	result<message_template_page>
	try_list_templates(std::string_view waba_id, const page_params &p = {},
	                   const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<message_template_page, gosend_template_list>(
		        gosend_templates_list, o, waba_id, &lp);
	}
	/** Every template of a WABA, for a range-for loop
	 * (gosend_templates_iter_new()). A failed page ends the loop; the
	 * range's error() has it.
	 *  @param waba_id The WABA id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The message template range or the error. */
	result<message_template_range>
	try_templates(std::string_view waba_id, std::size_t max_items = 0,
	              const request_options &o = {}) const
	{
		return iter_of<message_template_range>(
		        gosend_templates_iter_new, false, o, waba_id,
		        max_items);
	}
	/** `POST /wabas/{id}/templates` (gosend_templates_create()).
	 *  @param waba_id The WABA id.
	 *  @param b The template; a kept refusal is the error and nothing is
	 * sent.
	 *  @param o Per-call options.
	 *  @return The message template or the error. */
	result<message_template>
	try_create_template(std::string_view waba_id, const template_builder &b,
	                    const request_options &o = {}) const
	{
		if (b.error())
			return *b.error();
		return call<message_template, gosend_template>(
		        gosend_templates_create, o, waba_id, b.get());
	}
	/** Sync the templates of a WABA from Meta (gosend_templates_sync()).
	 *  @param waba_id The WABA id.
	 *  @param o Per-call options.
	 *  @return The template sync result or the error. */
	result<template_sync_result>
	try_sync_templates(std::string_view waba_id,
	                   const request_options &o = {}) const
	{
		return call<template_sync_result, gosend_template_sync_result>(
		        gosend_templates_sync, o, waba_id);
	}
	/** Delete a template (gosend_templates_delete()).
	 *  @param waba_id The WABA id.
	 *  @param template_id The template id.
	 *  @param o Per-call options.
	 *  @return Success or the error. */
	result<void> try_delete_template(std::string_view waba_id,
	                                 std::string_view template_id,
	                                 const request_options &o = {}) const
	{
		return call_void(gosend_templates_delete, o, waba_id,
		                 template_id);
	}
	/** `POST /webhooks` (gosend_webhooks_create()).
	 *  @param params The webhook.
	 *  @param o Per-call options.
	 *  @return The webhook or the error. */
	result<webhook> try_create_webhook(const webhook_params &params,
	                                   const request_options &o = {}) const
	{
		std::vector<const char *> ev;
		if (!detail::c_strings(ev, params.events) ||
		    detail::any_nul(std::string_view(params.url),
		                    detail::ov(params.phone_number_id),
		                    detail::ov(params.type)))
			return detail::nul_error();
		gosend_webhook_params w = GOSEND_WEBHOOK_PARAMS_INIT;
		w.url = params.url.c_str();
		w.events = ev.empty() ? nullptr : ev.data();
		w.events_count = ev.size();
		w.phone_number_id = detail::c_or_null(params.phone_number_id);
		w.type = detail::c_or_null(params.type);
		const gosend_webhook_params *wp = &w;
		return call<webhook, gosend_webhook>(gosend_webhooks_create, o,
		                                     wp);
	}
	/** One page of `GET /webhooks` (gosend_webhooks_list()).
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The webhook page or the error. */
	result<webhook_page>
	try_list_webhooks(const page_params &p = {},
	                  const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<webhook_page, gosend_webhook_list>(
		        gosend_webhooks_list, o, &lp);
	}
	/** Every webhook, for a range-for loop (gosend_webhooks_iter_new()). A
	 * failed page ends the loop; the range's error() has it.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The webhook range or the error. */
	result<webhook_range> try_webhooks(std::size_t max_items = 0,
	                                   const request_options &o = {}) const
	{
		return iter_of<webhook_range>(gosend_webhooks_iter_new, false,
		                              o, max_items);
	}
	/** Change a webhook (gosend_webhooks_update()).
	 *  @param webhook_id The webhook id.
	 *  @param change What changes.
	 *  @param o Per-call options.
	 *  @return The webhook or the error. */
	result<webhook> try_update_webhook(std::string_view webhook_id,
	                                   const webhook_update &change,
	                                   const request_options &o = {}) const
	{
		static const char *const no_events[1] = {nullptr};
		std::vector<const char *> ev;
		if ((change.events && !detail::c_strings(ev, *change.events)) ||
		    detail::any_nul(detail::ov(change.url)))
			return detail::nul_error();
		gosend_webhook_update_params w =
		        GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
		w.url = detail::c_or_null(change.url);
		if (change.events) {
			// an empty list is sent as such (and refused), not as
			// "unchanged"
			w.events = ev.empty() ? no_events : ev.data();
			w.events_count = ev.size();
		}
		if (change.enabled) {
			w.set_enabled = 1;
			w.enabled = *change.enabled ? 1 : 0;
		}
		const gosend_webhook_update_params *wp = &w;
		return call<webhook, gosend_webhook>(gosend_webhooks_update, o,
		                                     webhook_id, wp);
	}
	/** Delete a webhook (gosend_webhooks_delete()).
	 *  @param webhook_id The webhook id.
	 *  @param o Per-call options.
	 *  @return Success or the error. */
	result<void> try_delete_webhook(std::string_view webhook_id,
	                                const request_options &o = {}) const
	{
		return call_void(gosend_webhooks_delete, o, webhook_id);
	}
	/** One page of a webhook's deliveries
	 * (gosend_webhook_deliveries_list()).
	 *  @param webhook_id The webhook id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The webhook delivery page or the error. */
	result<webhook_delivery_page>
	try_list_webhook_deliveries(std::string_view webhook_id,
	                            const page_params &p = {},
	                            const request_options &o = {}) const
	{
		gosend_list_params lp = list_params(p);
		return call<webhook_delivery_page,
		            gosend_webhook_delivery_list>(
		        gosend_webhook_deliveries_list, o, webhook_id, &lp);
	}
	/** Every delivery of a webhook, for a range-for loop
	 * (gosend_webhook_deliveries_iter_new()). A failed page ends the loop;
	 * the range's error() has it.
	 *  @param webhook_id The webhook id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The webhook delivery range or the error. */
	result<webhook_delivery_range>
	try_webhook_deliveries(std::string_view webhook_id,
	                       std::size_t max_items = 0,
	                       const request_options &o = {}) const
	{
		return iter_of<webhook_delivery_range>(
		        gosend_webhook_deliveries_iter_new, false, o,
		        webhook_id, max_items);
	}
	/** Upload a file (gosend_media_upload_file()).
	 *  @param phone_number_id The phone number the media is for.
	 *  @param path The file to upload.
	 *  @param mime_type Its MIME type, or std::nullopt to guess from the
	 * name.
	 *  @param o Per-call options.
	 *  @return The media upload or the error. */
	result<media_upload> try_upload_media_file(
	        std::string_view phone_number_id, std::string_view path,
	        std::optional<std::string_view> mime_type = std::nullopt,
	        const request_options &o = {}) const
	{
		return call<media_upload, gosend_media_result>(
		        gosend_media_upload_file, o, phone_number_id, path,
		        mime_type);
	}
	/** Upload bytes in memory (gosend_media_upload_buffer()).
	 *  @param phone_number_id The phone number the media is for.
	 *  @param data The bytes (NUL bytes included).
	 *  @param filename The file name sent, or std::nullopt ("file").
	 *  @param mime_type Its MIME type.
	 *  @param o Per-call options.
	 *  @return The media upload or the error. */
	result<media_upload> try_upload_media(
	        std::string_view phone_number_id, std::string_view data,
	        std::optional<std::string_view> filename,
	        std::string_view mime_type, const request_options &o = {}) const
	{
		const void *bytes = data.data();
		std::size_t len = data.size();
		return call<media_upload, gosend_media_result>(
		        gosend_media_upload_buffer, o, phone_number_id, bytes,
		        len, filename, mime_type);
	}
	/** Create a customer of a tenant (gosend_customers_create()).
	 *  @param tenant_id The tenant id.
	 *  @param params The customer.
	 *  @param o Per-call options.
	 *  @return The customer or the error. */
	result<customer>
	try_create_customer(std::string_view tenant_id,
	                    const customer_params &params,
	                    const request_options &o = {}) const
	{
		if (detail::any_nul(std::string_view(params.name),
		                    detail::ov(params.external_id),
		                    detail::ov(params.email),
		                    detail::ov(params.phone),
		                    detail::ov(params.metadata_json)))
			return detail::nul_error();
		gosend_customer_params c = GOSEND_CUSTOMER_PARAMS_INIT;
		c.name = params.name.c_str();
		c.external_id = detail::c_or_null(params.external_id);
		c.email = detail::c_or_null(params.email);
		c.phone = detail::c_or_null(params.phone);
		c.metadata_json = detail::c_or_null(params.metadata_json);
		const gosend_customer_params *cp = &c;
		return call<customer, gosend_customer>(gosend_customers_create,
		                                       o, tenant_id, cp);
	}
	/** Create a setup link for a customer (gosend_setup_links_create()).
	 *  @param customer_id The customer id.
	 *  @param params The link's options.
	 *  @param o Per-call options.
	 *  @return The setup link or the error. */
	result<setup_link>
	try_create_setup_link(std::string_view customer_id,
	                      const setup_link_params &params = {},
	                      const request_options &o = {}) const
	{
		if (detail::any_nul(detail::ov(params.success_redirect_url),
		                    detail::ov(params.failure_redirect_url),
		                    detail::ov(params.expires_at)))
			return detail::nul_error();
		gosend_setup_link_params s = GOSEND_SETUP_LINK_PARAMS_INIT;
		s.success_redirect_url =
		        detail::c_or_null(params.success_redirect_url);
		s.failure_redirect_url =
		        detail::c_or_null(params.failure_redirect_url);
		s.expires_at = detail::c_or_null(params.expires_at);
		const gosend_setup_link_params *sp = &s;
		return call<setup_link, gosend_setup_link>(
		        gosend_setup_links_create, o, customer_id, sp);
	}
	/** @} */

#if GOSEND_CPP_EXCEPTIONS
	/** As try_me(). @param o Per-call options. @return The project.
	 *  @throws gosend::error */
	project me(const request_options &o = {}) const
	{
		return try_me(o).value();
	}
	/** As try_send(). @param m The message. @param o Per-call options.
	 *  @return The result. @throws gosend::error */
	message_result send(const outgoing &m,
	                    const request_options &o = {}) const
	{
		return try_send(m, o).value();
	}
	/** As try_send_text(). @param phone_number_id Sender.
	 *  @param to Recipient. @param body Text. @param o Per-call options.
	 *  @return The result. @throws gosend::error */
	message_result send_text(std::string_view phone_number_id,
	                         std::string_view to, std::string_view body,
	                         const request_options &o = {}) const
	{
		return try_send_text(phone_number_id, to, body, o).value();
	}
	/** As try_send_json(). @param json The JSON object.
	 *  @param o Per-call options. @return The result.
	 *  @throws gosend::error */
	message_result send_json(std::string_view json,
	                         const request_options &o = {}) const
	{
		return try_send_json(json, o).value();
	}
	/** As try_get_message(). @param id The message id.
	 *  @param o Per-call options. @return The message.
	 *  @throws gosend::error */
	message get_message(std::string_view id,
	                    const request_options &o = {}) const
	{
		return try_get_message(id, o).value();
	}
	/** As try_list_messages(). @param p Page and page size.
	 *  @param o Per-call options. @return The page.
	 *  @throws gosend::error */
	message_page list_messages(const page_params &p = {},
	                           const request_options &o = {}) const
	{
		return try_list_messages(p, o).value();
	}
	/** As try_messages(), but a failed page throws from the loop's
	 *  increment. @param max_items Stop after this many; 0: no cap.
	 *  @param o Per-call options. @return The range.
	 *  @throws gosend::error */
	message_range messages(std::size_t max_items = 0,
	                       const request_options &o = {}) const
	{
		return iter<message_range>(gosend_messages_iter_new, true,
		                           max_items, o)
		        .value();
	}
	/** As try_send_bulk(). @param messages The messages.
	 *  @param opts The C options, or NULL. @return The result.
	 *  @throws gosend::error */
	bulk_result send_bulk(const std::vector<outgoing> &messages,
	                      const gosend_bulk_options *opts = nullptr) const
	{
		return try_send_bulk(messages, opts).value();
	}

	/** @name Resources, throwing
	 * @{ */
	/** As try_list_wabas().
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The page of WABAs. @throws gosend::error */
	waba_page list_wabas(const page_params &p = {},
	                     const request_options &o = {}) const
	{
		return try_list_wabas(p, o).value();
	}
	/** As try_wabas(), but a failed page throws from the loop's increment.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The range. @throws gosend::error */
	waba_range wabas(std::size_t max_items = 0,
	                 const request_options &o = {}) const
	{
		return iter_of<waba_range>(gosend_wabas_iter_new, true, o,
		                           max_items)
		        .value();
	}
	/** As try_get_waba().
	 *  @param waba_id The WABA id.
	 *  @param o Per-call options.
	 *  @return The WABA. @throws gosend::error */
	waba get_waba(std::string_view waba_id,
	              const request_options &o = {}) const
	{
		return try_get_waba(waba_id, o).value();
	}
	/** As try_list_phone_numbers().
	 *  @param waba_id The WABA id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The phone number page. @throws gosend::error */
	phone_number_page
	list_phone_numbers(std::string_view waba_id, const page_params &p = {},
	                   const request_options &o = {}) const
	{
		return try_list_phone_numbers(waba_id, p, o).value();
	}
	/** As try_phone_numbers(), but a failed page throws from the loop's
	 * increment.
	 *  @param waba_id The WABA id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The phone number range. @throws gosend::error */
	phone_number_range phone_numbers(std::string_view waba_id,
	                                 std::size_t max_items = 0,
	                                 const request_options &o = {}) const
	{
		return iter_of<phone_number_range>(
		               gosend_phone_numbers_iter_new, true, o, waba_id,
		               max_items)
		        .value();
	}
	/** As try_list_conversations().
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The conversation page. @throws gosend::error */
	conversation_page
	list_conversations(const page_params &p = {},
	                   const request_options &o = {}) const
	{
		return try_list_conversations(p, o).value();
	}
	/** As try_conversations(), but a failed page throws from the loop's
	 * increment.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The conversation range. @throws gosend::error */
	conversation_range conversations(std::size_t max_items = 0,
	                                 const request_options &o = {}) const
	{
		return iter_of<conversation_range>(
		               gosend_conversations_iter_new, true, o,
		               max_items)
		        .value();
	}
	/** As try_get_conversation().
	 *  @param conversation_id The conversation id.
	 *  @param o Per-call options.
	 *  @return The conversation. @throws gosend::error */
	conversation get_conversation(std::string_view conversation_id,
	                              const request_options &o = {}) const
	{
		return try_get_conversation(conversation_id, o).value();
	}
	/** As try_close_conversation().
	 *  @param conversation_id The conversation id.
	 *  @param o Per-call options.
	 *  @return The conversation. @throws gosend::error */
	conversation close_conversation(std::string_view conversation_id,
	                                const request_options &o = {}) const
	{
		return try_close_conversation(conversation_id, o).value();
	}
	/** As try_list_templates().
	 *  @param waba_id The WABA id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The message template page. @throws gosend::error */
	message_template_page
	list_templates(std::string_view waba_id, const page_params &p = {},
	               const request_options &o = {}) const
	{
		return try_list_templates(waba_id, p, o).value();
	}
	/** As try_templates(), but a failed page throws from the loop's
	 * increment.
	 *  @param waba_id The WABA id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The message template range. @throws gosend::error */
	message_template_range templates(std::string_view waba_id,
	                                 std::size_t max_items = 0,
	                                 const request_options &o = {}) const
	{
		return iter_of<message_template_range>(
		               gosend_templates_iter_new, true, o, waba_id,
		               max_items)
		        .value();
	}
	/** As try_create_template().
	 *  @param waba_id The WABA id.
	 *  @param b The template; a kept refusal is the error and nothing is
	 * sent.
	 *  @param o Per-call options.
	 *  @return The message template. @throws gosend::error */
	message_template create_template(std::string_view waba_id,
	                                 const template_builder &b,
	                                 const request_options &o = {}) const
	{
		return try_create_template(waba_id, b, o).value();
	}
	/** As try_sync_templates().
	 *  @param waba_id The WABA id.
	 *  @param o Per-call options.
	 *  @return The template sync result. @throws gosend::error */
	template_sync_result sync_templates(std::string_view waba_id,
	                                    const request_options &o = {}) const
	{
		return try_sync_templates(waba_id, o).value();
	}
	/** As try_delete_template().
	 *  @param waba_id The WABA id.
	 *  @param template_id The template id.
	 *  @param o Per-call options.
	 *   @throws gosend::error */
	void delete_template(std::string_view waba_id,
	                     std::string_view template_id,
	                     const request_options &o = {}) const
	{
		return try_delete_template(waba_id, template_id, o).value();
	}
	/** As try_create_webhook().
	 *  @param params The webhook.
	 *  @param o Per-call options.
	 *  @return The webhook. @throws gosend::error */
	webhook create_webhook(const webhook_params &params,
	                       const request_options &o = {}) const
	{
		return try_create_webhook(params, o).value();
	}
	/** As try_list_webhooks().
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The webhook page. @throws gosend::error */
	webhook_page list_webhooks(const page_params &p = {},
	                           const request_options &o = {}) const
	{
		return try_list_webhooks(p, o).value();
	}
	/** As try_webhooks(), but a failed page throws from the loop's
	 * increment.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The webhook range. @throws gosend::error */
	webhook_range webhooks(std::size_t max_items = 0,
	                       const request_options &o = {}) const
	{
		return iter_of<webhook_range>(gosend_webhooks_iter_new, true, o,
		                              max_items)
		        .value();
	}
	/** As try_update_webhook().
	 *  @param webhook_id The webhook id.
	 *  @param change What changes.
	 *  @param o Per-call options.
	 *  @return The webhook. @throws gosend::error */
	webhook update_webhook(std::string_view webhook_id,
	                       const webhook_update &change,
	                       const request_options &o = {}) const
	{
		return try_update_webhook(webhook_id, change, o).value();
	}
	/** As try_delete_webhook().
	 *  @param webhook_id The webhook id.
	 *  @param o Per-call options.
	 *   @throws gosend::error */
	void delete_webhook(std::string_view webhook_id,
	                    const request_options &o = {}) const
	{
		return try_delete_webhook(webhook_id, o).value();
	}
	/** As try_list_webhook_deliveries().
	 *  @param webhook_id The webhook id.
	 *  @param p Page and page size.
	 *  @param o Per-call options.
	 *  @return The webhook delivery page. @throws gosend::error */
	webhook_delivery_page
	list_webhook_deliveries(std::string_view webhook_id,
	                        const page_params &p = {},
	                        const request_options &o = {}) const
	{
		return try_list_webhook_deliveries(webhook_id, p, o).value();
	}
	/** As try_webhook_deliveries(), but a failed page throws from the
	 * loop's increment.
	 *  @param webhook_id The webhook id.
	 *  @param max_items Stop after this many; 0 for no cap.
	 *  @param o Per-call options.
	 *  @return The webhook delivery range. @throws gosend::error */
	webhook_delivery_range
	webhook_deliveries(std::string_view webhook_id,
	                   std::size_t max_items = 0,
	                   const request_options &o = {}) const
	{
		return iter_of<webhook_delivery_range>(
		               gosend_webhook_deliveries_iter_new, true, o,
		               webhook_id, max_items)
		        .value();
	}
	/** As try_upload_media_file().
	 *  @param phone_number_id The phone number the media is for.
	 *  @param path The file to upload.
	 *  @param mime_type Its MIME type, or std::nullopt to guess from the
	 * name.
	 *  @param o Per-call options.
	 *  @return The media upload. @throws gosend::error */
	media_upload upload_media_file(
	        std::string_view phone_number_id, std::string_view path,
	        std::optional<std::string_view> mime_type = std::nullopt,
	        const request_options &o = {}) const
	{
		return try_upload_media_file(phone_number_id, path, mime_type,
		                             o)
		        .value();
	}
	/** As try_upload_media().
	 *  @param phone_number_id The phone number the media is for.
	 *  @param data The bytes (NUL bytes included).
	 *  @param filename The file name sent, or std::nullopt ("file").
	 *  @param mime_type Its MIME type.
	 *  @param o Per-call options.
	 *  @return The media upload. @throws gosend::error */
	media_upload upload_media(std::string_view phone_number_id,
	                          std::string_view data,
	                          std::optional<std::string_view> filename,
	                          std::string_view mime_type,
	                          const request_options &o = {}) const
	{
		return try_upload_media(phone_number_id, data, filename,
		                        mime_type, o)
		        .value();
	}
	/** As try_create_customer().
	 *  @param tenant_id The tenant id.
	 *  @param params The customer.
	 *  @param o Per-call options.
	 *  @return The customer. @throws gosend::error */
	customer create_customer(std::string_view tenant_id,
	                         const customer_params &params,
	                         const request_options &o = {}) const
	{
		return try_create_customer(tenant_id, params, o).value();
	}
	/** As try_create_setup_link().
	 *  @param customer_id The customer id.
	 *  @param params The link's options.
	 *  @param o Per-call options.
	 *  @return The setup link. @throws gosend::error */
	setup_link create_setup_link(std::string_view customer_id,
	                             const setup_link_params &params = {},
	                             const request_options &o = {}) const
	{
		return try_create_setup_link(customer_id, params, o).value();
	}
	/** @} */
#endif

      private:
	static gosend_list_params list_params(const page_params &p) noexcept
	{
		gosend_list_params lp = GOSEND_LIST_PARAMS_INIT;
		lp.page = p.page;
		lp.per_page = p.per_page;
		return lp;
	}
	/* f(&out, client, args..., opts, &err) wrapped in W. */
	template <typename W, typename C, typename F, typename... A>
	result<W> call(F f, const request_options &o, const A &...a) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		return detail::make<W, C>(f, h_.get(), a..., r.get());
	}
	/* f(client, args..., opts, &err), nothing to return. */
	template <typename F, typename... A>
	result<void> call_void(F f, const request_options &o,
	                       const A &...a) const
	{
		detail::c_request r(o);
		if (r.bad() || detail::any_nul(a...))
			return detail::nul_error();
		gosend_error *e = nullptr;
		int rc = f(h_.get(), detail::arg(a)..., r.get(), &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return result<void>();
	}
	/* f(&iter, client, args..., opts, &err) wrapped in the range R. */
	template <typename R, typename F, typename... A>
	result<R> iter_of(F f, bool throws, const request_options &o,
	                  const A &...a) const
	{
		detail::c_request r(o);
		if (r.bad() || detail::any_nul(a...))
			return detail::nul_error();
		gosend_iter *it = nullptr;
		gosend_error *e = nullptr;
		int rc = f(&it, h_.get(), detail::arg(a)..., r.get(), &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return R(it, throws);
	}
	template <typename R, typename F>
	result<R> iter(F f, bool throws, std::size_t max_items,
	               const request_options &o) const
	{
		detail::c_request r(o);
		if (r.bad())
			return detail::nul_error();
		gosend_iter *it = nullptr;
		gosend_error *e = nullptr;
		int rc = f(&it, h_.get(), max_items, r.get(), &e);
		if (rc < 0)
			return gosend::error(e, rc);
		return R(it, throws);
	}

	handle<gosend_client, gosend_client_free> h_;
};

/**
 * A phone number as people write it ("+54 9 11 4012-3456") as E.164
 * digits (gosend_phone_normalize()).
 * @param input  The number.
 * @return The digits, or #GOSEND_EINVAL with field "phone".
 * @since 0.1.0
 */
inline result<std::string> try_normalize_phone(std::string_view input)
{
	if (detail::has_nul(input))
		return detail::nul_error();
	char *out = nullptr;
	gosend_error *e = nullptr;
	int rc = gosend_phone_normalize(&out, detail::cstr(input), &e);
	if (rc < 0)
		return gosend::error(e, rc);
	std::unique_ptr<char, detail::deleter<void, gosend_free>> own(out);
	return std::string(out);
}

#if GOSEND_CPP_EXCEPTIONS
/** As try_normalize_phone(). @param input The number.
 *  @return The digits. @throws gosend::error
 *  @since 0.1.0 */
inline std::string normalize_phone(std::string_view input)
{
	return try_normalize_phone(input).value();
}
#endif

/** @return The library's version text (gosend_version()), e.g. "0.1.0".
 *  @since 0.1.0 */
inline std::string_view version() noexcept
{
	return gosend_version();
}

} // namespace gosend

#include "cpp/async.hpp"
#include "cpp/webhook_events.hpp"

#endif
