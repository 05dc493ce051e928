/**
 * @file cpp/async.hpp
 * @brief Part of gosendapi.hpp: calls that never block, on an event loop
 * (::gosend::async). Include <gosendapi/gosendapi.hpp>, not this file.
 * @since 0.1.0
 */
#ifndef GOSENDAPI_CPP_ASYNC_HPP
#define GOSENDAPI_CPP_ASYNC_HPP

#ifndef GOSENDAPI_HPP
#error "include <gosendapi/gosendapi.hpp>, not this part of it"
#endif

namespace gosend
{

namespace detail
{

/* One started asynchronous call: the completion function, on the heap
 * until the C callback (which runs exactly once) takes it back. */
template <typename W, typename C> struct async_job {
	std::function<void(result<W>)> fn;

	static void done(gosend_async_call *call, int code, void *res,
	                 gosend_error *e, void *payload) noexcept
	{
		(void)call;
		std::unique_ptr<async_job> self(
		        static_cast<async_job *>(payload));
		if (code < 0)
			self->fn(result<W>(gosend::error(e, code)));
		else
			self->fn(result<W>(W(static_cast<C *>(res))));
	}
};

} // namespace detail

/**
 * Calls that never block, on an event loop (::gosend_async, see async.h):
 * each call starts at once and its completion function runs later, on the
 * loop's thread, exactly once, with a ::gosend::result.
 *
 * @code
 * gosend_poll_loop loop;                   // adapters/poll.h, or libuv...
 * gosend_async *as = nullptr;
 * gosend_poll_init(&loop);
 * gosend_poll_attach(&loop, &as, client.get(), nullptr, nullptr);
 * gosend::async a(as);
 * auto started = a.try_send(m, [](gosend::result<gosend::message_result> r) {
 *         if (r) std::cout << r->id().value_or("?") << '\n';
 * });
 * gosend_poll_run(&loop);
 * a.reset();                               // before the loop goes
 * gosend_poll_dispose(&loop);
 * @endcode
 *
 * A call refused at once (an argument the blocking call refuses, a message
 * that kept a refusal) is the starting function's error, and its
 * completion function never runs. The completion function must not throw:
 * it is called from the C library (a throw ends the program with
 * `std::terminate`). It may start other calls and may reset() the handle.
 * Freeing the handle (reset() or the destructor) completes every pending
 * call with #GOSEND_ECANCELED. Move-only; used on the loop's thread only.
 * The client must outlive it.
 * @since 0.1.0
 */
class async
{
      public:
	/** Completion function of a call whose result is a @p T. */
	template <typename T> using done_fn = std::function<void(result<T>)>;

	/** Take ownership. @param as A handle from gosend_async_new() or an
	 *  adapter's attach function. */
	explicit async(gosend_async *as) noexcept : h_(as)
	{
	}
	/**
	 * Make a handle on @p c and a loop's functions (gosend_async_new()).
	 * @param c     The client; it must outlive the handle.
	 * @param loop  The loop's functions (copied).
	 * @param opts  Options, or NULL.
	 * @return The handle or the error.
	 */
	static result<async>
	try_create(const client &c, const gosend_async_loop &loop,
	           const gosend_async_options *opts = nullptr)
	{
		return detail::make<async, gosend_async>(gosend_async_new,
		                                         c.get(), &loop, opts);
	}
	/** @return Calls started and not completed yet. */
	std::size_t pending() const noexcept
	{
		return gosend_async_pending(h_.get());
	}
	/** Free the handle now; pending calls complete with
	 *  #GOSEND_ECANCELED. */
	void reset() noexcept
	{
		h_.reset();
	}
	/** @return The C handle, owned by this one (for the loop's calls
	 *  gosend_async_on_socket() and gosend_async_on_timeout()). */
	gosend_async *get() const noexcept
	{
		return h_.get();
	}

