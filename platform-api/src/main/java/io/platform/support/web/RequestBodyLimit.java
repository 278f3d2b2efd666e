package io.platform.support.web;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the limit with a 413 problem detail, before anyone reads them: at once
 * when the Content-Length says so, else (a chunked body) as soon as the reader passes the limit.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

	static final String TITLE = "Request body too large";

	private final long limit;

	private final Predicate<HttpServletRequest> applies;

	RequestBodyLimit(DataSize limit, Predicate<HttpServletRequest> applies) {
		this.limit = limit.toBytes();
		this.applies = applies;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !applies.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			// Tomcat reads (swallows) a refused body up to its own limit, then closes the connection.
			ProblemWriter.write(response, 413, TITLE, detail(limit));
			return;
		}
		chain.doFilter(declared >= 0 ? request : new Bounded(request, limit), response);
	}

	static String detail(long limit) {
		return "The request body is larger than " + DataSize.ofBytes(limit).toKilobytes()
				+ " KB, the most the API accepts (platform.api.max-body-size); send less.";
	}

	/** Thrown while reading a body without a length once it passes the limit. */
	static final class TooLarge extends IOException {

		private final long limit;

		TooLarge(long limit) {
			super(detail(limit));
			this.limit = limit;
		}

		long limit() {
			return limit;
		}

	}

	private static final class Bounded extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Bounded(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Counting(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			read += n;
			if (read > limit) {
				throw new TooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