	/** Start client::try_send(). @param m The message. @param done Its
	 *  completion. @param o Per-call options.
	 *  @return Started, or the refusal (then @p done never runs). */
	result<void> try_send(const outgoing &m, done_fn<message_result> done,
	                      const request_options &o = {})
	{
		if (m.error())
			return *m.error();
		return start<message_result, gosend_message_result>(
		        gosend_async_messages_send, std::move(done), o,
		        m.get());
	}
	/** Start client::try_send_text(). @param phone_number_id Sender.
	 *  @param to Recipient. @param body Text. @param done Its completion.
	 *  @param o Per-call options.
	 *  @return Started, or the refusal (then @p done never runs). */
	result<void> try_send_text(std::string_view phone_number_id,
	                           std::string_view to, std::string_view body,
	                           done_fn<message_result> done,
	                           const request_options &o = {})
	{
		return start<message_result, gosend_message_result>(
		        gosend_async_messages_send_text, std::move(done), o,
		        phone_number_id, to, body);
	}
	/** Start client::try_send_json(). @param json The JSON object.
	 *  @param done Its completion. @param o Per-call options.
	 *  @return Started, or the refusal (then @p done never runs). */
	result<void> try_send_json(std::string_view json,
	                           done_fn<message_result> done,
	                           const request_options &o = {})
	{
		return start<message_result, gosend_message_result>(
		        gosend_async_messages_send_json, std::move(done), o,
		        json);
	}
	/** Start client::try_get_message(). @param id The message id.
	 *  @param done Its completion. @param o Per-call options.
	 *  @return Started, or the refusal (then @p done never runs). */
	result<void> try_get_message(std::string_view id, done_fn<message> done,
	                             const request_options &o = {})
	{
		return start<message, gosend_message>(gosend_async_messages_get,
		                                      std::move(done), o, id);
	}
	/** Start client::try_me(). @param done Its completion.
	 *  @param o Per-call options.
	 *  @return Started, or the refusal (then @p done never runs). */
	result<void> try_me(done_fn<project> done,
	                    const request_options &o = {})
	{
		return start<project, gosend_me>(gosend_async_me_get,
		                                 std::move(done), o);
	}
#if GOSEND_CPP_EXCEPTIONS
	/** As try_send(); a refusal throws. @param m The message.
	 *  @param done Its completion. @param o Per-call options.
	 *  @throws gosend::error */
	void send(const outgoing &m, done_fn<message_result> done,
	          const request_options &o = {})
	{
		try_send(m, std::move(done), o).value();
	}
	/** As try_send_text(); a refusal throws. @param phone_number_id
	 *  Sender. @param to Recipient. @param body Text. @param done Its
	 *  completion. @param o Per-call options. @throws gosend::error */
	void send_text(std::string_view phone_number_id, std::string_view to,
	               std::string_view body, done_fn<message_result> done,
	               const request_options &o = {})
	{
		try_send_text(phone_number_id, to, body, std::move(done), o)
		        .value();
	}
#endif

      private:
	/* f(as, args..., opts, done, payload, call, err) */
	template <typename W, typename C, typename F, typename... A>
	result<void> start(F f, done_fn<W> done, const request_options &o,
	                   const A &...a)
	{
		if (!done)
			return gosend::error(GOSEND_EINVAL,
			                     "no completion function");
		detail::c_request r(o);
		if (r.bad() || detail::any_nul(a...))
			return detail::nul_error();
		auto job = std::make_unique<detail::async_job<W, C>>();
		job->fn = std::move(done);
		gosend_error *e = nullptr;
		int rc = f(h_.get(), detail::arg(a)..., r.get(),
		           &detail::async_job<W, C>::done, job.get(), nullptr,
		           &e);
		if (rc < 0)
			return gosend::error(e, rc);
		(void)job.release(); // the callback takes it back
		return result<void>();
	}

	handle<gosend_async, gosend_async_free> h_;
};

} // namespace gosend

#endif /* GOSENDAPI_CPP_ASYNC_HPP */
